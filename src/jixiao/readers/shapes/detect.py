"""Which shape a text is in, from its content alone.

The tests run from the most explicit marks to the least: CSV (a 三级指标 header cell between
commas), pipe rows, one cell per line, whitespace columns, one whole form on a line (or glued
text with no delimiters at all), and last the PDF text of the bundled example.
"""

from __future__ import annotations

import re

__all__ = ["detect_shape", "SHAPES"]

SHAPES = ("pipe", "csv", "cell-per-line", "columns", "oneline", "glued", "scrambled", "pdf-text")

_CSV_HEADER = re.compile(r'(?:^|,)\s*"?(?:三级指标|指标名称)"?\s*,', re.M)
_RUN = re.compile(r"^[\s|]*$")
_GLUED_HEADER = re.compile(r"一级指标二级指标三级指标|年初预算数全年预算数|预算数\(A\)执行数\(B\)|指标值完成值|预期目标实际完成情况")
_ONELINE_MARKS = ("资金总额", "预期目标", "三级指标", "总分", "评分等级", "实际完成值", "年度指标值")


def detect_shape(text: str) -> str:
    """The shape name (one of ``SHAPES``) that fits ``text`` best."""
    lines = [s.strip() for s in text.split("\n")]
    if _CSV_HEADER.search(text):
        return "csv"
    piped = [s for s in lines if "|" in s and not _RUN.match(s)]
    if len(piped) >= 3:
        multi = sum(1 for s in piped if len([c for c in s.split("|") if c.strip()]) >= 2)
        if multi * 3 >= len(piped):
            return "pipe"
        return "cell-per-line"
    long_lines = [s for s in lines if sum(1 for w in _ONELINE_MARKS if w in s) >= 3]
    if long_lines:
        line = max(long_lines, key=len)
        if _GLUED_HEADER.search(line.replace(" ", "")) and _GLUED_HEADER.search(line):
            return "glued"
        return "oneline"
    if _is_cell_per_line(lines):
        return "cell-per-line"
    if _is_columns(lines):
        return "columns"
    return "pdf-text"


_HEADER_ALONE = ("一级指标", "二级指标", "三级指标", "年初预算数", "全年预算数", "预期目标", "实际完成情况", "得分")


def _is_cell_per_line(lines: list[str]) -> bool:
    """Header words stand alone on their lines: 一级指标, then 二级指标, then 三级指标 …"""
    alone = sum(1 for s in lines if s.replace(" ", "") in _HEADER_ALONE)
    return alone >= 4


def _is_columns(lines: list[str]) -> bool:
    """The funds or indicator header is one line of space-separated words."""
    return any(
        ("年初预算数" in s and "全年预算数" in s and " " in s) or ("二级指标" in s and "三级指标" in s and " " in s)
        for s in lines
    )
