"""Template leftovers (S007, P001) and the narrative rules (N005, N006, S008, L003) on real texts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from _forms import form, funds, hits, ind

from jixiao.model import Form
from jixiao.readers import read_path

DATA = Path(__file__).parent / "data" / "rules"


def load(name: str) -> Form:
    (f,) = read_path(DATA / name)
    return f


# --- S007 and P001 ----------------------------------------------------------------------------------

def test_placeholder_stars_left_in_indicator_names_r028() -> None:
    found = hits("S007", load("r028-exec20.yaml"))
    names = [f.indicator for f in found if f.evidence.get("text") == "**"]
    assert "公猪舍(≥**平方米)" in names and len(names) == 11  # 排污沟(≥米) lost its ** already
    assert not [f for f in found if "总分空白" in f.message]  # the form is cut short: no total to read


@pytest.mark.parametrize(("field", "text", "found"), [
    ("conclusion", "（100字以内）", "（100字以内）"),
    ("shortcomings", "结合自评情况，说明存在的问题。", "结合自评情况"),
    ("measures", "说明改进措施", "说明改进措施"),
    ("measures", "2025年起由财务科按季度跟踪预算执行。", None),
])
def test_template_prompts_left_in_the_closing_sections(field: str, text: str, found: str | None) -> None:
    """The 四川 部门预算 closing rows 评价结论 / 存在问题 / 改进措施 (rules.md §6), with the prompts
    such templates print in them."""
    got = [f.evidence["text"] for f in hits("S007", form(**{field: text})) if "残留" in f.message]
    assert got == ([found] if found else [])


@pytest.mark.parametrize("field", ["conclusion", "shortcomings", "measures"])
def test_blank_closing_section_where_the_template_has_one(field: str) -> None:
    (found,) = hits("S007", form(**{field: ""}))
    assert "栏空白" in found.message
    assert hits("S007", form()) == []  # None: the template has no such section


def test_empty_numbered_items_are_template_text_not_a_spaced_number() -> None:
    f = form(achieved="1. 开展培训12场，培训人数520人。2. 3.")
    (s007,) = hits("S007", f)
    assert "2. 3." in s007.message and "空的编号项" in s007.message
    assert hits("P001", f) == []


def test_blank_execution_score() -> None:
    table = funds(100, 100)
    f = form(funds_=replace(table, total=replace(table.total, score=None)))
    assert [h.field for h in hits("S007", f)] == ["funds.total.score"]


def test_no_score_rules_on_a_form_without_scores() -> None:
    """转移支付 forms (r025, r033) print 指标值 and 完成值 and no score at all."""
    rows = [ind("抽检批次", "≥300(批次)", "320(批次)", None, None), ind("群众满意度", "≥90%", "93%", None, None,
                                                                    level1="满意度指标")]
    f = form(*rows, funds_=funds(100, 100, weight=None, score=None), total_score=None, grade=None,
             total_weight=None)
    assert hits("S007", f) == [] and hits("S002", f) == [] and hits("S001", f) == []


# --- narrative ----------------------------------------------------------------------------------------

MISSED = [ind("培训场次", "≥10(场)", "8(场)", 25, 20, deviation="受汛期影响两场取消；由培训科负责，2025年6月前补办。"),
          ind("培训人数", "≥500(人)", "520(人)", 25, 25)]


@pytest.mark.parametrize(("executed", "achieved", "fires"), [
    (1730, "各项任务全面完成。", True),                  # 86.5%, with a row missed: the case
    (1157.97, "已完成。", True),                        # r040's 57.89%
    (1900, "各项任务全面完成。", False),                 # 95%: F007's threshold is not crossed
    (1730, "已完成培训8场，未达到10场的目标。", False),  # a plain statement, not a claim of completion
])
def test_n006_completion_claims_against_execution_below_90(executed: float, achieved: str, fires: bool) -> None:
    f = form(*MISSED, funds_=funds(2000, executed), achieved=achieved)
    found = hits("N006", f)
    assert bool(found) is fires
    if found and executed == 1730:
        assert "「培训场次」未达到目标" in found[0].message


def test_n006_every_output_done_at_20_percent_r028() -> None:
    (found,) = hits("N006", load("r028-exec20.yaml"))
    assert "执行率仅 20%" in found.message and "12 项产出指标" in found.message


def test_n005_achieved_is_the_tail_of_planned() -> None:
    """After r020: 实际完成情况 copies the last clause of 预期目标."""
    planned = ("通过项目实施，完成六安市罗氏宗祠、李氏宗祠、英布墓日常维护，加大文物保护力度，"
               "发挥文物的宣传教育价值。")
    found = hits("N005", form(planned=planned, achieved="发挥文物的宣传教育价值。"))
    assert [f.evidence.get("part_of_planned") for f in found] == [True]
    assert hits("N005", form(planned=planned, achieved="基本完成年度目标。")) == []


def test_n005_identical_texts_r043() -> None:
    text = "降低艾滋病病列率，控制传染病流行。"  # r043: copied down to the typo
    assert len(hits("N005", form(planned=text, achieved=text))) == 1


def test_s008_reads_the_year_in_the_planned_text() -> None:
    stale = form(planned="2023年计划开展培训不少于10场。", year=2024)
    (found,) = hits("S008", stale)
    assert found.field == "goal.planned" and "2023" in found.message
    assert hits("S008", form(planned="到2025年底前完成全部培训。", year=2024)) == []


@pytest.mark.parametrize(("target", "fires"), [
    ("良好", True), ("逐步完善", True), ("进一步提高", True), ("效果显著", True), ("程度较高", True),
    ("健全", False), ("按时完成", False), ("合格", False),
])
def test_l003_vague_words(target: str, fires: bool) -> None:
    f = form(ind("社会影响", target, "达成年度指标", 10, 10, level1="效益指标", level2="社会效益指标"))
    assert bool(hits("L003", f)) is fires


def test_l003_without_a_weight_column_reads_the_section_points_r048() -> None:
    f = load("r048-exec20.yaml")
    row = replace(f.indicators[2], target=replace(f.indicators[2].target, text="有效提升", value=None))
    vague = replace(f, indicators=[*f.indicators[:2], row, *f.indicators[3:]])
    assert [h.indicator for h in hits("L003", vague)] == ["春节前完成走访慰问"]
