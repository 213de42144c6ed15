"""Dates and years in free narrative: what :func:`.find_quantities` sets aside, and what
:func:`find_years` reports.

Split from ``narrative``, which imports what its scanner shares from here: it tries
``_DATES`` only at the heads found by its own scan, and :func:`find_years` scans with ``_DATE_HEAD``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .lex import cn_number, halfwidth
from .units import _KNOWN_SET

__all__ = ["find_years"]

_SP = r"[ \t\r\n\u3000]"

_YEAR = r"(?:19|20)\d{2}"
_MONTH = rf"\d{{1,2}}{_SP}*(?:[-~—–至到]{_SP}*\d{{1,2}}{_SP}*|)月份?(?:{_SP}*\d{{1,2}}{_SP}*[日号]|)"
_MONTH_DAY = rf"(?:{_SP}*{_MONTH}|)"
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
_NOT_YEAR_NEXT = frozenset("万亿千百余多")

_DIGITISH = r"0-9\u0660-\u1c59\ua620-\uabf9\uff10-\uff19\U00010000-\U0010ffff"
"""A few ranges that hold every character ``\\d`` matches (Unicode decimal digits) and hardly any
Chinese text: the head patterns below open with a class built from them, which the regex
engine tests with one bitmap look-up per character, where ``\\d`` costs a Unicode database
look-up. Each alternative then re-checks ``\\d`` on the few candidates with a lookbehind."""
_CN_YEAR_DIGIT = "〇零一二三四五六七八九"
_BRACKETS = r"(（〔\[【"
DIGIT_DATE_NEXT = rf"(?: (?<=1)(?=9\d\d) | (?<=2)(?=0\d\d) | (?=\d?{_SP}*[-~—–至到月]) )"
"""After the first digit of a run (verbose syntax): a date can start here, a year (19xx/20xx) or a
one- or two-digit number before 月 or a range sign."""
CN_YEAR_NEXT = rf"(?<=[{_CN_YEAR_DIGIT}])(?=[{_CN_YEAR_DIGIT}]{{3}}{_SP}*年)"
"""At a Chinese digit: four of them before 年 start a year."""
_DATE_HEAD = re.compile(
    rf"""[{_DIGITISH}{_BRACKETS}{_CN_YEAR_DIGIT}]
    (?: (?<=\d) (?<![\d.]\d) {DIGIT_DATE_NEXT}
      | (?<=[{_BRACKETS}])
      | {CN_YEAR_NEXT} )""",
    re.VERBOSE,
)
"""Every place a date can start, told by what follows: a year (19xx/20xx) or a one- or
two-digit number before 月 or a range sign, not inside a longer number; an opening bracket; four
Chinese digits before 年. Prose rarely has any, so ``_DATES`` is tried a few times per paragraph
instead of at every digit and every 一. The pattern opens with a plain class so that the regex
engine can skip to candidates in C."""


def _scan(pattern: re.Pattern[str], head: re.Pattern[str], s: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(s)``, but tried only at the characters of ``head``'s matches.

    Python's regex engine cannot skip ahead for patterns that open with a lookbehind or an
    alternation, so ``finditer`` attempts every alternative at every character of a long
    narrative; the few places worth trying are found by one class scan in C instead, a run of
    digits at a time. Matches are identical: both scans go left to right and resume after each
    match, also when one ends inside a run of digits ("1,2345": ``1,234`` then ``5``), and
    ``match(s, pos)`` still sees the text before ``pos`` for the lookbehinds (neither pattern
    matches empty).
    """
    end = 0
    for h in head.finditer(s):
        pos, stop = h.span()
        if pos < end:
            pos = end
        while pos < stop:
            m = pattern.match(s, pos)
            if m is None:
                pos += 1
                continue
            end = pos = m.end()
            yield m


def _date_spans(s: str) -> list[tuple[int, int, list[int]]]:
    spans: list[tuple[int, int, list[int]]] = []
    for m in _scan(_DATES, _DATE_HEAD, s):
        years = _date_years(s, m)
        if years is not None:
            spans.append((m.start(), m.end(), years))
    return spans


_DATE_GROUPS = ("y1", "y2", "ymd", "s", "y", "cy", "by", "bare")
"""``_DATES``'s groups in order: :func:`_date_years` unpacks ``m.groups()`` in one call instead of
looking up to six groups by name (a date opens nearly every 实际完成情况)."""
if tuple(sorted(_DATES.groupindex, key=_DATES.groupindex.__getitem__)) != _DATE_GROUPS:
    raise RuntimeError("_DATES's groups changed: update _DATE_GROUPS and _date_years")


def _date_years(s: str, m: re.Match[str]) -> list[int] | None:
    """The years a ``_DATES`` match names; ``None`` when it is no date after all (a bare 2024
    before its unit, 一二三四年 outside 1900-2099)."""
    y1, y2, ymd, _sep, y, cy, by, bare = m.groups()
    if bare:
        return [int(bare)] if _bare_year(s, m.end()) else None
    if y1:
        return [int(y1), int(y2)]
    if cy:
        v = cn_number(cy)
        return [int(v)] if v is not None and 1900 <= v < 2100 else None
    y = ymd or y or by
    return [int(y)] if y else []


def _bare_year(s: str, end: int) -> bool:
    """A bare 2024 is a year only when a word follows that is not its unit ("2024上海市")."""
    k = end
    while k < len(s) and s[k] in " \t\u3000":
        k += 1
    if k >= len(s) or not "\u4e00" <= s[k] <= "\u9fff" or s[k] in _NOT_YEAR_NEXT:
        return False
    return not any(s.startswith(u, k) for u in _UNIT_HEADS.get(s[k], ()))


_UNIT_HEADS: dict[str, tuple[str, ...]] = {}
for _u in _KNOWN_SET:
    _UNIT_HEADS[_u[0]] = _UNIT_HEADS.get(_u[0], ()) + (_u,)


def find_years(text: str) -> list[int]:
    """Every year the text names, in order and with repeats: 2024年, 2024年度, 2023-2025年,
    2024-12-31, 二〇二四年, 〔2020〕, and a bare 2024 before a word ("2024上海市").
    """
    return [y for _s, _e, years in _date_spans(halfwidth(text)) for y in years]
