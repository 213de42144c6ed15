"""FormFacts: one form's derived facts, worked out once and read by every rule that asks."""

from __future__ import annotations

import pytest
from _forms import form, ind
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from jixiao.check import check_form
from jixiao.rules import get_rule
from jixiao.rules._facts import FormFacts, level1_kind
from jixiao.rules.narrative import align_achieved

ROWS = [
    ind("开展配送和志愿服务数量", "≥80(次)", "95.00(次)", 25, 25, line=10),
    ind("活动受众人数", "≥5000.00(人)", "4000.00(人)", 25, 20, line=11),
    ind("小计", "", "", 50, 45, line=12),
    ind("服务及时性", "及时", "达成年度指标", 10, 10, level1="产出指标", level2="时效指标", line=13),
]


def test_leaves_quant_and_qual_split_the_rows_as_the_rules_do() -> None:
    facts = FormFacts(form(*ROWS))
    assert [i.name for i in facts.leaves] == ["开展配送和志愿服务数量", "活动受众人数", "服务及时性"]
    assert [r.ind.name for r in facts.quant_rows] == ["开展配送和志愿服务数量", "活动受众人数"]
    assert [r.ind.name for r in facts.qual_rows] == ["服务及时性"]
    assert all(a is b for a, b in zip(facts.leaves, [ROWS[0], ROWS[1], ROWS[3]]))
    assert facts.subtotals == [ROWS[2]]


@pytest.mark.parametrize(
    ("achieved", "kinds"),
    [
        ("开展配送和志愿服务数量 95次，活动受众人数 4000人。", ["indicator", "indicator"]),
        ("开展配送和志愿服务数量 90次。", ["contradiction"]),
        ("建设 8个科技小院。", ["unmatched"]),
        ("", []),
    ],
)
def test_alignment_is_the_public_one_and_computed_once(achieved: str, kinds: list[str]) -> None:
    f = form(*ROWS, achieved=achieved)
    facts = FormFacts(f)
    assert [a.kind for a in facts.aligned] == kinds
    assert facts.aligned is facts.aligned
    assert [(a.kind, a.context) for a in facts.aligned] == [(a.kind, a.context) for a in align_achieved(f)]


@pytest.mark.parametrize(("code", "wants"), [("N001", True), ("Q001", True), ("D001", True), ("F001", True), ("F002", False),
                                              ("P001", False), ("X001", False)])
def test_rules_that_read_facts_are_marked_at_registration(code: str, wants: bool) -> None:
    assert get_rule(code).wants_facts is wants


def test_facts_are_not_carried_over_to_another_check_of_a_changed_form() -> None:
    f = form(*ROWS, achieved="开展配送和志愿服务数量 90次。")
    assert "N001" in {x.rule for x in check_form(f)}
    f.goal.achieved = "开展配送和志愿服务数量 95次。"
    assert "N001" not in {x.rule for x in check_form(f)}


def test_each_row_answers_as_the_shared_helpers_do() -> None:
    """``Row`` precomputes; ``_common`` defines. They must never disagree, row by row."""
    from jixiao.rules import _common as c

    rows = [*ROWS, ind("投诉率", "≤5%", "8%", 10, 6), ind("资金节约", "≥10万元", "150000元", 10, 10),
            ind("覆盖率", "=0", "", 5, None), ind("服务质量", "良好", "部分达成年度指标", 10, 7, deviation="无")]
    facts = FormFacts(form(*rows))
    assert [r.ind for r in facts.rows] == facts.leaves
    for r in facts.rows:
        i = r.ind
        assert (r.quant, r.b, r.met, r.ratio) == (c.is_quantitative(i), c.actual_in_target_unit(i), c.target_met(i),
                                                  c.ratio(i))
        assert (r.scored, r.deducted, r.full, r.in_range) == (c.scored(i), c.deducted(i), c.full_score(i),
                                                              c.score_in_range(i))
        assert r.dev_blank == c.is_blank_text(i.deviation)
        assert r.tier == (None if r.quant else c.tier_of_indicator(i))
    assert facts.quant_rows == [r for r in facts.rows if c.is_quantitative(r.ind) and c.actual_in_target_unit(r.ind) is not None]
    assert [r.ind for r in facts.qual_rows] == [r.ind for r in facts.rows
                          if r.actual.tier or (c.is_qualitative(r.ind) and not c.is_blank_text(r.actual.text))]
    assert facts.kinds == [level1_kind(i) for i in facts.leaves]
    # below target (4000 of ≥5000 people; 投诉率 8% against ≤5%) or below the top tier (部分达成)
    assert [r.ind.name for r in facts.lows] == ["活动受众人数", "投诉率", "服务质量"]
    assert facts.lows == [r for r in facts.rows if (c.target_met(r.ind) is False if c.is_quantitative(r.ind)
                                                    else c.tier_of_indicator(r.ind) in ("partial", "unachieved"))]
    assert facts.lows is facts.lows


