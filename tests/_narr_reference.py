"""The narrative scanner of ``jixiao.values.narrative`` as it was before its session-4 speed-ups,
frozen as the reference that the faster module must agree with, result for result
(tests/test_values_narrative.py). Not imported by the package; do not tune it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jixiao.values.lex import CN_CHARS, MULT, PREFIX_OPS, SUFFIX_OPS, cn_number, compose, halfwidth
from jixiao.values.units import _KNOWN_SET, CLASSIFIERS, KNOWN_UNITS, split_unit
from jixiao.values.narrative import Quantity
from jixiao.model import Op

# The number and unit patterns as they were (the package's own are now tuned for speed).
ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
NUM = rf"(?:{ARABIC}|[{CN_CHARS}]+)"
UNIT_ALT = "|".join(re.escape(u) for u in KNOWN_UNITS)



_SP = r"[ \t\r\n\u3000]"
# Optional parts are (?:X|), not X?: the same choices in the same order (X never matches empty),
# but re runs a group's ? as a repeat that allocates a context per try.
_NARR = re.compile(
    rf"""
    (?P<n1>{NUM})(?:(?P<m1>{MULT})|)(?:(?P<a1>余|多|\+)|)
    (?:{_SP}{{0,2}}(?:(?P<u1>{UNIT_ALT})|){_SP}{{0,2}}(?P<sep>[-~—–]|至|到){_SP}{{0,2}}
       (?P<n2>{NUM})(?:(?P<m2>{MULT})|)|)
    (?:(?P<a2>余|多|\+)|)
    (?:{_SP}{{0,3}}(?:\((?P<bunit>[^()]{{1,8}})\)|(?P<unit>{UNIT_ALT}))|)
    (?:(?P<a3>左右|上下|\+)|)
    (?:(?P<sop>及以上|以上|及以下|以下|以内|之内|内(?![容部涵在外存]))|)
    """,
    re.VERBOSE,
)
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

_PREFIX_WORDS = sorted(PREFIX_OPS, key=len, reverse=True)
_APPROX_WORDS = ("大约", "将近", "接近", "约", "近")


def _by_last_char(words: list[str] | tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Words grouped by their last character, each group in the original (priority) order."""
    out: dict[str, tuple[str, ...]] = {}
    for w in words:
        out[w[-1]] = out.get(w[-1], ()) + (w,)
    return out


_PREFIX_BY_LAST = _by_last_char(_PREFIX_WORDS)
_APPROX_BY_LAST = _by_last_char(_APPROX_WORDS)


def _word_ending(s: str, j: int, table: dict[str, tuple[str, ...]]) -> str | None:
    """The first word of ``table`` that ``s[:j]`` ends with: only words ending in ``s[j - 1]``
    are tried, instead of every operator word before every number."""
    if j <= 0:
        return None
    for w in table.get(s[j - 1], ()):
        if s.endswith(w, 0, j):
            return w
    return None
_CN_BEFORE_NOT_NUMBER = frozenset("第统唯之万专逐")
_ONE_AFTER_DETERMINER = frozenset("下上每同这那某其任前后进再逐")
"""A lone 一 after these is a determiner, not a count: 下一年度, 每一场, 同一指标, 进一步."""
_CN_IDIOMS = ("一条龙", "一体", "一对一", "一把手", "一线", "十分", "千家万户", "一批批")
_CN_BAD_UNITS = frozenset({"月", "日", "分", "号"})
_ENUM_OPEN = frozenset("(（〔[【")
_ENUM_CLOSE = frozenset(")）〕]】")

_DIGITISH = r"0-9\u0660-\u1c59\ua620-\uabf9\uff10-\uff19\U00010000-\U0010ffff"
"""A few ranges that hold every character ``\\d`` matches (Unicode decimal digits) and hardly any
Chinese text: the head patterns below open with a class built from them, which the regex
engine tests with one bitmap look-up per character, where ``\\d`` costs a Unicode database
look-up. Each alternative then re-checks ``\\d`` on the few candidates with a lookbehind."""
_CN_YEAR_DIGIT = "〇零一二三四五六七八九"
_BRACKETS = r"(（〔\[【"
_DATE_HEAD = re.compile(
    rf"""[{_DIGITISH}{_BRACKETS}{_CN_YEAR_DIGIT}]
    (?: (?<=\d) (?<![\d.]\d) (?: (?<=1)(?=9\d\d) | (?<=2)(?=0\d\d) | (?=\d?{_SP}*[-~—–至到月]) )
      | (?<=[{_BRACKETS}])
      | (?<=[{_CN_YEAR_DIGIT}]) (?=[{_CN_YEAR_DIGIT}]{{3}}{_SP}*年) )""",
    re.VERBOSE,
)
"""Every place a date can start, told by what follows: a year (19xx/20xx) or a one- or
two-digit number before 月 or a range sign, not inside a longer number; an opening bracket; four
Chinese digits before 年. Prose rarely has any, so ``_DATES`` is tried a few times per paragraph
instead of at every digit and every 一. The pattern opens with a plain class so that the regex
engine can skip to candidates in C."""

