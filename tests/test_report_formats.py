"""The reporter protocol: every format is one class in ``FORMATS``, fed file by file.

A run calls ``start``, then ``handle`` once per checked file, then ``finish``; whatever a format
writes in pieces must be the report it would write of everything at once.
"""

from __future__ import annotations

import json

import pytest
from _cli import run_jixiao
from _forms import seed_forms

from jixiao.check import check_forms
from jixiao.config import Settings
from jixiao.report import FORMATS, Checked, Reporter, render, reporter_class

FORMS = seed_forms()
FINDINGS = check_forms(FORMS, Settings(select=["Q005", "L002", "P001"]))


def test_every_format_is_a_reporter_and_only_html_and_xlsx_need_a_file() -> None:
    classes = {name: reporter_class(name) for name in FORMATS}
    assert all(issubclass(cls, Reporter) for cls in classes.values())
    assert {name for name, cls in classes.items() if cls.file_only} == {"html", "xlsx"}


def test_the_format_choices_of_check_are_the_registered_formats(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run_jixiao(monkeypatch, capsys, "check", "--help")
    assert code == 0 and f"<{'|'.join(FORMATS)}>" in out


def test_an_unknown_format_is_refused_before_anything_is_read(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_jixiao(monkeypatch, capsys, "check", "nosuch.txt", "--format", "pdf")
    assert code == 2 and out == "" and "pdf" in err and "nosuch.txt" not in err


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "github", "html"])
def test_a_report_written_form_by_form_is_the_report_of_all_at_once(fmt: str) -> None:
    written: list[str | bytes] = []
    reporter = reporter_class(fmt)(written.append)
    reporter.start()
    for form in FORMS:
        reporter.handle(Checked(None, [form], [f for f in FINDINGS if f.form == form.project]))
    reporter.finish()
    assert "".join(map(str, written)) == render(fmt, FORMS, FINDINGS)


def test_json_lines_are_written_as_each_file_is_handled() -> None:
    written: list[str | bytes] = []
    reporter = reporter_class("jsonl")(written.append)
    reporter.start()
    reporter.handle(Checked(None, FORMS[:1], [f for f in FINDINGS if f.form == FORMS[0].project]))
    assert [json.loads(line)["form"] for line in "".join(map(str, written)).splitlines()] == ["基层科普服务"] * 3


def test_an_empty_json_report_is_an_empty_array() -> None:
    written: list[str | bytes] = []
    reporter = reporter_class("json")(written.append)
    reporter.start()
    reporter.handle(Checked(None, FORMS, []))
    reporter.finish()
    assert written == ["[]\n"]
