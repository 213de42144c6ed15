"""Quantities and years in free narrative (年度总体目标, deviation text), for the N and S rules.

Narrative is not a cell: numbers stand among words, so only a known unit makes a number a
quantity, dates and years are set aside (they are reported by :func:`find_years` instead), and
Chinese numerals count only where they clearly count something ("十六个区", not "一定效果").
PDF extraction puts blanks around numbers ("截至 2024年 12月 31日，…覆盖 16个区"); the
patterns allow them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..model import Op
from .dates import date_spans, find_years
from .lex import CN_CHARS, MULT, NUM, PREFIX_OPS, SUFFIX_OPS, UNIT_ALT, compose, halfwidth, scan
from .units import CLASSIFIERS, KNOWN_UNITS, split_unit

__all__ = ["Quantity", "find_quantities", "find_years"]


class Quantity(NamedTuple):
    """One quantity found in narrative; ``start``/``end`` index the original text.

    ``noun`` is the word right after a measure word (覆盖 16个区 -> 个, noun 区), at most four
    characters and cut at punctuation: compare it with ``startswith``, it may run on.
    ``unit`` is ``None`` for a bare number ("受众人数 1230，").
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


_SP = r"[ \t\r\n\u3000]"
_NARR = re.compile(
    rf"""
    (?P<n1>{NUM})(?P<m1>{MULT})?(?P<a1>余|多|\+)?
    (?:{_SP}{{0,2}}(?P<u1>{UNIT_ALT})?{_SP}{{0,2}}(?P<sep>[-~—–]|至|到){_SP}{{0,2}}
       (?P<n2>{NUM})(?P<m2>{MULT})?)?
    (?P<a2>余|多|\+)?
    (?:{_SP}{{0,3}}(?:\((?P<bunit>[^()]{{1,8}})\)|(?P<unit>{UNIT_ALT})))?
    (?P<a3>左右|上下|\+)?
    (?P<sop>及以上|以上|及以下|以下|以内|之内|内(?![容部涵在外存]))?
    """,
    re.VERBOSE,
)
"""A number with what may go with it: a multiplier (万), a range (1-2万), approximation marks
(余, 左右), a unit in or out of brackets, and a suffix operator (以上)."""
_BLANKS = " \t\r\n\u3000"
_COUNT_NEXT = "".join(sorted(set(CN_CHARS + "余多+" + _BLANKS + "-~—–至到(左上及以之内") | {u[0] for u in KNOWN_UNITS}))
"""What can follow a Chinese numeral inside a quantity: more numeral or a multiplier, 余/多, a blank,
a range, a bracket, a unit, 左右/上下 or a suffix operator (以上, 之内)."""
_NUMBER_FIRST = re.compile(rf"[\d{CN_CHARS}](?:(?<=\d)|(?=[{re.escape(_COUNT_NEXT)}]))")
"""Where a quantity can start: a digit, or a Chinese numeral followed by what a count needs. Before
any other character (进一步, 百姓) the grammar would read the lone numeral, which counts nothing.
The pattern opens with a character class, which the regex engine looks for by a fast scan."""
_PREFIX_WORDS = frozenset(PREFIX_OPS)
_APPROX_WORDS = frozenset({"大约", "将近", "接近", "约", "近"})
_LONGEST_WORD = max(map(len, _PREFIX_WORDS | _APPROX_WORDS))
_WORD_ENDS = frozenset(w[-1] for w in _PREFIX_WORDS | _APPROX_WORDS)
"""The last characters of those words: before any other character no word needs trying."""
_CN_BEFORE_NOT_NUMBER = frozenset("第统唯之万专逐")
_ONE_AFTER_DETERMINER = frozenset("下上每同这那某其任前后进再逐")
"""A lone 一 after these is a determiner, not a count: 下一年度, 每一场, 同一指标, 进一步."""
_CN_IDIOMS = ("一条龙", "一体", "一对一", "一把手", "一线", "十分", "千家万户", "一批批")
_CN_BAD_UNITS = frozenset({"月", "日", "分", "号"})
_SLOGAN_NEXT = frozenset("一二两三四五六七八九")
"""A one-digit Chinese count followed by another digit is a slogan's name (三支一扶, 两学一做,
一村一品), not a quantity; unless the digit opens a common word (三次一共, 两场一并)."""
_NOT_SLOGAN = frozenset({"一共", "一起", "一并", "一直", "一般", "一些", "一定", "一步", "一同", "一致", "一批", "一年",
                         "一是", "一次", "一个", "一项", "一名", "一人", "一家", "一户"})
