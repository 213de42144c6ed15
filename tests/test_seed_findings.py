"""The bundled example end to end (read_path → check_forms): what a reviewer must be told.

The seed's arithmetic is all correct, so it must raise no error at all: a checker that cries
wolf is not used. Each expectation below is a fact of the five printed forms.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _forms import seed_forms

from jixiao.check import check_forms
from jixiao.readers import read_path

SEED = Path(__file__).resolve().parents[1] / "examples" / "shanghai-kepu-2024.txt"


@pytest.fixture(scope="module")
def findings():  # type: ignore[no-untyped-def]
    return check_forms(read_path(SEED))


def pick(findings, rule: str, severity: str | None = None):  # type: ignore[no-untyped-def]
    return [f for f in findings if f.rule == rule and (severity is None or f.severity == severity)]


def test_no_error_level_finding(findings) -> None:  # type: ignore[no-untyped-def]
    assert [f"{f.rule} {f.form} {f.message}" for f in findings if f.severity == "error"] == []


def test_q005_for_the_five_satisfaction_rows_that_lost_points(findings) -> None:  # type: ignore[no-untyped-def]
    q005 = pick(findings, "Q005")
    assert [(f.form, f.indicator) for f in q005] == [
        ("基层科普服务", "受众群体满意度"),
        ("科技会客厅-科学咖啡馆", "受众群体满意度"),
        ("惠民科普直通车", "参与人员满意度"),
        ("大型科普活动", "受众群体满意度"),
        ("科普资源配送", "受众群体满意度"),
    ]
    assert [(f.evidence["score"], f.evidence["weight"]) for f in q005] == [(17, 20), (12, 15), (4, 10), (12, 15), (7, 10)]
    assert all(f.severity == "warning" for f in q005)


def test_l002_for_partial_scored_at_exactly_80_percent(findings) -> None:  # type: ignore[no-untyped-def]
    l002 = pick(findings, "L002")
    assert [(f.form, f.indicator, f.evidence["score"], f.evidence["weight"]) for f in l002] == [
        ("基层科普服务", "长效管理制度健全性", 16, 20),
        ("科技会客厅-科学咖啡馆", "长效管理制度健全性", 12, 15),
        ("大型科普活动", "长效管理制度健全性", 12, 15),
    ]
    assert not [f for f in l002 if f.form == "科普资源配送"]   # 6/10 lies inside the band


def test_n003_cost_savings_claimed_beside_zero(findings) -> None:  # type: ignore[no-untyped-def]
    n003 = pick(findings, "N003")
    assert [(f.form, f.indicator) for f in n003] == [("科技会客厅-科学咖啡馆", "成本节约率"), ("科普资源配送", "成本节约率")]


def test_n002_warning_for_person_times_against_persons(findings) -> None:  # type: ignore[no-untyped-def]
    n002 = pick(findings, "N002", "warning")
    assert [(f.form, f.indicator) for f in n002] == [("科技会客厅-科学咖啡馆", "受众人数"), ("科普资源配送", "活动受众人数")]
    assert "3000人次" in n002[0].message and "6500人次" in n002[1].message


def test_e001_where_no_satisfaction_records_were_kept(findings) -> None:  # type: ignore[no-untyped-def]
    e001 = pick(findings, "E001")
    assert len(e001) == 5 and all("未留存" in f.message for f in e001)


def test_p001_for_doubled_full_stop(findings) -> None:  # type: ignore[no-untyped-def]
    assert any(f.form == "科技会客厅-科学咖啡馆" and "。。" in f.message for f in pick(findings, "P001"))


def test_no_number_in_the_narrative_contradicts_the_table(findings) -> None:  # type: ignore[no-untyped-def]
    assert pick(findings, "N001") == []


def test_locations_point_into_the_file(findings) -> None:  # type: ignore[no-untyped-def]
    lines = {(f.form, f.rule): f.location.line for f in pick(findings, "Q005")}
    assert lines[("基层科普服务", "Q005")] == 204
    assert all(f.location.file.endswith("shanghai-kepu-2024.txt") for f in findings)


def test_hand_built_forms_give_the_same_verdicts(findings) -> None:  # type: ignore[no-untyped-def]
    """The unit tests' hand-built seed must not drift from what the reader produces."""
    key = lambda f: (f.form, f.indicator or "", f.rule, f.severity)  # noqa: E731
    wanted = {"Q005", "L002", "N002", "N003", "E001", "D002", "Q006", "X001", "X002"}
    by_reader = sorted(key(f) for f in findings if f.rule in wanted)
    by_hand = sorted(key(f) for f in check_forms(seed_forms()) if f.rule in wanted)
    assert by_reader == by_hand


PLANTED = [
    # (original text, planted text, rule expected, form)
    ("年度资金总额： 80.00 80.00 80.00 10.00 100.00 10.00", "年度资金总额： 80.00 80.00 72.00 10.00 100.00 10.00",
     {"F001", "F002", "F006"}, "科普资源配送"),
    ("送和志愿服务数量 95次", "送和志愿服务数量 90次", {"N001"}, "科普资源配送"),
    ("下乡服务完成次数 ≥20.00(次) 29.00(次) 5.00 5.00", "下乡服务完成次数 ≥20.00(次) 15.00(次) 5.00 5.00",
     {"Q004", "D001", "N001"}, "科普资源配送"),
    ("评分等级 优", "评分等级 良", {"S003"}, "基层科普服务"),
]


@pytest.mark.parametrize(("original", "planted", "rules", "form"), PLANTED, ids=lambda x: str(x)[:12])
def test_planted_errors_are_caught_through_the_reader(tmp_path: Path, original: str, planted: str,
                                                      rules: set[str], form: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert original in text
    broken = tmp_path / "broken.txt"
    broken.write_text(text.replace(original, planted, 1), encoding="utf-8")
    errors = {f.rule for f in check_forms(read_path(broken)) if f.severity == "error" and f.form == form}
    assert errors == rules
