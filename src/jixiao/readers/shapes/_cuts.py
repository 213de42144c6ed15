"""Cutting a run of glued values into cells, and the arithmetic that chooses between cuts.

``split_values("≥10%115.25%20%20", 4)`` lists every way to read the run as four value tokens of
the value grammar's surface form (an operator, a number that does not start with a needless 0,
a unit). A cut is then kept only if the form's arithmetic holds for it: a score is at most its
weight, a weight at most the form's 100 points, and 执行率 = 执行数 / 预算数.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

__all__ = ["split_values", "fitting_cuts", "number", "indicator_fits", "funds_fits", "word_at", "VALUE_MAX", "cut_inside",
           "BLANK_MARKS", "padded_cut"]

_UNITS = "平方米|立方米|万元|亿元|人次|小时|个月|工作日|公里|公顷|元|万|亿|倍|个|次|人|名|户|家|所|处|座|台|套|件|篇|份|项|场|期|批|天|日|亩|米|吨|株|‰|%"
_VALUE = re.compile(rf"(?:[≥≤><=]|>=|<=)?(?:0|[1-9]\d{{0,8}})(?:\.\d{{1,4}})?(?:{_UNITS}|[(（](?:{_UNITS})[)）])?")
"""A value token: an operator, a number, a unit (bare, or in brackets as some systems print it:
``≥16.00(个)``)."""
VALUE_MAX = 18
"""The longest value token the grammar above reads (an operator, 13 digits and a point, a unit)."""
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_AMOUNT = re.compile(r"\d+(?:\.\d+)?(?:万元|万|元)?")
"""An amount as a funds cell prints it: 10, 10.5, 10万 (the unit is the form's, read later)."""
_POINTS = re.compile(r"\d+(?:\.\d{1,2})?")
"""执行率's 分值 and 得分 as a form prints them: points, to two decimals at most (rules §2)."""
_ZERO_AFTER_DECIMAL = re.compile(r"0(?![\d.])")
_BARE_DECIMAL = re.compile(r"\d+\.\d+")
_MAX_CUTS = 64
BLANK_MARKS = "-—–－/／"
"""Marks a form prints in a cell left blank, one per cell."""


def split_values(
    text: str, count: int, *, places: int | None = None, uniform: bool = False, blanks: bool = False
) -> list[list[str]]:
    """Every way to cut ``text`` into exactly ``count`` value tokens (``≥10%``, ``115.25%``, ``20``).
    ``uniform``: only the cuts whose numbers all print as many decimals (``places``, once one is
    cut; a whole number has none), as a system prints its amounts. ``blanks``: a dash or slash
    is a cell of its own, one left blank ("170.00-100.00-": a 其中 row's 分值 and 得分)."""
    if count == 0:
        return [[]] if not text else []
    if blanks and text and text[0] in BLANK_MARKS:
        return [[text[0], *rest] for rest in split_values(text[1:], count - 1, places=places, uniform=uniform, blanks=True)]
    out: list[list[str]] = []
    for end in range(min(len(text), VALUE_MAX), 0, -1):
        head = text[:end]
        if _VALUE.fullmatch(head) is None:
            continue
        head_places = _places(head)
        if uniform and places is not None and head_places != places:
            continue
        if _ZERO_AFTER_DECIMAL.match(text, end) and _BARE_DECIMAL.fullmatch(head):
            continue  # "2.8" | "0" of "2.802.80": a number's last zero is no value of its own
        for rest in split_values(text[end:], count - 1, places=head_places, uniform=uniform, blanks=blanks):
            out.append([head, *rest])
            if len(out) > _MAX_CUTS:
                return out
    return out


def _places(token: str) -> int:
    """The decimals of the number in ``token`` ("170.00" → 2, "10" → 0)."""
    m = _NUMBER.search(token)
    return len(m.group().partition(".")[2]) if m else 0


def fitting_cuts(text: str, count: int, fits: Callable[[list[str]], bool], *, blanks: bool = False) -> list[list[str]]:
    """The cuts of ``text`` into ``count`` values that pass ``fits``. Where some print every
    number with as many decimals, padded with zeros ("170.00170.00170.0010.00"), only those: a
    system that pads its numbers pads them all, and a cut that gives one of them a digit of the
    next ("170.001", "70.00") fits the arithmetic only by chance. Numbers typed by hand
    drop their zeros ("310.2154.74" is 310.2 and 154.74 as well as 310.21 and 54.74): there
    every cut that fits is kept. ``blanks``: as ``split_values``'."""
    padded = [cut for cut in split_values(text, count, uniform=True, blanks=blanks) if padded_cut(cut) and fits(cut)]
    return padded or [cut for cut in split_values(text, count, blanks=blanks) if fits(cut)]


def padded_cut(cut: Sequence[str]) -> bool:
    """Whether every number of a cut prints as many decimals, one of them a decimal ending in a
    zero (10.50, 170.00): the cut a system that pads its numbers printed (see ``fitting_cuts``)."""
    numbers = [m.group() for t in cut if (m := _NUMBER.search(t))]
    return len({_places(n) for n in numbers}) == 1 and any("." in n and n.endswith("0") for n in numbers)


def cut_inside(token: str, text: str, end: int) -> bool:
    """Whether a value ``token`` ending at ``end`` of ``text`` was cut inside itself: the next
    character would still make it a value ("0" before "件" of "0件")."""
    return end < len(text) and _VALUE.fullmatch(token + text[end]) is not None


def number(token: str) -> float | None:
    """The first number in ``token`` ("≥10%" → 10.0), or ``None``."""
    m = _NUMBER.search(token)
    return float(m.group()) if m else None


def _weight_and_score_fit(row: dict[str, str]) -> bool:
    """A score at most its weight, a weight at most the form's 100 points, both printed to two
    decimals at most (no form prints points finer: "20.002" | "0.00" is a cut in the wrong place)."""
    weight, score = row.get("weight"), row.get("score")
    if any(points is not None and _places(points) > 2 for points in (weight, score)):
        return False
    if weight is None or score is None:
        return True
    w, s = number(weight), number(score)
    return w is not None and s is not None and s <= w + 1e-9 and w <= 100 and "%" not in score


def indicator_fits(fields: Sequence[str]) -> Callable[[list[str]], bool]:
    """A test of one cut of an indicator row's values (named by ``fields``): the points fit, and
    no number stands in a column of words (指标性质 正向/定量, 度量单位 个/%)."""

    def fits(values: list[str]) -> bool:
        row = dict(zip(fields, values))
        if any(_NUMBER.search(row.get(name, "")) for name in ("nature", "unit")):
            return False
        return _weight_and_score_fit(row)

    return fits


def _amounts_plausible(row: dict[str, str]) -> bool:
    """年初预算数 and 全年预算数 within a factor of ten of each other, and 执行数 at most ten times
    the budget: an adjustment or overspend of that size is no form, but a cut in the wrong place."""
    amounts = {k: number(v) for k, v in row.items() if k in ("initial", "budget", "executed")}
    initial, budget, executed = amounts.get("initial"), amounts.get("budget"), amounts.get("executed")
    if initial and budget and not (0.1 <= initial / budget <= 10):
        return False
    base = budget or initial
    return not (base and executed and executed > 10 * base)


def funds_fits(fields: Sequence[str]) -> Callable[[list[str]], bool]:
    """A test of one cut of a funds row's values: amounts are plain numbers of plausible sizes,
    a weight is points (more than 0, at most 100, two decimals at most, as the score), 执行率 = 执行数 / 预算数 (to the printed precision, in % or as a fraction; 年初预算数 stands in
    for a missing 全年预算数), a score at most its weight."""

    def fits(values: list[str]) -> bool:
        row = {name: value for name, value in zip(fields, values) if value.strip(BLANK_MARKS)}
        for name in ("initial", "budget", "executed"):
            if name in row and not _AMOUNT.fullmatch(row[name]):
                return False
        for name in ("weight", "score"):
            if name in row and not _POINTS.fullmatch(row[name]):
                return False
        if not _weight_and_score_fit(row):
            return False
        if "weight" in row and not 0 < float(row["weight"]) <= 100:
            return False  # 分值 is points of the 100: never 0, never more
        if not _amounts_plausible(row):
            return False
        rate, budget, executed = row.get("rate"), row.get("budget") or row.get("initial"), row.get("executed")
        if rate is None or budget is None or executed is None:
            return True
        r, b, e = number(rate), number(budget), number(executed)
        if r is None or b is None or e is None:
            return False
        if b == 0:
            return e == 0 and r == 0  # nothing budgeted, nothing spent: a row of zeros
        expected = e / b * 100 if ("%" in rate or r > 1.5) else e / b
        if r == 0 and e > 0:
            return False  # a form that spent money prints its small rate with decimals, not "0%"
        decimals = len(rate.rstrip("%").partition(".")[2])
        return abs(r - expected) <= 0.5 * 10**-decimals + 1e-9 or (decimals == 0 and abs(r - expected) < 1)

    return fits


def word_at(text: str, i: int, words: Sequence[str]) -> tuple[str, int] | None:
    """The first of ``words`` (longest first) that ``text`` holds at ``i``, spaces inside it
    allowed ("年度 指标值" is 年度指标值); (word, end) or ``None``."""
    for word in words:
        j = i
        for n, ch in enumerate(word):
            while n and j < len(text) and text[j] == " " and ch != " ":
                j += 1
            if j >= len(text) or text[j] != ch:
                break
            j += 1
        else:
            return word, j
    return None
