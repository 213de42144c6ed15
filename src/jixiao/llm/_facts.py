"""The facts of a form that a draft may state, and which indicators need a draft.

Both the prompt and the guard read the same ``IndicatorFacts``: the model is told the facts
plainly (a 1.5B model slips on "90% vs ≥90%" unless told "已达到"), and the guard accepts only
numbers that are among those facts or derived from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..finding import Finding
from ..model import Form, Indicator, Value
from .prompts import fmt_num

__all__ = ["TRIGGER_RULES", "IndicatorFacts", "Direction", "indicator_facts", "needs_draft", "form_numbers",
           "readable"]

TRIGGER_RULES: frozenset[str] = frozenset({"Q004", "Q005", "Q006", "D001", "D002", "L002", "E001"})
"""Checker findings on an indicator that call for a (new) 偏差原因分析及改进措施."""

Direction = Literal["miss", "over", "deducted", "other"]
"""What a row's explanation must explain: a shortfall, an over-achievement, points deducted from
a met target, or something else (a finding without a verdict)."""

_OPS = {">=": "≥", ">": "＞", "<=": "≤", "<": "＜", "=": ""}


def _number(x: float) -> str:
    """3000.0 → "3,000", 90.0 → "90", 0.125 → "0.13": as a person writes a figure."""
    text = fmt_num(x)
    whole, dot, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    if len(digits) > 3:
        digits = f"{int(digits):,}"
    return sign + digits + dot + frac


def readable(v: Value) -> str:
    """A cell as a person would write it (≥90%, 3,000人次, 5–8次), or its text when it is no number."""
    if v.value is None:
        return v.text.strip() or "（空）"
    unit = v.unit or ""
    if v.op == "range" and v.upper is not None:
        body = f"{_number(v.value)}–{_number(v.upper)}{unit}"
    else:
        body = _OPS.get(v.op or "", "") + _number(v.value) + unit
    return ("约" if v.approx else "") + body


_TIER_LABEL = {"achieved": "达成年度指标", "partial": "部分达成年度指标并具有一定效果",
               "unachieved": "未达成年度指标且效果较差"}


@dataclass
class IndicatorFacts:
    id: int
    """1-based position in ``form.indicators``: the key the model answers with."""
    indicator: Indicator
    met: bool | None
    lost: float | None
    triggers: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def qualitative(self) -> bool:
        return not self.indicator.actual.is_quantitative

    @property
    def ratio(self) -> float | None:
        """实际/目标 in percent, for quantitative rows with a non-zero target."""
        a, b = self.indicator.target.value, self.indicator.actual.value
        if a in (None, 0) or b is None:
            return None
        return b / a * 100

    @property
    def score_rate(self) -> float | None:
        w, s = self.indicator.weight, self.indicator.score
        if not w or s is None:
            return None
        return s / w * 100

    @property
    def status(self) -> str:
        """The verdict in words, stated for the model so it need not compare numbers."""
        if self.met is None:
            return "无法判断是否达标"
        if self.qualitative:
            tier = self.indicator.actual.tier
            return f"实际为「{_TIER_LABEL.get(tier or '', self.indicator.actual.text)}」，" + (
                "已达成年度指标" if self.met else "未完全达成年度指标"
            )
        return "实际完成值已达到年度指标值（达标）" if self.met else "实际完成值未达到年度指标值（未达标）"

    @property
    def direction(self) -> Direction:
        """What the explanation of this row has to explain (see ``Direction``)."""
        if self.met is False:
            return "miss"
        if self.met is True and self.lost is not None and self.lost > 0.005:
            return "deducted"
        if self.met is True and ("Q006" in self.triggers or (self.ratio is not None and self.ratio >= 130)):
            return "over"
        return "other"

    @property
    def verdict(self) -> str:
        """The short verdict a template sentence can carry."""
        if self.met is None:
            return "无法判断是否达标"
        if self.qualitative:
            return "已达成年度指标" if self.met else "未完全达成年度指标"
        return "已达到年度指标值" if self.met else "未达到年度指标值"

    @property
    def fact(self) -> str:
        """The fact sentence every draft starts with (rules.md §5, point 1), from the table only."""
        ind = self.indicator
        what = "情况" if self.qualitative else "值"
        target, actual = (readable(v) if v.value is not None else f"“{v.text}”" for v in (ind.target, ind.actual))
        parts = [f"{ind.name}年度指标值为{target}，实际完成{what}为{actual}，{self.verdict}"]
        if self.ratio is not None and self.ratio >= 130:
            parts.append(f"为年度指标值的{fmt_num(self.ratio)}%")
        parts.append(f"分值{fmt_num(ind.weight)}分，得分{fmt_num(ind.score)}分")
        if self.lost is not None and self.lost > 0.005:
            parts.append(f"扣{fmt_num(self.lost)}分")
        return "，".join(parts) + "。"

    def prompt_facts(self) -> dict[str, object]:
        ind = self.indicator
        return {
            "fact": self.fact,
            "id": self.id,
            "name": ind.name,
            "level": "/".join(x for x in (ind.level1, ind.level2) if x),
            "target": readable(ind.target),
            "actual": readable(ind.actual),
            "unit": ind.actual.unit or ind.target.unit or "",
            "weight": fmt_num(ind.weight),
            "score": fmt_num(ind.score),
            "lost": fmt_num(self.lost) if self.lost is not None else "（无法计算）",
            "score_rate": fmt_num(self.score_rate) if self.score_rate is not None else "（无法计算）",
            "status": self.status,
            "verdict": self.verdict,
            "qualitative": self.qualitative,
            "existing": ind.deviation.strip(),
            "triggers": self.triggers,
            "messages": self.messages,
        }


def _met(ind: Indicator) -> bool | None:
    t, a = ind.target, ind.actual
    if a.tier is not None:
        return a.tier == "achieved"
    if t.value is None or a.value is None:
        return None
    tol = 1e-9
    if t.op in ("<=", "<"):
        return a.value <= t.value + tol if t.op == "<=" else a.value < t.value
    if t.op == ">":
        return a.value > t.value
    if t.op == "range" and t.upper is not None:
        return t.value - tol <= a.value <= t.upper + tol
    return a.value >= t.value - tol  # ">=", "=", bare number: 正向


def indicator_facts(form: Form, findings: list[Finding] | None = None) -> list[IndicatorFacts]:
    """Facts for every indicator, with the checker's findings on it as triggers."""
    out: list[IndicatorFacts] = []
    for i, ind in enumerate(form.indicators, 1):
        lost = None
        if ind.weight is not None and ind.score is not None:
            lost = round(ind.weight - ind.score, 4)
        facts = IndicatorFacts(id=i, indicator=ind, met=_met(ind), lost=lost)
        for f in findings or []:
            if f.source == "rules" and f.indicator == ind.name and f.rule in TRIGGER_RULES:
                if f.rule not in facts.triggers:
                    facts.triggers.append(f.rule)
                    facts.messages.append(f"{f.rule} {f.message}")
        if lost is not None and lost > 0.005 and "扣分" not in facts.triggers:
            facts.triggers.append("扣分")
        if facts.met is False and "未达标" not in facts.triggers:
            facts.triggers.append("未达标")
        out.append(facts)
    return out