_UNIT_FOLLOW = re.escape("".join(sorted(set(" \t\r\n\u3000余多+-~—–至到(") | {u[0] for u in _KNOWN_SET})))


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


def _date_years(s: str, m: re.Match[str]) -> list[int] | None:
    """The years a ``_DATES`` match names; ``None`` when it is no date after all (a bare 2024
    before its unit, 一二三四年 outside 1900-2099)."""
    g = m.group
    if g("bare"):
        return [int(g("bare"))] if _bare_year(s, m.end()) else None
    if g("y1"):
        return [int(g("y1")), int(g("y2"))]
    if g("cy"):
        v = cn_number(g("cy"))
        return [int(v)] if v is not None and 1900 <= v < 2100 else None
    y = g("ymd") or g("y") or g("by")
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


_HEAD = re.compile(
    rf"""[{_DIGITISH}{CN_CHARS}{_BRACKETS}]
    (?: (?<=\d)\d*
      | (?<=[{CN_CHARS}]) (?: (?=[{CN_CHARS}]*[{_UNIT_FOLLOW}]) | (?<=[{_CN_YEAR_DIGIT}])(?=[{_CN_YEAR_DIGIT}]{{3}}{_SP}*年) )
      | (?<=[{_BRACKETS}]) )""",
    re.VERBOSE,
)
"""Where a date or a counting number can start, in one scan: a run of digits, an opening
bracket, a numeral of a Chinese year, or a numeral in a *live* run, one that a blank, 余/多/+, a
range sign, a bracket or a unit's first character follows. Scanning a paragraph costs more than
all the matching at its few heads, so :func:`find_quantities` scans once and sorts the heads.

A run of numerals followed by anything else ("进一步", "一定效果", "统一管理": most numerals of
real prose) cannot reach a measure word, so ``_NARR`` would match it without a unit and
:func:`_chinese_counts` would drop it; its match would cover only the run itself (plus perhaps
左右/以上, which hold no digits), so no later start is hidden by it either. Skipping such runs
changes no result and saves a regex match and a :func:`_quantity` call per numeral."""
_DATE_AT_DIGITS = re.compile(rf"(?<!\.)(?:(?:19|20)\d\d|\d{{1,2}}{_SP}*[-~—–至到月])")
"""Where ``_DATE_HEAD`` takes the first digit of a run (the run itself is never after a digit)."""
_CN_YEAR_AT = re.compile(rf"[{_CN_YEAR_DIGIT}]{{4}}{_SP}*年")
_CN_LIVE_AT = re.compile(rf"[{CN_CHARS}]+[{_UNIT_FOLLOW}]")
_CN_SET = frozenset(CN_CHARS)
_BRACKET_SET = frozenset("(（〔[【")


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text`` in order, with operator, unit, approximation and offsets.

    Dates and years are not quantities; neither are ordinals (第3), list numbers ("（2）",
    "1、") nor numbers glued to letters (5G).

    Two left-to-right scans share one pass over the heads: dates (``_DATES`` where
    ``_DATE_HEAD`` would try it) and numbers (``_NARR`` at digits and live numerals), each
    resuming after its own last match exactly as :func:`_scan` does; a number that starts
    inside a date is dropped. Every date starting at or before a number's start has been seen
    by then (dates start only at heads), and dates do not overlap, so the last one decides.
    """
    s = halfwidth(text)
    out: list[Quantity] = []
    date_end = narr_end = 0
    last_start = last_end = -1  # the last accepted date span
    for h in _HEAD.finditer(s):
        pos, stop = h.span()
        c = s[pos]
        if c in _CN_SET:
            date_head = pos >= date_end and _CN_YEAR_AT.match(s, pos) is not None
            narr_head = _CN_LIVE_AT.match(s, pos) is not None
        elif c in _BRACKET_SET:
            date_head, narr_head = pos >= date_end, False
        else:  # a run of digits
            date_head = pos >= date_end and _DATE_AT_DIGITS.match(s, pos) is not None
            narr_head = True
        if date_head:
            m = _DATES.match(s, pos)
            if m is not None:
                date_end = m.end()
                if _date_years(s, m) is not None:
                    last_start, last_end = pos, date_end
        if not narr_head:
            continue
        if pos < narr_end:
            pos = narr_end
        while pos < stop:
            m = _NARR.match(s, pos)
            if m is None:
                pos += 1
                continue
            narr_end = m.end()
            if not last_start <= pos < last_end:
                q = _quantity(s, m, text)
                if q is not None:
                    out.append(q)
            pos = narr_end
    return out


_new_quantity = tuple.__new__
"""``Quantity(...)`` without the named tuple's Python-level ``__new__`` (all nine fields given)."""
_GROUPS = ("n1", "m1", "a1", "u1", "sep", "n2", "m2", "a2", "bunit", "unit", "a3", "sop")
assert tuple(sorted(_NARR.groupindex, key=_NARR.groupindex.__getitem__)) == _GROUPS
"""``_NARR``'s groups in order: :func:`_quantity` unpacks ``m.groups()``, which skips looking up
twelve names in every match."""
_BLANKS = " \t\r\n\u3000"


