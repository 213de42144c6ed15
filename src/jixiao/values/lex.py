"""Lexical pieces of the value grammar shared by cells and narrative: normalisation, operator
words, number tokens (Arabic, Chinese, 万/亿 multipliers) and their numeric value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from math import isfinite

from .units import KNOWN_UNITS

__all__ = [
    "halfwidth",
    "PREFIX_OPS",
    "PREFIX_OP_RE",
    "SUFFIX_OPS",
    "APPROX_PREFIXES",
    "NUM",
    "MULT",
    "CN_CHARS",
    "UNIT_ALT",
    "number_value",
    "cn_number",
    "scan",
]

# Full-width ASCII -> half-width, except the full-width comma: in running Chinese text "，" ends
# a clause ("6场，受众人数"), it is never a thousands separator.
_FW = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if c != 0xFF0C}
_FW.update({0x3000: 0x20, 0x2212: 0x2D, 0xFE6A: 0x25, 0x301C: 0x7E, 0x00A0: 0x20, 0x2236: 0x3A})


_FW_ANY = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FW)) + "]")
_FW_CHAR = {chr(k): chr(v) for k, v in _FW.items()}


def halfwidth(s: str) -> str:
    """Full-width digits and symbols folded to ASCII, one character for one (offsets survive).

    The few characters to fold (often none) are found by one regex search: ``str.translate``
    looks every character of a long narrative up in a dict, which costs several times more.
    """
    return _FW_ANY.sub(lambda m: _FW_CHAR[m.group()], s)


# Operator words, after halfwidth(). Longest first matters: 不低于 must win over 低于.
PREFIX_OPS: dict[str, str] = {
    "大于或等于": ">=", "大于等于": ">=", "不低于": ">=", "不少于": ">=", "不小于": ">=",
    "至少": ">=", "达到": ">=", "≥": ">=", "≧": ">=", ">=": ">=", "=>": ">=",
    "小于或等于": "<=", "小于等于": "<=", "不高于": "<=", "不超过": "<=", "不多于": "<=",
    "不大于": "<=", "控制在": "<=", "≤": "<=", "≦": "<=", "<=": "<=", "=<": "<=",
    "高于": ">", "超过": ">", "多于": ">", "大于": ">", "逾": ">", ">": ">",
    "低于": "<", "少于": "<", "小于": "<", "<": "<",
    "等于": "=", "=": "=",
    "±": "±", "+-": "±",
}
_PREFIX_SORTED = sorted(PREFIX_OPS, key=len, reverse=True)
PREFIX_OP_RE = "|".join(re.escape(w) for w in _PREFIX_SORTED)

SUFFIX_OPS: dict[str, str] = {
    "及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=", "以内": "<=", "之内": "<=",
    "内": "<=",
}
SUFFIX_OP_RE = "|".join(sorted(SUFFIX_OPS, key=len, reverse=True))

APPROX_PREFIXES = ("大约", "将近", "接近", "约", "近")
APPROX_PREFIX_RE = "大约|将近|接近|约|近|上(?=[百千万])"

CN_DIGITS = "零〇一二两三四五六七八九"
CN_CHARS = CN_DIGITS + "十百千万亿"
_CN_PLACES = frozenset("十百千万亿")
_CN_DIGIT_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}

# A number token: Arabic with optional thousands separators and decimals, or a Chinese numeral.
ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
NUM = rf"(?:{ARABIC}|[{CN_CHARS}]+)"
# 千 is a multiplier except in 千米 / 千克 / 千瓦 (units of their own).
MULT = r"(?:千万|百万|万|亿|千(?![米克瓦]))"
_MULT_VALUE = {"千万": 1e7, "百万": 1e6, "万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}

UNIT_ALT = "|".join(re.escape(u) for u in KNOWN_UNITS)
"""Every known unit, longest first: an alternation takes the first that matches."""


@lru_cache(maxsize=4096)
def cn_number(tok: str) -> float | None:
    """The value of a Chinese numeral (十六, 两千, 一万二千, 百, 二〇二四); ``None`` if it is not one.

    Cached: the same few numerals recur, and cn2an is slow next to a dictionary look-up.
    """
    if not tok:
        return None
    if len(tok) > 1 and not (_CN_PLACES & set(tok)):
        # Digit by digit, as years are written (二〇二四).
        # float of the digit string, not of an int: the same rounding, and 309 digits give inf
        # (dropped by number_value) where float(int) raised OverflowError
        return float("".join(str(_CN_DIGIT_VALUE[c]) for c in tok))
    if tok[0] in "百千万亿":
        tok = "一" + tok
    import cn2an  # imported on first use: its import is slow and most cells never need it

    try:
        return float(cn2an.cn2an(tok, "smart"))
    except (ValueError, KeyError, IndexError, TypeError, OverflowError):
        return None


def number_value(tok: str, mult: str | None = None) -> float | None:
    """The value of a number token times its multiplier (1.2 + 万 -> 12000); ``None`` when it is
    no number, or too large for a float (309 digits, 1e300 亿): the model refuses infinity, so
    such a token is as unreadable as "-一"."""
    c = tok[0]
    v: float | None
    if c.isdigit() or c == "-":
        try:
            v = float(tok.replace(",", ""))
        except ValueError:  # "-一": a dash before a Chinese numeral is not a signed number
            return None
    else:
        v = cn_number(tok)
        if v is None:
            return None
    if mult:
        v *= _MULT_VALUE[mult]
    return v if isfinite(v) else None


def compose(
    n1: str, m1: str | None, n2: str | None, m2: str | None, unit: str | None
) -> tuple[float, float | None, str | None, str | None] | None:
    """(value, upper, money unit, rest of the unit) for one or two number tokens.

    The 万/亿 before 元 belongs to the unit (5.5万元 is 5.5 in 万元, as the forms count money);
    elsewhere it multiplies (1.2万人次 is 12000 人次), and in a range written once it serves
    both ends (1-2万人).
    """
    money = None
    if unit and unit[0] == "元":
        last = m2 if n2 else m1
        if last in ("千万", "百万"):  # 3千万元 is 3000 万元
            money, unit = "万元", unit[1:] or None
            if n2:
                m2 = "千" if last == "千万" else "百"
            else:
                m1 = "千" if last == "千万" else "百"
        elif last in ("万", "亿", "千"):
            money, unit = last + "元", unit[1:] or None
            if n2:
                m2 = None
                m1 = None if m1 == last else m1
            else:
                m1 = None
        elif not n2 and len(n1) > 1 and n1[-1] in "万亿" and not n1[0].isdigit():
            money, unit, n1 = n1[-1] + "元", unit[1:] or None, n1[:-1]
    if n2 and m1 is None:
        m1 = m2
    value = number_value(n1, m1)
    if value is None:
        return None
    upper = None
    if n2:
        upper = number_value(n2, m2 or m1)
        if upper is None:
            return None
    return value, upper, money, unit


def scan(pattern: re.Pattern[str], first: re.Pattern[str], s: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(s)`` for a pattern that can only start at a character ``first`` matches.

    The narrative patterns open with lookbehinds and alternations, so the regex engine cannot
    skip ahead by itself and would try them at every character of a paragraph; looking for a
    possible first character first is what keeps reading narratives cheap. Like ``finditer``,
    each search resumes after the previous match (the patterns never match empty).
    """
    pos = 0
    while (c := first.search(s, pos)) is not None:
        m = pattern.match(s, c.start())
        if m is None:
            pos = c.start() + 1
        else:
            pos = m.end()
            yield m
