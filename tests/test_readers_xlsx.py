"""Excel forms: built from the fixture layouts at test time, read back through read_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.build_xlsx import write_xlsx
from fixtures.catalog import CASES, build_case
from fixtures.compare import assert_same_forms
from fixtures.layout import Style, layout_form
from fixtures.seed import SEED_PATH, seed_forms

from jixiao.errors import InputError, NotTextError
from jixiao.readers import read_path
from jixiao.readers.xlsx import render_number

XLSX_CASES = [name for name, case in CASES.items() if "xlsx" in case.formats]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("xlsx")
    return {name: build_case(CASES[name], "xlsx", out) for name in XLSX_CASES}


@pytest.mark.parametrize("case", XLSX_CASES)
def test_each_case_reads_back_as_laid_out(built: dict[str, Path], case: str) -> None:
    forms = read_path(built[case])
    assert_same_forms(forms, CASES[case].expected)
    for form in forms:
        assert len(form.warnings) == len(CASES[case].warnings), form.warnings
        for warning, word in zip(form.warnings, CASES[case].warnings):
            assert word in warning


def test_seed_matches_the_text_reader_field_by_field(built: dict[str, Path]) -> None:
    assert_same_forms(read_path(built["seed"]), read_path(SEED_PATH))


@pytest.mark.parametrize(
    ("case", "sheets"),
    [
        ("seed", ["基层科普服务", "科技会客厅-科学咖啡馆", "惠民科普直通车", "大型科普活动", "科普资源配送"]),
        ("seed_stacked", ["自评表"] * 5),
    ],
)
def test_source_names_the_sheet_and_rows(built: dict[str, Path], case: str, sheets: list[str]) -> None:
    forms = read_path(built[case])
    assert [f.source.sheet for f in forms] == sheets
    assert all(f.source.file == str(built[case]) for f in forms)
    # One form per sheet starts at row 1; stacked forms start below each other.
    starts = [f.source.start_line for f in forms]
    assert starts[0] == 1 and starts == sorted(starts)
    for form in forms:
        lines = [i.line for i in form.indicators]
        assert lines == sorted(lines) and len(set(lines)) == len(lines)
        assert form.source.start_line < lines[0] < form.source.end_line  # type: ignore[operator]


def test_indicator_line_is_the_sheet_row(built: dict[str, Path]) -> None:
    import openpyxl

    form = read_path(built["seed"])[0]
    ws = openpyxl.load_workbook(built["seed"])["基层科普服务"]
    for ind in form.indicators:
        assert ws.cell(row=ind.line, column=3).value == ind.name  # type: ignore[arg-type]


def test_formulas_without_cached_values_are_blank_with_a_warning(tmp_path: Path) -> None:
    form = seed_forms()[0]
    path = write_xlsx(tmp_path / "uncached.xlsx", [("表1", [layout_form(form, Style(formulas=True))])], cache=False)
    got = read_path(path)[0]
    assert got.funds.total.rate is None and got.funds.total.score is None
    assert got.total_score is None
    assert got.funds.total.budget == 170.0
    assert any("公式" in w and "表1" in w for w in got.warnings)


def test_a_wrong_dimension_record_does_not_cut_the_sheet(built: dict[str, Path], tmp_path: Path) -> None:
    """Exporters often write <dimension ref="A1"/>; the whole sheet must still be read."""
    import re
    import zipfile

    path = tmp_path / "dimension.xlsx"
    with zipfile.ZipFile(built["seed_stacked"]) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data, n = re.subn(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', data)
                assert n == 1
            dst.writestr(info, data)
    assert_same_forms(read_path(path), CASES["seed_stacked"].expected)


def test_hidden_sheets_are_not_read(tmp_path: Path) -> None:
    import openpyxl

    forms = seed_forms()[:2]
    path = write_xlsx(tmp_path / "hidden.xlsx", [(f"表{i}", [layout_form(f)]) for i, f in enumerate(forms)])
    wb = openpyxl.load_workbook(path)
    wb["表1"].sheet_state = "hidden"
    wb.save(path)
    assert [f.project for f in read_path(path)] == [forms[0].project]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (170, "General", "170"),
        (170.5, "General", "170.5"),
        (0.1 + 0.2, "General", "0.3"),
        (170, "0.00", "170.00"),
        (1, "0.00%", "100.00%"),
        (0.904, "0%", "90%"),
        (1200, "#,##0.00", "1,200.00"),
        (93, "0", "93"),
        (170, "0.00_ ", "170.00"),
        (1200.5, "#,##0.00_);[Red](#,##0.00)", "1,200.50"),
        (16, "@", "16"),
    ],
)
def test_numbers_are_read_as_the_cell_shows_them(value: float, fmt: str, shown: str) -> None:
    assert render_number(value, fmt) == shown


@pytest.mark.parametrize(
    ("content", "word"),
    [
        (b"PK\x03\x04 truncated zip", "Excel"),
        (b"just some text", "Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版"),
        (b"", "为空"),
    ],
)
def test_broken_files_give_one_chinese_error_naming_the_file(tmp_path: Path, content: bytes, word: str) -> None:
    path = tmp_path / "坏表.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_path(path)
    assert str(path) in str(err.value) and word in str(err.value)
    assert err.value.exit_code == 2


def test_truncated_workbook_is_reported_not_raised(built: dict[str, Path], tmp_path: Path) -> None:
    data = built["seed"].read_bytes()
    path = tmp_path / "截断.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(NotTextError, match="截断.xlsx.*无法作为 Excel"):
        read_path(path)
