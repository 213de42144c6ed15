"""JSON, JSON Lines and GitHub annotations: stable keys, one finding per object/line."""

from __future__ import annotations

import json
from dataclasses import asdict, replace

import pytest
from _forms import seed_forms

from jixiao.check import check_forms
from jixiao.config import Settings
from jixiao.errors import UsageError
from jixiao.report import FORMATS, render
from jixiao.report.machine import KEYS

FORMS = seed_forms()
FINDINGS = check_forms(FORMS, Settings(select=["Q005", "P001"]))


def test_json_is_an_array_with_documented_keys_in_order() -> None:
    data = json.loads(render("json", FORMS, FINDINGS))
    assert len(data) == len(FINDINGS) == 8
    assert all(tuple(d) == KEYS for d in data)
    first_q005 = next(d for d in data if d["rule"] == "Q005")
    assert first_q005 == {
        "rule": "Q005", "name": "met-but-deducted", "severity": "warning", "form": "基层科普服务",
        "indicator": "受众群体满意度", "field": "score",
        "message": "实际完成值 90% 已达到目标 ≥90%，但扣 3 分（17/20）：在偏差原因中写明扣 3 分的依据，无依据的得分改为 20",
        "evidence": {"target": 90.0, "actual": 90.0, "weight": 20.0, "score": 17.0, "lost": 3.0,
                     "place": "满意度指标/服务对象满意度指标/受众群体满意度 · 得分"},
        "location": {"file": "examples/shanghai-kepu-2024.txt", "line": 204, "sheet": None},
        "source": "rules",
    }


def test_jsonl_one_object_per_line_same_as_json() -> None:
    lines = render("jsonl", FORMS, FINDINGS).splitlines()
    assert [json.loads(x) for x in lines] == json.loads(render("json", FORMS, FINDINGS))


def test_empty_json_is_an_empty_array() -> None:
    assert json.loads(render("json", FORMS, [])) == []


@pytest.mark.parametrize(
    ("rule", "prefix"),
    [
        ("Q005", "::warning file=examples/shanghai-kepu-2024.txt,line=204,title=Q005 met-but-deducted::"),
        ("P001", "::notice file=examples/shanghai-kepu-2024.txt,line=217,title=P001 text-hygiene::"),
    ],
)
def test_github_annotations(rule: str, prefix: str) -> None:
    lines = render("github", FORMS, FINDINGS).splitlines()
    assert any(line.startswith(prefix) for line in lines if f"title={rule}" in line)
    assert len(lines) == len(FINDINGS)


def test_github_escapes_newlines_and_percent() -> None:
    f = replace(FINDINGS[0], message="50%\n下一行")
    (line,) = render("github", FORMS, [f]).splitlines()
    assert line.endswith("50%25%0A下一行")


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="未知的输出格式"):
        render("pdf", FORMS, FINDINGS)
    assert "xlsx" in FORMATS and "html" in FORMATS


_AWKWARD = [
    "换行\n制表\t回车\r引号\"反斜杠\\",
    "控制字符\x00\x1f与\u2028\u2029",
    "表情😀、全角（）、“中文引号”",
]


@pytest.mark.parametrize("message", _AWKWARD)
def test_json_and_jsonl_are_the_bytes_json_dumps_would_write(message: str) -> None:
    """pydantic-core serialises the reports; the text must stay what json.dumps wrote before."""
    from jixiao.finding import Finding, Location

    odd = Finding(rule="P001", name="text-hygiene", severity="info", form=message, message=message,
                  evidence={"problems": [message], "ratio": 1.3333, "big": 12345678.9, "none": None},
                  location=Location(file="a/b c.txt", line=3))
    items = [*FINDINGS, odd]
    as_dicts = [asdict(f) for f in items]
    assert render("json", FORMS, items) == json.dumps(as_dicts, ensure_ascii=False, indent=2) + "\n"
    assert render("jsonl", FORMS, items) == "".join(
        json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n" for d in as_dicts)