@pytest.mark.parametrize("scores", [(25, 20, 10), (25, None, 10)])
def test_per_form_totals_and_funds_rows_are_the_rule_modules_own(scores: tuple) -> None:  # type: ignore[type-arg]
    from jixiao.rules._common import recomputed_total

    rows = [ind(f"指标{k}", "≥1(个)", "1(个)", 25, s) for k, s in enumerate(scores)]
    f = form(*rows)
    facts = FormFacts(f)
    assert facts.total == recomputed_total(f) and facts.total is facts.total
    assert (facts.total is None) == (None in scores)
    assert facts.funds_rows == [("total", f.funds.total), *f.funds.sub_rows().items()]
    assert [k for k, _ in facts.funds_rows] == ["total", "appropriation", "carryover", "other"]


_TARGETS = ["≥16(个)", "=100%", "≤5%", "=0", "≥10万元", "80-90(%)", "及时", "有效提升", "", "-", "≥0.00(%)"]
_ACTUALS = ["16(个)", "100%", "8%", "0", "150000元", "85%", "达成年度指标", "部分达成指标", "已完成", "", "无", "  "]


@hyp_settings(max_examples=1500, deadline=None)
@given(target=st.sampled_from(_TARGETS), actual=st.sampled_from(_ACTUALS),
       weight=st.sampled_from([None, 10.0, 0.0]), score=st.sampled_from([None, 10.0, 9.999999, 6.0, 12.0, -0.0]),
       deviation=st.sampled_from(["", " ", "无", "/", "未留存资料"]))
def test_rows_answer_as_the_shared_helpers_on_any_cells(target: str, actual: str, weight: float | None,
                                                        score: float | None, deviation: str) -> None:
    from jixiao.rules import _common as c

    f = form(ind("覆盖面", target, actual, weight, score, deviation=deviation))
    facts = FormFacts(f)
    for r in facts.rows:
        i = r.ind
        assert (r.quant, r.b, r.met, r.ratio) == (c.is_quantitative(i), c.actual_in_target_unit(i), c.target_met(i),
                                                  c.ratio(i))
        assert (r.scored, r.deducted, r.full, r.in_range) == c.score_state(i.weight, i.score)
        assert r.dev_blank == c.is_blank_text(i.deviation)
        assert r.tier == (None if r.quant else c.tier_of_indicator(i))
    assert [r.ind for r in facts.qual_rows] == [r.ind for r in facts.rows
                          if r.actual.tier or (c.is_qualitative(r.ind) and not c.is_blank_text(r.actual.text))]


def test_the_execution_row_is_the_shared_helpers() -> None:
    """A 100-point form scores 预算执行率 as an indicator; F010 and F011 read that row from the facts."""
    from jixiao.rules._common import execution_row

    f = form(*ROWS, ind("预算执行率", "=100%", "95%", 10, 9.5))
    facts = FormFacts(f)
    assert facts.execution_row is f.indicators[-1] is execution_row(f)
    assert FormFacts(form(*ROWS)).execution_row is None
