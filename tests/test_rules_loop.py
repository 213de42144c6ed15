"""Closing the loop: a deviation that the row's 偏差原因 explains no longer asks for a reason.

The rules whose fix is "write a reason" (D001, D002, Q005, Q006) read the row's 偏差原因 and
accept any text that names a concrete cause (and, for a deduction, speaks of the points); the
drafts of `jixiao draft` are held to that, as a unit's own text is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _forms import form, hits, ind
from conftest import ROOT
from typer.testing import CliRunner

from jixiao.check import check_forms
from jixiao.cli import app
from jixiao.readers import read_path

SEED = ROOT / "examples" / "shanghai-kepu-2024.txt"
REASON_RULES = {"D001", "D002", "Q005", "Q006"}


def test_after_draft_no_reason_rule_fires_on_a_drafted_row(tmp_path: Path) -> None:
    out = tmp_path / "drafted.yaml"
    result = CliRunner().invoke(app, ["draft", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    before, after = read_path(SEED), read_path(out)
    drafted = {(f.project, i.name) for f0, f in zip(before, after)
               for i0, i in zip(f0.indicators, f.indicators) if i.deviation != i0.deviation}
    assert len(drafted) >= 9  # every deducted row of the seed got a draft
    asked_before = {(f.form, f.indicator) for f in check_forms(before) if f.rule in REASON_RULES}
    assert asked_before & drafted  # the drafts answer findings that were there
    still = [f"{f.rule} {f.form} {f.indicator}" for f in check_forms(after)
             if f.rule in REASON_RULES and (f.form, f.indicator) in drafted]
    assert still == []


MET_BUT_DEDUCTED = ("≥90(%)", "90(%)", 20, 17)


@pytest.mark.parametrize(("deviation", "fires"), [
    ("", True),
    ("满意度未留存相关存档文件，后续加强存档管理。", True),   # a cause, but nothing on the 3 points
    ("问卷未归档，佐证不足，评审扣 3 分；由办公室负责，2025年起每次活动后归档问卷。", False),
    ("因调查样本不足100份，按内部评分办法得分17分。", False),
    ("扣3分，后续加强管理。", True),                          # the points, but no cause
])
def test_q005_is_satisfied_by_a_deviation_that_explains_the_deduction(deviation: str, fires: bool) -> None:
    target, actual, weight, score = MET_BUT_DEDUCTED
    f = form(ind("受众群体满意度", target, actual, weight, score, level1="满意度指标", deviation=deviation))
    found = hits("Q005", f)
    assert bool(found) is fires
    if found:
        assert found[0].message.endswith("在偏差原因中写明扣 3 分的依据，无依据的得分改为 20")


@pytest.mark.parametrize(("deviation", "fires"), [
    ("", True),
    ("已完成。", True),                                        # text, but no cause for 400%
    ("年度指标值按上年基数设定偏低，下一年度按历史完成情况确定指标值。", False),
    ("【请补充：超额完成的具体原因】", False),                  # the draft's placeholder: S007 reports it
])
def test_q006_double_target_is_satisfied_by_a_stated_cause(deviation: str, fires: bool) -> None:
    f = form(ind("建设科技小院完成数", "≥2(个)", "8(个)", 5, 5, deviation=deviation))
    assert bool(hits("Q006", f)) is fires


def test_a_draft_placeholder_is_reported_once_by_s007_not_as_boilerplate() -> None:
    f = form(ind("培训场次", "≥60(场)", "50(场)", 10, 8.33, deviation="原因：【请补充：未达到的具体原因】"))
    assert hits("D002", f) == []
    assert any("【请补充" in h.message for h in hits("S007", f))
