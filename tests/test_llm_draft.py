"""Drafting: only a cause the unit stated reaches the model; the model's two phrases are framed by
code (fact sentence in front, the owner and deadline the unit gave, or placeholders, behind);
causes that are not the unit's, or explain the wrong direction, are rejected."""

from __future__ import annotations

import pytest
from _llm_seed import seed_forms

from jixiao.check import check_forms
from jixiao.llm.commitments import Commitments
from jixiao.llm.config import LLMSettings
from jixiao.llm.draft import Row, _verdict, draft_forms, plan_rows, prompt_item
from jixiao.llm.notes import UnitNotes
from jixiao.llm.schema import IndicatorDraft

FORM = seed_forms()[0]
ROWS = {r.facts.name: r for r in plan_rows(FORM, None)}
SATISFACTION = ROWS["受众群体满意度"]
LONG_TERM = ROWS["长效管理制度健全性"]


def test_only_a_row_whose_cause_the_unit_wrote_is_asked() -> None:
    assert SATISFACTION.asks_model and SATISFACTION.evidence.causes == ["满意度未留存相关存档文件"]
    assert not LONG_TERM.asks_model  # "长效管理机制需进一步完善" names no cause
    assert LONG_TERM.evidence.sentences == ("长效管理机制需进一步完善",)  # the narrative's clause about it


def test_the_prompt_gets_the_task_in_words_and_the_units_words_as_evidence() -> None:
    item = prompt_item(SATISFACTION)
    assert item["task"] == "该指标已达到年度指标值但被扣分：cause 写扣分的原因，不能写未达到，也不能写指标值偏低"
    assert item["evidence"] == ["满意度未留存相关存档文件", "后续加强存档管理"]


def test_the_text_is_fact_then_cause_and_measure_then_placeholders_for_owner_and_deadline() -> None:
    answer = IndicatorDraft(id=SATISFACTION.id, cause="满意度问卷未归档。", measure="建立问卷归档制度；")
    assert answer.text(SATISFACTION.facts.fact, SATISFACTION.commitments.sentence()) == (
        "受众群体满意度年度指标值为≥90%，实际完成值为90%，已达到年度指标值，分值20分，得分17分，扣3分。"
        "原因：满意度问卷未归档。改进措施：建立问卷归档制度。"
        "由【请补充：责任科室】负责，于【请补充：完成时间】前完成。"
    )


@pytest.mark.parametrize(
    ("cause", "measure", "reason"),
    [
        ("满意度调查问卷未留存存档文件，评分依据不足", "建立问卷归档制度，每场活动后收集问卷", None),
        ("年度指标值设定偏低", "建立问卷归档制度", "解释的是超额完成"),
        ("活动经费到位较晚，宣传推广不足", "建立问卷归档制度", "不是单位给出的原因"),
        ("满意度未留存相关存档文件", "由办公室负责建立问卷归档制度", "自行写了责任单位或期限"),
        ("满意度问卷未留存存档，实际完成值未达到年度指标值", "建立问卷归档制度", "称未达到目标"),
    ],
)
def test_the_verdict_judges_a_row_on_its_own_facts(cause: str, measure: str, reason: str | None) -> None:
    row = SATISFACTION
    problems = _verdict(FORM, row, IndicatorDraft(id=row.id, cause=cause, measure=measure))
    if reason is None:
        assert problems == []
    else:
        assert any(reason in p for p in problems), problems


def test_a_shortfall_cause_never_explains_an_over_achievement() -> None:
    form = seed_forms()[1]
    notes = UnitNotes(common={"受众人数": "与区科协联合办场，观众多于预期"})
    [over] = [r for r in plan_rows(form, check_forms([form]), notes=notes) if r.facts.name == "受众人数"]
    assert over.facts.direction == "over"
    wrong = IndicatorDraft(id=over.id, cause="与区科协联合办场推迟，观众减少", measure="与区科协联合办场")
    assert any("解释的是未完成" in p for p in _verdict(form, over, wrong))


def test_owner_and_deadline_come_only_from_the_unit() -> None:
    given = plan_rows(FORM, None, Commitments(owner="科普部", deadline="2025年6月"))
    assert {r.commitments.sentence() for r in given} == {"由科普部负责，于2025年6月前完成"}
    notes = UnitNotes(commitments=Commitments(owner="办公室", deadline="2025年底"))
    options_win = plan_rows(FORM, None, Commitments(owner="科普部"), notes)
    assert {r.commitments.sentence() for r in options_win} == {"由科普部负责，于2025年底前完成"}


def test_without_a_model_every_draft_is_the_units_words_or_a_placeholder() -> None:
    settings = LLMSettings()
    [drafts] = draft_forms([FORM], None, None, settings)
    by_name = {d.indicator: d for d in drafts}
    assert "原因：满意度未留存相关存档文件。改进措施：后续加强存档管理。" in by_name["受众群体满意度"].text
    assert "原因：【请补充：未达到的具体原因】。改进措施：【请补充：针对原因的改进措施】。" in by_name["长效管理制度健全性"].text
    assert all("上海市科普事业中心负责" not in d.text for d in drafts)


def test_notes_become_the_evidence_of_their_row() -> None:
    notes = UnitNotes(common={"长效管理制度健全性": "管理办法草案已起草但未印发"})
    row: Row = next(r for r in plan_rows(FORM, None, notes=notes) if r.facts.name == "长效管理制度健全性")
    assert row.asks_model and row.evidence.notes == "管理办法草案已起草但未印发"


def test_a_cause_the_unit_wrote_under_存在问题_grounds_its_row() -> None:
    form = seed_forms()[0]
    form.shortcomings = "一是长效管理制度健全性不足，因机构调整，管理办法尚未印发；二是宣传力度不够。"
    row = next(r for r in plan_rows(form, None) if r.facts.name == "长效管理制度健全性")
    assert row.asks_model
    assert "一是长效管理制度健全性不足，因机构调整，管理办法尚未印发" in row.evidence.sentences
    assert "因机构调整" in row.evidence.causes
