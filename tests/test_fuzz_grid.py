"""Fuzzing the tabular side: the one mapper behind .xlsx/.docx/.pdf, and the format readers.

The mapper is fuzzed on grids (the seed's forms laid out in the national template, then cells
dropped, duplicated, swapped, re-spanned, shifted and their numbers perturbed), which reaches
every path a damaged spreadsheet can take without paying for a file per case. The format readers
are fuzzed on damaged bytes of real fixture files. Budget as in test_fuzz.py
(``JIXIAO_FUZZ_BUDGET``; the PDF reader gets a tenth: pdfminer is slow).
"""

from __future__ import annotations

import dataclasses
import os
import random
import re
from pathlib import Path

import pytest
from _mutate import mutate_bytes
from fixtures.build_docx import cell_text
from fixtures.catalog import CASES, build_case
from fixtures.layout import Style, layout_form
from fixtures.seed import seed_forms

from jixiao.check import check_forms
from jixiao.errors import InputError
from jixiao.readers import read_path
from jixiao.readers.grid import Cell, Grid
from jixiao.readers.mapper import grid_to_forms

BUDGET = int(os.environ.get("JIXIAO_FUZZ_BUDGET", "150"))
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_JUNK = ["", "—", "/", "≥", "≤100", "未达成", "部分达成", "总分", "一级指标", "项目名称", "合计", "1e400", "-0", "十六"]


def _seed_grid(style: Style = Style()) -> Grid:
    grid = Grid(file="fuzz.xlsx")
    offset = 0
    for form in seed_forms():
        lay = layout_form(form, style)
        for p in lay.cells:
            grid.cells.append(Cell(p.row + offset, p.col, cell_text(p.value), rowspan=p.rowspan, colspan=p.colspan,
                                   sheet="自评表", line=p.row + offset + 1))
        offset += lay.nrows + 2
    return grid


def _mutate(grid: Grid, rng: random.Random) -> Grid:
    cells = [dataclasses.replace(c) for c in grid.cells]
    for _ in range(rng.randint(1, 6)):
        if not cells:
            break
        i = rng.randrange(len(cells))
        kind = rng.randrange(7)
        if kind == 0:
            del cells[i]
        elif kind == 1:
            cells.insert(rng.randrange(len(cells)), dataclasses.replace(cells[i], row=cells[i].row + rng.randint(-3, 3)))
        elif kind == 2:
            j = rng.randrange(len(cells))
            cells[i].text, cells[j].text = cells[j].text, cells[i].text
        elif kind == 3:
            cells[i].rowspan, cells[i].colspan = rng.randint(1, 4), rng.randint(1, 6)
        elif kind == 4:
            cells[i].col = max(0, cells[i].col + rng.randint(-2, 2))
        elif kind == 5:
            cells[i].text = _NUMBER.sub(lambda m: rng.choice(["0", "-5", "1e309", "99999", "", "０"]), cells[i].text)
        else:
            cells[i].text = rng.choice(_JUNK)
    return Grid(file=grid.file, cells=cells)


def test_mutated_grids_never_raise_a_traceback() -> None:
    base = [_seed_grid(), _seed_grid(Style(columns="sichuan")), _seed_grid(Style(scores=False))]
    read_some = 0
    for seed in range(BUDGET):
        rng = random.Random(seed)
        grid = _mutate(rng.choice(base), rng)
        try:
            forms = grid_to_forms(grid)
        except InputError as exc:
            assert "fuzz.xlsx" in str(exc), f"seed {seed}: {exc}"
            continue
        except Exception as exc:  # pragma: no cover
            pytest.fail(f"seed {seed}: {type(exc).__name__} escaped the mapper: {exc}")
        read_some += bool(forms)
        try:
            check_forms(forms)
        except Exception as exc:  # pragma: no cover
            pytest.fail(f"seed {seed}: {type(exc).__name__} escaped the checker: {exc}")
    assert read_some >= BUDGET * 0.5


def test_the_unmutated_seed_grid_reads_as_the_seed() -> None:
    forms = grid_to_forms(_seed_grid())
    assert [f.project for f in forms] == [f.project for f in seed_forms()]
    assert [len(f.indicators) for f in forms] == [6, 9, 8, 10, 13]


@pytest.fixture(scope="module")
def fixture_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("fuzzfiles")
    return {fmt: build_case(CASES["seed"], fmt, out).read_bytes() for fmt in ("xlsx", "docx", "pdf")}


@pytest.mark.parametrize(("fmt", "share"), [("xlsx", 1), ("docx", 1), ("pdf", 10)])
def test_damaged_office_and_pdf_files_never_raise_a_traceback(
    fixture_files: dict[str, bytes], tmp_path: Path, fmt: str, share: int
) -> None:
    for seed in range(max(3, BUDGET // share)):
        rng = random.Random(seed)
        path = tmp_path / f"damaged-{seed}.{fmt}"
        path.write_bytes(mutate_bytes(fixture_files[fmt], rng))
        try:
            forms = read_path(path)
        except InputError as exc:
            assert path.name in str(exc), f"seed {seed}: {exc}"
            continue
        except Exception as exc:  # pragma: no cover
            pytest.fail(f"seed {seed}: {type(exc).__name__} escaped the {fmt} reader: {exc}")
        check_forms(forms)