def needs_draft(form: Form, findings: list[Finding] | None = None) -> list[IndicatorFacts]:
    """Indicators a reviewer would ask a 偏差原因分析 for: a trigger finding, points deducted,
    or the target unmet."""
    return [f for f in indicator_facts(form, findings) if f.triggers]


def form_numbers(form: Form) -> set[float]:
    """Every number the form states or that follows from it directly."""
    nums: set[float] = set()

    def add(x: float | None) -> None:
        if x is not None:
            nums.add(round(float(x), 4))

    add(form.year)
    if form.year:
        add(form.year + 1)  # "the next budget cycle" is a fact of the form's year
    add(form.total_weight)
    add(form.total_score)
    add(form.funds.weight)
    for row in [form.funds.total, *form.funds.sub_rows().values()]:
        for x in (row.initial, row.budget, row.executed, row.rate, row.score):
            add(x)
    if form.funds.weight is not None and form.funds.total.score is not None:
        add(form.funds.weight - form.funds.total.score)
    for facts in indicator_facts(form):
        ind = facts.indicator
        for v in (ind.target, ind.actual):
            add(v.value)
            add(v.upper)
        add(ind.weight)
        add(ind.score)
        add(facts.lost)
        for derived in (facts.ratio, facts.score_rate):
            if derived is not None:
                add(derived)
                add(round(derived, 1))
                add(round(derived))
        a, b = ind.target.value, ind.actual.value
        if a is not None and b is not None:
            add(abs(b - a))
    return nums
