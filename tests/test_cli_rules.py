"""`jixiao rules`: the catalogue and one rule's documentation."""

from __future__ import annotations

import json
import sys

import pytest

from jixiao.cli import main


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["jixiao", "rules", *args])
    with pytest.raises(SystemExit) as exc:
        main()
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


def test_catalogue_lists_every_family_and_code(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(monkeypatch, capsys)
    assert code == 0
    for header in ("F：项目资金", "Q：定量指标", "P：文字规范"):
        assert header in out
    assert "  Q005  警告  met-but-deducted" in out
    assert out.count("\n  ") == 55


@pytest.mark.parametrize(("code", "words"), [("Q005", ["met-but-deducted", "检查", "修正"]), ("l002", ["80%", "达成"])])
def test_one_rule_in_full(monkeypatch, capsys, code: str, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = run(monkeypatch, capsys, code)
    assert status == 0 and out.startswith(code.upper())
    assert all(w in out for w in words)


def test_json_catalogue(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run(monkeypatch, capsys, "--format", "json")
    data = json.loads(out)
    assert len(data) == 55 and set(data[0]) >= {"code", "name", "severity", "family", "summary", "doc"}


def test_json_one_rule(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run(monkeypatch, capsys, "D002", "-f", "json")
    assert json.loads(out)["name"] == "deviation-boilerplate"


def test_unknown_code_exits_2(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    status, _, err = run(monkeypatch, capsys, "Z999")
    assert status == 2 and "未知的规则代码" in err


def test_markdown_catalogue_for_the_docs(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run(monkeypatch, capsys, "-f", "markdown")
    assert out.startswith("# 检查规则") and out.count("\n### ") == 55
    assert "## Q：定量指标" in out and "### Q005 `met-but-deducted`（警告）" in out
