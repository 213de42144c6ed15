"""The checks real forms needed that the catalogue lacked: F010, F011, S009, S010, Q010, N008, D004."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from _forms import form, funds, hits, ind

from jixiao.model import Form, Indicator
from jixiao.readers import read_path
from jixiao.values import parse_value

DATA = Path(__file__).parent / "data" / "rules"


def load(name: str) -> Form:
    (f,) = read_path(DATA / name)
    return f


def test_execution_rate_scored_twice_r035() -> None:
    (f010,) = hits("F010", load("r035-double.yaml"))
    assert f010.indicator == "预算执行率" and f010.message.endswith("把分值分给产出或效益指标")
    assert hits("F010", load("points100.yaml")) == []  # there the indicator row is the only score


def test_cost_row_above_the_money_spent_r035() -> None:
    (f011,) = hits("F011", load("r035-double.yaml"))
    assert f011.indicator == "市民中心运行维护费" and "125.25" in f011.message


@pytest.mark.parametrize(("name", "actual", "fires"), [
    ("结转结余率", "0%", True),     # the case: 76% spent, nothing left over?
    ("结转结余率", "24%", False),
    ("预算执行率", "100%", True),
    ("预算执行率", "76%", False),
])
def test_indicator_against_the_funds_table(name: str, actual: str, fires: bool) -> None:
    f = form(ind(name, "≤30%" if "结余" in name else "100%", actual, 10, 10, level1="管理指标", level2="资金管理"),
             funds_=funds(100, 76))
    assert bool(hits("F011", f)) is fires


def test_parent_weight_is_the_sum_of_its_children() -> None:
    ok = load("r045-poverty.yaml")  # r045: the 其中 child carries the parent's 5 points
    assert hits("S009", ok) == []
    rows = [Indicator(name="农村低保发放人数", target=parse_value("≥21933人"), actual=parse_value("21980人"),
                      weight=10.0, score=10.0, level1="产出指标", level2="数量指标"),
            Indicator(name="其中：建档立卡贫困人口", parent="农村低保发放人数", target=parse_value("≥9431人"),
                      actual=parse_value("9453人"), weight=5.0, score=5.0, level1="产出指标", level2="数量指标")]
    (s009,) = [h for h in hits("S009", form(*rows)) if h.field == "weight"]
    assert "合计 5" in s009.message


def test_children_counted_again_in_the_weight_total() -> None:
    f = form()
    parent = replace(f.indicators[0], weight=25.0)
    child = Indicator(name="其中：新入职人员培训", parent=parent.name, target=parse_value("≥4(场)"),
                      actual=parse_value("5(场)"), weight=5.0, score=5.0, level1="产出指标", level2="数量指标")
    double = replace(f, total_weight=105.0, indicators=[parent, child, *f.indicators[1:]])
    (s002,) = hits("S002", double)
    assert "其中" in s002.message and "重复" in s002.message


@pytest.mark.parametrize(("level1", "level2", "name", "fires"), [
    ("产出指标", "经济效益指标", "奖补资金兑付率", True),        # r029
    ("效益指标", "社会效益指标", "群众满意度", True),
    ("效益指标", "生态效益指标", "项目成本控制率", True),
    ("成本指标", "经济成本指标", "活动开展次数", True),
    ("成本指标", "经济成本指标", "人均培训费", False),
    ("效益指标", "社会效益指标", "疫情控制率", False),
    ("满意度指标", "服务对象满意度指标", "群众满意度", False),
])
def test_indicator_under_the_wrong_level(level1: str, level2: str, name: str, fires: bool) -> None:
    f = form(ind(name, "≥90%", "95%", 10, 10, level1=level1, level2=level2))
    assert bool(hits("S010", f)) is fires


def test_r029_economic_benefit_inside_outputs() -> None:
    (s010,) = hits("S010", load("r029-level.yaml"))
    assert s010.indicator == "奖补资金兑付率(%)"


@pytest.mark.parametrize(("name", "target", "actual", "fires"), [
    ("生猪存栏", "50头+20只", "70头", True),
    ("培训", "≥2000人", "2000人", False),
    ("资金兑付率", "≥300(人)", "320(人)", True),       # a 率 counted in people
])
def test_mixed_units(name: str, target: str, actual: str, fires: bool) -> None:
    assert bool(hits("Q010", form(ind(name, target, actual)))) is fires


def test_counts_listed_in_the_name_with_a_percentage_r048() -> None:
    (q010,) = hits("Q010", load("r048-exec20.yaml"))
    assert "人、户、家" in q010.message


def test_no_deviation_claim_against_low_execution_r040() -> None:
    (n008,) = hits("N008", load("r040-transfer.yaml"))
    assert "57.9%" in n008.message and n008.field == "资金表的原因栏"


def test_conclusion_claiming_completion_with_a_missed_row() -> None:
    missed = ind("培训场次", "≥10(场)", "8(场)", 25, 20, deviation="受汛期影响两场取消；由培训科负责，2025年6月前补办。")
    (n008,) = hits("N008", form(missed, conclusion="项目各项指标全部完成，无偏差。"))
    assert "「培训场次」未达到目标" in n008.message
    assert hits("N008", form(conclusion="项目各项指标全部完成，无偏差。")) == []


def test_shortfall_written_only_in_the_actual_r040() -> None:
    (d004,) = hits("D004", load("r040-transfer.yaml"))
    assert d004.indicator == "新建全民健身中心数量" and "建设中" in d004.message
    explained = form(ind("新建全民健身中心数量", "1个", "建设中", 10, 10,
                         deviation="受审批影响开工推迟；由体育中心负责，2024年6月前建成。"))
    assert hits("D004", explained) == []
