"""What every rule of one form reads: worked out once per form, before the first rule runs.

The engine builds one ``FormFacts`` per form and hands it to each rule that takes a third
argument, so the scored rows, the quantitative and qualitative rows and the alignment of
实际完成情况 with the table are computed once, not once per rule. It replaces module-level
"last form" caches, which had to be keyed on object identity and reset by the engine; a
``FormFacts`` lives exactly as long as one form's check and cannot be read for another form.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..model import Form, FundsRow, Indicator
from ..values import Quantity
from ._common import (
    actual_in_target_unit,
    compact,
    execution_row,
    is_blank_text,
    is_subtotal,
    met_by,
    ratio_of,
    recomputed_total,
    score_state,
    tier_of_indicator,
)
from ._direction import deadline_tier, direction, effective_op, yes_no
from ._narr_align import Aligned, align_rows, quantities
from ._reason import reason_box

__all__ = ["FormFacts", "Row", "level1_kind"]

_UNSET: Any = object()


class Row:
    """One scored leaf row and the answers most rules ask of it, worked out once.

    The answers are exactly those of the ``_common`` helpers, which stay the definition; the
    direction is ``_direction.direction``'s: ``reverse`` (lower is better) and ``inferred`` (the
    name words it was inferred from, None when the form prints it).
    """

    __slots__ = ("ind", "target", "actual", "weight", "score", "quant", "b", "met", "ratio", "scored",
                 "deducted", "full", "in_range", "dev_blank", "tier", "reverse", "inferred", "yes_no", "answered", "below")

    def __init__(self, ind: Indicator) -> None:
        self.ind = ind
        t = self.target = ind.target
        a = self.actual = ind.actual
        w = self.weight = ind.weight
        s = self.score = ind.score
        self.reverse: bool
        self.inferred: str | None
        self.reverse, self.inferred = direction(ind)
        answer = yes_no(t.text) if t.value is None else None
        self.yes_no: bool = answer is not None
        """The target is a yes/no answer (是/否, 有/无): qualitative, met by the same answer."""
        self.quant: bool = t.value is not None and a.tier is None
        """Scored by formula (``is_quantitative``)."""
        self.b: float | None = actual_in_target_unit(ind) if a.value is not None else None
        """The actual in the target's unit (``actual_in_target_unit``)."""
        self.met: bool | None = met_by(t, self.b, effective_op(ind, self.reverse))
        self.ratio: float | None = ratio_of(t, self.b)
        self.scored: bool
        self.deducted: bool
        self.full: bool
        self.in_range: bool
        self.scored, self.deducted, self.full, self.in_range = score_state(w, s)
        dev = ind.deviation
        self.dev_blank: bool = not dev or is_blank_text(dev)
        self.tier: str | None = None
        """Printed or inferred tier, for rows not scored by formula."""
        deadline = deadline_tier(t.text, a.text)
        given = yes_no(a.text) if answer is not None else None
        same = not self.quant and t.value is None and bool(t.text.strip()) and compact(t.text) == compact(a.text)
        self.answered: bool = deadline is not None or given is not None
        """Met or not is decided by a date against a deadline, or a yes/no answer against the
        target's: the actual needs no tier label."""
        if self.quant:
            if self.met is None and deadline is not None:
                self.met = deadline == "achieved"
        elif given is not None:
            self.tier = "achieved" if given == answer else "unachieved"
        elif same:
            self.tier = "achieved"  # the actual repeats a worded target: 市级保护单位 → 市级保护单位
        else:
            self.tier = deadline or tier_of_indicator(ind)
        self.below: bool = self.met is False if self.quant else self.tier in ("partial", "unachieved")
        """Below target (scored by formula) or below the top tier (the others)."""


