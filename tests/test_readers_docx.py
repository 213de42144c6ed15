"""Word forms: built from the fixture layouts at test time, read back through read_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.catalog import CASES, build_case
from fixtures.compare import assert_same_forms
from fixtures.seed import SEED_PATH

from jixiao.errors import InputError
from jixiao.readers import read_path
from jixiao.readers.docx import read_docx_grids

DOCX_CASES = [name for name, case in CASES.items() if "docx" in case.formats]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docx")
    return {name: build_case(CASES[name], "docx", out) for name in DOCX_CASES}


@pytest.mark.parametrize("case", DOCX_CASES)
def test_each_case_reads_back_as_laid_out(built: dict[str, Path], case: str) -> None:
    forms = read_path(built[case])
    assert_same_forms(forms, CASES[case].expected)
    for form in forms:
        assert len(form.warnings) == len(CASES[case].warnings), form.warnings


def test_seed_matches_the_text_reader_field_by_field(built: dict[str, Path]) -> None:
    assert_same_forms(read_path(built["seed"]), read_path(SEED_PATH))


@pytest.mark.parametrize(
    ("case", "tables"),
    [
        ("seed", ["表格1", "表格2", "表格3", "表格4", "表格5"]),
        ("seed_stacked", ["表格1"] * 5),
        ("header_outside", ["表格1", "表格2"]),
    ],
)
def test_source_names_the_table(built: dict[str, Path], case: str, tables: list[str]) -> None:
    assert [f.source.sheet for f in read_path(built[case])] == tables


def test_indicator_line_is_the_table_row(built: dict[str, Path]) -> None:
    import docx

    document = docx.Document(str(built["seed"]))
    for table, form in zip(document.tables, read_path(built["seed"])):
        for ind in form.indicators:
            row = table.rows[ind.line - 1]  # type: ignore[operator]
            assert ind.name in {c.text for c in row.cells}


def test_merged_cells_are_one_cell_with_spans(built: dict[str, Path]) -> None:
    """python-docx repeats a merged cell in every slot; the grid holds it once, with its spans."""
    grid = read_docx_grids(built["seed"].read_bytes(), name="seed.docx")[0]
    level1 = [c for c in grid.cells if c.text == "产出指标" and c.sheet == "表格1"]
    assert len(level1) == 1 and level1[0].rowspan == 3
    title = [c for c in grid.cells if c.text == "财政项目支出绩效自评表" and c.sheet == "表格1"]
    assert len(title) == 1 and title[0].colspan == 9


def test_header_paragraphs_outside_the_table_are_read(built: dict[str, Path]) -> None:
    forms = read_path(built["header_outside"])
    assert [(f.project, f.year) for f in forms] == [("基层科普服务", 2024), ("科技会客厅-科学咖啡馆", 2024)]


@pytest.mark.parametrize(
    ("content", "word"),
    [
        (b"PK\x03\x04 truncated zip", "Word"),
        (b"plain text saved as docx", "Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版"),
    ],
)
def test_broken_files_give_one_chinese_error_naming_the_file(tmp_path: Path, content: bytes, word: str) -> None:
    path = tmp_path / "坏表.docx"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_path(path)
    assert str(path) in str(err.value) and word in str(err.value)


def test_a_workbook_renamed_to_docx_is_reported(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "其实是表格.docx"
    openpyxl.Workbook().save(path)
    with pytest.raises(InputError, match="其实是表格.docx.*Word"):
        read_path(path)


def test_a_document_without_a_form_says_so(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("会议纪要")
    path = tmp_path / "纪要.docx"
    document.save(path)
    with pytest.raises(InputError, match="纪要.docx.*没有找到自评表"):
        read_path(path)


def test_tables_rows_and_cells_inside_content_controls_are_read(built: dict[str, Path], tmp_path: Path) -> None:
    """Template-made forms wrap tables, rows or cells in w:sdt content controls."""
    import docx
    from docx.oxml import OxmlElement

    def wrap(element) -> None:  # type: ignore[no-untyped-def]
        sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
        element.addprevious(sdt)
        sdt.append(content)
        content.append(element)

    document = docx.Document(str(built["seed"]))
    tables = document.tables
    wrap(tables[0]._tbl)
    wrap(tables[1]._tbl.tr_lst[12])
    wrap(tables[2]._tbl.tr_lst[12].tc_lst[2])
    path = tmp_path / "controls.docx"
    document.save(path)
    assert_same_forms(read_path(path), CASES["seed"].expected)
