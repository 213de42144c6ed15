"""Findings that were false or unhelpful on real forms (issue 14, second round), each on the case
seen in ``tests/data/real/`` and on its canonical copy where there is one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from _forms import form, hits, ind

from jixiao.model import Form, Goal, Reading
from jixiao.readers import read_path
from jixiao.rules._common import actual_in_target_unit
from jixiao.values import bare_multiplied, in_yuan

RULES = Path(__file__).parent / "data" / "rules"
REAL = Path(__file__).parent / "data" / "real"

_INVEST = dict(level1="效益指标", level2="经济效益")


def test_an_amount_in_yi_compares_by_value_with_a_bare_yi_in_the_table_r056() -> None:
    row = ind("形成新能源投资增加数", "≥1亿元", "24亿", 9, 9, **_INVEST)
    assert row.actual.value == 2_400_000_000 and row.actual.unit is None  # the grammar multiplies "24亿" out
    same = form(row, achieved="2023年，形成新能源投资增加数24亿元，确保了能源保障平稳可靠。")
    assert hits("N001", same) == []
    other = form(row, achieved="2023年，形成新能源投资增加数30亿元，确保了能源保障平稳可靠。")
    (n001,) = hits("N001", other)
    assert "30亿元" in n001.message and "24亿" in n001.message and "2400000000" not in n001.message


def test_the_real_r056_has_no_n001_and_its_q006_reads_as_printed() -> None:
    found = [f for f in _check(REAL / "r056.txt") if f.indicator == "形成新能源投资增加数"]
    assert not [f for f in found if f.rule == "N001"]
    (q006,) = [f for f in found if f.rule == "Q006"]
    assert "实际完成值 24亿 为目标 ≥1亿元 的 2400%" in q006.message


def test_a_bare_multiplied_target_is_met_by_an_amount_in_wan_yuan() -> None:
    assert actual_in_target_unit(ind("市民中心运行维护费", "≤150万", "140万元")) == 1_400_000
    assert actual_in_target_unit(ind("投资额", "≥1亿元", "24亿")) == 24
    assert hits("Q004", form(ind("市民中心运行维护费", "≥150万", "160万元", 10, 10))) == []
    # people and lengths are multiplied out on both sides already: nothing to convert
    assert actual_in_target_unit(ind("培训人数", "≥1万人", "1.2万")) == 12_000
    assert bare_multiplied("24亿") and bare_multiplied("一万二千") and not bare_multiplied("2400")
    assert in_yuan(1.5, "万元") == 15_000 and in_yuan(3, "人") is None


def test_q008_prints_a_money_target_as_the_form_does_r035() -> None:
    (q008,) = hits("Q008", form(ind("市民中心运行维护费", "150万", "125.25万元", 20, 20, level2="成本指标")))
    assert q008.message == "定量目标 150万 没有单位：在年度指标值后补上单位（如 150万元）"
    (count,) = hits("Q008", form(ind("培训人数", "1.2万", "12000人")))
    assert count.message == "定量目标 1.2万 没有单位：在年度指标值后补上单位"


def _no_reason_column(f: Form, goal: bool = False) -> Form:
    """``f`` as a 目标值 / 完成值 table of an unknown template (r054), with or without a goal."""
    return replace(f, reading=Reading(template="other"), goal=f.goal if goal else Goal(planned="", achieved=""))


def test_fixes_do_not_send_the_unit_to_a_deviation_column_its_form_lacks_r054() -> None:
    far = ind("完成吕梁山护工培训就业质量考核及验收", "≥2所", "11所", 10, 10)
    plain = _no_reason_column(form(far))
    (q006,) = hits("Q006", plain)
    assert "偏差原因" not in q006.message and q006.message.endswith("下一年度按往年完成情况设定目标")
    with_goal = _no_reason_column(form(far), goal=True)
    (q006,) = hits("Q006", with_goal)
    assert q006.message.endswith("在年度总体目标的实际完成情况中写明超额的原因（如目标按往年基数定得偏低）")
    deducted = _no_reason_column(form(ind("培训人数", "≥500人", "520人", 10, 8)))
    (q005,) = hits("Q005", deducted)
    assert "偏差原因" not in q005.message and q005.message.endswith("无依据的得分改为 10")
    missed = _no_reason_column(form(ind("培训人数", "≥500人", "400人", 10, 10)))
    (q004,) = hits("Q004", missed)
    assert "偏差原因" not in q004.message and q004.message.endswith("得分应改为 8.00")
    perfect = _no_reason_column(form(ind("参培学员满意度", "≥95%", "100%", 10, 10, level1="满意度指标")))
    (e002,) = hits("E002", perfect)
    assert "偏差原因" not in e002.message
    # a form with the column keeps the fix where the unit writes it
    (q006,) = hits("Q006", form(far))
    assert q006.message.endswith("在偏差原因中写明超额的原因（如目标按往年基数定得偏低）")


def test_a_template_without_a_goal_box_gets_no_blank_goal_r026_r053() -> None:
    for name in ("r026-tier-actuals.yaml", "r053-detail.yaml"):
        (copy,) = read_path(RULES / name)
        assert copy.reading is not None
        whole = replace(copy, reading=replace(copy.reading, truncated=False))
        assert not [f for f in _check_forms([whole]) if f.rule == "N005"], name
    exec20 = form(ind("培训场次", "≥10场", "12场"), planned="", achieved="", reading=Reading(template="exec20"))
    assert hits("N005", exec20) == []
    national = form(ind("培训场次", "≥10场", "12场"), planned="", achieved="", reading=Reading(template="national"))
    assert len(hits("N005", national)) == 2  # the national template prints the box: left blank


def _check(path: Path) -> list:
    return _check_forms(read_path(path))


def _check_forms(forms: list[Form]) -> list:
    from jixiao.check import check_forms

    return check_forms(forms)


def test_a_unit_printed_in_the_name_is_a_unit_r028() -> None:
    assert hits("Q008", form(ind("公猪舍(≥**平方米)", "22.8", "22.8"))) == []
    assert hits("Q008", form(ind("粉碎拌合机(11kw)(≥台)", "1", "1"))) == []
    assert hits("Q008", form(ind("农村低保标准(≥**元/人·月)", "583", "583"))) == []
    (bare,) = hits("Q008", form(ind("接受业务培训人数", "200", "210")))  # r050: no unit anywhere
    assert bare.message == "定量目标 200 没有单位：在年度指标值后补上单位"


def test_a_subsidy_standard_in_yuan_per_person_is_a_cost_r054() -> None:
    cost = dict(level1="产出指标", level2="产出成本")
    assert hits("S010", form(ind("吕梁山护工培训补贴标准达标", "3000元/人", "2600元/人", **cost))) == []
    (s010,) = hits("S010", form(ind("培训对象年龄符合规定", "≥95%", "98%", **cost)))
    assert "成本指标下的指标与成本无关" in s010.message


def test_a_slogan_named_with_numerals_is_no_quantity_r032() -> None:
    from jixiao.values import find_quantities

    assert find_quantities("保障了“三支一扶”人员的待遇") == []
    assert [q.text for q in find_quantities("开展两学一做活动三场，培训三次一共200人")] == ["三场", "三次", "200人"]
    promise = form(planned="全年招募“三支一扶”人员60名。", achieved="招募“三支一扶”人员60名。")
    assert not [h for h in hits("N004", promise) if "承诺「三支」" in h.message]


def test_no_problems_is_an_answer_on_a_form_that_lost_no_point_r048() -> None:
    clean = form(shortcomings="无", measures="无。")
    assert [h for h in hits("S007", clean) if h.field in ("存在问题", "改进措施")] == []
    lost = form(ind("培训场次", "≥10场", "8场", 10, 8, deviation="场地不足，下一年度提前预订场地。"),
                shortcomings="无", measures="")
    assert sorted(h.field for h in hits("S007", lost)) == ["存在问题", "改进措施"]


def test_rates_per_person_and_month_and_ages_are_numbers_with_units_r045_r025_r054() -> None:
    from jixiao.values import parse_value

    assert (parse_value("583元/人*月").value, parse_value("583元/人*月").unit) == (583, "元/人*月")
    assert parse_value("180元/人、天").unit == "元/人、天" and parse_value("758元/人·月").value == 758
    age = parse_value("18—54周岁")
    assert (age.op, age.value, age.upper, age.unit) == ("range", 18, 54, "岁")
    # a cost counted per person and day is lower-is-better: 180 against a 400 standard is met (r025)
    cost = form(ind("培训成本", "400元/人、天", "180元/人、天", 10, 10, level2="成本指标"))
    assert hits("D001", cost) == [] and hits("Q004", cost) == []
