"""The grid model, the file-level entry point and legacy formats."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import pytest
from fixtures.build_xlsx import write_xlsx
from fixtures.compare import assert_same_forms
from fixtures.layout import layout_form
from fixtures.seed import SEED_PATH, seed_forms

from jixiao.errors import InputError, LegacyFormatError, NoFormError, NotTextError
from jixiao.model import form_data
from jixiao.readers import read_path
from jixiao.readers._legacy import find_soffice
from jixiao.readers.grid import Cell, Grid, clean_text
from jixiao.readers.tables import read_grid_file

EXPECTED_JSON = Path(__file__).resolve().parent / "data" / "expected" / "shanghai-kepu-2024.json"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("可持\n续影\n响指\n标", "可持续影响指标"),
        ("部分达成指\n标并具有一\n定效果", "部分达成指标并具有一定效果"),
        ("  产出指标 \r\n", "产出指标"),
        ("≥16.00\n(个)", "≥16.00(个)"),
        ("Excel\nWPS", "Excel WPS"),
        ("达标率 100%", "达标率 100%"),
        ("a  \t b", "a b"),
        ("不间断\u00a0\u00a0空格", "不间断 空格"),
        ("截至 2024年 12月 31日", "截至 2024年 12月 31日"),
        ("全角\u3000空格", "全角 空格"),
        ("", ""),
    ],
)
def test_clean_text_undoes_the_breaks_of_narrow_cells(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_rows_list_a_merged_cell_in_every_row_it_covers() -> None:
    tall = Cell(row=0, col=0, text="产出指标", rowspan=3)
    wide = Cell(row=1, col=1, text="覆盖面", colspan=2)
    grid = Grid(file="g", cells=[wide, tall, Cell(row=2, col=2, text="16")])
    rows = grid.rows()
    assert [[c.text for c in row] for row in rows] == [["产出指标"], ["产出指标", "覆盖面"], ["产出指标", "16"]]
    assert wide.last_col == 2 and grid.row_count() == 3


@pytest.mark.parametrize(
    ("suffix", "content", "error", "words"),
    [
        (".xlsx", b"", NoFormError, "为空"),
        (".docx", b"  \n", NoFormError, "为空"),
        (".pdf", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", LegacyFormatError, "旧版"),
        (".ods", b"PK\x03\x04", InputError, "不支持"),
    ],
)
def test_read_grid_file_names_the_file_in_every_error(suffix: str, content: bytes, error: type, words: str) -> None:
    with pytest.raises(error) as err:
        read_grid_file(content, name=f"自评{suffix}", suffix=suffix)
    assert f"自评{suffix}" in str(err.value) and words in str(err.value)


def test_a_zip_of_a_version_python_cannot_read_is_a_damaged_file() -> None:
    # found by the grid fuzz suite: zipfile refuses "version needed to extract" 9.5 with
    # NotImplementedError, which escaped while the message looked for what the file really was
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(buf.getvalue())
    central = data.find(b"PK\x01\x02")
    data[central + 6 : central + 8] = (95).to_bytes(2, "little")
    with pytest.raises(NotTextError, match="自评.xlsx.*无法作为 Excel"):
        read_grid_file(bytes(data), name="自评.xlsx", suffix=".xlsx")


def test_the_hand_built_seed_is_what_the_text_reader_reads() -> None:
    """The reference the fixtures are laid out from cannot drift from the real example."""
    assert_same_forms(read_path(SEED_PATH), seed_forms())


def test_the_hand_built_seed_is_the_expected_canonical_file() -> None:
    from jixiao.readers.canonical import read_canonical

    expected = read_canonical(EXPECTED_JSON.read_bytes(), name=str(EXPECTED_JSON))
    assert_same_forms(expected, seed_forms())


# -- legacy formats ---------------------------------------------------------------------------

FAKE_SOFFICE = """#!/usr/bin/env python3
# Stands in for LibreOffice: "converts" by copying $FAKE_CONVERTED into --outdir as <stem>.<ext>.
import os, shutil, sys
args = sys.argv[1:]
ext = args[args.index("--convert-to") + 1]
outdir = args[args.index("--outdir") + 1]
src = args[-1]
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write(" ".join(args) + "\\n")
if os.environ.get("FAKE_CONVERTED"):
    stem = os.path.splitext(os.path.basename(src))[0]
    shutil.copy(os.environ["FAKE_CONVERTED"], os.path.join(outdir, stem + "." + ext))
"""


@pytest.fixture()
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    exe = bindir / "soffice"
    exe.write_text(FAKE_SOFFICE, encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "calls.log"))
    return tmp_path / "calls.log"


@pytest.mark.parametrize("suffix", [".xls", ".doc", ".wps", ".et"])
def test_legacy_files_get_advice_unless_conversion_is_asked_for(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"旧表{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    with pytest.raises(LegacyFormatError, match=f"旧表{suffix}.*另存为"):
        read_path(path)


def test_conversion_without_libreoffice_says_what_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    path = tmp_path / "旧表.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(LegacyFormatError, match="旧表.xls.*LibreOffice"):
        read_path(path, convert_legacy=True)


def test_conversion_reads_the_converted_copy_and_keeps_the_input(
    tmp_path: Path, fake_soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = seed_forms()[0]
    converted = write_xlsx(tmp_path / "made.xlsx", [("表1", [layout_form(form)])])
    monkeypatch.setenv("FAKE_CONVERTED", str(converted))
    path = tmp_path / "旧表.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0 legacy bytes")
    forms = read_path(path, convert_legacy=True)
    assert [f.project for f in forms] == [form.project]
    assert forms[0].source.file == str(path)
    assert path.read_bytes() == b"\xd0\xcf\x11\xe0 legacy bytes"
    call = fake_soffice.read_text(encoding="utf-8")
    assert "--headless" in call and "--convert-to xlsx" in call and call.strip().endswith(str(path.resolve()))


def test_a_failed_conversion_is_one_clear_error(tmp_path: Path, fake_soffice: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FAKE_CONVERTED", raising=False)
    path = tmp_path / "坏的.doc"
    path.write_bytes(b"junk")
    with pytest.raises(LegacyFormatError, match="坏的.doc.*未能把文件转换为 .docx"):
        read_path(path, convert_legacy=True)


def test_conversion_of_a_missing_file_is_not_found(tmp_path: Path, fake_soffice: Path) -> None:
    with pytest.raises(InputError, match="无法读取"):
        read_path(tmp_path / "没有.xls", convert_legacy=True)
    assert not fake_soffice.exists()


def test_seed_reference_is_plain_data() -> None:
    """Fresh copies each call, so a test that edits one cannot change another's reference."""
    a, b = seed_forms(), seed_forms()
    a[0].indicators[0].score = -1
    assert b[0].indicators[0].score == 10.0
    assert form_data(b[0])["project"] == "基层科普服务"


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed on this machine")
def test_a_real_xls_is_converted_by_libreoffice_and_read(tmp_path: Path) -> None:
    """End to end with the real LibreOffice: make a .xls from a fixture, then read it back."""
    import subprocess

    forms = seed_forms()[:2]
    made = write_xlsx(tmp_path / "旧表.xlsx", [(f"表{i + 1}", [layout_form(f)]) for i, f in enumerate(forms)])
    out = tmp_path / "xls"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [str(find_soffice()), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xls", "--outdir", str(out), str(made)],
        check=True, capture_output=True, timeout=180,
    )
    legacy = out / "旧表.xls"
    assert legacy.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    got = read_path(legacy, convert_legacy=True)
    assert_same_forms(got, forms)
    assert [f.source.file for f in got] == [str(legacy)] * 2
