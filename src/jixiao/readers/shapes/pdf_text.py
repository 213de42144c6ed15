"""The ``pdf-text`` shape: text extracted from a PDF of the national form, one visual line per line.

The extractor emits a table row column by column and cell by cell, so a merged label cell comes
out as fragments ("可持", "续影", "响指", "标"), a wrapped cell as several lines, the goal's two
columns one after the other, and a row cut by a page break goes on after a gap of blank lines.

A file is cut into forms at their titles (or at a second 项目名称), and each form into its
sections at their first words: 项目资金, 预期目标, the indicator header, 总分. Each section gives
its rows:

- header: ``[项目名称, X]``, ``[主管部门, A, 实施单位, B]`` (a label's value may be on the next line);
- funds: ``[项目资金（万元）, 年初预算数, …]``, then per row its label (wrapped lines joined) and
  the amounts at the end of its line;
- goal: ``[年度总体目标, 预期目标, 实际完成情况]`` and ``[planned, achieved]`` (``_pdf_goal``);
- indicators: the national header and rows ``[一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分,
  偏差原因]`` (``_pdf_table``);
- closing: ``[总分, weight total, score]``, ``[评分等级, grade]``.

Lines the sections do not take stay rows of one cell.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ._pdf_goal import split_goal_lines
from ._pdf_table import table_rows
from ._pdf_text_words import INDICATOR_HEADER, TITLE_LINE
from ._rows import TextRow, text_cell, text_row
from ._text_join import join_wrapped, split_cells, squash

__all__ = ["pdf_text_rows"]

_PAGE_NUMBER = re.compile(
    r"^(?:[-—]\s*\d{1,4}\s*[-—]|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
_PAGE_NUMBER_OPENERS = frozenset("-—第0123456789")
_HEADER_LABELS = ("项目名称", "主管部门", "实施单位")
_HEADER_SPLIT = re.compile(r"(项目名称|主管部门|实施单位)\s*[：:]?\s*")
_FUNDS_WORDS = re.compile("项目资金|年初预算|资金总额")
_FUNDS_HEADER = re.compile("年初预算|全年预算|执行数|执行率|分值|分数|得分")
_UNIT = re.compile(r"^[（(]\s*(?:单位[：:]\s*)?(?:亿元|万元|千元|元)\s*[)）]$")
_VALUE = re.compile(r"^(?:[-+]?\d+(?:,\d{3})*(?:\.\d+)?%?|[-—–－/／*＊]|——|--|无)$")
_GOAL_WORDS = re.compile("预期目标|实际完成情况")
_GOAL_LABEL_PIECES = frozenset({"年度", "总体", "目标", "年度总体", "总体目标", "年度总体目标"})
_TABLE_OPENERS = frozenset({"一级", "一级指标", "绩效", "绩效指标"})
_TOTAL = re.compile(r"^总\s*分\s*[：:]?\s*(.*)$")
_GRADE = re.compile(r"评分等级\s*[：:]?\s*(.*)$")

Line = tuple[int, str]
"""A line with text (its 1-based number in the file, its text with spaces squashed): blank lines
and page numbers are left out once, up front."""


def _form_spans(lines: list[Line]) -> list[tuple[int, int]]:
    """(start, stop) indexes of each form: a title starts one, so does a second 项目名称."""
    starts: list[int] = []
    has_project = False
    for i, (_, s) in enumerate(lines):
        if s.startswith("项目名称"):
            if has_project or not starts:
                starts.append(i)
            has_project = True
        elif "自评表" in s and TITLE_LINE.match(s):
            starts.append(i)
            has_project = False
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return list(zip(starts, [*starts[1:], len(lines)]))


def _markers(lines: list[Line]) -> tuple[int | None, int | None, int | None, int | None]:
    """Indexes of the first line of each section (funds, goal, table, total), each after the last."""
    funds = goal = table = total = None
    pos = 0
    for i, (_, s) in enumerate(lines):
        if _FUNDS_WORDS.search(s) and not s.startswith(_HEADER_LABELS):
            funds, pos = i, i + 1
            break
    for i in range(pos, len(lines)):
        if _GOAL_WORDS.search(lines[i][1]):
            goal, pos = i, i + 1
            break
    for i in range(pos, len(lines)):
        s = lines[i][1]
        if s in _TABLE_OPENERS or (
            s.startswith("三级指标") or ("三级指标" in s and ("年度指标值" in s or "实际完成值" in s))
        ):
            table, pos = i, i + 1
            break
    for i in range(pos, len(lines)):
        s = lines[i][1]
        if s[0] == "总" and _TOTAL.match(s):  # the first character rules out the table's lines
            total = i
            break
    return funds, goal, table, total


def _next_text(lines: list[Line], i: int) -> tuple[int, str] | None:
    """(index, text) of the line after ``lines[i]``: where a label's value goes on."""
    return (i + 1, lines[i + 1][1]) if i + 1 < len(lines) else None