class FormFacts:
    """Derived facts of one form; rows are the form's own ``Indicator`` objects, in table order.

    The narrative alignment and the 预期目标 quantities are computed on first use (a selection
    of rules may not need them) and kept on this object only.
    """

    __slots__ = ("form", "leaves", "subtotals", "rows", "quant_rows", "qual_rows", "achieved", "planned", "_aligned",
                 "_planned_qs", "_kinds", "_funds_rows", "_total", "_full_sections", "_lows", "_reason_box", "_execution_row", "scored_any")

    def __init__(self, form: Form) -> None:
        self.form = form
        leaves: list[Indicator] = []
        subtotals: list[Indicator] = []
        for i in form.indicators:
            (subtotals if is_subtotal(i) else leaves).append(i)
        self.subtotals = subtotals
        """Printed 小计/合计 rows (``is_subtotal``), in table order."""
        self.leaves = leaves
        """Scored leaf rows: every row but printed subtotals (``leaves``)."""
        rows = self.rows = [Row(i) for i in leaves]
        """The leaves with their precomputed answers, in the same order."""
        self.quant_rows: list[Row] = [r for r in rows if r.quant and r.b is not None]
        """Quantitative rows whose actual can be expressed in the target's unit."""
        self.qual_rows: list[Row] = [r for r in rows if r.actual.tier or r.yes_no
                                     or (not r.quant and not is_blank_text(r.actual.text))]
        """Qualitative rows with a tier label or some words as the actual (``is_qualitative``)."""
        self.achieved: str = compact(form.goal.achieved)
        self.planned: str = compact(form.goal.planned)
        self._aligned: list[Aligned] | None = None
        self._planned_qs: list[Quantity] | None = None
        self._kinds: list[str | None] | None = None
        self._funds_rows: list[tuple[str, FundsRow]] | None = None
        self._total: Any = _UNSET
        self._full_sections: set[str] | None = None
        self._lows: list[Row] | None = None
        self._reason_box: str | None = _UNSET
        self._execution_row: Indicator | None = _UNSET
        self.scored_any: bool = (form.total_score is not None or form.funds.total.score is not None
                                 or any(i.score is not None for i in form.indicators))
        """The form prints a score somewhere: on forms without any (转移支付, 湖南), score rules are silent."""

    @property
    def aligned(self) -> list[Aligned]:
        """Every quantity of 实际完成情况 with what it was matched with, in text order."""
        if self._aligned is None:
            self._aligned = align_rows(self)
        return self._aligned

    @property
    def lows(self) -> list[Row]:
        """The rows below target or tier (``Row.below``), in table order: N003, N006 and N008 ask."""
        if self._lows is None:
            self._lows = [r for r in self.rows if r.below]
        return self._lows

    @property
    def reason_box(self) -> str | None:
        """Where the unit explains a deviation (``_reason.reason_box``): the engine and the rules
        whose fixes name that box all ask."""
        if self._reason_box is _UNSET:
            self._reason_box = reason_box(self.form)
        return self._reason_box

    @property
    def execution_row(self) -> Indicator | None:
        """The indicator row that scores budget execution (``_common.execution_row``): F010 and
        F011 both ask."""
        if self._execution_row is _UNSET:
            self._execution_row = execution_row(self.form)
        return self._execution_row

    @property
    def planned_quantities(self) -> list[Quantity]:
        """The quantities of 预期目标 (years glued to words excluded)."""
        if self._planned_qs is None:
            self._planned_qs = quantities(self.planned)
        return self._planned_qs

    @property
    def kinds(self) -> list[str | None]:
        """``level1_kind`` of each row of ``rows``, in the same order (S005 and S006 both ask)."""
        if self._kinds is None:
            self._kinds = [level1_kind(i) for i in self.leaves]
        return self._kinds

    @property
    def funds_rows(self) -> list[tuple[str, FundsRow]]:
        """(key, row) for 年度资金总额, then the 其中 rows present in ``Funds.sub_rows`` order (the
        ``more`` rows by their printed label): what the F rules that loop over the rows read."""
        if self._funds_rows is None:
            funds = self.form.funds
            subs = (("appropriation", funds.appropriation), ("carryover", funds.carryover), ("other", funds.other))
            self._funds_rows = [("total", funds.total), *[(k, r) for k, r in subs if r is not None],
                                *funds.more.items()]
        return self._funds_rows

    def full(self, row: Row) -> bool:
        """Full marks: the row's score equals its weight, or, on a form without a 分值 column, the
        scores of its section add up to the points in the section header (产出指标(60分))."""
        if row.full:
            return True
        if row.weight is not None or row.score is None:
            return False
        if self._full_sections is None:
            sums: dict[str, float] = {}
            for r in self.rows:
                if r.score is not None and not r.ind.parent:
                    key = compact(r.ind.level1)
                    sums[key] = sums.get(key, 0.0) + r.score
            self._full_sections = {compact(k) for k, w in self.form.section_weights.items()
                                   if abs(sums.get(compact(k), -1.0) - w) <= 0.02}
        return compact(row.ind.level1) in self._full_sections

    @property
    def total(self) -> float | None:
        """执行率得分 + Σ leaf scores, None when one is missing (``recomputed_total``): S001, S003."""
        if self._total is _UNSET:
            self._total = recomputed_total(self.form, self.leaves)
        return self._total


def level1_kind(ind: Indicator) -> str | None:
    """产出 / 效益 / 满意度 / 成本 for the first-level heading (or the second, when it says more)."""
    return _kind_of(ind.level1, ind.level2)


@lru_cache(maxsize=4096)
def _kind_of(level1: str, level2: str) -> str | None:
    head = compact(level1)
    for key, kind in (("产出", "产出"), ("效益", "效益"), ("满意", "满意度"), ("成本", "成本")):
        if key in head:
            return kind
    # neither names a kind by itself: what both headings name together
    text = head + "|" + compact(level2)
    for key, kind in (("数量", "产出"), ("质量", "产出"), ("时效", "产出"), ("满意", "满意度"),
                      ("效益", "效益"), ("可持续", "效益"), ("成本", "成本")):
        if key in text:
            return kind
    return None
