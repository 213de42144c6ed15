"""Funds and score rules on the templates real forms use: each reads what that template prints.

Canonical copies of real forms live in ``tests/data/rules/`` (each notes the realforms file it
came from); small variations are built from them here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from _forms import form, funds, hits

from jixiao.check import check_forms
from jixiao.model import Form, FundsRow
from jixiao.readers import read_path

DATA = Path(__file__).parent / "data" / "rules"


def load(name: str) -> Form:
    (f,) = read_path(DATA / name)
    return f


def rules_of(f: Form, *codes: str) -> list[str]:
    return [x.rule for x in check_forms([f]) if x.rule in codes]


# --- funds ---------------------------------------------------------------------------------------

def test_zero_total_above_sub_rows_is_reported_once_and_the_sub_rows_are_read() -> None:
    f = load("zero-total.yaml")
    (f006,) = hits("F006", f)
    assert "148" in f006.message and f006.message.endswith("把年度资金总额改为其中各行之和")
    (f002,) = hits("F002", f)  # 46/148 = 31.08%: 3.11 of 10, not the printed 10
    assert "按其中各行之和计算" in f002.message and "3.11" in f002.message
    assert [h.evidence["rate"] for h in hits("F007", f)] == [pytest.approx(31.0811, abs=1e-3)]


def test_budget_added_in_year_is_not_an_adjustment() -> None:
    f = load("zero-total.yaml")  # 年初预算数 0: a project added mid-year
    assert hits("F008", f) == [] and hits("F009", f) == []
    fitted = form(funds_=funds(76.3, 76.3, initial=100))
    assert len(hits("F009", fitted)) == 1


@pytest.mark.parametrize(("budget", "executed", "rate", "fires"), [
    (2000.0, 1730.4, 86.5, False),     # 86.52% to one decimal
    (2000.0, 1730.4, 86.52, False),
    (2000.0, 1730.4, 86.6, True),
    (148.0, 46.0, 31.0, False),          # r046: 31.08% as 31 (the model cannot tell "31.00%" from "31%")
    (148.0, 46.0, 30.0, True),
    (2000.0, 1157.97, 57.89, False),   # r040: truncated at two decimals
    (29.0, 27.8, 0.958, False),        # r020: a fraction, 95.86% truncated to 95.8
    (29.0, 27.8, 0.9, True),
])
def test_f001_follows_the_printed_precision(budget: float, executed: float, rate: float, fires: bool) -> None:
    row = FundsRow(budget=budget, executed=executed, rate=rate)
    f = form(funds_=replace(funds(budget, executed), total=row, appropriation=None, carryover=None, other=None))
    assert bool(hits("F001", f)) is fires


def test_r020_execution_score_on_nine_points() -> None:
    f = load("r020-funds.yaml")
    (f002,) = hits("F002", f)
    assert f002.message.endswith("得分应改为 8.63")
    assert hits("F001", f) == []


def test_exec20_form_without_a_weight_column_r048() -> None:
    """r048: 20 execution points; weights only in the section headers; everything adds up."""
    f = load("r048-exec20.yaml")
    assert rules_of(f, "S001", "S002", "S005", "F002", "S007") == []
    broken = replace(f, section_weights={"产出指标": 50.0, "效益指标": 10.0, "满意度指标": 10.0})
    (s002,) = hits("S002", broken)
    assert "一级指标标题" in s002.message and "90" in s002.message


def test_exec20_execution_score_is_twenty_times_the_rate() -> None:
    f = load("r048-exec20.yaml")
    low = replace(f, funds=replace(f.funds, total=FundsRow(budget=34.64, executed=30.0, rate=86.61, score=20.0)))
    (f002,) = hits("F002", low)
    assert "17.32" in f002.message


def test_points100_form_scores_execution_as_an_indicator_row() -> None:
    f = load("points100.yaml")
    assert rules_of(f, "S001", "S002", "S005") == []
    wrong_total = replace(f, total_score=100.0)
    (s001,) = hits("S001", wrong_total)
    assert s001.message.endswith("总分应改为 97（或先改正有误的得分）")


def test_national_form_with_an_unread_execution_score_stays_silent() -> None:
    f = form()
    unread = replace(f, funds=replace(f.funds, weight=None, total=FundsRow(budget=100.0, executed=100.0)))
    assert hits("S001", unread) == [] and hits("S002", unread) == []
