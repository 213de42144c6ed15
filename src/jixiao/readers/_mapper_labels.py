"""The template's labels and the small helpers the mapper reads cells with.

Labels are matched on a key with spaces and colons removed and by prefix, so "执行率(%)",
"项目资金（万元）", "年度资金总额：" and "分 值" all find their column. Synonyms list what provinces
print instead of the national wording.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from math import isfinite

from .grid import Cell

__all__ = [
    "FUNDS_COLUMNS",
    "INDICATOR_COLUMNS",
    "HEADER_LABELS",
    "NATURE_OPS",
    "key",
    "match_columns",
    "cell_at",
    "parse_number",
    "is_placeholder",
]

ColumnMap = dict[str, tuple[int, int]]

FUNDS_COLUMNS: dict[str, tuple[str, ...]] = {
    "initial": ("年初预算数", "年初预算"),
    "budget": ("全年预算数", "全年预算", "调整后预算数", "预算数"),
    "executed": ("全年执行数", "全年执行", "实际执行数", "执行数"),
    "weight": ("分值", "分数", "权重"),
    "rate": ("执行率",),
    "score": ("得分",),
}

INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称"),
    "nature": ("指标性质", "指标方向"),
    "target": ("年度指标值", "年度目标值", "预期指标值", "指标值", "目标值"),
    "unit": ("度量单位", "计量单位", "单位"),
    "actual": ("实际完成值", "全年实际值", "实际完成", "完成值", "实际值"),
    "weight": ("分值", "权重", "分数"),
    "score": ("得分",),
    "deviation": ("偏差原因", "偏差分析", "未完成原因"),
}

HEADER_LABELS: dict[str, tuple[str, ...]] = {
    "project": ("项目名称",),
    "department": ("主管部门", "主管单位"),
    "implementer": ("实施单位", "项目实施单位"),
}

NATURE_OPS: dict[str, str] = {
    "≥": "≥", ">=": "≥", "≧": "≥", "大于等于": "≥", "不低于": "≥", "不少于": "≥",
    "≤": "≤", "<=": "≤", "≦": "≤", "小于等于": "≤", "不高于": "≤", "不超过": "≤",
    "=": "=", "＝": "=", "等于": "=",
    ">": ">", "＞": ">", "大于": ">",
    "<": "<", "＜": "<", "小于": "<",
}
"""指标性质 cells that are operators: joined in front of a bare target value ("16" → "≥16")."""

_STRIP = re.compile(r"[\s:：]+")
_PLACEHOLDERS = {"", "-", "—", "——", "－", "/", "／", "*", "＊", "无", "不适用", "N/A", "n/a", "NA", "\\"}
_NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*(%|万元|元|亿元|分)?$")


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """The text as labels are compared: NFKC (full-width → half), no spaces or colons.

    Cached: a form repeats the same short texts (labels, "-", "达成指标") many times over.
    """
    return _STRIP.sub("", unicodedata.normalize("NFKC", text))


def match_columns(row: list[Cell], table: dict[str, tuple[str, ...]]) -> dict[str, tuple[int, int]]:
    """Field → (first, last) column of the header cell that names it; first match wins."""
    found: dict[str, tuple[int, int]] = {}
    for cell in row:
        if len(cell.text) > 40:
            continue
        k = key(cell.text)
        if len(k) > 20:
            continue
        for field, words in table.items():
            if field not in found and k.startswith(words):
                found[field] = (cell.col, cell.last_col)
                break
    return found


def cell_at(row: list[Cell], span: tuple[int, int] | None, *, exclude: tuple[int, int] | None = None) -> Cell | None:
    """The cell of ``row`` that overlaps the column range ``span`` most (ties: the leftmost)."""
    if span is None:
        return None
    best: Cell | None = None
    best_overlap = 0
    for cell in row:
        overlap = min(cell.last_col, span[1]) - max(cell.col, span[0]) + 1
        if overlap <= 0:
            continue
        if exclude is not None and min(cell.last_col, exclude[1]) >= max(cell.col, exclude[0]):
            continue
        if overlap > best_overlap:
            best, best_overlap = cell, overlap
    return best


def is_placeholder(text: str) -> bool:
    return unicodedata.normalize("NFKC", text).strip() in _PLACEHOLDERS


def parse_number(text: str) -> tuple[float | None, bool]:
    """(number, ok): placeholders give (None, True); text that is no number gives (None, False).

    Funds cells hold plain amounts and percentages, so this stays narrower than ``parse_value``:
    "1,200.00", "100.00%", "100％", "１７０" are read; anything else is reported, not guessed,
    and so is a number too large for a float (309 digits): the model refuses infinity.
    """
    if is_placeholder(text):
        return None, True
    t = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "").strip()
    m = _NUMBER.match(t)
    if not m:
        return None, False
    value = float(m.group(1))
    return (value, True) if isfinite(value) else (None, False)
