"""The canonical form file: parse → write YAML/JSON → read gives back equal models."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.errors import NoFormError, NotTextError
from jixiao.model import Form, Source
from jixiao.readers import read_path
from jixiao.readers.canonical import dump_forms, read_canonical

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["examples/shanghai-kepu-2024.txt", "tests/data/text/oneline-2023.txt", "tests/data/text/pipe-2024.txt"]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_round_trip_in_memory(source: str, fmt: str) -> None:
    forms = read_path(ROOT / source)
    again = read_canonical(dump_forms(forms, fmt).encode("utf-8"), name=f"forms.{fmt}")
    assert again == forms


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".yml"])
def test_round_trip_through_a_file(tmp_path: Path, suffix: str) -> None:
    forms = read_path(ROOT / SOURCES[0])
    out = tmp_path / f"forms{suffix}"
    out.write_text(dump_forms(forms, "json" if suffix == ".json" else "yaml"), encoding="utf-8")
    assert read_path(out) == forms


def test_a_single_mapping_is_one_form_and_gets_the_file_name(tmp_path: Path) -> None:
    out = tmp_path / "one.yaml"
    out.write_text("project: 测试项目\nyear: 2024\n", encoding="utf-8")
    (form,) = read_path(out)
    assert (form.project, form.year, form.source.file) == ("测试项目", 2024, str(out))


def test_tricky_strings_survive_yaml() -> None:
    """Values YAML would otherwise retype: "-", "是", "null", "1e3", leading spaces."""
    form = Form(
        project="null", department="-", implementer="1e3", grade="是", warnings=[" 前导空格", "yes"],
        source=Source(file="原件.txt", start_line=3),
    )
    assert read_canonical(dump_forms([form], "yaml").encode(), name="t.yaml") == [form]


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"", NoFormError, "文件为空"),
        (b"project: [unclosed\n", NoFormError, "第 "),
        (b"- 1\n- 2\n", NoFormError, "第 1 项不是自评表对象"),
        (b"year: not-a-year\n", NoFormError, "year"),
        (b"colour: blue\n", NoFormError, "colour"),
        (b"\x00\x01project", NotTextError, "二进制"),
    ],
)
def test_bad_canonical_files_name_the_file(content: bytes, error: type, words: str) -> None:
    with pytest.raises(error) as info:
        read_canonical(content, name="forms.yaml")
    assert "forms.yaml" in str(info.value) and words in str(info.value)


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_canonical_files_saved_by_windows_editors(codec: str) -> None:
    forms = read_path(ROOT / SOURCES[0])
    assert read_canonical(dump_forms(forms, "yaml").encode(codec), name="f.yaml") == forms


@pytest.mark.parametrize("bad", [".nan", ".inf", "1e309", "-.inf"])
def test_a_canonical_file_with_nan_or_infinity_is_an_input_error(bad: str) -> None:
    # Found by the fuzz suite: rules' arithmetic must never see NaN or infinity.
    data = f"project: 基层科普服务\ntotal_score: {bad}\n".encode()
    with pytest.raises(NoFormError, match="total_score") as info:
        read_canonical(data, name="bad.yaml")
    assert "bad.yaml" in str(info.value)


def test_a_hand_typed_cell_text_is_read_by_the_value_grammar() -> None:
    text = """
project: 手写的表
indicators:
  - name: 培训人次
    target: "≥6000人次"
    actual: 6350人次
  - name: 满意度
    target: 90
    actual: 达成年度指标
"""
    form = read_canonical(text.encode("utf-8"), name="hand.yaml")[0]
    first, second = form.indicators
    assert (first.target.op, first.target.value, first.target.unit) == (">=", 6000.0, "人次")
    assert (first.actual.text, first.actual.value) == ("6350人次", 6350.0)
    assert (second.target.text, second.target.value) == ("90", 90.0)
    assert second.actual.tier == "achieved"
