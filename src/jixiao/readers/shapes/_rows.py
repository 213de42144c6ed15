"""Rows of cells recovered from text, and how they become a ``Grid``.

Every shape module returns ``list[TextRow]``: the rows a person would see across the printed
table, in reading order, each a list of grid ``Cell`` objects made by ``text_cell`` (the cell's
text and the 1-based text line it came from). Empty cells inside a row are kept as ``""`` (their
position tells which column the next cells sit in); empty cells at the end of a row are dropped.
``rows_to_grid`` then gives each cell its row and column in the grid and repairs its OCR noise.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..grid import Cell, Grid
from ._text_join import squash
from .noise import repair_cell

__all__ = ["TextRow", "text_cell", "text_row", "cell", "tidy_row", "rows_to_grid"]

UNPLACED = -1
"""The row and column of a cell that ``rows_to_grid`` has not placed yet."""

TextRow = list[Cell]


def text_cell(text: str, line: int | None) -> Cell:
    """A cell holding ``text`` that starts on the 1-based ``line`` of the text file."""
    return Cell(UNPLACED, UNPLACED, text, line)


def text_row(texts: Iterable[str], line: int | None) -> TextRow:
    """A row of ``text_cell``s holding ``texts``, all starting on ``line``."""
    return [text_cell(t, line) for t in texts]


def cell(text: str, line: int) -> Cell:
    """A ``text_cell`` of ``text`` with its whitespace squashed."""
    return text_cell(squash(text), line)


def tidy_row(row: TextRow) -> TextRow:
    """``row`` without its trailing empty cells (a row of empty cells becomes ``[]``)."""
    end = len(row)
    while end and not row[end - 1].text:
        end -= 1
    return row if end == len(row) else row[:end]


def rows_to_grid(rows: list[TextRow], *, file: str, shape: str) -> Grid:
    """A ``Grid`` holding ``rows`` in order, one grid row each; empty rows are left out. Each cell
    gets its row and column and its OCR noise repaired (``noise.repair_cell``); a text cell's
    place is its line (``Cell.line``).

    The rows' cells become the grid's: a shape builds a cell for each place in its rows, never
    putting one cell in two places."""
    out: list[list[Cell]] = []
    for row in rows:
        row = tidy_row(row)
        if row:
            r = len(out)
            for c, placed in enumerate(row):
                placed.row, placed.col, placed.text = r, c, repair_cell(placed.text)
            out.append(row)
    return Grid.of_rows(out, file=file, shape=shape)
