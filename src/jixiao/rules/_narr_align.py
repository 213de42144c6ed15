"""The alignment of a narrative with the table, for the N rules (``narrative``) and ``FormFacts``.

Every quantity of 实际完成情况 is matched with the funds table or with the indicator its clause
names (:func:`align_rows`); N004 matches the promises of 预期目标 with the targets the same way
(:func:`rank`). It runs for every figure of every form, so the rows of one comparison are
prepared once per form as plain tuples (:func:`prepared`): the name core's bigrams, and the value
and unit compared, read once from the pydantic models instead of once per figure and candidate.
The rows keep the form's own ``Indicator`` objects: N007 tells mentioned rows by identity.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from .._memo import Memo
from ..model import Form, Indicator
from ._align import STRONG, WEAK, _core_pairs, clause_before
from ._common import computed_rate

if TYPE_CHECKING:
    from ._facts import FormFacts, Row

__all__ = ["Aligned", "align_rows", "prepared", "quantities", "rank", "same_value", "comparable"]

_MONEY_UNITS = frozenset({"元", "千元", "万元", "亿元"})

_VALUES: Any = None


def _values() -> Any:
    """The value grammar, imported on first use (it compiles large patterns)."""
    global _VALUES
    if _VALUES is None:
        from .. import values

        _VALUES = values
    return _VALUES


class Aligned(NamedTuple):
    """One narrative quantity and what it was matched with (a named tuple: one per figure of
    every form, built several times faster than a frozen dataclass)."""

    q: Any
    context: str
    kind: str
    """``indicator`` (value agrees), ``contradiction``, ``funds-rate``, ``funds-money``,
    ``funds-contradiction``, ``unmatched``."""
    indicator: Indicator | None = None
    expected: float | None = None


def quantities(flat: str) -> list[Any]:
    """The quantities of a compacted narrative (dates excluded by the grammar)."""
    out = []
    for q in _values().find_quantities(flat):
        if q.unit is None and 1900 <= q.value <= 2100 and float(q.value).is_integer():
            continue  # a year glued to a word ("2024上海市"), not a quantity
        out.append(q)
    return out


def _family_of(unit: str | None) -> str | None:
    return _values().unit_family(unit) if unit else None


family: Callable[[str | None], str | None] = Memo(_family_of).__getitem__
"""``unit_family``, memoised like :func:`convertible` and :func:`normal_unit`: pure functions of a
unit word, asked for the same few units by every quantity of every form. The one-argument ones
are ``Memo`` look-ups, which cost half an ``lru_cache`` call."""


@lru_cache(maxsize=1024)
def convertible(unit: str, to: str) -> bool:
    return _values().convert(1.0, unit, to) is not None


def _normal_unit_of(unit: str | None) -> str | None:
    return _values().normalize_unit(unit)


normal_unit: Callable[[str | None], str | None] = Memo(_normal_unit_of).__getitem__
"""``normalize_unit``, memoised like :func:`family`."""


def same_value(q: Any, value: float | None, unit: str | None) -> bool:
    """Whether ``q`` states ``value`` (in ``unit``), within rounding or its approximation.

    Units that do not convert (场次 and 次, % and 人: most pairs a promise meets among the targets)
    are told by the memoised :func:`convertible` before ``convert`` is called: ``convert`` answers
    ``None`` for a pair exactly when it does for 1.0, whatever the value.
    """
    if value is None:
        return False
    qv = q.value
    if q.unit and unit and q.unit != unit and convertible(q.unit, unit):
        conv = _values().convert(q.value, q.unit, unit)
        if conv is not None:
            qv = conv
    tol = 0.5 if q.approx else 1e-6 * max(1.0, abs(value))
    if q.op == "range" and q.upper is not None:
        return q.value - tol <= value <= q.upper + tol
    return abs(qv - value) <= tol


def comparable(q: Any, unit: str | None) -> bool:
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


Prepared = tuple[tuple[str, ...], int, Indicator, float, "str | None"]
"""(distinct bigrams of the name's core, their number, the row, its value, its unit)."""


def prepared(rows: list[Row], target: bool) -> list[Prepared]:
    """The rows with a value (the target's, or the actual's) and a core of two characters or
    more, in table order, ready for :func:`rank`.

    A one-character core has no bigram: :func:`.similarity` compares it as a gram that no
    clause's bigrams contain, so it never scores; it is left out here.
    """
    out = []
    for r in rows:
        v = r.target if target else r.actual
        value = v.value
        if value is not None:
            ind = r.ind
            pairs = _core_pairs(ind.name)
            if pairs is not None:
                out.append((pairs, len(pairs), ind, value, v.unit))
    return out


def rank(context: str, rows: list[Prepared], noun: str | None, floor: float = WEAK) -> list[tuple[float, Prepared]]:
    """The prepared rows at or above ``floor`` :func:`.similarity`, best first,
    ties in table order, each with its score.

    A bigram is among a text's bigrams exactly when it occurs in the text (the text has two
    characters or more whenever a two-character string occurs in it), so a row's score, the share
    of its core bigrams found, is counted by substring search in the short clause instead of
    building the clause's bigram set; the count and the division are those of the set version.

    ``context`` is a slice of a compacted paragraph (``FormFacts.achieved``/``planned``) and
    ``noun`` a run of CJK characters (``Quantity.noun``): neither holds whitespace, so the text
    is already what :func:`.compact` would make of it.
    """
    text = context + noun if noun else context
    out = []
    for row in rows:
        found = 0
        for g in row[0]:
            if g in text:
                found += 1
        if found:
            score = found / row[1]
            if score >= floor:
                out.append((score, row))
    if len(out) > 1:
        out.sort(key=_minus_score)
    return out


def _minus_score(c: tuple[float, Prepared]) -> float:
    return -c[0]


_SPENT = re.compile(r"执行|支出|使用|拨付")
_BUDGETED = re.compile(r"预算|资金|安排")


_new_aligned = tuple.__new__
"""``Aligned(...)`` without the named tuple's Python-level ``__new__`` (all five fields given)."""


def _align_one(form: Form, flat: str, q: Any, rows: list[Prepared]) -> Aligned:
    ctx = clause_before(flat, q.start)
    unit = q.unit
    if unit == "%" and "执行率" in ctx:
        rate = funds_rate(form)
        if rate is None or abs(rate - q.value) <= 0.5:
            return _new_aligned(Aligned, (q, ctx, "funds-rate", None, rate))
        return _new_aligned(Aligned, (q, ctx, "funds-contradiction", None, rate))
    if unit in _MONEY_UNITS:
        funds_unit = form.funds.unit or "万元"
        amounts = _funds_amounts(form)
        if any(same_value(q, a, funds_unit) for a in amounts):
            return _new_aligned(Aligned, (q, ctx, "funds-money", None, None))
        total = form.funds.total
        if _SPENT.search(ctx) and total.executed is not None:
            return _new_aligned(Aligned, (q, ctx, "funds-contradiction", None, total.executed))
        if _BUDGETED.search(ctx) and total.budget is not None:
            return _new_aligned(Aligned, (q, ctx, "funds-contradiction", None, total.budget))
    cands = rank(ctx, rows, q.noun)
    if not cands:
        return _new_aligned(Aligned, (q, ctx, "unmatched", None, None))
    # same_value() inlined for a unit that needs no conversion (the rows' values are never None)
    qv, approx = q.value, q.approx
    ranged = q.op == "range" and q.upper is not None
    for _score, (_p, _n, ind, value, vunit) in cands:
        if unit and vunit and unit != vunit:
            if same_value(q, value, vunit):
                return _new_aligned(Aligned, (q, ctx, "indicator", ind, None))
            continue
        tol = 0.5 if approx else 1e-6 * max(1.0, abs(value))
        if (qv - tol <= value <= q.upper + tol) if ranged else abs(qv - value) <= tol:
            return _new_aligned(Aligned, (q, ctx, "indicator", ind, None))
    score, (_p, _n, ind, value, vunit) = cands[0]
    if score >= STRONG and comparable(q, vunit):
        return _new_aligned(Aligned, (q, ctx, "contradiction", ind, value))
    return _new_aligned(Aligned, (q, ctx, "unmatched", None, None))


def align_rows(facts: FormFacts) -> list[Aligned]:
    """The alignment of one form's 实际完成情况 (``FormFacts.aligned`` computes it once per form).

    The rows (those with an actual value) are prepared once here, not once per quantity.
    """
    flat = facts.achieved
    qs = quantities(flat)
    if not qs:
        return []
    rows = prepared(facts.rows, target=False)
    form = facts.form
    return [_align_one(form, flat, q, rows) for q in qs]
