"""Direction: lower-is-better indicators, deadlines and yes/no targets are judged the way they count.

The printed 指标性质 and operator decide; the name is read only when nothing is printed, and a
finding that rests on such an inference says so and is never an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _forms import form, hits, ind

from jixiao.check import check_forms
from jixiao.model import Indicator
from jixiao.readers import read_path
from jixiao.values import parse_value

DATA = Path(__file__).parent / "data" / "rules"


def test_deadline_met_early_is_met_r050() -> None:
    """r050: 业务培训时限 "11月底前", done in 10月, 5/5: no Q004, D001 or N003."""
    findings = check_forms(read_path(DATA / "r050-deadline.yaml"))
    on_time_rows = [f for f in findings if f.indicator in ("业务培训时限", "科普宣传时限")]
    assert [f.rule for f in on_time_rows if f.rule in {"Q004", "D001", "N003", "Q001"}] == []


def test_deadline_missed_is_missed() -> None:
    f = form(ind("业务培训时限", "11月底前", "12月", 5, 5, level2="时效指标"))
    (q004,) = hits("Q004", f)
    assert q004.severity == "error" and "推断" not in q004.message


def test_printed_upper_bound_missed_at_full_marks_r045() -> None:
    """r045: 扶贫临时救助标准 "<=5300元/户", actual 5830元/户, 10/10, no reason."""
    findings = check_forms(read_path(DATA / "r045-poverty.yaml"))
    row = "扶贫临时救助标准(<**元/户·年)——一户年最高5300元"
    (q004,) = [f for f in findings if f.rule == "Q004" and f.indicator == row]
    assert q004.severity == "error" and "得分应改为 9.09" in q004.message
    assert any(f.rule == "D001" and f.indicator == row and f.severity == "error" for f in findings)


@pytest.mark.parametrize(("name", "target", "actual", "score", "rules"), [
    ("投诉率", "5%", "3%", 10, set()),                 # below the cap: met
    ("安全事故发生次数", "0(起)", "0(起)", 10, set()),
    ("成本控制率", "100%", "98%", 10, set()),            # money: 控制率 counts downwards
    ("疫情控制率", "95%", "97%", 10, set()),             # not money: counts upwards, met
    ("项目成本节约率", "5%", "6%", 10, set()),           # 节约 counts upwards
    ("资金结余率", "5%", "12%", 10, {"Q004", "D001"}),   # over the cap at full marks
])
def test_direction_inferred_from_the_name_when_nothing_is_printed(name: str, target: str, actual: str, score: float,
                                                                  rules: set[str]) -> None:
    f = form(ind(name, target, actual, 10, score))
    found = [h for code in ("Q001", "Q002", "Q004", "Q005", "D001") for h in hits(code, f)]
    assert {h.rule for h in found} == rules
    for h in found:  # an inference never makes an error, and says it was inferred
        assert h.severity == "warning" and "推断为反向指标" in h.message


def test_printed_direction_beats_the_name() -> None:
    row = Indicator(name="投诉率", level1="产出指标", level2="质量指标", target=parse_value("5%"),
                    actual=parse_value("8%"), weight=10.0, score=10.0, direction="positive")
    assert hits("Q004", form(row)) == []  # 正向 printed: 8% over a 5% target is met


def test_printed_negative_direction_scores_as_reverse() -> None:
    row = Indicator(name="整改问题数", level1="产出指标", level2="质量指标", target=parse_value("5个"),
                    actual=parse_value("8个"), weight=10.0, score=10.0, direction="negative")
    (q004,) = hits("Q004", form(row))
    assert q004.severity == "error" and "推断" not in q004.message


@pytest.mark.parametrize(("target", "actual", "score", "l002"), [
    ("无", "无", 10, False),     # 有无重大安全事故: 无 → met
    ("否", "否", 10, False),
    ("是", "是", 10, False),
    ("是", "否", 10, True),      # the answer differs: unachieved, scored in full
])
def test_yes_no_targets_are_qualitative(target: str, actual: str, score: float, l002: bool) -> None:
    f = form(ind("是否发生重大安全事故", target, actual, 10, score, level2="质量指标"))
    assert hits("S007", f) == []     # "无" is the answer, not a blank cell
    assert hits("L001", f) == []     # no tier label is needed for a yes/no answer
    assert bool(hits("L002", f)) is l002


def test_full_date_deadline_is_compared_as_a_date() -> None:
    early = form(ind("项目完工时间", "2024年9月30日前", "2024年7月完成", 10, 10, level2="时效指标"))
    late = form(ind("项目完工时间", "2024年9月30日前", "2024年11月完成", 10, 10, level2="时效指标"))
    assert hits("L001", early) == [] and hits("L002", early) == []
    assert [h.rule for h in hits("L002", late)] == ["L002"]
