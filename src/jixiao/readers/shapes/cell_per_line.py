"""The ``cell-per-line`` shape: each cell on its own line (or lines).

Two kinds are seen in web copies:

- Piped (r035, r045, r048): every cell ends with ``|`` (on its line, or on a line of its own
  after a cell wrapped over several lines), and a line of two or more pipes ends the row. The
  rows are then explicit: the text between two pipes is a cell.
- Bare (r023, r028, r032): cells separated by blank lines; a line holding only spaces is an
  empty cell, consecutive lines are one wrapped cell. Where long runs of blank lines part the
  rows (r028), they are the row breaks. Otherwise rows are regrouped: a row starts at a row label
  of the vocabulary (年度资金总额, 其中…, 项目名称, 产出指标, 数量指标, 总分 …) or at the first word
  of a header, and an indicator row without labels ends when it holds as many cells as the
  header row has beyond its 一级/二级 columns.
"""

from __future__ import annotations

import re

from ..grid import Cell, clean_text
from ..vocabulary import (
    CLOSING_FIELDS,
    FUNDS_FIELDS,
    FUNDS_ROWS,
    GOAL_FIELDS,
    HEADER_FIELDS,
    INDICATOR_FIELDS,
    SECTION_TITLES,
    field_of,
    key,
    level1_of,
    level2_of,
    section_weight,
)
from ._rows import TextRow, text_cell

__all__ = ["cell_per_line_rows", "is_piped"]

_POINTS = re.compile(r"^\d{1,3}$")
"""A header cell of points alone (the 50 over a score column)."""
_ROW_END = re.compile(r"^\s*\|(?:\s*\|)+\s*$")


def is_piped(lines: list[str]) -> bool:
    """Whether the cells end with pipes (rather than being parted by blank lines)."""
    return sum(1 for s in lines if s.rstrip().endswith("|")) * 4 >= sum(1 for s in lines if s.strip())


def cell_per_line_rows(lines: list[str], *, first_line: int = 1) -> list[TextRow]:
    """Rows of one-cell-per-line text, piped or bare."""
    if is_piped(lines):
        return _piped_rows(lines, first_line)
    return _bare_rows(lines, first_line)


# ---------------------------------------------------------------- piped


def _piped_rows(lines: list[str], first_line: int) -> list[TextRow]:
    rows: list[TextRow] = []
    row: TextRow = []
    pending: list[str] = []
    pending_line = first_line
    seen_pipe = False
    for k, raw in enumerate(lines):
        number = first_line + k
        s = raw.strip()
        if _ROW_END.match(s):
            if pending:
                row.append(text_cell(clean_text("\n".join(pending)), pending_line))
                pending = []
            rows.append(row)
            row = []
            seen_pipe = True
            continue
        if "|" not in s:
            if not s:
                continue
            if not seen_pipe and pending:
                rows.append([text_cell(clean_text(pending[-1]), pending_line)])  # text before the table
                pending = []
            if not pending:
                pending_line = number
            pending.append(s)
            continue
        seen_pipe = True
        pieces = s.split("|")
        for n, piece in enumerate(pieces[:-1]):
            if n == 0 and pending:
                pending.append(piece)
                row.append(text_cell(clean_text("\n".join(pending)), pending_line))
                pending = []
            else:
                row.append(text_cell(clean_text(piece), number))
        if pieces[-1].strip():
            pending, pending_line = [pieces[-1]], number
    if pending:
        row.append(text_cell(clean_text("\n".join(pending)), pending_line))
    rows.append(row)
    return [chunk for row in rows for chunk in _chunked(row)]


def _chunked(row: TextRow) -> list[TextRow]:
    """A piped row that holds a header and the rows after it, unparted (r045), cut into rows as
    wide as the header (empty cells included), when every 一级/二级 label then falls in its
    column; otherwise the row as it is."""
    fields = [field_of(c.text, INDICATOR_FIELDS) for c in row]
    if "name" not in fields:
        return [row]
    start = next(i for i, f in enumerate(fields) if f is not None)
    if any(c.text for c in row[:start]):
        return [row]
    width = max(i for i, f in enumerate(fields) if f is not None and i < start + 12) + 1
    if len(row) < 2 * width:
        return [row]
    chunks = [row[i : i + width] for i in range(0, len(row), width)]
    label_columns = {f: fields.index(f) for f in ("level1", "level2") if f in fields}
    for chunk in chunks[1:]:
        for i, c in enumerate(chunk):
            if level1_of(c.text) is not None and i != label_columns.get("level1"):
                return [row]
            if level2_of(c.text) is not None and i != label_columns.get("level2"):
                return [row]
    return chunks


