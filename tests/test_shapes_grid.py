"""A text shape's rows become a grid whose every cell stands where the grid says it does."""

from __future__ import annotations

from pathlib import Path

import pytest
from _text_shapes import pipe_to_csv

from jixiao.readers.shapes import text_to_grids
from jixiao.readers.shapes._rows import rows_to_grid, text_cell

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "tests" / "data" / "text").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))


def _texts() -> list[tuple[str, str]]:
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in TEXTS]
    pipe = next(text for name, text in texts if name.startswith("pipe"))
    return [*texts, ("pipe as csv", pipe_to_csv(pipe))]


@pytest.mark.parametrize(("name", "text"), _texts(), ids=lambda v: v if len(v) < 40 else "")
def test_every_cell_of_a_text_grid_is_one_cell_at_its_own_row_and_column(name: str, text: str) -> None:
    (grid,) = text_to_grids(text, file=name)
    rows = grid.rows()
    assert sum(len(row) for row in rows) == len(grid.cells) == len({id(c) for c in grid.cells}) > 50
    for r, row in enumerate(rows):
        assert [(c.row, c.col) for c in row] == [(r, col) for col in range(len(row))]


def test_rows_to_grid_places_each_cell_drops_empty_ends_and_repairs_ocr_digits() -> None:
    rows = [
        [text_cell("数量指标", 3), text_cell("", 3), text_cell("IO", 3), text_cell("", 3)],
        [text_cell("", 4)],
        [text_cell("≥9O%", 5)],
    ]
    grid = rows_to_grid(rows, file="x.txt", shape="pdf-text")
    assert [[(c.row, c.col, c.text, c.line) for c in row] for row in grid.rows()] == [
        [(0, 0, "数量指标", 3), (0, 1, "", 3), (0, 2, "10", 3)],
        [(1, 0, "≥90%", 5)],
    ]
