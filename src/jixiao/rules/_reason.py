"""Where a form lets its unit write a reason, for the fixes that ask for one.

Most templates have a 偏差原因 column (under one name or another); some print only 目标值 and
完成值 (r054), or no 年度总体目标 either. A fix must not send the unit to a box its form does not
have: it names the box the form does have, or leaves the clause out.
"""

from __future__ import annotations

from ..model import Form
from ..readers.templates import OTHER, by_name

__all__ = ["DEVIATION", "ACHIEVED", "reason_box", "write_in"]

DEVIATION = "偏差原因"
ACHIEVED = "年度总体目标的实际完成情况"


def reason_box(form: Form) -> str | None:
    """The box where the unit of ``form`` explains a deviation: 偏差原因 where the form has that
    column (any row holds a reason, or its template prints one), else the goal's 实际完成情况
    where there is one; None for a form with neither (a 目标值 / 完成值 table alone)."""
    reading = form.reading
    if reading is None or any(i.deviation for i in form.indicators):
        return DEVIATION
    template = by_name(reading.template)
    if template is not OTHER and template.has("deviation"):
        return DEVIATION
    if form.goal.achieved or (template is not OTHER and template.has("goal")):
        return ACHIEVED
    return None


def write_in(box: str | None, what: str, otherwise: str = "") -> str:
    """The clause "在{box}中写明{what}" for a form whose reason box is ``box`` (``reason_box``,
    which ``FormFacts.reason_box`` holds), or ``otherwise`` (which may be empty) when the form has
    no box for it."""
    return f"在{box}中写明{what}" if box else otherwise
