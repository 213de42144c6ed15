"""The ``pipe`` and ``csv`` shapes: cells delimited by ``|`` or by commas.

Pipe rows come in two conventions, told apart per file:

- Markdown (every row starts with ``|``): ``| a | b |``; the outer pipes only delimit.
- Web copies (some rows start with a cell): ``a | b | ||||``; there a leading ``|`` is an empty
  first cell (the merged 一级指标 above it), and the run of pipes at the end stands for the empty
  columns of the row. In such files a row that ends in a single ``|`` was wrapped: it continues
  on the next line, up to a line that ends in a run (``| 二级指标 | … | 指标值 | |``).

Markdown separator rows (``|---|---|``) are dropped. CSV is read with the ``csv`` module, so a
quoted cell may hold commas and line breaks.
"""

from __future__ import annotations

import csv
import re

from ._rows import TextRow, cell

__all__ = ["pipe_rows", "csv_rows"]

_SEPARATOR = re.compile(r"^\|?[\s:|-]*-{3,}[\s:|-]*$")
_RUN_END = re.compile(r"\|[\s|]*\|\s*$")
"""A line ending in a run of pipes (two or more, spaces between): empty columns close the row."""


def _split(line: str, *, leading_delimits: bool) -> list[str]:
    """The cells of one pipe line; a trailing ``|`` only closes the last cell."""
    s = line.strip()
    if leading_delimits and s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return s.split("|")


def pipe_rows(lines: list[str], *, first_line: int = 1) -> list[TextRow]:
    """Rows of a pipe table; ``lines`` are the text's lines, the first numbered ``first_line``.

    A line without a pipe is a row of one cell (a title, a cut-off piece of a cell).
    """
    piped = [s.strip() for s in lines if "|" in s and not _SEPARATOR.match(s.strip())]
    markdown = bool(piped) and all(s.startswith("|") for s in piped)
    run_ends = sum(1 for s in piped if _RUN_END.search(s))
    wraps = not markdown and run_ends * 2 >= len(piped)
    rows: list[TextRow] = []
    pending: TextRow | None = None
    for i, raw in enumerate(lines):
        number = first_line + i
        s = raw.strip()
        if not s or _SEPARATOR.match(s):
            continue
        if "|" not in s:
            if pending is not None:
                rows.append(pending)
                pending = None
            rows.append([cell(s, number)])
            continue
        cells = [cell(t, number) for t in _split(s, leading_delimits=markdown)]
        if pending is not None:
            cells = pending + cells
            pending = None
        if wraps and s.endswith("|") and not _RUN_END.search(s):
            pending = _tidy_wrapped(cells)
            continue
        rows.append(cells)
    if pending is not None:
        rows.append(pending)
    return rows


def _tidy_wrapped(cells: TextRow) -> TextRow:
    """A wrapped line's cells, without the empty cell its closing pipe would leave."""
    return cells[:-1] if cells and not cells[-1].text else cells


def csv_rows(text: str, *, first_line: int = 1) -> list[TextRow]:
    """Rows of a CSV table (as Excel saves it): each record a row, each field a cell."""
    reader = csv.reader(text.split("\n"))
    rows: list[TextRow] = []
    start = first_line
    for record in reader:
        rows.append([cell(field, start) for field in record])
        start = first_line + reader.line_num
    return rows
