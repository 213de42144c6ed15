"""Quantities and years in free narrative (年度总体目标, deviation text), for the N and S rules.

Narrative is not a cell: numbers stand among words, so only a known unit makes a number a
quantity, dates and years are set aside (they are reported by :func:`find_years` instead), and
Chinese numerals count only where they clearly count something ("十六个区", not "一定效果").
PDF extraction puts blanks around numbers ("截至 2024年 12月 31日，…覆盖 16个区"); the
patterns allow them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..model import Op
from .dates import (
    _BRACKETS,
    _DATES,
    _DIGITISH,
    _SP,
    CN_YEAR_NEXT,
    DIGIT_DATE_NEXT,
    _date_years,
    find_years,
)
from .lex import (
    CN_CHARS,
    MULT,
    NUM,
    PREFIX_OPS,
    SUFFIX_OPS,
    UNIT_ALT,
    compose,
    halfwidth,
)
from .units import _KNOWN_SET, CLASSIFIERS, split_unit

__all__ = ["Quantity", "find_quantities", "find_years"]


class Quantity(NamedTuple):
    """One quantity found in narrative; ``start``/``end`` index the original text.

    ``noun`` is the word right after a measure word (覆盖 16个区 -> 个, noun 区), at most four
    characters and cut at punctuation: compare it with ``startswith``, it may run on.
    ``unit`` is ``None`` for a bare number ("受众人数 1230，").

    A named tuple rather than a frozen dataclass: one is built for every figure of every
    narrative, and a tuple is built four times faster; it is just as immutable.
    """

    value: float
    unit: str | None
    op: Op | None
    approx: bool
    upper: float | None
    start: int
    end: int
    text: str
    noun: str | None = None


# Optional parts are (?:X|), not X?: the same choices in the same order (X never matches empty),
# but re runs a group's ? as a repeat that allocates a context per try.
# The range part is gated by a look-ahead it implies: its sign stands within the next nine
# characters (two blanks, a unit of at most four, two blanks). Most numbers have no range, and
# the gate spares them trying every unit before the sign only to back off; it is possessive
# (``{0,8}+``), since backing off over characters that are no sign cannot find one.
_RANGE_SIGNS = "-~—–至到"
_UNIT_MAX = max(len(u) for u in _KNOWN_SET)
_NARR = re.compile(
    rf"""
    (?P<n1>{NUM})(?:(?P<m1>{MULT})|)(?:(?P<a1>余|多|\+)|)
    (?:(?=[^{_RANGE_SIGNS}]{{0,{4 + _UNIT_MAX}}}+[{_RANGE_SIGNS}])
       {_SP}{{0,2}}(?:(?P<u1>{UNIT_ALT})|){_SP}{{0,2}}(?P<sep>[-~—–]|至|到){_SP}{{0,2}}
       (?P<n2>{NUM})(?:(?P<m2>{MULT})|)|)
    (?:(?P<a2>余|多|\+)|)
    (?:{_SP}{{0,3}}(?:\((?P<bunit>[^()]{{1,8}})\)|(?P<unit>{UNIT_ALT}))|)
    (?:(?P<a3>左右|上下|\+)|)
    (?:(?P<sop>及以上|以上|及以下|以下|以内|之内|内(?![容部涵在外存]))|)
    """,
    re.VERBOSE,
)
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

_UNIT_FOLLOW = re.escape("".join(sorted(set(" \t\r\n\u3000余多+-~—–至到(") | {u[0] for u in _KNOWN_SET})))
_HEAD = re.compile(
    rf"""[{_DIGITISH}{CN_CHARS}{_BRACKETS}]
    (?: (?<=\d) (?: (?<!\.\d) {DIGIT_DATE_NEXT} (?P<digits_date>)
                 | (?P<digits>) ) \d*
      | (?<=[{CN_CHARS}]) (?: (?=[{CN_CHARS}]*[{_UNIT_FOLLOW}]) (?: {CN_YEAR_NEXT} (?P<live_year>) | (?P<live>) )
                          | {CN_YEAR_NEXT} (?P<year>) )
      | (?<=[{_BRACKETS}]) (?P<bracket>) )""",
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
changes no result and saves a regex match and a :func:`_quantity` call per numeral.

Each head also says, by the one empty group it closes (``lastindex``), whether ``_DATES`` and
``_NARR`` are worth trying there, tested relative to the character after the head's first:
``_DATE_HEAD``'s test of a digit run's first digit (19xx/20xx, or one or two digits before 月 or
a range sign, not after a ".": ``(?<!\\.\\d)`` there is ``(?<!\\.)`` before the digit), four
Chinese digits before 年, and the live run (``[numerals]*[follow]`` after the first numeral).
Asking the one scan saves a second match call per head."""
_HEAD_ROLE = {"digits_date": (True, True), "digits": (False, True), "live_year": (True, True),
              "live": (False, True), "year": (True, False), "bracket": (True, False)}
_HEAD_KINDS: list[tuple[bool, bool]] = [(False, False)] * (len(_HEAD_ROLE) + 1)
for _name, _i in _HEAD.groupindex.items():
    _HEAD_KINDS[_i] = _HEAD_ROLE[_name]
"""(may a date start here, may a number start here), indexed by the head's ``lastindex``."""


