"""The grid model shared by every tabular reader (.xlsx, .docx, .pdf).

Each format reader turns its file into one or more ``Grid`` objects: cells with row, column and
spans, plus where each cell came from. The one mapper (``mapper.grid_to_forms``) then finds the
template's labels wherever they sit (``tables.read_grid_file`` reads a file that way). Keeping the formats apart from the mapping means a new
format is a new small reader, and a fix to the mapping helps every format at once.

Merged ranges are kept as one cell with spans (not repeated): a reader that sees a merge
repeated (python-docx) or split into an origin plus blanks (openpyxl, pdfplumber) reduces it to
one ``Cell`` so the mapper never has to guess whether two equal texts are one cell or two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import attrgetter

__all__ = ["Cell", "Grid", "clean_text", "UNREACHED_LABEL"]

UNREACHED_LABEL = "…"
"""The text a shape gives a 一级 cell whose label was never printed in the text it read (the
text is cut before it): the rows from there on have no 一级 label, not the one above them."""


@dataclass(slots=True)
class Cell:
    """One (possibly merged) cell: grid position and spans, its text, and its source reference."""

    row: int
    """0-based row in its grid."""
    col: int
    """0-based column in its grid (for PDF: index into the document's column boundaries)."""
    text: str
    line: int | None = None
    """The row as a person counts it: sheet row (xlsx), table row (docx), text line on the page
    (pdf), the 1-based line of a text file."""
    rowspan: int = 1
    colspan: int = 1
    sheet: str | None = None
    """Sheet name (xlsx), "表格N" (docx; ``None`` for paragraphs outside tables), "第N页" (pdf)."""
    address: str = ""
    """Cell address a person can find: "B7" (xlsx), "表格2第7行第3列" (docx), "第2页第14行" (pdf);
    empty for text, where ``line`` is the place."""

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1


@dataclass(slots=True)
class Grid:
    """A sequence of rows from one file, in reading order; forms may follow each other in it.

    File readers add cells with their row, column and spans, and ``rows()`` groups them; a text
    shape, which recovers rows in the first place, builds its grid with ``Grid.of_rows``. A grid
    is complete once its reader returns it: the mapper only reads it.
    """

    file: str
    cells: list[Cell] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Reader-level warnings (e.g. formula cells without cached values) copied into each form."""
    shape: str | None = None
    """How a text source laid the table out (``pipe``, ``glued``, …; see ``readers.shapes``); ``None`` otherwise."""
    _rows: list[list[Cell]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of_rows(cls, rows: list[list[Cell]], *, file: str, shape: str | None = None) -> Grid:
        """A grid of ``rows`` as given: row ``r``'s cells, left to right, each starting in it."""
        return cls(file=file, cells=list(chain.from_iterable(rows)), shape=shape, _rows=rows)

    def row_count(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    def rows(self) -> list[list[Cell]]:
        """Every row as the list of distinct cells that cover it, left to right.

        A cell merged over several rows appears in each of those rows (its ``row`` tells where it
        starts), so the mapper can read a row on its own, as a person reads across a table.
        """
        if self._rows is None:
            self._rows = _grouped(self.cells, self.row_count())
        return self._rows


def _grouped(cells: list[Cell], count: int) -> list[list[Cell]]:
    out: list[list[Cell]] = [[] for _ in range(count)]
    for cell in cells:
        if cell.rowspan == 1:
            out[cell.row].append(cell)
        else:
            for r in range(cell.row, cell.row + cell.rowspan):
                out[r].append(cell)
    for row in out:
        row.sort(key=_COLUMN)
    return out


_COLUMN = attrgetter("col")


_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’、，。；：！？（）《》【】…—"
_GLUE = _CJK + "()%"  # a wrap next to these is never a word space: "≥16.00\n(个)", "100\n%"
_JOIN_CJK = re.compile(rf"(?<=[{_GLUE}])\s*\n\s*|\s*\n\s*(?=[{_GLUE}])")
_SPACES = re.compile(r"[ \t\u00a0]*\n[ \t\u00a0]*|[ \t\u00a0]+")
_SPACE_RUN = re.compile(r"[ \t\u00a0]+")


@lru_cache(maxsize=8192)
def clean_text(text: str) -> str:
    """Undo the line breaks a narrow cell forces, so "可持\\n续影\\n响指\\n标" reads 可持续影响指标.

    A break next to a Chinese character is dropped (Chinese has no word spaces); a break between
    two Latin words becomes one space. Runs of spaces collapse; the ends are stripped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").strip()
    if "\n" in text:
        return _SPACES.sub(" ", _JOIN_CJK.sub("", text)).strip()
    if "  " in text or "\t" in text or "\u00a0" in text:  # a run of spaces to collapse
        return _SPACE_RUN.sub(" ", text)
    return text
