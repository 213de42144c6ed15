"""The ``columns`` shape: one row per line, cells parted by whitespace (maybe indented).

A line is split at its spaces ("≥ 90%", an operator printed apart, stays one cell). What a
narrow column wrapped is put back together:

- a label broken over lines ("经济效益" / "指标", "可持续影" / "响指标", "项目资金" / "(万元)",
  "满意度指标" / "(10分)") is joined to the cell it continues when together they read as one of
  the vocabulary's words (or a word with its points or unit);
- a header that goes on on the next line ("一级指标" / "二级指标 三级指标 …") is one row;
- a line of header pieces under a header ("年度 实际 分值" / "指标值 完成值") completes the
  header cells it continues, in order;
- header cells wrapped onto lines of their own under the header's first line ("行次 全年预算数" /
  "(A)" / "统筹整合资金数" / "(B)" …) are more cells of that header, a bracketed note joined to
  the word above it;
- a funds row whose amounts go on on the next line ("年度资金总额(万元): 1 52.8" / "52.8 30.8
  58.33%") is one row, as long as it is no wider than its header;
- the goal's text on several lines under its header is one row [planned, achieved]: two
  blocks parted by a blank line, or told apart as in PDF text;
- rows of nothing but 一级/二级 labels ("(50分)", "经济效益指标") go in front of the row after
  them, as a merged label cell stands to the left of its rows;
- a line of one or two numbers under a row that ends in text (a long row's 分值 and 得分 pushed
  to the next line) ends that row.

Cells holding spaces of their own (a sentence "截至 2024年 12月") cannot be told from two cells
here; the mapper's reading check doubts the rows that come out wrong.
"""

from __future__ import annotations

import re

from ..vocabulary import (
    ALL_WORDS,
    FUNDS_FIELDS,
    GOAL_FIELDS,
    INDICATOR_FIELDS,
    LEVEL1,
    LEVEL2,
    field_of,
    funds_row_kind,
    is_section_title,
    key,
    level1_of,
    level2_of,
    section_weight,
)
from ._pdf_goal import split_goal
from ._rows import TextRow, text_cell, text_row
from ._text_join import join_wrapped, split_cells

__all__ = ["columns_rows"]

_WORDS = frozenset(ALL_WORDS) | frozenset(LEVEL1) | frozenset(LEVEL2)
_PREFIXES = frozenset(w[:i] for w in _WORDS for i in range(1, len(w) + 1))
_MARK = re.compile(r"^[(（](?:\d+(?:\.\d+)?分|万元|元|[A-Z/]+)[)）]$")
_COLUMN_LETTER = re.compile(r"^[(（][A-Z/]+[)）]$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?%?$")


def _is_word(text: str) -> bool:
    k = key(text)
    return k in _WORDS


def _continues(cell: str, piece: str) -> bool:
    """Whether ``piece`` (a line's only cell) is the rest of ``cell`` wrapped: together a word of
    the form or the start of one, or a label and its points or unit ("(万元)", "(10分)"), or a
    column word and its letter ("(A)")."""
    k = key(cell)
    if k not in _PREFIXES:
        return False
    if _MARK.match(piece):
        column = field_of(cell, INDICATOR_FIELDS) is not None or field_of(cell, FUNDS_FIELDS) is not None
        return column == (_COLUMN_LETTER.match(piece) is not None)
    joined = key(cell + piece)
    return joined in _WORDS or (not _is_word(cell) and joined in _PREFIXES)


def _is_header(cells: list[str]) -> bool:
    return bool(cells) and all(
        field_of(c, INDICATOR_FIELDS) is not None or field_of(c, FUNDS_FIELDS) is not None for c in cells
    )


def _completes_header(row: TextRow, pieces: list[str]) -> list[int] | None:
    """Indexes of the cells of ``row`` that ``pieces`` complete into words, in order; ``None``
    when they do not all find one."""
    found: list[int] = []
    start = 0
    for piece in pieces:
        k = next(
            (i for i in range(start, len(row)) if not _is_word(row[i].text) and _is_word(row[i].text + piece)), None
        )
        if k is None:
            return None
        found.append(k)
        start = k + 1
    return found


def _goal_region(lines: list[str]) -> tuple[int, int] | None:
    """(first, end) indexes of the goal's text lines: after the line that ends in the goal's
    column words (预期目标 实际完成情况), up to the indicator table; ``None`` when there are none,
    or the text is one line (its two cells then part at their space like any row's)."""
    start = next(
        (
            k + 1
            for k, s in enumerate(lines)
            if [field_of(c, GOAL_FIELDS) for c in split_cells(s)[-2:]] == ["planned", "achieved"]
        ),
        None,
    )
    if start is None:
        return None
    end = start
    while end < len(lines) and not _starts_table(lines[end]):
        end += 1
    return (start, end) if sum(1 for s in lines[start:end] if s.strip()) > 1 else None


def _starts_table(line: str) -> bool:
    cells = split_cells(line)
    return bool(cells) and (
        any(field_of(c, INDICATOR_FIELDS) is not None for c in cells)
        or "绩效指标" in cells[0]
        or key(cells[0]) in ("一级", "绩效")
        or _is_label_cell(cells[0])
    )


