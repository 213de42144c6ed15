"""`jixiao draft` end to end, without a model: template drafts for the seed from the unit's own
words, placeholders for what the unit did not give, owner and deadline only when given, notes,
atomic output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.errors import InputError, UsageError

SEED = ROOT / "examples" / "shanghai-kepu-2024.txt"
DEDUCTED = 9  # rows of the seed scored below their weight


def _run(*args: str) -> object:
    return CliRunner().invoke(app, ["draft", *args])


def test_without_an_endpoint_every_deducted_row_gets_a_template_draft() -> None:
    result = _run(str(SEED))
    assert result.exit_code == 0, result.output
    assert "未配置模型" in result.stderr
    assert result.stdout.count("（模板草稿）") >= DEDUCTED
    assert "原因：满意度未留存相关存档文件。改进措施：后续加强存档管理。" in result.stdout  # the unit's words
    assert "原因：【请补充：超出年度指标值的具体原因】" in result.stdout  # Q006 rows: nobody said why
    assert "模型草稿 0 条" in result.stderr
    assert "上海市科普事业中心负责" not in result.stdout  # no invented owner


def test_owner_and_deadline_are_exactly_the_ones_given() -> None:
    result = _run(str(SEED), "--owner", "科普部", "--deadline", "2025年6月", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data and all(d["text"].endswith("由科普部负责，于2025年6月前完成。") for d in data)


def test_owner_and_deadline_from_tool_jixiao_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "jixiao.toml").write_text('owner = "办公室"\ndeadline = "2025年底"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _run(str(SEED), "-f", "json", "--owner", "科普部")
    data = json.loads(result.stdout)
    assert all(d["text"].endswith("由科普部负责，于2025年底前完成。") for d in data)  # the option wins


def test_notes_fill_the_rows_they_name_and_an_unused_note_is_reported(tmp_path: Path) -> None:
    notes = tmp_path / "notes.yaml"
    notes.write_text("owner: 科普部\nindicators:\n  长效管理制度健全性: 管理办法草案已起草但未印发\n  不存在的指标: 无\n",
                     encoding="utf-8")
    result = _run(str(SEED), "--notes", str(notes), "-f", "json")
    assert result.exit_code == 0, result.output
    long_term = [d for d in json.loads(result.stdout) if d["indicator"] == "长效管理制度健全性"]
    assert len(long_term) == 4 and all("原因：管理办法草案已起草但未印发" in d["text"] for d in long_term)
    assert "指标「不存在的指标」没有需要起草的偏差说明" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("indicators: [a, b]\n", "indicators 应为“指标名: 说明”的列表"),
        ("owner: 科普部\ncolour: red\n", "未知的键：colour"),
        ("indicators:\n  满意度: [\n", "不是合法的 YAML"),
    ],
)
def test_a_bad_notes_file_is_a_clear_error_naming_the_file(tmp_path: Path, content: str, message: str) -> None:
    notes = tmp_path / "notes.yaml"
    notes.write_text(content, encoding="utf-8")
    result = _run(str(SEED), "--notes", str(notes))
    assert isinstance(result.exception, InputError)  # main() turns it into exit status 2
    assert message in str(result.exception) and str(notes) in str(result.exception)


def test_drafted_rows_satisfy_the_deviation_rules_on_a_recheck(tmp_path: Path) -> None:
    """The draft side of closing the loop: a drafted text names a cause, a measure, who and when
    (or visible placeholders for them), so D001/D002 never fire on a drafted row."""
    out = tmp_path / "drafted.yaml"
    assert _run(str(SEED), "-o", str(out)).exit_code == 0
    from jixiao.check import check_forms
    from jixiao.readers import read_path

    drafted = read_path(out)
    rows = {(f.label, i.name) for f in drafted for i in f.indicators if i.deviation.startswith("（模板草稿）")}
    again = [f for f in check_forms(drafted) if (f.form, f.indicator) in rows and f.rule in ("D001", "D002")]
    assert rows and again == []


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_machine_formats_list_one_record_per_draft(fmt: str) -> None:
    result = _run(str(SEED), "--format", fmt)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout) if fmt == "json" else yaml.safe_load(result.stdout)
    deducted = [d for d in data if "扣分" in d["triggers"]]
    assert len(deducted) == DEDUCTED
    assert {d["origin"] for d in data} == {"template"}
    assert all(d["accepted"] for d in data)


def test_output_file_holds_the_forms_with_deviations_filled_and_the_input_is_untouched(tmp_path: Path) -> None:
    before = SEED.read_bytes()
    out = tmp_path / "drafted.yaml"
    result = _run(str(SEED), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert SEED.read_bytes() == before
    forms = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert len(forms) == 5
    filled = [i for f in forms for i in f["indicators"] if i["deviation"].startswith("（模板草稿）")]
    assert len(filled) >= DEDUCTED
    assert not list(tmp_path.glob(".*.tmp"))


def test_writing_over_the_input_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "seed.txt"
    copy.write_bytes(SEED.read_bytes())
    result = _run(str(copy), "-o", str(copy))
    assert isinstance(result.exception, UsageError)  # main() turns it into exit status 2
    assert "不改写输入" in str(result.exception)
    assert copy.read_bytes() == SEED.read_bytes()


def test_no_llm_skips_the_model_even_when_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("JIXIAO_MODEL", "m")
    result = _run(str(SEED), "--no-llm")
    assert result.exit_code == 0
    assert "--no-llm" in result.stderr
