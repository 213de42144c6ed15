"""What every rule of one form reads: worked out once per form, before the first rule runs.

The engine builds one ``FormFacts`` per form and hands it to each rule that takes a third
argument, so the scored rows, the quantitative and qualitative rows and the alignment of
实际完成情况 with the table are computed once, not once per rule. It replaces module-level
"last form" caches, which had to be keyed on object identity and reset by the engine; a
``FormFacts`` lives exactly as long as one form's check and cannot be read for another form.
"""

from __future__ import annotations

from functools import lru_cache

from ..model import Form, FundsRow, Indicator
from ..values import Quantity
from ._common import (
    actual_in_target_unit,
    compact,
    is_blank_text,
    is_quantitative,
    is_subtotal,
    met_by,
    ratio_of,
    recomputed_total,
    score_state,
    tier_of_indicator,
)
from ._narr_align import Aligned, align_rows, quantities

__all__ = ["FormFacts", "Row", "level1_kind"]



class Row:
    """One scored leaf row and the answers most rules ask of it, worked out once per check.

    A rule that loops over the rows mostly decides in its first line that a row is not its
    business (met, full marks, no deviation text); the answers are those of the ``_common``
    helpers, which stay the definition.
    """

    __slots__ = ("ind", "target", "actual", "weight", "score", "quant", "b", "met", "ratio", "scored",
                 "deducted", "full", "in_range", "dev_blank", "tier")

    def __init__(self, ind: Indicator) -> None:
        self.ind = ind
        self.target, self.actual = ind.target, ind.actual
        self.weight, self.score = ind.weight, ind.score
        self.quant: bool = is_quantitative(ind)
        """Scored by formula."""
        self.b: float | None = actual_in_target_unit(ind)
        """The actual in the target's unit."""
        self.met: bool | None = met_by(ind.target, self.b)
        self.ratio: float | None = ratio_of(ind.target, self.b)
        self.scored, self.deducted, self.full, self.in_range = score_state(ind.weight, ind.score)
        self.dev_blank: bool = is_blank_text(ind.deviation)
        self.tier: str | None = None if self.quant else tier_of_indicator(ind)
        """Printed or inferred tier, for rows not scored by formula."""


class FormFacts:
    """Derived facts of one form; rows are the form's own ``Indicator`` objects, in table order.

    The narrative alignment and the 预期目标 quantities are computed on first use (a selection
    of rules may not need them) and kept on this object only.
    """

    __slots__ = ("form", "leaves", "subtotals", "rows", "quant_rows", "qual_rows", "achieved", "planned", "_aligned",
                 "_planned_qs", "_kinds", "_funds_rows", "total")

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
        # is_qualitative(ind) is ``not quant`` unless both cells are ``is_blank``, and an actual that
        # is not ``is_blank_text`` has a non-space character, so is not ``is_blank``.
        self.qual_rows: list[Row] = [r for r in rows if r.actual.tier or (not r.quant and not is_blank_text(r.actual.text))]
        """Qualitative rows with a tier label or some words as the actual (``is_qualitative``)."""
        self.achieved: str = compact(form.goal.achieved)
        self.planned: str = compact(form.goal.planned)
        self._aligned: list[Aligned] | None = None
        self._planned_qs: list[Quantity] | None = None
        self._kinds: list[str | None] | None = None
        self._funds_rows: list[tuple[str, FundsRow]] | None = None
        self.total: float | None = recomputed_total(form, leaves)
        """执行率得分 + Σ leaf scores, None when one is missing (``recomputed_total``): S001, S003."""

    @property
    def aligned(self) -> list[Aligned]:
        """Every quantity of 实际完成情况 with what it was matched with, in text order."""
        if self._aligned is None:
            self._aligned = align_rows(self)
        return self._aligned

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
        """(key, row) for 年度资金总额, then the 其中 rows present in ``Funds.sub_rows`` order: what
        the five F rules that loop over the rows read."""
        if self._funds_rows is None:
            funds = self.form.funds
            # the rows of Funds.sub_rows, in its order, without the two dicts it builds (most of the cost)
            subs = (("appropriation", funds.appropriation), ("carryover", funds.carryover), ("other", funds.other))
            self._funds_rows = [("total", funds.total), *[(k, r) for k, r in subs if r is not None]]
        return self._funds_rows


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