def _header_rows(lines: list[Line]) -> list[TextRow]:
    rows: list[TextRow] = []
    skip = -1
    for i, (number, s) in enumerate(lines):
        if i == skip:
            continue
        if not any(label in s for label in _HEADER_LABELS):
            rows.append(text_row([s], number))
            continue
        parts = [p.strip() for p in _HEADER_SPLIT.split(s)]  # [before, label, value, label, value …]
        cells = parts if parts[0] else parts[1:]
        if not cells[-1]:
            following = _next_text(lines, i)
            if following and not any(label in following[1] for label in _HEADER_LABELS):
                cells[-1] = following[1]  # the value cell is on the next line
                skip = following[0]
        rows.append(text_row(cells, number))
    return rows


@lru_cache(maxsize=1024)
def _is_amount(token: str) -> bool:
    """Whether a cell of a funds line is an amount (a number, a dash, 无): forms repeat most of
    them ("0.00", "-", "100.00"), as they do the row labels before them."""
    return _VALUE.match(token) is not None


def _funds_rows(lines: list[Line]) -> tuple[list[TextRow], list[Line]]:
    """The funds rows, and the label lines left over at the end (the goal's label pieces)."""
    rows: list[TextRow] = []
    section: list[str] = []
    header: list[str] = []
    header_at = 0
    label: list[Line] = []
    for number, s in lines:
        tokens = split_cells(s)
        n_values = 0  # the amounts at the line's end
        for token in reversed(tokens):
            if not _is_amount(token):
                break
            n_values += 1
        if n_values >= 3:
            if header:
                rows.append(text_row([join_wrapped(section), *header], header_at))
                header = []
            values = tokens[len(tokens) - n_values :]
            first = label[0][0] if label else number
            name = join_wrapped([t for _, t in label] + [" ".join(tokens[: len(tokens) - n_values])])
            rows.append([text_cell(name, first), *(text_cell(v, number) for v in values)])
            label = []
        elif "项目资金" in s or _UNIT.match(s):
            section.append(s)
            header_at = header_at or number
        elif _FUNDS_HEADER.search(s):
            header.extend(tokens)
            header_at = header_at or number
        else:
            label.append((number, s))
    if header:
        rows.append(text_row([join_wrapped(section), *header], header_at))
    return rows, label


def _goal_rows(label: list[Line], goal_line: Line, body: list[Line]) -> list[TextRow]:
    number, s = goal_line
    pieces = [t for _, t in label]
    rows: list[TextRow] = []
    if pieces and not all(p in _GOAL_LABEL_PIECES for p in pieces):
        rows.extend(text_row([t], n) for n, t in label)
        pieces = []
    rows.append(text_row([join_wrapped(pieces) or "年度总体目标", *s.split()], label[0][0] if pieces else number))
    planned, achieved = split_goal_lines(body)
    rows.append(text_row([planned, achieved], body[0][0] if body else number))
    return rows


def _closing_rows(lines: list[Line]) -> list[TextRow]:
    rows: list[TextRow] = []
    skip = -1
    for i, (number, s) in enumerate(lines):
        if i == skip:
            continue
        total = _TOTAL.match(s)
        grade = _GRADE.search(s)
        if total:
            rest = total.group(1)
            if grade:
                rest = rest[: rest.find("评分等级")]
            rows.append(text_row(["总分", *rest.split()], number))
        if grade:
            value = grade.group(1).strip()
            if not value:
                following = _next_text(lines, i)
                if following:
                    value, skip = following[1], following[0]
            rows.append(text_row(["评分等级", *value.split()[:1]], number))
        elif not total:
            rows.append(text_row([s], number))
    return rows


def _form_rows(lines: list[Line]) -> list[TextRow]:
    funds, goal, table, total = _markers(lines)
    n = len(lines)
    table_end = total if total is not None else n
    goal_end = table if table is not None else table_end
    funds_end = goal if goal is not None else goal_end
    rows = _header_rows(lines[: next((m for m in (funds, goal, table, total) if m is not None), n)])
    leftover: list[Line] = []
    if funds is not None:
        funds_rows, leftover = _funds_rows(lines[funds:funds_end])
        rows.extend(funds_rows)
    if goal is not None:
        rows.extend(_goal_rows(leftover, lines[goal], lines[goal + 1 : goal_end]))
    else:
        rows.extend(text_row([t], k) for k, t in leftover)
    if table is not None:
        rows.append(text_row(list(INDICATOR_HEADER), lines[table][0]))
        indicator_rows, stray = table_rows(lines[table:table_end])
        rows.extend(indicator_rows)
        rows.extend(text_row([t], k) for k, t in stray)
    if total is not None:
        rows.extend(_closing_rows(lines[total:]))
    return rows


def pdf_text_rows(lines: list[str], *, first_line: int = 1) -> list[TextRow]:
    """Rows of PDF-extracted text, form by form."""
    # Only lines with text are read on; a page break shows as a gap in their numbers. A page
    # number ("- 2 -", "第 2 页", "2/5") is a page break, as blank lines are.
    numbered = [
        (n, s)
        for n, line in enumerate(lines, first_line)
        if line and (s := squash(line)) and not (s[0] in _PAGE_NUMBER_OPENERS and _PAGE_NUMBER.match(s))
    ]
    rows: list[TextRow] = []
    for start, stop in _form_spans(numbered):
        rows.extend(_form_rows(numbered[start:stop]))
    return rows
