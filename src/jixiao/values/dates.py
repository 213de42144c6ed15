"""Dates and years in free narrative: what :func:`.find_quantities` sets aside, and what
:func:`find_years` reports.
"""

from __future__ import annotations

import re

from .lex import cn_number, halfwidth, scan
from .units import KNOWN_UNITS

__all__ = ["find_years", "date_spans"]

_SP = r"[ \t\r\n\u3000]"

_YEAR = r"(?:19|20)\d{2}"
_MONTH = rf"\d{{1,2}}{_SP}*(?:[-~—–至到]{_SP}*\d{{1,2}}{_SP}*)?月份?(?:{_SP}*\d{{1,2}}{_SP}*[日号])?"
_MONTH_DAY = rf"(?:{_SP}*{_MONTH})?"
_DATES = re.compile(
    rf"""
    (?<![\d.,])(?P<y1>{_YEAR}){_SP}*[-~—–至到]{_SP}*(?P<y2>{_YEAR}){_SP}*年度?
  | (?<![\d.,])(?P<ymd>{_YEAR}){_SP}*(?P<s>[-/.]){_SP}*\d{{1,2}}{_SP}*(?P=s){_SP}*\d{{1,2}}(?!\d)
  | (?<![\d.,])(?P<y>{_YEAR}){_SP}*年度?{_MONTH_DAY}
  | (?P<cy>[〇零一二三四五六七八九]{{4}}){_SP}*年度?
  | (?<![\d.]){_MONTH}
  | [(（〔\[【]{_SP}*(?P<by>{_YEAR}){_SP}*[)）〕\]】]
  | (?<![\d.,])(?P<bare>{_YEAR})(?![\d.,%])
    """,
    re.VERBOSE,
)
_DATE_FIRST = re.compile(r"[\d〇零一二三四五六七八九(（〔\[【](?<![\d.]\d)")
"""The characters a date can start with, less a digit after a digit or a point: every Arabic
date opens with a lookbehind for a digit or a point, so none starts inside a number."""
_NOT_YEAR_NEXT = frozenset("万亿千百余多")


def date_spans(s: str) -> list[tuple[int, int, list[int]]]:
    """(start, end, years) of every date of the half-width text ``s``, in order."""
    spans: list[tuple[int, int, list[int]]] = []
    for m in scan(_DATES, _DATE_FIRST, s):
        years = _date_years(s, m)
        if years is not None:
            spans.append((m.start(), m.end(), years))
    return spans


def _date_years(s: str, m: re.Match[str]) -> list[int] | None:
    """The years a ``_DATES`` match names; ``None`` when it is no date after all (a bare 2024
    before its unit, 一二三四年 outside 1900-2099)."""
    if m["bare"]:
        return [int(m["bare"])] if _bare_year(s, m.end()) else None
    if m["y1"]:
        return [int(m["y1"]), int(m["y2"])]
    if m["cy"]:
        v = cn_number(m["cy"])
        return [int(v)] if v is not None and 1900 <= v < 2100 else None
    y = m["ymd"] or m["y"] or m["by"]
    return [int(y)] if y else []


def _bare_year(s: str, end: int) -> bool:
    """A bare 2024 is a year only when a word follows that is not its unit ("2024上海市")."""
    k = end
    while k < len(s) and s[k] in " \t\u3000":
        k += 1
    if k >= len(s) or not "\u4e00" <= s[k] <= "\u9fff" or s[k] in _NOT_YEAR_NEXT:
        return False
    return not s.startswith(KNOWN_UNITS, k)


def find_years(text: str) -> list[int]:
    """Every year the text names, in order and with repeats: 2024年, 2024年度, 2023-2025年,
    2024-12-31, 二〇二四年, 〔2020〕, and a bare 2024 before a word ("2024上海市").
    """
    return [y for _s, _e, years in date_spans(halfwidth(text)) for y in years]
