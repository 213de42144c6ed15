"""Drafting: the prompt gets verdicts in words and a cause category; the model's two phrases are
framed by code (fact sentence in front, who and when behind); copies of the prompt are rejected."""

from __future__ import annotations

import pytest
from _llm_seed import seed_forms

from jixiao.llm._facts import needs_draft
from jixiao.llm.draft import _verdict, prompt_item
from jixiao.llm.fallback import owner_when
from jixiao.llm.schema import IndicatorDraft

FORM = seed_forms()[0]
ROWS = {it.name: it for it in needs_draft(FORM)}
SYSTEM_EXAMPLE_CAUSE = "活动场地管理办法尚未制定印发，日常管理缺少制度依据"


@pytest.mark.parametrize(
    ("name", "hint", "task"),
    [
        ("长效管理制度健全性", "制度不健全", "未达标，分析没有达到的具体原因"),
        ("受众群体满意度", "佐证资料缺失", "已达标但被扣分，原因写扣分的原因（如佐证资料不足）"),
    ],
)
def test_each_row_is_told_its_cause_category_and_what_to_explain(name: str, hint: str, task: str) -> None:
    item = prompt_item(ROWS[name])
    assert str(item["hint"]).startswith(hint)
    assert item["task"] == task
    assert item["existing"] == ""  # the unit's boilerplate is not offered for copying


def test_the_text_is_fact_then_cause_and_measure_then_who_and_when() -> None:
    it = ROWS["受众群体满意度"]
    answer = IndicatorDraft(id=it.id, cause="满意度问卷未归档。", measure="建立问卷归档制度；")
    assert answer.text(it.fact, owner_when(FORM)) == (
        it.fact + "原因：满意度问卷未归档。改进措施：建立问卷归档制度。"
        "由上海市科普事业中心负责，于2025年度预算编制前完成。"
    )


@pytest.mark.parametrize(
    ("name", "cause", "measure", "reason"),
    [
        ("受众群体满意度", "满意度问卷发放后未整理归档，评分时缺少统计结果", "建立问卷归档制度，每场活动后收集问卷", None),
        ("长效管理制度健全性", "长效管理制度健全性未达标，分析没有达到的具体原因", "制定并印发配套管理制度", "任务说明"),
        ("长效管理制度健全性", SYSTEM_EXAMPLE_CAUSE, "制定并印发配套管理制度", "其他项目的示例"),
        ("受众群体满意度", "满意度问卷未归档，实际完成值未达到年度指标值", "建立问卷归档制度", "称未达到目标"),
    ],
)
def test_the_verdict_rejects_copies_of_the_prompt_and_contradictions(name: str, cause: str, measure: str,
                                                                     reason: str | None) -> None:
    system = f"示例：{{\"cause\": \"{SYSTEM_EXAMPLE_CAUSE}\", \"measure\": \"制定并印发场地管理办法\"}}"
    it = ROWS[name]
    problems = _verdict(FORM, it, IndicatorDraft(id=it.id, cause=cause, measure=measure), system)
    if reason is None:
        assert problems == []
    else:
        assert any(reason in p for p in problems), problems
