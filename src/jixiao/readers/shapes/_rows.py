"""Rows of cells recovered from text, and how they become a ``Grid``.

Every shape module returns ``list[TextRow]``: the rows a person would see across the printed
table, in reading order, each a list of ``TextCell`` (the cell's text and the 1-based text line
it came from). Empty cells inside a row are kept as ``""`` (their position tells which column the
next cells sit in); empty cells at the end of a row are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..grid import Cell, Grid

__all__ = ["TextCell", "TextRow", "cell", "squash", "tidy_row", "rows_to_grid"]


@dataclass(slots=True)
class TextCell:
    """One cell's text and the 1-based line of the text file where it starts."""

    text: str
    line: int


TextRow = list[TextCell]


def squash(text: str) -> str:
    """The text with whitespace runs made one space and the ends stripped."""
    if "  " not in text and text.strip() == text and text.isprintable():
        return text  # no whitespace but single inner spaces: every other one is unprintable
    return " ".join(text.split())


def cell(text: str, line: int) -> TextCell:
    """A ``TextCell`` of ``text`` with its whitespace squashed."""
    return TextCell(squash(text), line)


def tidy_row(row: TextRow) -> TextRow:
    """``row`` without its trailing empty cells (a row of empty cells becomes ``[]``)."""
    end = len(row)
    while end and not row[end - 1].text:
        end -= 1
    return row[:end]


def rows_to_grid(
    rows: list[TextRow], *, file: str, shape: str, repair: Callable[[str], str] = str
) -> Grid:
    """A ``Grid`` holding ``rows`` in order, one grid row each, each cell's text passed through
    ``repair``; empty rows are left out. A text cell's place is its line (``Cell.line``)."""
    out: list[list[Cell]] = []
    for row in rows:
        row = tidy_row(row)
        if row:
            r = len(out)
            out.append([Cell(r, c, repair(tc.text), tc.line) for c, tc in enumerate(row)])
    return Grid.of_rows(out, file=file, shape=shape)
