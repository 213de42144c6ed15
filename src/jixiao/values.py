"""The value grammar: how 年度指标值 / 实际完成值 cells and narrative quantities are read.

PLACEHOLDER: a minimal first cut so readers can start; the full grammar (operators, Chinese
numerals, 万/亿, approximations, ranges, placeholders, tiers and synonyms, narrative quantities)
replaces it.
"""

from __future__ import annotations

import re

from .model import Tier, Value

__all__ = ["parse_value", "tier_of"]

_TIERS: list[tuple[str, Tier]] = [
    ("未达成", "unachieved"),
    ("部分达成", "partial"),
    ("达成", "achieved"),
]
_OPS = {"≥": ">=", "≤": "<=", "=": "=", ">": ">", "<": "<"}
_RE = re.compile(r"^\s*([≥≤=><])?\s*(\d+(?:\.\d+)?)\s*\(?\s*([^\d()（）\s]*)\s*\)?\s*$")


def tier_of(text: str) -> Tier | None:
    for word, tier in _TIERS:
        if word in text:
            return tier
    return None


def parse_value(text: str) -> Value:
    m = _RE.match(text)
    if m:
        op = _OPS.get(m.group(1) or "")
        return Value(text=text, op=op, value=float(m.group(2)), unit=m.group(3) or None)  # type: ignore[arg-type]
    return Value(text=text, tier=tier_of(text))
