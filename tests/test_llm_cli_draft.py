"""`jixiao draft` end to end, without a model: template drafts for the seed, atomic output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.errors import UsageError

SEED = ROOT / "examples" / "shanghai-kepu-2024.txt"
DEDUCTED = 9  # rows of the seed scored below their weight


def _run(*args: str) -> object:
    return CliRunner().invoke(app, ["draft", *args])


def test_without_an_endpoint_every_deducted_row_gets_a_template_draft() -> None:
    result = _run(str(SEED))
    assert result.exit_code == 0, result.output
    assert "未配置模型" in result.stderr
    assert result.stdout.count("（模板草稿）") >= DEDUCTED
    assert "满意度调查问卷及统计资料未按要求留存归档" in result.stdout
    assert "模型草稿 0 条" in result.stderr


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
