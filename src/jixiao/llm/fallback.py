"""Template drafts: what ``jixiao draft`` writes when no model is configured, reachable or
trusted. Built from the facts alone (the fact sentence, the cause category the findings imply,
a measure tied to that cause, who and when), and marked 模板草稿 so nobody mistakes it for an
analysis someone wrote.
"""

from __future__ import annotations

from pathlib import Path

from ..finding import Draft
from ..model import Form
from ._facts import IndicatorFacts
from .guard import guard_draft
from .prompts import render

__all__ = ["TEMPLATE_MARK", "cause_kind", "cause_and_measure", "owner_when", "template_draft"]

TEMPLATE_MARK = "（模板草稿）"

_RECORDS = ("未留存", "存档", "留存", "资料", "档案")


CAUSE_KINDS: dict[str, str] = {
    "records": "佐证资料缺失：满意度问卷或统计资料未留存归档",
    "evidence": "佐证材料不完整：已达标但评分时缺少完成情况的证明材料",
    "target_low": "指标值设定偏低：年度指标值没有参考以往年度的完成情况",
    "rules": "制度不健全：配套管理制度未制定或未印发，没有形成长效机制",
    "effect": "实施效果不足：工作计划和验收标准不够细，效果未达要求",
    "progress": "进度管理不到位或指标值设定偏高",
}
"""Cause category → how the prompt names it (a hint, so the model need not infer the category)."""


def cause_kind(facts: IndicatorFacts) -> str:
    """The cause category the findings and the row imply (a key of ``CAUSE_KINDS``)."""
    ind = facts.indicator
    name, existing, trig = ind.name, ind.deviation, set(facts.triggers)
    if "满意度" in name and (facts.met or any(w in existing for w in _RECORDS) or "E001" in trig):
        return "records"
    if facts.met and ("Q005" in trig or "扣分" in trig):
        return "evidence"
    if "Q006" in trig:
        return "target_low"
    if facts.qualitative and any(w in name for w in ("制度", "机制", "管理")):
        return "rules"
    if facts.qualitative:
        return "effect"
    return "progress"


_TEMPLATES: dict[str, tuple[str, str]] = {
    "records": (
        "满意度调查问卷及统计资料未按要求留存归档，评分时佐证不足",
        "每年开展满意度问卷调查，统一问卷、样本与统计口径，原始问卷和统计结果一并归档备查",
    ),
    "evidence": (
        "指标虽已达到年度指标值，但佐证材料不完整，评分时予以扣分",
        "按指标逐项收集完成情况佐证材料，随自评表一并归档",
    ),
    "target_low": (
        "年度指标值设定偏低，未充分参考以往年度完成情况",
        "编制下一年度绩效目标时依据历史完成情况合理确定指标值",
    ),
    "rules": (
        "相关工作已开展，但配套管理制度尚不健全，未形成长效机制",
        "梳理现有管理办法，制定并印发配套制度，建立定期检查台账",
    ),
    "effect": (
        "相关工作已开展，但效果尚未完全达到年度指标要求",
        "细化工作计划和验收标准，按季度检查实施效果并留存记录",
    ),
    "progress": (
        "项目推进管理不到位或年度指标值设定偏高，实际完成值未达预期",
        "建立项目进度台账按月跟踪，并结合历史完成情况合理设定下一年度指标值",
    ),
}


def cause_and_measure(facts: IndicatorFacts) -> tuple[str, str]:
    """The cause category the findings and the row imply, and the measure that answers it."""
    return _TEMPLATES[cause_kind(facts)]


def owner_when(form: Form) -> str:
    """Who and when, from the form: the implementing unit and the next budget cycle."""
    who = form.implementer or "项目实施单位"
    if form.year:
        return f"由{who}负责，于{form.year + 1}年度预算编制前完成"
    return f"由{who}负责，于下一年度预算编制前完成"


def template_draft(form: Form, facts: IndicatorFacts, *, notes: list[str] | None = None,
                   folder: Path | None = None) -> Draft:
    cause, measure = cause_and_measure(facts)
    when = owner_when(form)
    text = render("draft_fallback_v1", folder, it=facts.prompt_facts(), cause=cause, measure=measure, when=when)
    text = text.strip()
    problems = guard_draft(form, facts, text)
    return Draft(
        form=form.label,
        indicator=facts.name,
        text=text,
        origin="template",
        accepted=not problems,
        triggers=list(facts.triggers),
        notes=[*(notes or []), *(f"模板草稿未通过校验：{p}" for p in problems)],
    )