# ---------------------------------------------------------------- bare


def _bare_cells(lines: list[str], first_line: int) -> list[tuple[Cell, int]]:
    """Each cell with the number of blank lines before it."""
    cells: list[tuple[Cell, int]] = []
    block: list[str] = []
    start = first_line
    blanks = gap = 0
    for k, raw in enumerate([*lines, ""]):
        if raw.strip():
            if not block:
                start, gap = first_line + k, blanks
            block.append(raw.strip())
            blanks = 0
            continue
        if block:
            cells.append((text_cell(clean_text("\n".join(block)), start), gap))
            block = []
        if raw:  # a line of spaces: an empty cell
            cells.append((text_cell("", first_line + k), blanks))
            blanks = 0
        else:
            blanks += 1
    return cells


def _is_header_word(text: str) -> bool:
    return any(field_of(text, table) is not None for table in (INDICATOR_FIELDS, FUNDS_FIELDS, GOAL_FIELDS))


def _row_label(text: str) -> str | None:
    """What kind of row ``text`` starts: "level1", "level2", "label" (funds row, header item,
    section, closing), or ``None``."""
    k = key(text)
    if not k:
        return None
    if level1_of(text) is not None:
        return "level1"
    if level2_of(text) is not None:
        return "level2"
    sub = k.removeprefix("其中")
    if any(
        sub == w or (sub.startswith(w) and len(sub) - len(w) <= 6)
        for ws in FUNDS_ROWS.values()
        for w in ws
        if len(w) >= 4
    ):
        return "label"
    if field_of(text, HEADER_FIELDS) is not None or field_of(text, CLOSING_FIELDS) is not None:
        return "label" if len(k) <= 10 else None
    if k.startswith(SECTION_TITLES) and len(k) <= 14:
        return "label"
    if section_weight(text) is not None:
        return "label"
    return None


def _bare_rows(lines: list[str], first_line: int) -> list[TextRow]:
    cells = _bare_cells(lines, first_line)
    gaps = sorted(g for _, g in cells)
    long_gap = gaps[len(gaps) // 2] * 3 + 2 if gaps else 0
    if any(g >= long_gap for _, g in cells[1:]):
        rows: list[TextRow] = []
        for tc, gap in cells:
            if (
                not rows
                or gap >= long_gap
                or (rows[-1] and field_of(tc.text, HEADER_FIELDS) and len(key(tc.text)) <= 8)
            ):
                rows.append([])
            rows[-1].append(tc)
        return rows
    return _regrouped([tc for tc, _ in cells])


def _regrouped(cells: list[Cell]) -> list[TextRow]:
    """Rows started at row labels and at the first word of a header. After an indicator or goal
    header, rows without labels hold as many cells as the header has columns beyond its
    一级/二级 columns (empty cells, which such copies drop or add at random, are skipped there)."""
    rows: list[TextRow] = []
    width = 0
    in_header = False
    labels = 0
    for tc in cells:
        kind = _row_label(tc.text)
        header_word = _is_header_word(tc.text)
        row = rows[-1] if rows else None
        if header_word and not in_header:
            rows.append([tc])
            in_header, labels = True, 0
            continue
        if in_header and (header_word or (kind is None and (not width_of(rows[-1]) or _POINTS.match(tc.text)))):
            rows[-1].append(tc)
            continue
        if in_header:
            width = width_of(rows[-1])
            in_header = False
        if kind == "level2" and row is not None and labels and len(row) == labels:
            row.append(tc)
            labels += 1
        elif kind == "label" and row and key(row[0].text) == key(tc.text):
            row.append(tc)  # a sub-row's label printed once per amount (地方资金/其他 | 万元 | 地方资金/其他 | 万元)
        elif kind is not None:
            rows.append([tc])
            labels = 1 if kind in ("level1", "level2") else 0
        elif width and not tc.text:
            continue
        elif row is None or (width and len(row) - labels >= width):
            rows.append([tc])
            labels = 0
        else:
            row.append(tc)
    return rows


def width_of(header: TextRow) -> int:
    """Cells of a row after its labels, as the header row shows them: the columns from 三级指标 on
    (a cell of points alone over the score column included), or the goal's columns (预期目标,
    实际完成情况); 0 for another header."""
    fields = [field_of(c.text, INDICATOR_FIELDS) for c in header]
    if "name" in fields:
        return len(fields) - fields.index("name")
    return sum(1 for c in header if field_of(c.text, GOAL_FIELDS) is not None)
