"""Q rules: the formula for quantitative indicators, read row by row."""

from __future__ import annotations

from dataclasses import replace

import pytest
from _forms import form, hits, ind


def one(code: str, target: str, actual: str, weight: float | None = 10, score: float | None = 10,
        deviation: str = "", **settings):  # type: ignore[no-untyped-def]
    row = ind("培训场次", target, actual, weight, score, deviation=deviation)
    return hits(code, form(row), **settings)


@pytest.mark.parametrize(
    ("target", "actual", "score", "expected"),
    [
        ("≥100(次)", "80(次)", 6, 1),      # should be 8
        ("≥100(次)", "80(次)", 8, 0),
        ("≥100(次)", "80(次)", 8.004, 0),   # rounding tolerance
        ("=0(起)", "2(起)", 3, 1),          # "=" with A = 0: B > 0 scores 0
        ("=0(起)", "2(起)", 0, 0),
        ("≥90(%)", "95(%)", 10, 0),
        ("≥90(%)", "90(%)", 7, 0),          # met but deducted: Q005, not Q001
    ],
)
def test_q001_forward_formula(target: str, actual: str, score: float, expected: int) -> None:
    assert len(one("Q001", target, actual, 10, score)) == expected


@pytest.mark.parametrize(
    ("target", "actual", "score", "convention", "expected"),
    [
        ("≤10(天)", "12(天)", 5, "either", 1),
        ("≤10(天)", "12(天)", 8.33, "either", 0),   # ratio w×A/B
        ("≤10(天)", "12(天)", 8.0, "either", 0),    # linear w×(1-(B-A)/A)
        ("≤10(天)", "12(天)", 8.0, "ratio", 1),
        ("≤10(天)", "12(天)", 8.33, "linear", 1),
        ("≤10(天)", "9(天)", 10, "either", 0),
    ],
)
def test_q002_reverse_conventions(target: str, actual: str, score: float, convention: str, expected: int) -> None:
    assert len(one("Q002", target, actual, 10, score, reverse_convention=convention)) == expected


@pytest.mark.parametrize(("score", "expected"), [(12, 1), (-1, 1), (10, 0), (0, 0)])
def test_q003_score_within_zero_and_weight(score: float, expected: int) -> None:
    assert len(one("Q003", "≥10(场)", "12(场)", 10, score)) == expected


@pytest.mark.parametrize(
    ("target", "actual", "score", "expected"),
    [("≥90(%)", "85(%)", 10, 1), ("≥90(%)", "85(%)", 9.44, 0), ("≤5(天)", "7(天)", 10, 1), ("≥90(%)", "92(%)", 10, 0)],
)
def test_q004_full_score_on_a_missed_target(target: str, actual: str, score: float, expected: int) -> None:
    assert len(one("Q004", target, actual, 10, score)) == expected


@pytest.mark.parametrize(
    ("target", "actual", "weight", "score", "expected"),
    [
        ("≥90.00(%)", "90.00(%)", 20, 17, 1),
        ("≥90.00(%)", "90.00(%)", 20, 20, 0),
        ("≤10(天)", "8(天)", 10, 9, 1),
        ("≥90.00(%)", "85.00(%)", 20, 18.89, 0),   # not met: the formula applies
    ],
)
def test_q005_met_but_deducted(target: str, actual: str, weight: float, score: float, expected: int) -> None:
    assert len(one("Q005", target, actual, weight, score)) == expected


def test_q005_message_quotes_target_actual_and_points() -> None:
    (f,) = one("Q005", "≥90.00(%)", "90.00(%)", 20, 17)
    assert f.message == "实际完成值 90% 已达到目标 ≥90%，但扣 3 分（17/20）：在偏差原因中写明扣 3 分的依据，无依据的得分改为 20"
    assert f.severity == "warning" and f.evidence["lost"] == 3


