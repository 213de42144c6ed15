"""What a reviewer found on real published forms, caught on hand-typed canonical copies of them.

Each case is one finding of ``shared/realforms/findings.yaml`` (``benchmarks/eval_rules.py``
measures all of them); the copies in ``tests/data/rules/`` name the realforms file they came from.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from _forms import form, funds, hits, ind

from jixiao.check import check_forms
from jixiao.model import Form, FundsRow
from jixiao.readers import read_path

DATA = Path(__file__).parent / "data" / "rules"


def load(name: str) -> Form:
    (f,) = read_path(DATA / name)
    return f


@pytest.mark.parametrize(("name", "code", "indicator"), [
    ("r017-blank-rows.yaml", "S007", "指标1:工程质量合格"),        # name only, 10/10
    ("r017-blank-rows.yaml", "E002", "指标1:服务对象满意度"),      # 90% → 100%
    ("r021-hebei.yaml", "E002", "服务对象满意度"),
    ("r025-blank.yaml", "S007", "指标4.不合格产品处置率"),
    ("r026-tier-actuals.yaml", "Q008", "森林火灾火因查明率"),      # 不低于95% → 达成预期指标
    ("r031-suzhou.yaml", "F011", "预算执行率"),                    # "=98%" at 94.54%
    ("r031-suzhou.yaml", "L003", "整体景观效果"),                  # 提升 → 提升, full marks
    ("r034-claim.yaml", "N008", None),                             # "不存在执行数偏离" at 85.75%
    ("r041-outside.yaml", "Q005", "演出设备成本"),                 # 2万元 → 2万元, 20 → 18
    ("r041-outside.yaml", "S002", None),                           # 10 + 5 × 20 = 110
    ("r043-copied.yaml", "N005", None),                            # achieved = planned, typo and all
    ("r055-copied-target.yaml", "Q008", "申请定向费用补贴金融机构满意度"),  # actual "≥80%"
])
def test_a_reviewers_finding_is_caught(name: str, code: str, indicator: str | None) -> None:
    assert indicator in [h.indicator for h in hits(code, load(name))]


def test_a_blank_execution_rate_is_a_template_blank_r017() -> None:
    (blank,) = [h for h in hits("S007", load("r017-blank-rows.yaml")) if h.field == "funds.total.rate"]
    assert blank.message == "执行率空白：填写 全年执行数 ÷ 全年预算数 = 100.00%"
    # a template with no 分值 or 得分 in its funds table has no 执行率 cell to leave blank (r031)
    assert [h for h in hits("S007", load("r031-suzhou.yaml")) if h.field == "funds.total.rate"] == []


def test_weight_applied_twice_r021() -> None:
    (s011,) = hits("S011", load("r021-hebei.yaml"))
    assert "22.5" in s011.message and s011.message.endswith("按 分值 × 完成比例 重算各项得分")
    assert hits("S011", form()) == []  # a well-scored table


def test_a_savings_rate_is_checked_against_the_funds_table_r031() -> None:
    (saving,) = [h for h in hits("F011", load("r031-suzhou.yaml")) if h.indicator == "资金节约率"]
    assert "节约应为 5.46%" in saving.message


@pytest.mark.parametrize(("name", "gap"), [("r033-subtotal.yaml", "0.03"), ("r053-detail.yaml", "0.01")])
def test_a_sum_off_by_rounding_is_a_hint(name: str, gap: str) -> None:
    (f006,) = hits("F006", load(name))
    assert f006.severity == "info" and f"相差 {gap}" in f006.message
    # beyond rounding it stays an error (r040: 1157.97 against 1157.9 on its only line)
    assert [h.severity for h in hits("F006", load("r040-transfer.yaml"))] == ["error"]


def test_execution_rate_on_income_instead_of_spending() -> None:
    f = load("income-rate.yaml")  # r051's money, the 到位 figure printed as 执行率
    found = [x.rule for x in check_forms([f]) if x.rule in ("F001", "F012")]
    assert found == ["F012", "F012"]  # total and its one 其中 row; no F001 beside them
    assert "应按支出改为 58.33%" in hits("F012", f)[0].message


@pytest.mark.parametrize("name", ["r051-received.yaml", "r021-hebei.yaml", "r053-detail.yaml"])
def test_received_money_beside_a_right_rate_is_quiet(name: str) -> None:
    assert hits("F012", load(name)) == [] and hits("F001", load(name)) == []


def test_a_rate_that_matches_neither_is_still_f001() -> None:
    row = FundsRow(budget=100.0, received=80.0, executed=60.0, rate=70.0)
    f = form(funds_=replace(funds(100, 60), total=row, appropriation=None))
    assert len(hits("F001", f)) == 1 and hits("F012", f) == []


def test_a_form_cut_before_its_goal_is_not_said_to_leave_it_blank() -> None:
    assert hits("N005", load("r051-received.yaml")) == []  # truncated, goal never reached
    whole = form(ind("培训场次", "≥10场", "12场"), planned="", achieved="")
    assert len(hits("N005", whole)) == 2
