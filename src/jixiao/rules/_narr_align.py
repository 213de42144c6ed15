"""The alignment of a narrative with the table, for the N rules (``narrative``) and ``FormFacts``.

Every quantity of 实际完成情况 is matched with the funds table or with the indicator its clause
names (:func:`align_rows`); N004 matches the promises of 预期目标 with the targets the same way
(:func:`rank`). The candidates keep the form's own ``Indicator`` objects: N007 tells mentioned
rows by identity.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ..model import Form, Indicator
from ..values import Quantity, convert, find_quantities, in_yuan, normalize_unit, unit_family
from ._align import STRONG, WEAK, clause_before, core_grams, pairs_of
from ._common import computed_rate

if TYPE_CHECKING:
    from ._facts import FormFacts, Row

__all__ = ["Aligned", "align_rows", "prepared", "quantities", "rank", "same_value", "comparable"]

_MONEY_UNITS = frozenset({"元", "千元", "万元", "亿元"})


class Aligned(NamedTuple):
    """One narrative quantity and what it was matched with."""

    q: Quantity
    context: str
    kind: str
    """``indicator`` (value agrees), ``contradiction``, ``funds-rate``, ``funds-money``,
    ``funds-contradiction``, ``unmatched``."""
    indicator: Indicator | None = None
    expected: float | None = None


def quantities(flat: str) -> list[Quantity]:
    """The quantities of a compacted narrative (dates excluded by the grammar)."""
    out = []
    for q in find_quantities(flat):
        if q.unit is None and 1900 <= q.value <= 2100 and float(q.value).is_integer():
            continue  # a year glued to a word ("2024上海市"), not a quantity
        out.append(q)
    return out


@lru_cache(maxsize=1024)
def family(unit: str | None) -> str | None:
    """``unit_family`` of a unit word (memoised, like :func:`convertible` and :func:`normal_unit`:
    every quantity of every form asks about the same few units)."""
    return unit_family(unit) if unit else None


@lru_cache(maxsize=1024)
def convertible(unit: str, to: str) -> bool:
    """Whether a value in ``unit`` converts exactly to ``to``."""
    return convert(1.0, unit, to) is not None


@lru_cache(maxsize=1024)
def normal_unit(unit: str | None) -> str | None:
    """``normalize_unit``, memoised like :func:`family`."""
    return normalize_unit(unit)


def same_value(q: Quantity, value: float | None, unit: str | None) -> bool:
    """Whether ``q`` states ``value`` (in ``unit``), within rounding or its approximation."""
    if value is None:
        return False
    qv = q.value
    if q.unit and unit and q.unit != unit:
        conv = convert(q.value, q.unit, unit)
        if conv is not None:
            qv = conv
    tol = 0.5 if q.approx else 1e-6 * max(1.0, abs(value))
    if (q.unit is None and unit in _MONEY_UNITS) or (unit is None and q.unit in _MONEY_UNITS):
        # "24亿元" against a bare "24亿", which the grammar multiplied out to 元
        yuan = in_yuan(value, unit) if q.unit is None else in_yuan(qv, q.unit)
        if yuan is not None and abs(yuan - (qv if q.unit is None else value)) <= (0.01 if q.approx else 1e-6) * abs(yuan):
            return True
    if q.op == "range" and q.upper is not None:
        return q.value - tol <= value <= q.upper + tol
    return abs(qv - value) <= tol


def comparable(q: Quantity, unit: str | None) -> bool:
    """Whether a differing number could be the same measure (same family or convertible)."""
    if not q.unit or not unit or q.unit == unit:
        return True
    if convertible(q.unit, unit):
        return True
    fq, fu = family(q.unit), family(unit)
    return fq is not None and fq == fu


def funds_rate(form: Form) -> float | None:
    total = form.funds.total
    rate = total.rate
    return rate if rate is not None else computed_rate(total)


def _funds_amounts(form: Form) -> list[float]:
    rows = [form.funds.total, *form.funds.sub_rows().values()]
    return [v for r in rows for v in (r.initial, r.budget, r.executed) if v is not None]


class Candidate(NamedTuple):
    """An indicator a narrative quantity may speak of, with the value it is compared with."""

    pairs: frozenset[str]
    """The distinct bigrams of the name's core."""
    size: int
    """How many there are."""
    ind: Indicator
    value: float
    unit: str | None


def prepared(rows: list[Row], target: bool) -> list[Candidate]:
    """The rows with a value (the target's, or the actual's) and a core of two characters or
    more, in table order, ready for :func:`rank`.

    A one-character core has no bigram (:func:`.similarity` compares it as a gram that no
    clause's bigrams contain, so it never scores): it is left out.
    """
    out = []
    for r in rows:
        v = r.target if target else r.actual
        core, pairs = core_grams(r.ind.name)
        if v.value is not None and len(core) >= 2:
            out.append(Candidate(pairs, len(pairs), r.ind, v.value, v.unit))
    return out


def rank(context: str, rows: list[Candidate], noun: str | None, floor: float = WEAK) -> list[tuple[float, Candidate]]:
    """The candidates whose :func:`.similarity` with ``context`` (and the noun counted) is at least
    ``floor`` and above 0, best first, ties in table order, each with its score.

    ``context`` is a slice of a compacted paragraph and ``noun`` a run of CJK characters, so the
    text is already compact: its bigrams are worked out once and each candidate's score is the
    share of its core bigrams among them. Most candidates share no bigram with a clause: they
    are passed over without counting.
    """
    grams = pairs_of(context + noun if noun else context)
    out = []
    for row in rows:
        if row.pairs.isdisjoint(grams):
            continue
        score = len(row.pairs & grams) / row.size
        if score >= floor:
            out.append((score, row))
    out.sort(key=lambda c: -c[0])
    return out


_SPENT = re.compile(r"执行|支出|使用|拨付")
_BUDGETED = re.compile(r"预算|资金|安排")


def _align_one(form: Form, flat: str, q: Quantity, rows: list[Candidate]) -> Aligned:
    """What the quantity ``q`` of the compacted narrative ``flat`` speaks of."""
    ctx = clause_before(flat, q.start)
    unit = q.unit
    if unit == "%" and "执行率" in ctx:
        rate = funds_rate(form)
        agrees = rate is None or abs(rate - q.value) <= 0.5
        return Aligned(q, ctx, "funds-rate" if agrees else "funds-contradiction", None, rate)
    if unit in _MONEY_UNITS:
        if any(same_value(q, a, form.funds.unit or "万元") for a in _funds_amounts(form)):
            return Aligned(q, ctx, "funds-money")
        total = form.funds.total
        if _SPENT.search(ctx) and total.executed is not None:
            return Aligned(q, ctx, "funds-contradiction", None, total.executed)
        if _BUDGETED.search(ctx) and total.budget is not None:
            return Aligned(q, ctx, "funds-contradiction", None, total.budget)
    cands = rank(ctx, rows, q.noun)
    for _score, row in cands:
        if same_value(q, row.value, row.unit):
            return Aligned(q, ctx, "indicator", row.ind)
    if cands:
        score, best = cands[0]
        if score >= STRONG and comparable(q, best.unit):
            return Aligned(q, ctx, "contradiction", best.ind, best.value)
    return Aligned(q, ctx, "unmatched")


def align_rows(facts: FormFacts) -> list[Aligned]:
    """The alignment of one form's 实际完成情况 (``FormFacts.aligned`` computes it once per form)."""
    flat = facts.achieved
    qs = quantities(flat)
    if not qs:
        return []
    rows = prepared(facts.rows, target=False)
    return [_align_one(facts.form, flat, q, rows) for q in qs]
