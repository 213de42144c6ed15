"""X rules: umbrella projects across forms of one file, and one figure counted twice."""

from __future__ import annotations

import pytest
from _forms import form, funds, hits, ind, seed_forms

from jixiao.check import check_forms
from jixiao.config import Settings


def _forms(*budgets: float, file: str = "a.txt") -> list:
    return [form(project=f"项目{i}", funds_=funds(b, b), file=file) for i, b in enumerate(budgets)]


@pytest.mark.parametrize(
    ("budgets", "umbrellas"),
    [
        ((170, 30, 30, 30, 80), ["项目0"]),
        ((100, 30, 30, 30), []),
        ((60, 30, 30), ["项目0"]),
        ((60, 30), []),
    ],
)
def test_x001_umbrella_project(budgets: tuple[float, ...], umbrellas: list[str]) -> None:
    found = check_forms(_forms(*budgets), Settings(select=["X001"]))
    assert [f.form for f in found] == umbrellas


def test_x001_only_within_one_file() -> None:
    forms = _forms(60, file="a.txt") + _forms(30, 30, file="b.txt")
    assert check_forms(forms, Settings(select=["X001"])) == []


def test_x001_on_the_seed_names_the_parts() -> None:
    (f,) = check_forms(seed_forms(), Settings(select=["X001"]))
    assert f.form == "基层科普服务" and "170" in f.message and f.evidence["parts"]["科普资源配送"] == 80


def test_x_rules_do_not_run_in_check_form() -> None:
    assert hits("X001", seed_forms()[0]) == []


@pytest.mark.parametrize(
    ("second", "expected"),
    [("52.00(篇)", 1), ("50.00(篇)", 0), ("52.00(次)", 0)],
)
def test_x002_same_figure_twice(second: str, expected: int) -> None:
    f = form(ind("微信公众号推送数", "≥50(篇)", "52.00(篇)"), ind("媒体报告影响力提升情况", "≥50(篇)", second))
    found = hits("X002", f)
    assert len(found) == expected
    if expected:
        assert found[0].evidence["indicators"] == ["微信公众号推送数", "媒体报告影响力提升情况"]


def test_x002_ignores_percentages() -> None:
    f = form(ind("达标率", "=100(%)", "100(%)"), ind("及时率", "=100(%)", "100(%)"))
    assert hits("X002", f) == []


def test_x001_in_a_large_file_looks_at_neighbouring_forms() -> None:
    budgets = [5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 90, 40, 50, 3]
    found = check_forms(_forms(*budgets), Settings(select=["X001"]))
    assert [f.form for f in found] == ["项目14"]   # 90 = 40 + 50, the two forms after it
