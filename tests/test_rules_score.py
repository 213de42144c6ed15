"""S rules: totals, weights, grades, subtotals, template leftovers and years."""

from __future__ import annotations

from dataclasses import replace

import pytest
from _forms import form, hits, ind, with_ind

from jixiao.rules.score import grade_of

BASE = form()


@pytest.mark.parametrize(("total", "expected"), [(100.0, 0), (100.02, 0), (98.0, 1), (None, 0)])
def test_s001_total_is_funds_score_plus_indicator_scores(total: float | None, expected: int) -> None:
    found = hits("S001", form(total_score=total, grade="优"))
    assert len(found) == expected
    if expected:
        assert found[0].evidence == {"printed": 98.0, "recomputed": 100.0, "place": "总分 · 得分"}


@pytest.mark.parametrize(
    ("weight", "total_weight", "expected"),
    [(25.0, 100.0, 0), (20.0, 100.0, 1), (20.0, 95.0, 0)],
)
def test_s002_weights_sum_to_the_printed_total(weight: float, total_weight: float, expected: int) -> None:
    f = with_ind(BASE, 0, weight=weight, score=weight)
    f = replace(f, total_weight=total_weight)
    assert len(hits("S002", f)) == expected


@pytest.mark.parametrize(
    ("total", "grade", "expected"),
    [(95.0, "优", 0), (88.5, "优", 1), (88.5, "良", 0), (60.0, "中", 0), (59.99, "中", 1), (90.0, "优秀", 0)],
)
def test_s003_grade_matches_the_band(total: float, grade: str, expected: int) -> None:
    # Only the printed total matters for the first check; deselect the recomputation by matching it.
    f = form(ind("培训场次", "≥10(场)", "12(场)", 90, total - 10), total_score=total, grade=grade)
    assert len(hits("S003", f)) == expected


def test_s003_also_reports_the_band_of_the_recomputed_total() -> None:
    f = form(total_score=95.0, grade="优")
    f = with_ind(f, 0, score=10.0)  # recomputed total 85 → 良
    (found,) = hits("S003", f)
    assert "85" in found.message and found.evidence["expected"] == "良"


@pytest.mark.parametrize(("total", "grade"), [(90, "优"), (89.99, "良"), (80, "良"), (79.99, "中"), (60, "中"), (59.9, "差")])
def test_grade_bands(total: float, grade: str) -> None:
    assert grade_of(total) == grade


@pytest.mark.parametrize(("printed", "expected"), [(50.0, 0), (45.0, 1)])
def test_s004_subtotal_equals_its_children(printed: float, expected: int) -> None:
    subtotal = ind("小计", "", "", 50, printed, level1="产出指标", level2="")
    f = form(*BASE.indicators, subtotal)
    assert len(hits("S004", f)) == expected


@pytest.mark.parametrize(
    ("funds_weight", "extra_satisfaction", "expected"),
    [(10.0, 0.0, 0), (10.0, 5.0, 1), (20.0, 0.0, 1)],
)
def test_s005_first_level_weights(funds_weight: float, extra_satisfaction: float, expected: int) -> None:
    f = with_ind(BASE, 4, weight=10 + extra_satisfaction, score=10 + extra_satisfaction)
    assert len(hits("S005", f, funds_weight=funds_weight)) == expected


@pytest.mark.parametrize(
    ("drop_level1", "severities"),
    [
        (None, []),
        ("效益指标", ["warning"]),
        ("满意度指标", ["info"]),
        ("成本指标", ["info"]),
    ],
)
def test_s006_missing_kinds(drop_level1: str | None, severities: list[str]) -> None:
    f = form(*[i for i in BASE.indicators if i.level1 != drop_level1])
    assert [x.severity for x in hits("S006", f)] == severities


def test_s006_cost_indicators_under_output_count() -> None:
    rows = [replace(i, level1="产出指标") if i.level1 == "成本指标" else i for i in BASE.indicators]
    assert hits("S006", form(*rows)) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, 0),
        ({"name": "指标1：培训场次"}, 1),
        ({"actual": ""}, 1),
        ({"score": None}, 1),
    ],
)
def test_s007_template_leftovers_and_blanks(change: dict, expected: int) -> None:
    assert len(hits("S007", with_ind(BASE, 0, **change))) == expected


def test_s007_blank_total() -> None:
    assert [f.field for f in hits("S007", form(total_score=None, grade=None))] == ["total_score"]


@pytest.mark.parametrize(
    ("achieved", "expected"),
    [("截至2024年12月31日，开展培训12场。", 0), ("截至2023年12月31日，开展培训12场。", 1), ("开展培训12场。", 0)],
)
def test_s008_year_of_the_narrative(achieved: str, expected: int) -> None:
    assert len(hits("S008", form(achieved=achieved))) == expected


@pytest.mark.parametrize(
    ("field", "text", "found"),
    [
        ("name", "X X 场次", "XX"),  # compacted before matching: the one-character pre-check still sees X
        ("name", "指 标2：场次", "指标2："),
        ("deviation", "请 填写原因", "请填写"),
        ("deviation", "详见（ 略）", "（略）"),
        ("deviation", "填报及时，策略得当", None),  # the pre-check's characters alone are no template
        ("name", "指标：场次", None),
    ],
)
def test_s007_template_words_broken_by_whitespace(field: str, text: str, found: str | None) -> None:
    got = [f.evidence["text"] for f in hits("S007", with_ind(BASE, 1, **{field: text}))]
    assert got == ([found] if found else [])