_DATE_SEALS = frozenset(("", "，", "。", "、", ";", ":", "!", "?", "“", "”"))
"""What may follow a date (after :func:`.halfwidth`; "" at the end of the text) so that a number
matched inside the date ends inside it: a ``_NARR`` match holds none of these characters except
in a bracketed unit, whose "(" would stand inside the date (checked: only a bracketed year holds
one). A number head inside such a date (the 12 and the 31 of 截至2024年12月31日，) is then not
matched at all: its matches would be dropped as part of the date, and would move ``narr_end``
only to places no later head starts before. This saves a ``_NARR`` match per number of the date
that opens most 实际完成情况."""


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
    sealed = False  # whether no number matched inside that span can reach past its end
    for h in _HEAD.finditer(s):
        pos, stop = h.span()
        date_head, narr_head = _HEAD_KINDS[h.lastindex]
        if date_head and pos >= date_end:
            m = _DATES.match(s, pos)
            if m is not None:
                date_end = m.end()
                if _date_years(s, m) is not None:
                    last_start, last_end = pos, date_end
                    sealed = s[date_end : date_end + 1] in _DATE_SEALS and s.find("(", pos, date_end) < 0
        if not narr_head or sealed and last_start <= pos and stop <= last_end:
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
_BLANK_SET = frozenset(_BLANKS)
_CN_SET = frozenset(CN_CHARS)
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NOT_BEFORE = _ASCII_LETTERS | frozenset("0123456789.第#№")
"""A number right after these is part of a code, a decimal or an ordinal (A3, 1.5 read from 5,
第3): the one-character tests of ``str.isascii``/``isalnum`` as one set look-up."""
_NOUN = re.compile("[\u4e00-\u9fff]{1,4}")
_WORD_ENDS = _BLANK_SET.union(_APPROX_BY_LAST, _PREFIX_BY_LAST)
"""The characters right before a number after which :func:`_quantity` looks further back: a blank,
or the last character of an approximation or operator word (上 of 上百 only after a numeral)."""


class _UnitMemo(dict):  # type: ignore[type-arg]
    """``split_unit(raw, strict=False)[0]`` per unit word, computed on first ask: a pure function
    of a short word, asked for the same few (个, 次, %) in every paragraph; a hit is one dict
    look-up in C instead of a call. Emptied when large (bracketed units are free text)."""

    __slots__ = ()

    def __missing__(self, raw: str) -> str | None:
        if len(self) > 4096:
            self.clear()
        out = self[raw] = split_unit(raw, strict=False)[0]
        return out


_UNIT_OF = _UnitMemo()


def _quantity(s: str, m: re.Match[str], text: str) -> Quantity | None:
    """The quantity ``m`` reads, or ``None`` when the context says it is no count.

    The groups are fetched in one call and the cheap rejections come first, by set look-ups on
    one-character slices (empty at either end of the text): this runs for every number of every
    narrative, and the common figure ("达标率100%") takes no other call but ``float``.
    """
    start, end = m.span()
    before = s[start - 1 : start]
    if before in _NOT_BEFORE or s[end : end + 1] in _ASCII_LETTERS:
        return None
    n1, m1, a1, u1, _sep, n2, m2, a2, bunit, unit_word, a3, sop = m.groups()
    cn = n1[0] in _CN_SET
    unit_word = unit_word or u1
    if cn and not _chinese_counts(s, start, end, n1, unit_word, before):
        return None
    raw_unit = _UNIT_OF[bunit.strip()] if bunit else unit_word
    if not (m1 or n2 or cn or raw_unit and raw_unit[0] == "元"):
        # One Arabic number and no 万/元 to fold: what compose() returns, without its calls. float()
        # takes no comma, so the separators are dropped only for a number that has some.
        try:
            value = float(n1)
        except ValueError:
            try:
                value = float(n1.replace(",", ""))
            except ValueError:
                return None
        upper, unit = None, _UNIT_OF[raw_unit] if raw_unit else None
    else:
        parts = compose(n1, m1, n2, m2, raw_unit)
        if parts is None:
            return None
        value, upper, money, rest = parts
        unit = money or (_UNIT_OF[rest] if rest else None)
    if unit is None and not m1:
        if not _bare_number_counts(s, start, end, s[end : end + 1]):
            return None
        if not n2 and len(n1) == 4 and n1.isdigit() and n1[:2] in ("19", "20"):
            return None  # a lone 2024 is more likely a year than a count

    # Operator and approximation words stand before the number, possibly across a blank;
    # ``prev`` is the character before ``j`` ("" at the start), tested against each table.
    approx = (a1 or a2 or a3) is not None  # each group is None or a non-empty word
    op_start = start
    op: Op | None = None
    if cn or before in _WORD_ENDS:  # otherwise none of the four tests below can hold
        j = start
        prev = before
        if prev in _BLANK_SET:
            j -= 1
            while j > 0 and s[j - 1] in _BLANK_SET:
                j -= 1
            prev = s[j - 1 : j] if j else ""
        if prev in _APPROX_BY_LAST:
            w = _word_ending(s, j, _APPROX_BY_LAST)
            if w is not None:
                approx, j = True, j - len(w)
                op_start, prev = j, s[j - 1 : j] if j else ""
        if cn and prev == "上" and n1[0] in "百千万":
            approx, j = True, j - 1
            op_start, prev = j, s[j - 1 : j] if j else ""
        if prev in _PREFIX_BY_LAST:
            w = _word_ending(s, j, _PREFIX_BY_LAST)
            if w is not None:
                op, op_start = PREFIX_OPS[w], j - len(w)  # type: ignore[assignment]
    if n2:
        op = "range" if op in (None, "=") else op
    elif sop and op is None:
        op = SUFFIX_OPS[sop]  # type: ignore[assignment]
    if before == "-" and not cn and op is None:
        prev2 = s[start - 2] if start >= 2 else ""
        if not (prev2.isascii() and prev2.isalnum()):
            value, op_start = -value, start - 1
    noun = None
    if unit in CLASSIFIERS:  # the word it counts: up to four Chinese characters
        k = _NOUN.match(s, end)
        if k is not None:
            noun = k.group()
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
