"""The rules' shared helpers: how numbers and values are printed in messages, subtotals, score states."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model import Value
from jixiao.rules import _common

_NUMBERS = st.one_of(st.none(), st.sampled_from([0.0, -0.0, 1.0, 90.0, 99.995, 1e-10, 16.5]),
                     st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))

@pytest.mark.parametrize(("x", "shown"), [(90.0, "90"), (90, "90"), (0.5, "0.5"), (16.25, "16.25"), (99.995, "100"),
                                         (-0.0, "0"), (1e-10, "0"), (-3.5, "-3.5"), (None, "空")])
def test_fmt_prints_a_number_as_people_do(x: float | None, shown: str) -> None:
    assert _common.fmt(x) == shown


@pytest.mark.parametrize(("text", "shown"), [("≥90.00(%)", "≥90%"), ("16.00(个)", "16个"), ("达成指标", "达成指标"), ("", "空"),
                                           ("约 500 人", "约500人"), ("10-20(次)", "10次-20次"), ("未 完成", "未完成")])
def test_fmt_value_prints_the_normal_notation_or_the_compacted_text(text: str, shown: str) -> None:
    from jixiao.values import parse_value

    assert _common.fmt_value(parse_value(text)) == shown


@pytest.mark.parametrize(("first", "second"), [(1, 1.0), (0.0, -0.0)])
def test_equal_numbers_of_different_spelling_print_alike(first: float, second: float) -> None:
    a = Value(text="", op=">=", value=first, unit="%")
    b = Value(text="", op=">=", value=second, unit="%")
    assert _common.fmt_value(a) == _common.fmt_value(b)
    assert _common.fmt(first) == _common.fmt(second)


def _is_subtotal_reference(ind) -> bool:  # type: ignore[no-untyped-def]
    """is_subtotal as first written: the name compacted first, then the three cases in turn."""
    name = _common.compact(ind.name)
    if name in ("小计", "合计"):
        return True
    if not name:
        return ind.weight is not None and ind.target.is_blank and ind.actual.is_blank
    return ind.target.is_blank and name in (_common.compact(ind.level1), _common.compact(ind.level2))


_CELL = st.sampled_from(["", " ", "小计", "小 计", "合计", "计", "产出指标", "数量指标", "产出 指标", "覆盖面", "-"])


@settings(max_examples=1500, deadline=None)
@given(name=_CELL, level1=_CELL, level2=_CELL, target=st.sampled_from(["", " ", "≥16(个)", "及时", "-"]),
       actual=st.sampled_from(["", "16(个)", "达成指标"]), weight=st.sampled_from([None, 10.0]))
def test_is_subtotal_asks_the_blank_target_first_but_agrees(name: str, level1: str, level2: str, target: str, actual: str,
                                                            weight: float | None) -> None:
    from jixiao.model import Indicator
    from jixiao.values import parse_value

    ind = Indicator(level1=level1, level2=level2, name=name, target=parse_value(target), actual=parse_value(actual),
                    weight=weight, score=None)
    assert _common.is_subtotal(ind) == _is_subtotal_reference(ind)


@pytest.mark.parametrize("weight", [None, 10.0, 0.0, -1.0])
@pytest.mark.parametrize("score", [None, 10.0, 9.999999, 10.000001, 9.99, 10.02, -0.02, 0.0, float("inf"), float("nan")])
def test_score_state_full_marks_within_a_millionth(weight: float | None, score: float | None) -> None:
    scored, deducted, full, in_range = _common.score_state(weight, score)
    if weight is None or score is None:
        assert (scored, deducted, full, in_range) == (False, False, False, False)
    else:
        assert scored and full == (abs(score - weight) <= 1e-6)
        assert deducted == (score < weight - 1e-6) and in_range == (-_common.EPS <= score <= weight + _common.EPS)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.floats(allow_nan=False), st.integers(-10**6, 10**6).map(float), st.integers(-1000, 1000)), st.sampled_from([4, 6]))
def test_rounded_is_round(x: float, ndigits: int) -> None:
    got, want = _common.rounded(x, ndigits), round(x, ndigits)
    assert got == want and type(got) is type(want) and repr(got) == repr(want)