@lru_cache(maxsize=1024)
def _unit_of(raw: str) -> str | None:
    """``split_unit(raw, strict=False)[0]``, memoised: a pure function of a short unit word,
    asked for the same few words (个, 次, %) in every paragraph."""
    return split_unit(raw, strict=False)[0]


def _quantity(s: str, m: re.Match[str], text: str) -> Quantity | None:
    """The quantity ``m`` reads, or ``None`` when the context says it is no count.

    The groups are fetched in one call and the cheap rejections come first: most matches of
    a long paragraph are rejected, and this runs for every one of them.
    """
    start, end = m.span()
    n1, m1, a1, u1, _sep, n2, m2, a2, bunit, unit_word, a3, sop = m.groups()
    cn = n1[0] in CN_CHARS
    before = s[start - 1] if start else ""
    if before and (before.isascii() and (before.isalnum() or before == ".") or before in "第#№"):
        return None
    after = s[end] if end < len(s) else ""
    unit_word = unit_word or u1
    if cn and not _chinese_counts(s, start, end, n1, unit_word, before):
        return None
    if after.isascii() and after.isalpha():
        return None
    raw_unit = _unit_of(bunit.strip()) if bunit else unit_word
    if not (m1 or n2 or cn or raw_unit and raw_unit[0] == "元"):
        # One Arabic number and no 万/元 to fold: what compose() returns, without its calls.
        try:
            value = float(n1.replace(",", ""))
        except ValueError:
            return None
        upper, unit = None, _unit_of(raw_unit) if raw_unit else None
    else:
        parts = compose(n1, m1, n2, m2, raw_unit)
        if parts is None:
            return None
        value, upper, money, rest = parts
        unit = money or (_unit_of(rest) if rest else None)
    if unit is None and not m1:
        if not _bare_number_counts(s, start, end, after):
            return None
        if not n2 and len(n1) == 4 and n1.isdigit() and n1[:2] in ("19", "20"):
            return None  # a lone 2024 is more likely a year than a count

    # Operator and approximation words stand before the number, possibly across a blank.
    approx = bool(a1 or a2 or a3)
    j = start
    while j > 0 and s[j - 1] in _BLANKS:
        j -= 1
    op_start = start
    w = _word_ending(s, j, _APPROX_BY_LAST) if j and s[j - 1] in _APPROX_BY_LAST else None
    if w is not None:
        approx, j, op_start = True, j - len(w), j - len(w)
    if cn and j > 0 and s[j - 1] == "上" and n1[0] in "百千万":
        approx, j, op_start = True, j - 1, j - 1
    op: Op | None = None
    w = _word_ending(s, j, _PREFIX_BY_LAST) if j and s[j - 1] in _PREFIX_BY_LAST else None
    if w is not None:
        op, op_start = PREFIX_OPS[w], j - len(w)  # type: ignore[assignment]
    if n2:
        op = "range" if op in (None, "=") else op
    elif sop and op is None:
        op = SUFFIX_OPS[sop]  # type: ignore[assignment]
    if not cn and before == "-" and op is None:
        prev2 = s[start - 2] if start >= 2 else ""
        if not (prev2.isascii() and prev2.isalnum()):
            value, op_start = -value, start - 1
    noun = None
    if unit in CLASSIFIERS:  # the word it counts: up to four Chinese characters
        k, stop = end, min(end + 4, len(s))
        while k < stop and "\u4e00" <= s[k] <= "\u9fff":
            k += 1
        noun = s[end:k] or None
    return _new_quantity(Quantity, (value, unit, op, approx, upper, op_start, end, text[op_start:end], noun))


def _chinese_counts(s: str, start: int, end: int, n1: str, unit: str | None, before: str) -> bool:
    """A Chinese numeral is a quantity only before a real measure word, and not in set phrases."""
    if not unit or unit in _CN_BAD_UNITS or before in _CN_BEFORE_NOT_NUMBER:
        return False
    if len(n1) == 1 and n1 in "百千万亿" and not (s.endswith("近", 0, start) or s.endswith("上", 0, start)):
        return False
    if any(s.startswith(w, start) for w in _CN_IDIOMS):
        return False
    if n1 == "一" and before in _ONE_AFTER_DETERMINER:
        return False
    return not s.startswith("性", end)


def _bare_number_counts(s: str, start: int, end: int, after: str) -> bool:
    """A number with no unit is kept unless it is a list mark, a code or glued to a word."""
    if after and ("\u4e00" <= after <= "\u9fff" or after in "、."):
        return False
    k = start - 1
    while k >= 0 and s[k] in " \t\u3000":
        k -= 1
    if k >= 0 and s[k] in _ENUM_OPEN and after in _ENUM_CLOSE:
        return False
    return True
