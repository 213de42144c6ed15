"""F rules: each fires on a broken funds table and stays quiet on a sound one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from _forms import form, funds, hits

from jixiao.model import FundsRow, Reading


def _sub(**kw: float | None) -> FundsRow:
    return FundsRow(**kw)


@pytest.mark.parametrize(
    ("code", "funds_", "expected"),
    [
        ("F001", funds(100, 85, rate=95.0), 1),            # 85/100 printed as 95%
        ("F001", funds(100, 85, rate=85.0), 0),
        ("F001", funds(300, 200, rate=67.0), 0),           # whole percent: ±0.5 pp
        ("F001", funds(300, 200, rate=66.0), 1),
        ("F002", funds(100, 85, score=10.0), 1),           # 85% scored full
        ("F002", funds(100, 85, score=8.5), 0),
        ("F002", funds(100, 120, rate=120.0, score=10.0), 0),  # over 100% caps at the weight
        ("F003", funds(100, 100, score=10.5), 1),
        ("F003", funds(100, 100, score=10.0), 0),
        ("F004", funds(0, 12, rate=None, score=None, subs=False), 1),
        ("F004", funds(None, 12, rate=None, score=None, subs=False), 1),
        # r030 (北京): the only budget column is 年初预算数; no 全年预算数 is printed
        ("F004", funds(None, 154.74, initial=310.2, rate=50.0, score=5.0, subs=False), 0),
        ("F004", funds(0, 12, initial=30, rate=None, score=None, subs=False), 1),  # a 全年预算数 of 0 is printed
        ("F004", funds(0, 0, rate=None, score=None, subs=False), 0),
        ("F005", funds(30, 31.2, subs=False), 1),
        ("F005", funds(30, 30, subs=False), 0),
        ("F009", funds(76.3, 76.3, initial=100), 1),       # budget fitted to spending
        ("F009", funds(100, 76.3, initial=100, rate=76.3), 0),
    ],
)
def test_funds_rules(code: str, funds_, expected: int) -> None:
    found = hits(code, form(funds_=funds_))
    assert len(found) == expected, [f.message for f in found]
    assert all(f.rule == code and f.field.startswith("funds.") for f in found)


def test_f001_message_quotes_the_numbers() -> None:
    (f,) = hits("F001", form(funds_=funds(100, 85, rate=95.0)))
    assert "95%" in f.message and "85" in f.message and "85.00%" in f.message
    assert f.evidence["expected"] == pytest.approx(85.0)


@pytest.mark.parametrize(
    ("appropriation", "expected"),
    [
        (150.0, 1),   # 170 ≠ 150 + 0 + 0 in every money column
        (170.0, 0),
    ],
)
def test_f006_total_equals_sum_of_sub_rows(appropriation: float, expected: int) -> None:
    f = funds(170, 170)
    f = replace(f, appropriation=_sub(initial=appropriation, budget=appropriation, executed=appropriation))
    found = hits("F006", form(funds_=f))
    assert len(found) == 3 * expected
    if expected:
        assert {x.field for x in found} == {"funds.total.initial", "funds.total.budget", "funds.total.executed"}


@pytest.mark.parametrize(
    ("executed", "achieved", "profile", "expected"),
    [
        (72.5, "截至2024年12月31日，项目完成。", "national", "warning"),
        (72.5, "截至2024年12月31日，项目完成。", "sichuan", "error"),
        (72.5, "预算执行率72.5%，原因是设备采购合同尚未到付款节点。", "national", None),
        (95.0, "截至2024年12月31日，项目完成。", "national", None),
    ],
)
def test_f007_low_execution_needs_a_reason(executed: float, achieved: str, profile: str, expected: str | None) -> None:
    found = hits("F007", form(funds_=funds(100, executed), achieved=achieved), profile=profile)
    assert [f.severity for f in found] == ([expected] if expected else [])


@pytest.mark.parametrize("doubtful", [["goal"], ["indicators"], ["goal", "indicators"]])
def test_f007_f008_say_nothing_when_the_text_that_may_explain_was_not_read(doubtful: list[str]) -> None:
    # a glued copy whose goal and indicators could not be parted (r030): the explanation of a low
    # or adjusted budget may be in the text that was doubted, so "表中没有说明" cannot be said
    low = form(funds_=funds(80, 40, initial=100), achieved="截至2024年12月31日，项目完成。")
    assert [f.rule for f in hits("F007", low)] == ["F007"]
    assert [f.rule for f in hits("F008", low)] == ["F008"]
    low.reading = Reading(template="national", shape="glued", doubtful=doubtful)
    assert hits("F007", low) == []
    assert hits("F008", low) == []


def test_f007_f008_say_nothing_of_a_form_cut_short() -> None:
    # r034: the copy stops inside the goal, before its 实际完成情况 and the indicator table; r051
    # prints the funds table alone. The reason may be in what was not printed (the rest of the
    # deviation texts, 存在问题和改进措施), so "表中没有说明" cannot be said of the form
    low = form(funds_=funds(80, 40, initial=100), achieved="截至2024年12月31日，项目完成。")
    low.reading = Reading(template="transfer", shape="pipe", truncated=True)
    assert hits("F007", low) == []
    assert hits("F008", low) == []
    low.reading = Reading(template="transfer", shape="pipe", truncated=False)
    assert [f.rule for f in hits("F007", low)] == ["F007"]
    assert [f.rule for f in hits("F008", low)] == ["F008"]


@pytest.mark.parametrize(
    ("initial", "achieved", "expected"),
    [
        (100.0, "项目完成。", 1),
        (100.0, "年中预算调减20万元，项目完成。", 0),
        (80.0, "项目完成。", 0),
    ],
)
def test_f008_budget_adjustment_is_explained(initial: float, achieved: str, expected: int) -> None:
    found = hits("F008", form(funds_=funds(80, 80, initial=initial), achieved=achieved))
    assert len(found) == expected


def test_f009_score_on_a_sub_row() -> None:
    f = funds(30, 30)
    f = replace(f, appropriation=replace(f.appropriation, score=10.0))
    (found,) = hits("F009", form(funds_=f))
    assert found.field == "funds.appropriation.score"


from hypothesis import given  # noqa: E402
from hypothesis import settings as hsettings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from jixiao.check import check_form  # noqa: E402
from jixiao.config import Settings  # noqa: E402


@hsettings(max_examples=200, deadline=None)
@given(budget=st.integers(1, 10**8).map(lambda x: x / 100), share=st.integers(0, 15_000).map(lambda x: x / 10_000),
       weight=st.sampled_from([10.0, 20.0]))
def test_a_consistently_printed_funds_table_raises_no_error(budget: float, share: float, weight: float) -> None:
    executed = round(budget * share, 2)
    f = form(funds_=funds(budget, executed, weight=weight))   # rate and score printed to 2 decimals
    errors = [x for x in check_form(f, Settings(select=["F"])) if x.severity == "error"]
    assert errors == []
