"""What every rule of one form reads: worked out once per form, before the first rule runs.

The engine builds one ``FormFacts`` per form and hands it to each rule that takes a third
argument, so the scored rows, the quantitative and qualitative rows and the alignment of
实际完成情况 with the table are computed once, not once per rule. It replaces module-level
"last form" caches, which had to be keyed on object identity and reset by the engine; a
``FormFacts`` lives exactly as long as one form's check and cannot be read for another form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Form, Indicator
from ._common import actual_in_target_unit, compact, is_blank_text, is_qualitative, is_quantitative, leaves

if TYPE_CHECKING:
    from .narrative import Aligned

__all__ = ["FormFacts"]


class FormFacts:
    """Derived facts of one form; rows are the form's own ``Indicator`` objects, in table order.

    The narrative alignment and the 预期目标 quantities are computed on first use (a selection
    of rules may not need them) and kept on this object only.
    """

    __slots__ = ("form", "leaves", "quant", "qual", "achieved", "planned", "_aligned", "_planned_qs")

    def __init__(self, form: Form) -> None:
        self.form = form
        rows = leaves(form)
        self.leaves: list[Indicator] = rows
        """Scored leaf rows: every row but printed subtotals."""
        self.quant: list[Indicator] = [i for i in rows if is_quantitative(i) and actual_in_target_unit(i) is not None]
        """Quantitative rows whose actual can be expressed in the target's unit."""
        self.qual: list[Indicator] = [i for i in rows if i.actual.tier
                                      or (is_qualitative(i) and not is_blank_text(i.actual.text))]
        """Qualitative rows with a tier label or some words as the actual."""
        self.achieved: str = compact(form.goal.achieved)
        self.planned: str = compact(form.goal.planned)
        self._aligned: list[Aligned] | None = None
        self._planned_qs: list[Any] | None = None

    @property
    def aligned(self) -> list[Aligned]:
        """Every quantity of 实际完成情况 with what it was matched with, in text order."""
        if self._aligned is None:
            from .narrative import align_rows

            self._aligned = align_rows(self)
        return self._aligned

    @property
    def planned_quantities(self) -> list[Any]:
        """The quantities of 预期目标 (years glued to words excluded)."""
        if self._planned_qs is None:
            from .narrative import quantities

            self._planned_qs = quantities(self.planned)
        return self._planned_qs
