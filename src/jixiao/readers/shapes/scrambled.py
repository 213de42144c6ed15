"""The ``scrambled`` shape: a table whose columns came out of order, read only where arithmetic
says how the pieces pair.

Text extracted from a spreadsheet or PDF sometimes gives a block of labels and a block of
values in another order than the table's: in r033 the amounts of 年度资金总额 follow the funds
header at once, its label comes after the 其中 rows. Such pieces are paired again only when the
form's own arithmetic confirms it: the orphan amounts are the 年度资金总额 row when, column by
column, they equal the sum of the 其中 rows (to the rounding of the printed cents). The header items
read in order before the funds header are kept too. Of the goal and the indicator table only
their header rows are given, empty (so the mapper sees sections it could not read, not a form
without them); where the funds do not pair, nothing is read at all: a scrambled text yields rows
the arithmetic vouches for, or none.
"""

from __future__ import annotations

import re

from ..vocabulary import FUNDS_FIELDS, HEADER_FIELDS, field_of, funds_row_kind
from ._rows import TextCell, TextRow
from ._text_join import split_cells

__all__ = ["scrambled_rows"]

_AMOUNT = re.compile(r"^\d+(?:\.\d+)?$")
_TOTAL_LABELS = ("年度资金总额", "资金总额")
_TITLE_OR_YEAR = re.compile(r"自评表|^[(（]\d{4}年度?[)）]$")


def _funds_header(tokens: list[str]) -> tuple[int, int] | None:
    """(start, end) of the first run of two or more funds column words."""
    k = 0
    while k < len(tokens):
        end = k
        while end < len(tokens) and field_of(tokens[end], FUNDS_FIELDS) is not None:
            end += 1
        if end - k >= 2:
            return k, end
        k = end + 1 if end > k else k + 1
    return None


def _groups(tokens: list[str]) -> list[tuple[str, list[str]]]:
    """(label, amounts) groups in order: the label tokens joined, then the amounts after them."""
    groups: list[tuple[str, list[str]]] = []
    label: list[str] = []
    amounts: list[str] = []
    for t in tokens:
        if _AMOUNT.match(t):
            amounts.append(t)
            continue
        if amounts:
            groups.append(("".join(label), amounts))
            label, amounts = [], []
        label.append(t)
    groups.append(("".join(label), amounts))
    return groups


def _total_alone(tokens: list[str]) -> bool:
    """Whether a 年度资金总额 label stands with no amount after it."""
    return any(
        t.rstrip(":：") in _TOTAL_LABELS and (k + 1 == len(tokens) or not _AMOUNT.match(tokens[k + 1]))
        for k, t in enumerate(tokens)
    )


def _paired_total(groups: list[tuple[str, list[str]]], width: int, total_alone: bool) -> list[str] | None:
    """The orphan amounts at the start when they are, column by column, the sum of the 其中 rows
    after them (within half a cent for each amount rounded: the rows' and the total's) and a
    年度资金总额 label stands alone later; ``None`` otherwise."""
    if not groups or groups[0][0] or len(groups[0][1]) != width:
        return None
    rows = [
        amounts
        for label, amounts in groups[1:]
        if len(amounts) == width and funds_row_kind(label) not in (None, "total")
    ]
    if len(rows) < 2 or not total_alone:
        return None
    for col in range(width):
        parts = [float(r[col]) for r in rows]
        if abs(float(groups[0][1][col]) - sum(parts)) > 0.005 * (len(parts) + 1) + 1e-6:
            return None
    return groups[0][1]


def _header_rows(tokens: list[str], line: int) -> list[TextRow]:
    """Header items in order (a label and the tokens up to the next label)."""
    rows: list[TextRow] = []
    for t in tokens:
        if _TITLE_OR_YEAR.search(t):
            rows.append([TextCell(t, line)])
            rows.append([])  # the next token starts a row of its own
        elif field_of(t, HEADER_FIELDS) is not None or t.endswith(("主管部门", "财政部门")):
            rows.append([TextCell(t, line)])
        elif rows and len(rows[-1]) == 1 and not _TITLE_OR_YEAR.search(rows[-1][0].text):
            rows[-1].append(TextCell(t, line))
        elif rows and len(rows[-1]) == 2:
            rows[-1][-1] = TextCell(rows[-1][-1].text + t, line)
        else:
            rows.append([TextCell(t, line)])
    return [row for row in rows if row]


def scrambled_rows(lines: list[str], *, first_line: int = 1) -> list[TextRow]:
    """The rows of a scrambled form that arithmetic vouches for; ``[]`` when the funds do not pair."""
    rows: list[TextRow] = []
    for k, raw in enumerate(lines):
        number = first_line + k
        tokens = split_cells(raw)
        header = _funds_header(tokens)
        if header is None:
            continue
        start, end = header
        groups = _groups(tokens[end:])
        total = _paired_total(groups, end - start, _total_alone(tokens[end:]))
        if total is None:
            continue
        rows.extend(_header_rows(tokens[:start], number))
        rows.append([TextCell(t, number) for t in tokens[start:end]])
        rows.append([TextCell("年度资金总额", number), *(TextCell(v, number) for v in total)])
        for label, amounts in groups[1:]:
            if len(amounts) == end - start and funds_row_kind(label) not in (None, "total"):
                rows.append([TextCell(label, number), *(TextCell(v, number) for v in amounts)])
        rows.extend(_unread_sections(raw, number))
    return rows


def _unread_sections(line: str, number: int) -> list[TextRow]:
    """The headers of the sections the text prints but this reader leaves unread, without their
    contents: the mapper then sees a goal or an indicator table that was there and could not be
    read (and doubts it), rather than a form that has none."""
    rows: list[TextRow] = []
    if "总体目标" in line or "预期目标" in line:
        rows.append([TextCell(w, number) for w in ("年度总体目标", "预期目标", "实际完成情况")])
    if "三级指标" in line:
        rows.append([TextCell(w, number) for w in ("一级指标", "二级指标", "三级指标")])
    return rows