@pytest.mark.parametrize(
    ("target", "actual", "deviation", "profile", "severities"),
    [
        ("≥20(次)", "29(次)", "", "national", ["warning"]),           # 145%, no text
        ("≥20(次)", "29(次)", "", "guangxi", ["error"]),              # required in Guangxi
        ("≥20(次)", "29(次)", "新增两个街镇需求，追加场次。", "national", []),
        ("≥2(个)", "8(个)", "社区需求增加，由科普部2025年起按历史数据设定目标。", "national", []),  # ≥ 2A, explained
            ("≥2(个)", "8(个)", "后续继续做好。", "national", ["warning"]),  # ≥ 2A full, no cause
        ("≥20(次)", "24(次)", "", "national", []),
    ],
)
def test_q006_far_over_target(target: str, actual: str, deviation: str, profile: str, severities: list[str]) -> None:
    assert [f.severity for f in one("Q006", target, actual, deviation=deviation, profile=profile)] == severities


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [("≥2000(人)", "3000(人次)", 1), ("≥20(万元)", "250000(元)", 0), ("≥2000(人)", "3000(人)", 0)],
)
def test_q007_units_differ(target: str, actual: str, expected: int) -> None:
    assert len(one("Q007", target, actual)) == expected


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [("≥500", "520", 1), ("≥95(%)", "≥95(%)", 1), ("≥10(场)", "已完成", 1), ("≥10(场)", "12(场)", 0)],
)
def test_q008_malformed_quantities(target: str, actual: str, expected: int) -> None:
    assert len(one("Q008", target, actual)) == expected


@pytest.mark.parametrize(
    ("target", "expected"),
    [("≥100(%)", 1), ("≥105(%)", 1), ("=100(%)", 0), ("≥95(%)", 0)],
)
def test_q009_rate_above_100(target: str, expected: int) -> None:
    row = ind("活动质量完成率", target, "100(%)")
    assert len(hits("Q009", form(row))) == expected


from hypothesis import given  # noqa: E402
from hypothesis import settings as hsettings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from jixiao.check import check_form  # noqa: E402
from jixiao.config import Settings  # noqa: E402
from jixiao.model import Value  # noqa: E402

_amount = st.integers(min_value=1, max_value=100_000).map(lambda x: x / 100)


def _row(op: str, a: float, b: float, w: float, s: float):  # type: ignore[no-untyped-def]
    r = ind("培训场次", "", "", w, s, deviation="")
    return replace(r, target=Value(text=f"{op}{a}次", op=op, value=a, unit="次"),  # type: ignore[arg-type]
                   actual=Value(text=f"{b}次", value=b, unit="次"))


@hsettings(max_examples=150, deadline=None)
@given(a=_amount, b=_amount, w=st.sampled_from([5.0, 6.0, 7.0, 10.0, 15.0, 20.0]))
def test_scores_by_the_formula_raise_no_scoring_error(a: float, b: float, w: float) -> None:
    s = round(w * min(1.0, b / a), 2)
    found = check_form(form(_row(">=", a, b, w, s)), Settings(select=["Q001", "Q003", "Q004"]))
    assert found == []


@hsettings(max_examples=150, deadline=None)
@given(a=_amount, b=_amount, w=st.sampled_from([5.0, 10.0, 20.0]), linear=st.booleans())
def test_reverse_scores_by_either_convention_raise_no_error(a: float, b: float, w: float, linear: bool) -> None:
    if b <= a:
        s = w
    elif linear:
        s = round(w * max(0.0, 1 - (b - a) / a), 2)
    else:
        s = round(w * a / b, 2)
    found = check_form(form(_row("<=", a, b, w, s)), Settings(select=["Q002", "Q003", "Q004"]))
    assert found == []


def test_a_one_hundredth_below_the_weight_is_not_a_full_score() -> None:
    """Found by the property test: 反向 3.33 → 3.34 scores 4.99 (ratio), which is not "full"."""
    assert one("Q004", "≤3.33(次)", "3.34(次)", 5, 4.99) == []
    assert one("Q002", "≤3.33(次)", "3.34(次)", 5, 4.99) == []


def test_a_miss_that_rounds_to_full_marks_is_not_q004() -> None:
    """Found by the property test: ≤9.99 → 10 gives 5 × 9.99/10 = 4.995, printed 5.00."""
    assert one("Q004", "≤9.99(次)", "10(次)", 5, 5) == []
    assert one("Q004", "≥1000(人)", "999(人)", 5, 5) == []        # 4.995 → 5.00
    assert len(one("Q004", "≥1000(人)", "990(人)", 5, 5)) == 1    # 4.95: not full
