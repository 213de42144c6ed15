"""The reading check: a correct reading passes it, a shifted one is doubted, and the checker then
reports the doubt once (R001) instead of findings built on misread cells."""

from __future__ import annotations

from _forms import form, ind, seed_forms

from jixiao.check import check_form
from jixiao.model import Form
from jixiao.readers.reading import attach_reading
from jixiao.readers.text import read_text


def read_as(f: Form, **kw: object) -> Form:
    return attach_reading(f, template=kw.pop("template", "national"), shape="pipe", **kw)  # type: ignore[arg-type]


def test_a_correct_reading_passes() -> None:
    for f in seed_forms():
        read_as(f)
        assert f.reading is not None and f.reading.doubtful == [] and f.reading.problems == [], f.reading


def test_a_standard_form_passes_and_is_named() -> None:
    f = read_as(form())
    assert f.reading is not None
    assert (f.reading.template, f.reading.shape, f.reading.doubtful, f.reading.truncated) == ("national", "pipe", [], False)


def test_header_words_read_as_indicator_names_are_doubted() -> None:
    f = read_as(form(ind("年度指标值", "实际完成值", "分值", None, None), ind("培训人数", "≥500(人)", "520(人)", 90, 90)))
    assert f.reading is not None and f.reading.doubtful == ["indicators"]
    assert "年度指标值" in f.reading.problems[0]


def test_cells_glued_with_their_separators_are_doubted() -> None:
    f = read_as(form(ind("培训人数 | ≥500人 | 520人", "", "", 90, 90)))
    assert f.reading is not None and f.reading.doubtful == ["indicators"]


def test_weight_and_score_columns_shifted_in_many_rows_are_doubted() -> None:
    # 实际完成值 read into 分值, 分值 into 得分: every score now exceeds its "weight"
    shifted = [ind(f"指标{i}名称", "≥10(个)", "", 1, 10) for i in range(5)]
    f = read_as(form(*shifted))
    assert f.reading is not None and "indicators" in f.reading.doubtful


def test_one_score_over_its_weight_is_left_to_the_rules() -> None:
    f = form()
    f.indicators[0].score = (f.indicators[0].weight or 0) + 1
    read_as(f)
    assert f.reading is not None and f.reading.doubtful == []
    assert any(x.rule == "Q003" for x in check_form(f))


def test_a_rate_far_from_executed_over_budget_doubts_the_funds() -> None:
    f = form()
    f.funds.total.rate = 10.0  # the 分值 column read as 执行率
    read_as(f)
    assert f.reading is not None and f.reading.doubtful == ["funds"]


def test_a_rate_printed_as_a_fraction_passes() -> None:
    f = form()
    f.funds.total.rate = (f.funds.total.rate or 0) / 100
    read_as(f)
    assert f.reading is not None and f.reading.doubtful == []


def test_section_weights_must_match_their_rows() -> None:
    f = form()
    f.section_weights = {"产出指标": 50.0}
    read_as(f)
    assert f.reading is not None and f.reading.doubtful == []
    f.section_weights = {"产出指标": 20.0}  # rows weigh 50
    read_as(f)
    assert f.reading is not None and f.reading.doubtful == ["indicators"]


def test_an_empty_goal_in_a_workbook_is_doubted_only_when_its_row_was_printed() -> None:
    f = form(planned="", achieved="")
    assert attach_reading(f, template="national", shape="xlsx").reading.doubtful == []  # type: ignore[union-attr]
    assert attach_reading(f, template="national", shape="xlsx", seen={"goal"}).reading.doubtful == ["goal"]  # type: ignore[union-attr]


def test_in_text_a_goal_or_total_the_template_prints_but_the_reader_missed_is_doubted() -> None:
    f = form(planned="", achieved="")
    assert read_as(f).reading.doubtful == ["goal"]  # type: ignore[union-attr]
    findings = check_form(f)
    assert "R001" in {x.rule for x in findings}
    assert not [x for x in findings if x.rule == "N005"]  # never "预期目标空白" on a misreading
    untitled = form()
    untitled.total_score = None
    assert "total" in read_as(untitled).reading.doubtful  # type: ignore[union-attr]
    assert not [x for x in check_form(untitled) if x.rule == "S007" and "总分" in x.message]
    assert read_as(untitled, template="transfer").reading.doubtful == []  # type: ignore[union-attr]  # no total printed


