"""The ``oneline`` shape: a whole form flattened onto one line, cells parted by spaces.

Web copies of a form sometimes put every cell of it on one line in reading order. A cell is a
space-free token there, except where the template puts free text (the goal's two columns and
the deviation texts), whose words are joined again with single spaces. The line is cut at the
form's landmarks into its sections:

- header: ``[项目名称, X]``, ``[主管部门, A]``, ``[实施单位, B]`` (a value is the tokens up to the
  next label);
- funds: ``[项目资金（万元）, 年初预算数, …]`` and each row label with the amounts after it;
- goal: ``[年度总体目标, 预期目标, 实际完成情况]`` and ``[planned, achieved]``, cut where an
  achieved narrative opens ("截至 2023年…", "本项目…") or else after the first sentence;
- indicators: the national header, and per row ``[一级, 二级, 三级, 年度指标值, 实际完成值, 分值,
  得分, 偏差原因]``: a row ends at its 分值 得分 pair (two numbers not followed by a third); the
  labels before its name are 一级/二级 labels; words between a pair and the next row's labels
  are the deviation text of the row before;
- closing: ``[总分, weight total, score]``, ``[评分等级, grade]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ._labels import LabelTracker, is_label
from ._page_numbers import PAGE_LINE, join_page_numbered
from ._pdf_goal import SENTENCE_END
from ._pdf_text_words import ACHIEVED_OPENER, INDICATOR_HEADER, TIERS, TITLE_LINE
from ._rows import TextRow, text_row
from ._text_join import split_cells
from ._weighted_rows import weighted_header_at, weighted_rows
from .header_items import header_item_rows

__all__ = ["oneline_rows"]

_HEADER_LABELS = ("项目名称", "主管部门", "实施单位")
_FUNDS_LANDMARK = ("项目资金", "资金总额", "年初预算")
_FUNDS_HEADER = re.compile("年初预算|全年预算|执行数|执行率|分值|分数|得分")
_VALUE = re.compile(r"^(?:[-+]?\d+(?:,\d{3})*(?:\.\d+)?%?|[-—–－/／*＊]|——|--|无)$")
_GOAL_HEADS = ("年度总体目标", "预期目标", "实际完成情况")
_TABLE_WORDS = frozenset({"绩效指标", *INDICATOR_HEADER})
_SCORE = re.compile(r"^\d{1,3}(?:\.\d+)?$")
_TIERS = frozenset(TIERS)


def _find(tokens: list[str], test: Callable[[str], bool], start: int = 0) -> int | None:
    """Index of the first token from ``start`` on that passes ``test``."""
    return next((k for k in range(start, len(tokens)) if test(tokens[k])), None)


def _header_rows(tokens: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    row: list[str] = []
    for t in tokens:
        if t in _HEADER_LABELS:
            if row:
                rows.append(row)
            row = [t, ""]
        elif row and len(row) == 2:
            row[1] = f"{row[1]} {t}".strip()
        else:
            rows.append([t])
    if row:
        rows.append(row)
    return rows


def _funds_rows(tokens: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    header: list[str] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        if "项目资金" in t or _FUNDS_HEADER.search(t):
            header.append(t)
            k += 1
            continue
        if header:
            rows.append(header)
            header = []
        values: list[str] = []
        j = k + 1
        while j < len(tokens) and _VALUE.match(tokens[j]):
            values.append(tokens[j])
            j += 1
        rows.append([t, *values])
        k = j
    if header:
        rows.append(header)
    return rows


def _goal_rows(tokens: list[str]) -> list[list[str]]:
    heads = [t for t in tokens[:3] if t in _GOAL_HEADS]
    text = tokens[len(heads) :]
    cut = next((j for j in range(1, len(text)) if ACHIEVED_OPENER.match(" ".join(text[j : j + 3]))), None)
    if cut is None:
        cut = next((j + 1 for j in range(len(text) - 1) if text[j][-1] in SENTENCE_END), len(text))
    return [heads or ["年度总体目标"], [" ".join(text[:cut]), " ".join(text[cut:])]]


def _table_rows(tokens: list[str]) -> list[list[str]]:
    k = 0
    while k < len(tokens) and tokens[k] in _TABLE_WORDS:
        k += 1
    body = tokens[k:]
    labels = LabelTracker()
    rows: list[list[str]] = []
    deviations: list[list[str]] = []
    start = j = 0
    while j + 1 < len(body):
        pair = _SCORE.match(body[j]) and _SCORE.match(body[j + 1])
        if not pair or (j + 2 < len(body) and _SCORE.match(body[j + 2])):
            j += 1
            continue
        segment = body[start:j]
        marks = [m for m, t in enumerate(segment) if is_label(t)]
        cells = segment[marks[-1] + 1 :] if marks else segment[-3:]
        before = segment[: marks[0]] if marks else segment[: len(segment) - len(cells)]
        if deviations:
            deviations[-1].extend(before)
        elif before:
            rows.append([" ".join(before)])
            deviations.append([])
        for m in marks:
            labels.feed(segment[m])
        level1, level2 = labels.take()
        if len(cells) > 3:
            cells = [" ".join(cells[:-2]), *cells[-2:]]
        elif len(cells) == 2 and cells[1] in _TIERS:
            cells = [cells[0], "", cells[1]]
        cells += [""] * (3 - len(cells))
        rows.append([level1, level2, *cells, body[j], body[j + 1]])
        deviations.append([])
        j += 2
        start = j
    if deviations:
        deviations[-1].extend(body[start:])
    elif body[start:]:
        rows.append([" ".join(body[start:])])
        deviations.append([])
    return [[*row, " ".join(dev)] if len(row) == 7 else row for row, dev in zip(rows, deviations)]


def _closing_rows(tokens: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    for t in tokens:
        if t.replace(" ", "").startswith(("总分", "评分等级")) or not rows:
            rows.append([t])
        else:
            rows[-1].append(t)
    return rows


def _form_rows(tokens: list[str]) -> list[list[str]]:
    weighted = _weighted_form_rows(tokens)
    if weighted is not None:
        return weighted
    i_funds = next(
        (
            k
            for k, t in enumerate(tokens)
            if any(w in t for w in _FUNDS_LANDMARK) and (k == 0 or tokens[k - 1] not in _HEADER_LABELS)
        ),
        None,
    )  # a value cell such as the project "项目资金监管平台运维" is no landmark
    i_goal = _find(tokens, lambda t: t in _GOAL_HEADS, i_funds or 0)
    i_table = _find(tokens, lambda t: t in ("绩效指标", "一级指标", "三级指标"), i_goal or i_funds or 0)
    i_total = _find(tokens, lambda t: t.replace(" ", "").startswith("总分"), i_table or i_goal or i_funds or 0)
    marks = [m for m in (i_funds, i_goal, i_table, i_total) if m is not None]
    ends = [*marks[1:], len(tokens)]
    rows = _header_rows(tokens[: marks[0] if marks else len(tokens)])
    for mark, end in zip(marks, ends):
        part = tokens[mark:end]
        if mark == i_funds:
            rows.extend(_funds_rows(part))
        elif mark == i_goal:
            rows.extend(_goal_rows(part))
        elif mark == i_table:
            rows.append(list(INDICATOR_HEADER))
            rows.extend(_table_rows(part))
        else:
            rows.extend(_closing_rows(part))
    return rows


def _weighted_form_rows(tokens: list[str]) -> list[list[str]] | None:
    """The rows of a form whose indicator table is the weighted one (指标名称 目标值 权重 实际完成
    值 自评分, ``_weighted_rows``): the labelled header items before the table (``header_items``;
    its funds tables, glued to their column words, are not parted), then the table; ``None`` when
    the form has no such table. A table that does not part into rows becomes one cell, which the
    mapper doubts."""
    text = " ".join(tokens)
    at = weighted_header_at(text)
    if at is None:
        return None
    header_end = _HEADER_END.search(text, at)
    assert header_end is not None
    table = weighted_rows(text[header_end.end() :])
    funds = _FUNDS_START.search(text, 0, at)
    rows = [[c.text for c in row] for row in header_item_rows([text[: funds.start() if funds else at]])]
    if funds is not None:
        rows.append([text[funds.start() : at].strip()])  # glued to its column words: one cell
    if table is None:
        return [*rows, list(INDICATOR_HEADER), [text[header_end.end() :].strip()]]
    return [*rows, *table]


_HEADER_END = re.compile(r"自评分")
_FUNDS_START = re.compile("年初预算|全年预算|预算数")


def _forms(tokens: list[str]) -> list[list[str]]:
    """The tokens cut at each title, and at a 项目名称 that follows one without a title between."""
    forms: list[list[str]] = []
    has_project = False
    for t in tokens:
        if TITLE_LINE.match(t) or (t == "项目名称" and (has_project or not forms)):
            forms.append([])
            has_project = False
        if t == "项目名称":
            has_project = True
        if not forms:
            forms.append([])
        forms[-1].append(t)
    return forms


def oneline_rows(lines: list[str], *, first_line: int = 1) -> list[TextRow]:
    """Rows of text holding whole forms on single lines (other lines are rows of one cell)."""
    rows: list[TextRow] = []
    if any(len(s) >= PAGE_LINE for s in lines):
        lines = join_page_numbered(lines)
    for k, raw in enumerate(lines):
        number = first_line + k
        tokens = split_cells(raw)
        for form in _forms(tokens):
            rows.extend(text_row(row, number) for row in _form_rows(form))
    return rows