_ENUM_OPEN = frozenset("(（〔[【")
_ENUM_CLOSE = frozenset(")）〕]】")
_NOUN = re.compile("[\u4e00-\u9fff]{1,4}")


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text`` in order, with operator, unit, approximation and offsets.

    Dates and years are not quantities (a number that starts inside a date is dropped); neither
    are ordinals (第3), list numbers ("（2）", "1、") nor numbers glued to letters (5G).
    """
    s = halfwidth(text)
    # Dates and matches both come in text order, and dates do not overlap: the only date that
    # can hold a match is the first one ending after the match starts.
    dates = iter(date_spans(s))
    date = next(dates, None)
    out = []
    for m in scan(_NARR, _NUMBER_FIRST, s):
        start = m.start()
        while date is not None and date[1] <= start:
            date = next(dates, None)
        if date is not None and date[0] <= start:
            continue
        q = _quantity(s, m, text)
        if q is not None:
            out.append(q)
    return out


@lru_cache(maxsize=1024)
def _unit_of(raw: str) -> str | None:
    """The unit a unit word names (``split_unit``), memoised: every paragraph asks for 个, 次, %."""
    return split_unit(raw, strict=False)[0]


def _quantity(s: str, m: re.Match[str], text: str) -> Quantity | None:
    """The quantity ``m`` reads, or ``None`` when the context says it is no count."""
    start, end = m.span()
    n1, m1, n2, m2, sop = m["n1"], m["m1"], m["n2"], m["m2"], m["sop"]
    cn = n1[0] in CN_CHARS
    before = s[start - 1] if start else ""
    if before and (before.isascii() and (before.isalnum() or before == ".") or before in "第#№"):
        return None  # part of a code, a decimal or an ordinal (A3, 1.5 read from 5, 第3)
    after = s[end] if end < len(s) else ""
    unit_word = m["unit"] or m["u1"]
    if cn and not _chinese_counts(s, start, end, n1, unit_word, before):
        return None
    if after.isascii() and after.isalpha():
        return None  # glued to letters: 5G
    raw_unit = _unit_of(m["bunit"].strip()) if m["bunit"] else unit_word
    parts = compose(n1, m1, n2, m2, raw_unit)
    if parts is None:
        return None
    value, upper, money, rest = parts
    unit = money or (_unit_of(rest) if rest else None)
    if unit is None and not m1:
        if not _bare_number_counts(s, start, end):
            return None
        if not n2 and len(n1) == 4 and n1.isdigit() and n1[:2] in ("19", "20"):
            return None  # a lone 2024 is more likely a year than a count

    # Operator and approximation words stand before the number, possibly across a blank.
    approx = bool(m["a1"] or m["a2"] or m["a3"])
    j = start
    while j > 0 and s[j - 1] in _BLANKS:
        j -= 1
    op_start = start
    w = _word_ending(s, j, _APPROX_WORDS)
    if w is not None:
        approx, j, op_start = True, j - len(w), j - len(w)
    if cn and j > 0 and s[j - 1] == "上" and n1[0] in "百千万":
        approx, j, op_start = True, j - 1, j - 1
    op: Op | None = None
    w = _word_ending(s, j, _PREFIX_WORDS)
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
        k = _NOUN.match(s, end)
        noun = k.group() if k else None
    return Quantity(value, unit, op, approx, upper, op_start, end, text[op_start:end], noun)


def _word_ending(s: str, j: int, words: frozenset[str]) -> str | None:
    """The longest of ``words`` that ``s[:j]`` ends with (不低于 wins over 低于, 将近 over 近)."""
    if s[j - 1 : j] not in _WORD_ENDS:
        return None
    for n in range(min(j, _LONGEST_WORD), 0, -1):
        if s[j - n : j] in words:
            return s[j - n : j]
    return None


def _chinese_counts(s: str, start: int, end: int, n1: str, unit: str | None, before: str) -> bool:
    """A Chinese numeral is a quantity only before a real measure word, and not in set phrases."""
    if not unit or unit in _CN_BAD_UNITS or before in _CN_BEFORE_NOT_NUMBER:
        return False
    if len(n1) == 1 and n1 in "百千万亿" and not (s.endswith("近", 0, start) or s.endswith("上", 0, start)):
        return False
    if s.startswith(_CN_IDIOMS, start):
        return False
    if n1 == "一" and before in _ONE_AFTER_DETERMINER:
        return False
    if len(n1) == 1 and s[end : end + 1] in _SLOGAN_NEXT and s[end : end + 2] not in _NOT_SLOGAN:
        return False
    return not s.startswith("性", end)


def _bare_number_counts(s: str, start: int, end: int) -> bool:
    """A number with no unit is kept unless it is a list mark ("1、", "（2）", "3:支持…"), a code
    or glued to a word."""
    after = s[end : end + 1]
    if after and ("\u4e00" <= after <= "\u9fff" or after in "、."):
        return False
    if after in (":", "：") and not s[end + 1 : end + 2].isdigit():
        return False  # "2:支持重点群体…": an item's number, where "1:2" or "10:30" would be a ratio or a time
    k = start - 1
    while k >= 0 and s[k] in " \t\u3000":
        k -= 1
    return not (k >= 0 and s[k] in _ENUM_OPEN and after in _ENUM_CLOSE)