def test_a_doubted_form_gets_one_r001_and_no_finding_from_what_is_in_doubt() -> None:
    shifted = [ind(f"指标{i}名称", "≥10(个)", "5(个)", 1, 10) for i in range(5)]
    f = read_as(form(*shifted))
    findings = check_form(f)
    assert [x.rule for x in findings if x.rule.startswith("R")] == ["R001"]
    assert not [x for x in findings if x.rule[0] in "QLDESN"]
    assert "绩效指标表" in next(x.message for x in findings if x.rule == "R001")


def test_the_funds_rules_still_run_when_only_the_indicators_are_in_doubt() -> None:
    shifted = [ind(f"指标{i}名称", "≥10(个)", "5(个)", 1, 10) for i in range(5)]
    f = form(*shifted)
    f.funds.total.score = 3.0  # F002: score ≠ min(rate, 1) × weight
    read_as(f)
    assert any(x.rule == "F002" for x in check_form(f))


def test_a_form_cut_short_is_said_once_and_total_rules_do_not_run() -> None:
    f = form(total_score=None, grade=None)
    read_as(f, truncated=True)
    rules = [x.rule for x in check_form(f)]
    assert "R002" in rules and not any(r.startswith("S") for r in rules)


def test_a_form_without_reading_is_checked_as_before() -> None:
    f = form(total_score=None)
    assert f.reading is None
    assert any(x.rule == "S007" for x in check_form(f))



def test_several_rows_glued_into_one_name_are_doubted() -> None:
    # r009: a document site stripped the digits; the rows ran into one cell
    glued = ind("产出指标数量国家奖学金人数国家助学金人数成本指标国家奖学金人均资助效益指标社会效益指标资金发放率", "", "", None, None)
    f = read_as(form(glued))
    assert f.reading is not None and f.reading.doubtful == ["indicators"]
    assert "连在了一起" in f.reading.problems[0]
    assert read_as(form(ind("产出指标完成率", "", "", None, None))).reading.doubtful == []  # type: ignore[union-attr]


def test_the_last_row_of_a_form_cut_short_is_not_reported_on() -> None:
    # r045 ends inside its last row: "★受助对象满意度(≥**%) | 10 | >=9" (of ">=90%"), no actual, no score
    cut = ind("受助对象满意度", ">=9", "", 10, None)
    f = read_as(form(ind("培训人数", "≥500人", "520人", 90, 90), cut), truncated=True)
    findings = check_form(f)
    assert not [x for x in findings if x.indicator == "受助对象满意度"]
    assert "R002" in {x.rule for x in findings}
    whole = read_as(form(ind("培训人数", "≥500人", "520人", 90, 90), ind("受助对象满意度", ">=9", "", 10, None)))
    assert [x for x in check_form(whole) if x.indicator == "受助对象满意度"]  # the same row, printed whole, is checked


def test_a_form_whose_template_prints_no_deviation_column_is_not_told_to_fill_one() -> None:
    # r054: a 目标值 / 完成值 table alone (template unknown), a target missed, no reason anywhere
    missed = ind("参训学员就业率", "≥60%", "53.53%", None, None)
    f = read_as(form(missed), template="other")
    assert not [x for x in check_form(f) if x.rule.startswith("D")]
    national = read_as(form(ind("参训学员就业率", "≥60%", "53.53%", None, None)))
    assert any(x.rule == "D001" for x in check_form(national))  # the national form has the column: D001 stands


def test_doubts_name_what_was_read_as_printed() -> None:
    # r041: "303010100%" read whole as a rate; r052: a project name running into the next cells
    f = form()
    f.funds.total.rate = 303010100.0
    f.project = "2017年度退耕还林苗圃建设市级配套项目" + "项目单位:文昌市林业局主管部门:文昌市人民政府" * 3
    problems = read_as(f).reading.problems  # type: ignore[union-attr]
    assert any("读成了 303010100，" in p for p in problems)
    assert any(p.startswith(f"项目名称读成了 {len(f.project)} 个字的一长段文字") for p in problems)


def test_a_text_cut_short_after_an_uncut_row_doubts_the_indicators() -> None:
    # a glued form whose page ends after its first row, which could not be parted into cells: the
    # row is not a name's first characters (it holds labels and values), so it is not dropped as
    # the row the cut went through, and the reading check doubts the indicator table
    text = "一级指标二级指标三级指标年度指标值实际完成值偏差原因分析及改进措施\n产出指标数量指标新建全民健身中心数量1建设中\n"
    (f,) = read_text(text.encode(), name="cut.txt")
    assert f.reading is not None and f.reading.truncated
    assert "indicators" in f.reading.doubtful
