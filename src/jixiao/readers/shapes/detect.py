"""Which shape a text is in, from its content alone.

The tests run from the most explicit marks to the least: CSV (a 三级指标 header cell between
commas), pipe rows, one cell per line, whitespace columns, one whole form on a line (or glued
text with no delimiters at all), and last the PDF text of the bundled example.
"""

from __future__ import annotations

import re

from ..vocabulary import FUNDS_FIELDS, GOAL_FIELDS, INDICATOR_FIELDS, field_of
from ._page_numbers import PAGE_LINE, join_page_numbered
from .glued import has_glued_header

__all__ = ["detect_shape", "recognised_shape", "SHAPES"]

SHAPES = ("pipe", "csv", "cell-per-line", "columns", "oneline", "glued", "scrambled", "pdf-text")

_CSV_HEADER = re.compile(r'(?:^|,)\s*"?(?:三级指标|指标名称)"?\s*,', re.M)
_RUN = re.compile(r"^[\s|]*$")
_ONELINE_SCRAMBLED = re.compile(r"资金总额[:：]?\s+[^\d\s—-]")
"""On one line the 年度资金总额 label is followed by its amounts; a label after it means the
columns came out of order."""


_SAMPLE_LINES = 600
"""The shape is told from a text's first lines (a form or two): a file of many forms is in one
shape, and looking at all of it would cost as much as reading it."""


def detect_shape(text: str) -> str:
    """The shape name (one of ``SHAPES``) that fits ``text`` best: the recognised shape, else
    ``pdf-text``, the reader tried on text that shows no shape's marks."""
    return recognised_shape(text) or "pdf-text"


def recognised_shape(text: str) -> str | None:
    """The shape name whose marks ``text`` shows (CSV commas, pipes, cells alone on their lines,
    a header of space-parted words, a form on one line, glued column words, PDF text's goal label
    in pieces); ``None`` when it shows none, so nothing can be said of how its table was laid out."""
    lines = [s.strip() for s in text.split("\n", _SAMPLE_LINES)[:_SAMPLE_LINES]]
    text = "\n".join(lines)
    if "," in text and _CSV_HEADER.search(text):
        return "csv"
    piped = [s for s in lines if "|" in s]
    if len(piped) >= 3 and len(piped) * 5 >= sum(1 for s in lines if s):
        with_text = [s for s in piped if not _RUN.match(s)]
        multi = sum(1 for s in with_text if len([c for c in s.split("|") if c.strip()]) >= 2)
        if with_text and multi * 3 >= len(with_text):
            return "pipe"
        return "cell-per-line"
    if any(has_glued_header(s) for s in lines if len(s) >= 24 and s.count(" ") * 10 <= len(s)):
        return "glued"
    flat = [s for s in lines if "资金总额" in s and ("三级指标" in s or "预期目标" in s or "项目名称" in s)]
    if flat:
        return "scrambled" if _out_of_order(flat[0]) else "oneline"
    if any(len(s) >= PAGE_LINE for s in lines):
        whole = [s for s in join_page_numbered(lines) if _whole_form(s)]
        if whole:
            return "scrambled" if _goal_before_funds_words(whole[0]) else "oneline"
    if _is_columns(lines):
        return "pdf-text" if _goal_label_in_pieces(lines) else "columns"
    if _is_cell_per_line(lines):
        return "cell-per-line"
    return None


def _whole_form(line: str) -> bool:
    """A form without a 年度资金总额 row flattened onto one line (pages joined): its 项目名称 and
    its indicator table's 指标名称 on the same long line."""
    return len(line) >= PAGE_LINE and _PROJECT_LABEL.search(line) is not None and "指标名称" in line.replace(" ", "")


_PROJECT_LABEL = re.compile(r"(?<!子)项目名称")
"""The form's 项目名称 label, not a 子项目名称 column of its funds."""
_GOAL_LABEL = re.compile(r"年度(?:总体)?目标")
_FUNDS_WORD = re.compile(r"执行数|执行率|预算数")


def _goal_before_funds_words(line: str) -> bool:
    """Whether a whole form on one line came out with its columns out of order: a funds column
    word (执行数, 执行率, 预算数) printed after the goal's label, where in reading order the funds
    table is over before the goal begins."""
    goal = _GOAL_LABEL.search(line)
    return goal is not None and _FUNDS_WORD.search(line, goal.end()) is not None


def _is_cell_per_line(lines: list[str]) -> bool:
    """Header words stand alone on their lines: 一级指标, then 二级指标, then 三级指标 …"""
    alone = sum(
        1
        for s in lines
        if 0 < len(s) <= 12 and any(field_of(s, t) is not None for t in (INDICATOR_FIELDS, FUNDS_FIELDS, GOAL_FIELDS))
    )
    return alone >= 4


def _is_columns(lines: list[str]) -> bool:
    """The funds or indicator header is one line of space-separated words, or it begins on a
    line of several cells (its other words wrapped onto lines of their own) over rows of
    space-separated amounts."""
    return any(
        ("年初预算数" in s and "全年预算数" in s and " " in s) or ("二级指标" in s and "三级指标" in s and " " in s)
        for s in lines
    ) or (any(_starts_header(s) for s in lines) and any(_AMOUNTS.match(s) for s in lines))


_AMOUNTS = re.compile(r"^(?:\S*\s+)?\d[\d.,]*%?(?:\s+\d[\d.,]*%?){2,}(?:\s|$)")
"""A row of whitespace columns: three amounts or more parted by spaces, maybe after a label."""


def _starts_header(line: str) -> bool:
    """A line of several space-parted cells, one of them a funds or indicator column word."""
    cells = line.split()
    return len(cells) >= 2 and any(
        field_of(c, FUNDS_FIELDS) is not None or field_of(c, INDICATOR_FIELDS) is not None for c in cells
    )


def _goal_label_in_pieces(lines: list[str]) -> bool:
    """PDF text breaks the merged 年度总体目标 label into pieces, one per line (年度 / 总体 / 目标)."""
    return any(lines[i] == "年度" and "总体" in lines[i + 1 : i + 3] for i in range(len(lines) - 1))


_FUNDS_COLUMN_WORDS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")


def _out_of_order(line: str) -> bool:
    """Whether a whole form on one line came out with its columns out of order: the 年度资金总额
    label is followed by another label instead of its amounts, or a funds column word stands
    after it (before the goal), where in reading order only amounts and row labels do."""
    if _ONELINE_SCRAMBLED.search(line):
        return True
    start = line.find("资金总额")
    goal = min(
        (p for p in (line.find("年度总体目标", start), line.find("预期目标", start)) if p >= 0), default=len(line)
    )
    return any(word in line[start:goal] for word in _FUNDS_COLUMN_WORDS)
