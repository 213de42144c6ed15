"""The terminal report: grouped by form, a summary per form, a total; colour only on request."""

from __future__ import annotations

from dataclasses import asdict, replace

import pytest
from _forms import seed_forms

from jixiao.check import check_forms
from jixiao.config import Settings
from jixiao.report import render
from jixiao.report.text import render_text, summary_line

FORMS = seed_forms()
FINDINGS = check_forms(FORMS, Settings(select=["Q005", "L002", "P001"]))


def test_grouped_by_form_with_summaries_and_total() -> None:
    out = render_text(FORMS, FINDINGS)
    lines = out.splitlines()
    headers = [line for line in lines if line.endswith("）") and not line.startswith(" ")]
    assert headers[0] == "基层科普服务（examples/shanghai-kepu-2024.txt:2）"
    assert len(headers) == 5
    assert lines[-1] == "共 5 张表：0 个错误，8 个警告，3 条提示"
    assert "  小结：0 个错误，2 个警告，1 条提示" in lines


def test_a_finding_line_shows_line_code_severity_place_message() -> None:
    out = render_text(FORMS, FINDINGS)
    assert ("    204  Q005 警告  〔满意度指标/服务对象满意度指标/受众群体满意度 · 得分〕实际完成值 90% 已达到目标 ≥90%，"
            "但扣 3 分（17/20）") in out


def test_a_finding_off_the_indicator_table_names_its_box() -> None:
    out = render_text(FORMS, check_forms(FORMS, Settings(select=["X001", "P001"])))
    assert "X001 提示  〔项目资金/年度资金总额 · 全年预算数〕全年预算数 170 = " in out
    assert "P001 提示  〔年度总体目标 · 预期目标〕预期目标：" in out


def test_a_finding_without_a_place_keeps_its_indicator_name() -> None:
    (q005, *_) = [f for f in FINDINGS if f.rule == "Q005"]
    bare = replace(q005, evidence={})
    assert "Q005 警告  「受众群体满意度」实际完成值 90%" in render_text(FORMS, [bare])


def test_machine_output_keeps_the_line_beside_the_place() -> None:
    (q005, *_) = [f for f in FINDINGS if f.rule == "Q005"]
    data = asdict(q005)
    assert data["location"]["line"] == 204
    assert data["evidence"]["place"] == "满意度指标/服务对象满意度指标/受众群体满意度 · 得分"


def test_plain_unless_colour_is_asked_for() -> None:
    assert "\x1b[" not in render_text(FORMS, FINDINGS)
    coloured = render_text(FORMS, FINDINGS, color=True)
    assert "\x1b[" in coloured and "Q005" in coloured


def test_form_without_findings_says_so() -> None:
    out = render_text(FORMS, [])
    assert out.count("小结：未发现问题") == 5 and out.rstrip().endswith("0 个错误，0 个警告，0 条提示")


def test_statistics_count_per_rule() -> None:
    out = render_text(FORMS, FINDINGS, statistics=True)
    assert "    5  Q005  警告  met-but-deducted" in out
    assert "    3  L002  警告  score-outside-tier-band" in out


@pytest.mark.parametrize(("severities", "line"), [([], "0 个错误，0 个警告，0 条提示")])
def test_summary_line(severities: list, line: str) -> None:
    assert summary_line(severities) == line


def test_render_dispatches_text() -> None:
    assert render("text", FORMS, FINDINGS) == render_text(FORMS, FINDINGS)


def test_two_forms_with_one_name_are_listed_once() -> None:
    twice = [FORMS[0], FORMS[0]]
    out = render_text(twice, check_forms(twice, Settings(select=["Q005"])))
    assert out.count("基层科普服务（") == 1 and out.rstrip().endswith("共 2 张表：0 个错误，2 个警告，0 条提示")
