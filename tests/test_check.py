"""The engine: selection, order, purity, and the exit status it implies."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import replace

import pytest
from _forms import form, hits, ind, seed_forms, with_ind

from jixiao.check import check_form, check_forms, count_by_severity, exit_status
from jixiao.config import Settings
from jixiao.finding import Finding
from jixiao.model import Form


def test_a_sound_form_has_no_findings() -> None:
    assert check_form(form()) == []


def test_findings_are_deterministic_and_ordered_by_line_then_rule() -> None:
    f = seed_forms()[1]
    first, second = check_form(f), check_form(f)
    assert first == second
    keys = [(x.location.line, x.rule) for x in first]
    assert keys == sorted(keys)


def test_check_form_does_not_modify_the_form() -> None:
    f = seed_forms()[0]
    before = deepcopy(f)
    check_form(f)
    assert f == before


def test_findings_carry_form_indicator_and_location() -> None:
    (q005,) = hits("Q005", seed_forms()[0])
    assert (q005.form, q005.indicator, q005.field) == ("基层科普服务", "受众群体满意度", "score")
    assert (q005.location.file, q005.location.line) == ("examples/shanghai-kepu-2024.txt", 204)
    assert q005.name == "met-but-deducted" and q005.source == "rules"


def test_findings_name_their_place_on_the_printed_form() -> None:
    """The engine adds evidence["place"]: the row's headings and the column, or the box of the form."""
    found = check_form(seed_forms()[0])
    (q005,) = [f for f in found if f.rule == "Q005"]
    assert q005.evidence["place"] == "满意度指标/服务对象满意度指标/受众群体满意度 · 得分"
    goal = [f for f in found if f.field == "goal.achieved"]
    assert goal and all(f.evidence["place"] == "年度总体目标 · 实际完成情况" for f in goal)


def test_form_level_findings_point_at_the_form_start() -> None:
    (p001,) = hits("P001", seed_forms()[1])
    assert p001.indicator is None and p001.location.line == 217


@pytest.mark.parametrize(
    ("select", "ignore", "rules"),
    [
        (("Q005",), (), {"Q005"}),
        (("Q", "L"), ("Q006", "L003"), {"Q005", "Q009", "L002"}),
        (("E",), ("E002",), {"E001"}),
    ],
)
def test_selection(select: tuple, ignore: tuple, rules: set[str]) -> None:
    found = check_forms(seed_forms(), Settings(select=select, ignore=ignore))
    assert {f.rule for f in found} == rules


def test_check_forms_keeps_findings_grouped_by_form_in_order() -> None:
    forms = seed_forms()
    order = [f.form for f in check_forms(forms)]
    firsts = list(dict.fromkeys(order))
    assert firsts == [f.label for f in forms]


def test_guard_scenario_a_drafted_deviation_clears_d001() -> None:
    """What the LLM side's guard does: fill a deviation into a copy and re-check that row."""
    missed = form(ind("培训场次", "≥60(场)", "50(场)", 10, 8.33), planned="全年开展培训不少于60场。",
                  achieved="开展培训50场。")
    assert [f.rule for f in check_form(missed) if f.indicator == "培训场次"] == ["D001"]
    drafted = with_ind(missed, 0, deviation="受汛期影响两场活动取消；由活动部负责，2025年6月前补办并建立进度台账。")
    assert [f.rule for f in check_form(drafted) if f.indicator == "培训场次"] == []
    vague = with_ind(missed, 0, deviation="客观原因，后续加强管理。")
    assert [f.rule for f in check_form(vague) if f.indicator == "培训场次"] == ["D002"]


def _f(severity: str, source: str = "rules") -> Finding:
    return Finding(rule="Q005", name="met-but-deducted", severity=severity, form="x", message="m", source=source)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("severities", "fail_on", "status"),
    [
        ([], "error", 0),
        (["warning", "info"], "error", 0),
        (["warning"], "warning", 1),
        (["info"], "warning", 0),
        (["info"], "info", 1),
        (["error"], "error", 1),
    ],
)
def test_exit_status(severities: list[str], fail_on: str, status: int) -> None:
    assert exit_status([_f(s) for s in severities], fail_on) == status


def test_model_findings_never_fail_the_run() -> None:
    assert exit_status([_f("error", source="llm")], "info") == 0


def test_count_by_severity() -> None:
    assert count_by_severity([_f("error"), _f("info"), _f("info")]) == {"error": 1, "warning": 0, "info": 2}


@pytest.mark.parametrize(
    "odd",
    [
        Form(),
        form(ind("", "", "", None, None)),
        form(ind("零事故", "=0(起)", "0(起)", 0, 0)),
        form(ind("培训场次", "≥0(场)", "-3(场)", 10, -1)),
        form(ind("资金", "≤0(万元)", "5(元)", 10, 0)),
        form(ind("达成率", "90%-95%", "93%", 10, 10)),
        form(ind("x", "有效提升", "≥95%", 10, 10)),
        form(achieved="", planned=""),
    ],
    ids=["empty", "blank-row", "zero-target", "negative", "money-reverse", "range", "op-in-actual", "no-goal"],
)
def test_odd_forms_never_crash_the_checker(odd: Form) -> None:
    for finding in check_forms([odd, odd]):
        assert finding.message and finding.rule


def test_a_form_changed_in_place_is_checked_afresh() -> None:
    f = form(ind("培训场次", "≥60(场)", "50(场)", 10, 8.33), planned="全年开展培训不少于60场。", achieved="开展培训50场。")
    assert [x.rule for x in check_form(f) if x.indicator == "培训场次"] == ["D001"]
    f.indicators[0] = replace(f.indicators[0], deviation="受汛期影响两场活动取消；由活动部负责，2025年6月前补办。")
    assert [x.rule for x in check_form(f) if x.indicator == "培训场次"] == []
