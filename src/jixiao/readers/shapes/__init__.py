"""Text shapes: how a table reached a text file, and how to get its rows of cells back.

``detect_shape(text)`` names the shape; ``text_to_grids(text, file=...)`` returns the rows a
person would see across the printed table, in reading order, as ``Grid`` objects (``Grid.shape``
says which shape was read; each cell's ``line`` is its 1-based line in the text, its
``address`` "第N行"). A shape only finds cell boundaries: which cell is a name, a target or a
score is the mapper's business (``readers.mapper`` with ``readers.vocabulary``).

Before splitting, the whole text is repaired where one reading is possible: pinyin after
characters dropped, traditional characters made simplified (``_normalize``); page chrome before
the form (publishing metadata, 发布时间, 附件1) is skipped, and value cells get OCR digit repairs
(``noise``). Several forms in one file come out as rows of one grid; the mapper splits them at
their titles or 项目名称 rows.

Shapes and their state:

- ``pipe`` — ready: ``| a | b |`` (Markdown) and ``a | b | ||||`` (web copies: a leading ``|``
  is an empty cell; a line ending in a single ``|`` continues on the next line).
- ``csv`` — ready.
- ``cell-per-line`` — ready: piped cells (``cell |`` … a line of pipes ends the row; a row
  left unparted is cut by its header's width) and bare cells parted by blank lines (rows at long
  blank runs, or regrouped at the vocabulary's row labels and by the header's width).
- ``columns`` — ready: a row per line split at spaces; wrapped labels, wrapped header words,
  label-only lines (put in front of the row after them), a row's numbers pushed to the next
  line and the goal's column-after-column text ([planned, achieved]) joined back (``columns``);
  a cell holding spaces of its own comes out as several cells.
- ``oneline`` — ready for the national template: the line is cut at its landmarks; indicator
  rows end at their 分值 得分 pair, deviation words go to the row before (``oneline``).
- ``glued`` — partly: header items, the funds header and rows (amounts cut by the header's
  columns when 执行率 = B/A leaves one cut), the indicator header and rows (cut by the value
  grammar, a score at most its weight; a word printed twice, "合格合格", is target and actual),
  总分; a goal is kept whole, and rows with two different words for values or more than one
  possible cut stay one cell (the mapper doubts them) (``glued``, ``_glued_pre``, ``_cuts``).
- ``scrambled`` — recognised on one-line copies (年度资金总额 followed by a label, or a funds
  column word after it); read only where arithmetic pairs the pieces: the orphan amounts after
  the funds header are the 年度资金总额 row when they are the sum of the 其中 rows, with the
  header items before (``scrambled``). Goal and indicators are not read; where the funds do not
  pair, no grid at all.
- ``pdf-text`` — ready for the national template as the bundled example prints it: header,
  funds, goal [planned, achieved], indicator rows [一级, 二级, 三级, 年度指标值, 实际完成值, 分值,
  得分, 偏差原因] and the closing rows (``pdf_text``, ``_pdf_table``, ``_pdf_goal``, ``_labels``).

Cells of a row that are empty inside it are kept (``""``): their position says which column the
next cells are in; empty cells at a row's end are dropped.

A shape that is not ready returns no grid (``[]``), so the caller can fall back or say that the
text could not be read. ``header_grid`` is that fallback: the titles and labelled header items
(项目名称 …, 自评总分: 69) alone, for a form named and placed whose table is doubted
(``header_items``).
"""

from __future__ import annotations

from collections.abc import Callable

from ..grid import Grid
from ._normalize import form_start, is_chrome, normalize
from ._rows import TextRow, rows_to_grid, text_cell
from .cell_per_line import cell_per_line_rows
from .columns import columns_rows
from .detect import SHAPES, detect_shape
from .detect import recognised_shape as _recognised_shape
from .glued import glued_rows
from .header_items import header_item_rows
from .oneline import oneline_rows
from .pdf_text import pdf_text_rows
from .pipe import csv_rows, pipe_rows
from .scrambled import scrambled_rows

__all__ = ["detect_shape", "recognised_shape", "text_to_grids", "header_grid", "SHAPES", "READY"]

_READERS: dict[str, Callable[[list[str], int], list[TextRow]]] = {
    "pipe": lambda lines, first: pipe_rows(lines, first_line=first),
    "csv": lambda lines, first: csv_rows("\n".join(lines), first_line=first),
    "glued": lambda lines, first: glued_rows(lines, first_line=first),
    "cell-per-line": lambda lines, first: cell_per_line_rows(lines, first_line=first),
    "pdf-text": lambda lines, first: pdf_text_rows(lines, first_line=first),
    "columns": lambda lines, first: columns_rows(lines, first_line=first),
    "oneline": lambda lines, first: oneline_rows(lines, first_line=first),
    "scrambled": lambda lines, first: scrambled_rows(lines, first_line=first),
}

READY = frozenset(_READERS)
"""The shapes ``text_to_grids`` reads; for the others it returns ``[]``."""


def text_to_grids(text: str, *, file: str) -> list[Grid]:
    """The rows of cells of every form in ``text`` (already decoded), as grids; ``[]`` when the
    text's shape cannot be read yet or holds no row."""
    text = normalize(text)
    shape = detect_shape(text)
    read = _READERS.get(shape)
    if read is None:
        return []
    lines = text.split("\n")
    start, offset = form_start(s.split("|", 1)[0].strip() for s in lines) or (0, 0)
    body = lines[start:]
    if offset:
        body[0] = body[0].lstrip()[offset:]
    rows = [row for row in read(body, start + 1) if row and not _is_chrome_row(row)]
    grid = rows_to_grid(_from_form_start(rows), file=file, shape=shape)
    return [grid] if grid.cells else []


def header_grid(text: str, *, file: str) -> Grid:
    """The titles and labelled header items of ``text`` (项目名称 …, 自评总分: 69) as a grid,
    for a text whose table its shape could not part into cells (``header_items``)."""
    text = normalize(text)
    rows = header_item_rows(text.split("\n"))
    return rows_to_grid(rows, file=file, shape=detect_shape(text))


def recognised_shape(text: str) -> str | None:
    """The shape whose marks ``text`` (not yet repaired) shows, or ``None`` when it shows none."""
    return _recognised_shape(normalize(text))


def _from_form_start(rows: list[TextRow]) -> list[TextRow]:
    """``rows`` from the first that starts a form: page text the shape cut off a glued line (a
    document site's blurb before "项目支出绩效自评表(2020 年度)") goes too."""
    found = form_start(row[0].text for row in rows)
    if found is None:
        return rows
    start, offset = found
    rows = rows[start:]
    if offset:
        first = rows[0][0]
        rows[0] = [text_cell(first.text[offset:], first.line), *rows[0][1:]]
    return rows


def _is_chrome_row(row: TextRow) -> bool:
    """Whether the row's one text is page chrome (``is_chrome``): a row of two texts never is."""
    if len(row) > 1 and row[0].text and row[1].text:
        return False  # the common table row, told by its first two cells
    texts = [c.text for c in row if c.text]
    return len(texts) == 1 and is_chrome(texts[0])

