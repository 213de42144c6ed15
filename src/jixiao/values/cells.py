"""Value cells: how one 年度指标值 / 实际完成值 cell is read.

A cell is read whole: an optional operator word, a number (Arabic, full-width, with thousands
separators, Chinese, with 万/亿), an optional range or tolerance, a unit in or out of brackets,
and approximation marks. Anything else is kept as text: a placeholder, a tier label, or a
qualitative target.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..model import Op, Tier, Value, validate_value
from .lex import (
    APPROX_PREFIX_RE,
    CN_CHARS,
    MULT,
    NUM,
    PREFIX_OP_RE,
    PREFIX_OPS,
    SUFFIX_OP_RE,
    SUFFIX_OPS,
    compose,
    halfwidth,
)
from .tiers import tier_of
from .units import split_unit

__all__ = ["parse_value", "value_fields", "cell_value", "parse_number", "is_placeholder"]

_PLACEHOLDER = re.compile(r"[-—–―/*]*|无|暂无|不适用|n/?a", re.IGNORECASE)
_TRAILING = "。；;，,、"

_CELL = re.compile(
    rf"""
    (?P<op>{PREFIX_OP_RE})?
    (?P<pre>{APPROX_PREFIX_RE})?
    (?P<n1>-?{NUM})(?P<m1>{MULT})?(?P<a1>余|多|\+)?
    (?:
      (?P<u1>\([^()]{{1,8}}\)|[%‰]|[\u4e00-\u9fff]{{1,4}}?)?
      (?P<sep>[-~—–]|至|到)
      (?P<n2>-?{NUM})(?P<m2>{MULT})?(?P<a2>余|多|\+)?
    )?
    (?P<unit>\([^()]{{1,10}}\)|[%‰㎡㎞]|[A-Za-z][A-Za-z0-9²³/]{{0,4}}|[\u4e00-\u9fff]{{1,3}}/[\u4e00-\u9fff]{{1,2}}[·*＊、][\u4e00-\u9fff]|[\u4e00-\u9fff/]{{1,7}}?)?
    (?P<a3>左右|上下|\+)?
    (?P<sop>{SUFFIX_OP_RE})?
    (?P<bunit>\([^()]{{1,10}}\))?
    """,
    re.VERBOSE,
)
_PERCENT_WORDS = re.compile(rf"百分之((?:\d+(?:\.\d+)?)|[{CN_CHARS}]+)")

_Parsed = tuple[Op | None, float | None, float | None, str | None, bool, Tier | None]
_TEXT_ONLY: _Parsed = (None, None, None, None, False, None)


def is_placeholder(text: str) -> bool:
    """True for cells that say "nothing here" ("-", "—", "/", "*", "无", "不适用", "N/A", "")."""
    s = "".join(halfwidth(text).split())
    return _PLACEHOLDER.fullmatch(s) is not None


def parse_value(text: str) -> Value:
    """Read one value cell; ``text`` is kept verbatim, the parsed fields are ``None`` when absent."""
    return validate_value(value_fields(text))


def value_fields(text: str) -> dict[str, Any]:
    """``parse_value(text)`` as the plain dict of its fields, for a reader that validates a whole
    ``Form`` at once."""
    op, value, upper, unit, approx, tier = _parse(text)
    return {"text": text, "op": op, "value": value, "upper": upper, "unit": unit, "approx": approx, "tier": tier}


@lru_cache(maxsize=4096)
def cell_value(text: str) -> Value:
    """``parse_value(text)``, one shared instance per distinct cell text.

    A form's cells come from a small set ("≥90.00(%)", "达成指标", "100%"), so reading each once
    saves most of building its ``Value``. Sharing is safe because ``Value`` is frozen.
    """
    return parse_value(text)


def parse_number(text: str) -> tuple[float, bool] | None:
    """The plain number a cell holds and whether it is approximate; ``None`` for anything with an
    operator, a range or no number at all. A unit may follow ("170.00", "1.2万", "约500人").
    """
    op, value, _upper, _unit, approx, _tier = _parse(text)
    if value is None or op is not None:
        return None
    return value, approx


@lru_cache(maxsize=16384)
def _parse(text: str) -> _Parsed:
    s = "".join(halfwidth(text).split()).rstrip(_TRAILING)
    if _PLACEHOLDER.fullmatch(s):
        return _TEXT_ONLY
    tier = tier_of(s)
    if tier is not None:
        return (None, None, None, None, False, tier)
    if "百分之" in s:
        s = _PERCENT_WORDS.sub(r"\1%", s)
    m = _CELL.fullmatch(s)
    if m is None:
        return _TEXT_ONLY
    return _from_match(m) or _TEXT_ONLY


def _from_match(m: re.Match[str]) -> _Parsed | None:
    g = m.group
    n1 = g("n1")
    cn = not (n1[0].isdigit() or n1[0] == "-")
    if n1 in ("千", "万", "亿") and not g("pre"):
        return None  # 万人, 千家: a word, not a number (上千人, 近万人 are numbers)
    raw_unit = g("unit") or g("bunit") or g("u1")
    bracketed = bool(raw_unit) and raw_unit[0] == "("
    parts = compose(n1, g("m1"), g("n2"), g("m2"), None if bracketed else raw_unit)
    if parts is None:
        return None
    value, upper, unit, rest = parts
    if bracketed:
        unit = unit or split_unit(raw_unit[1:-1], strict=False)[0]
    elif rest:
        found, ok = split_unit(rest, strict=True, cn_number=cn)
        if not ok or unit:
            return None
        unit = found
    op: Any = PREFIX_OPS[g("op")] if g("op") else None
    if upper is not None:
        if op not in (None, "="):
            return None
        op = "range"
    sop = g("sop")
    if sop and op is None:
        op = SUFFIX_OPS[sop]
    elif sop and op != SUFFIX_OPS[sop]:
        return None
    approx = bool(g("pre") or g("a1") or g("a2") or g("a3"))
    return (op, value, upper, unit, approx, None)