def _goal_row(lines: list[str], number: int) -> TextRow:
    """[planned, achieved] of the goal's lines: two blocks parted by a blank line are the two
    columns; otherwise the columns are told apart as in PDF text (``_pdf_goal``)."""
    blocks: list[list[str]] = [[]]
    for s in lines:
        if s.strip():
            blocks[-1].append(s.strip())
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    if len(blocks) == 2:
        planned, achieved = join_wrapped(blocks[0]), join_wrapped(blocks[1])
    else:
        planned, achieved = split_goal([s.strip() for s in lines])
    return [text_cell(planned, number), text_cell(achieved, number)]


def columns_rows(lines: list[str], *, first_line: int = 1) -> list[TextRow]:
    """Rows of whitespace-separated text, one per line, wrapped labels and headers joined."""
    rows: list[TextRow] = []
    goal = _goal_region(lines)
    header: TextRow | None = None  # the last column header row, while its cells may go on
    width = 0  # the cells of the last column header row
    for k, raw in enumerate(lines):
        number = first_line + k
        if goal is not None and goal[0] <= k < goal[1]:
            if k == goal[0]:
                rows.append(_goal_row(lines[goal[0] : goal[1]], number))
            continue
        cells = split_cells(raw)
        if not cells:
            continue
        last = rows[-1] if rows else None
        if header is not None and header is last and len(cells) == 1 and _header_piece(cells[0]):
            if _BRACKETED.match(cells[0]):  # "(D/C×100%)" under its column word
                last[-1] = text_cell(last[-1].text + cells[0], last[-1].line)
            else:  # a header cell wrapped onto a line of its own
                last.append(text_cell(cells[0], number))
            width = len(last)
            continue
        header = None
        if last is not None and _continues_amounts(last, cells, width):
            last.extend(text_cell(c, number) for c in cells)
            continue
        if last is not None and len(cells) == 1 and _continues(last[-1].text, cells[0]):
            last[-1] = text_cell(last[-1].text + cells[0], last[-1].line)
            continue
        if last is not None and len(cells) >= 2:
            targets = _completes_header(last, cells)
            if targets is not None:
                for i, piece in zip(targets, cells):
                    last[i] = text_cell(last[i].text + piece, last[i].line)
                continue
        if last is not None and _is_header([last[-1].text]) and _is_header(cells):
            last.extend(text_cell(c, number) for c in cells)  # the header went on on the next line
            continue
        if (
            last is not None
            and len(cells) <= 2
            and all(_NUMBER.match(c) for c in cells)
            and len(last) >= 3
            and not _NUMBER.match(last[-1].text)
        ):
            last.extend(text_cell(c, number) for c in cells)
            continue
        rows.append(text_row(cells, number))
        if _is_column_header(cells):
            header, width = rows[-1], len(cells)
    return _labels_carried(rows)


_BRACKETED = re.compile(r"^[(（][^()（）]{1,16}[)）]$")
"""A bracketed note under a column word: its letter or formula "(A)", "(D/C×100%)"."""


def _is_column_header(cells: list[str]) -> bool:
    """A funds or indicator header row: a column word among its cells, and no amount."""
    return any(field_of(c, FUNDS_FIELDS) is not None or field_of(c, INDICATOR_FIELDS) is not None for c in cells) and not any(
        _NUMBER.match(c) for c in cells
    )


def _header_piece(text: str) -> bool:
    """Whether a line's only cell, under a header row, is one more header cell wrapped onto its
    own line ("统筹整合资金数", "(B)", "全年执行资金"): a column word, a bracketed note, or a short
    text that is no row label, level label or number."""
    if field_of(text, FUNDS_FIELDS) is not None or field_of(text, INDICATOR_FIELDS) is not None:
        return True
    if _BRACKETED.match(text):
        return True
    return (
        len(key(text)) <= 16
        and not _NUMBER.match(text)
        and funds_row_kind(text) is None
        and not _is_label_cell(text)
        and not is_section_title(text)
    )


def _continues_amounts(last: TextRow, cells: list[str], width: int) -> bool:
    """Whether a line starting with an amount is the rest of the funds row above it, wrapped:
    that row begins with its label, and together they are no wider than the header (and its
    label column)."""
    return (
        bool(cells)
        and _NUMBER.match(cells[0]) is not None
        and funds_row_kind(last[0].text) is not None
        and len(last) + len(cells) <= width + 1
    )


def _is_label_cell(text: str) -> bool:
    """A 一级/二级 label cell: the label, the label with its points, or the points alone."""
    return level1_of(text) is not None or level2_of(text) is not None or section_weight(text) is not None


def _labels_carried(rows: list[TextRow]) -> list[TextRow]:
    """Rows holding nothing but 一级/二级 labels (a merged label cell printed on lines of its own,
    "(50分)" / "数量指标 指标1:…") put in front of the row that follows them, where a person sees
    them; before a header or at the end they stay rows of their own."""
    out: list[TextRow] = []
    held: TextRow = []
    for row in rows:
        if all(_is_label_cell(c.text) for c in row):
            if any(level2_of(c.text) for c in held) and level1_of(row[0].text):
                out.append(held)  # a 二级 label with no row under it, then the next 一级
                held = []
            held.extend(row)
            continue
        if held and not _is_header([c.text for c in row]):
            out.append([*held, *row])
        else:
            if held:
                out.append(held)
            out.append(row)
        held = []
    if held:
        out.append(held)
    return out
