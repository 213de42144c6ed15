"""Finding the cells of a form inside the unit's own worksheet.

Units move columns around (an extra blank column, 分数 for 分值, 权重 and 指标值 in Sichuan's
variant, "偏差原因分析\\n及改进措施" on two lines), so columns are found by their header labels,
never by fixed letters; rows come from ``Indicator.line`` (the sheet row the reader saw), or
from the indicator's name as a fallback.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ..model import Form
from ._html_assign import Slot

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["locate_form", "norm"]

Coord = tuple[int, int]

_IND_COLS: dict[str, tuple[str, ...]] = {
    "name": ("三级指标",),
    "target": ("年度指标值", "指标值"),
    "actual": ("实际完成值",),
    "weight": ("分值", "分数", "权重"),
    "score": ("得分",),
    "deviation": ("偏差原因",),
}
_FUNDS_COLS: dict[str, tuple[str, ...]] = {
    "initial": ("年初预算数",),
    "budget": ("全年预算数",),
    "executed": ("全年执行数",),
    "weight": ("分值", "分数"),
    "rate": ("执行率",),
    "score": ("得分",),
}
_FUNDS_ROWS: dict[str, tuple[str, ...]] = {
    "total": ("年度资金总额",),
    "appropriation": ("财政拨款",),
    "carryover": ("上年结转",),
    "other": ("其他资金",),
}


def norm(value: object) -> str:
    """Labels are compared without any whitespace: merged-cell text arrives broken over lines."""
    return "".join(str(value).split()) if value is not None else ""


class _Grid:
    """The normalised text of one form's rows, with merged ranges resolved to their anchors."""

    def __init__(self, ws: Worksheet, first: int, last: int, ranges: list[tuple[int, int, int, int]]) -> None:
        self.ws = ws
        self.first, self.last = first, last
        self.anchor: dict[Coord, Coord] = {}
        self.extent: dict[Coord, Coord] = {}
        # ranges are sorted by first row: a sheet may stack a thousand forms, so only this
        # form's rows are visited
        lo = bisect.bisect_left(ranges, (first,))
        hi = bisect.bisect_right(ranges, (last, float("inf")))
        for min_row, min_col, max_row, max_col in ranges[lo:hi]:
            top = (min_row, min_col)
            self.extent[top] = (max_row, max_col)
            for r in range(min_row, max_row + 1):
                for c in range(min_col, max_col + 1):
                    self.anchor[(r, c)] = top
        self.text: dict[Coord, str] = {}
        for row in ws.iter_rows(min_row=first, max_row=last):
            for cell in row:
                if cell.value is not None and hasattr(cell, "column"):
                    self.text[(cell.row, cell.column)] = norm(cell.value)

    def resolve(self, coord: Coord) -> Coord:
        return self.anchor.get(coord, coord)

    def find(self, *needles: str, exact: bool = False, after: int | None = None) -> Coord | None:
        for (r, c), text in sorted(self.text.items()):
            if after is not None and r <= after:
                continue
            if any((text.rstrip("：:") == n) if exact else (n in text) for n in needles):
                return (r, c)
        return None

    def row_columns(self, row: int, labels: dict[str, tuple[str, ...]]) -> dict[str, int]:
        """Columns of a header row by label; the first match wins (得分 before a later 得分)."""
        found: dict[str, int] = {}
        cells = sorted((c, t) for (r, c), t in self.text.items() if r == row)
        for key, needles in labels.items():
            for col, text in cells:
                if any(n in text for n in needles) and col not in found.values():
                    found[key] = col
                    break
        return found

    def right_of(self, coord: Coord) -> Coord:
        """The value cell beside a label: the first cell past the label's merged range."""
        r, c = coord
        end_col = self.extent.get(coord, coord)[1]
        return self.resolve((r, end_col + 1))

    def below(self, coord: Coord) -> Coord:
        end_row = self.extent.get(coord, coord)[0]
        return self.resolve((end_row + 1, coord[1]))


def _rows(form: Form, ws: Worksheet) -> tuple[int, int]:
    first = form.source.start_line or 1
    last = form.source.end_line or ws.max_row
    return max(1, first), max(first, last)


def locate_form(
    form: Form, ws: Worksheet, cache: dict[str, list[tuple[int, int, int, int]]] | None = None
) -> dict[Slot, Coord]:
    """Slot → (row, column) for every cell of ``form`` that can be found in ``ws``.

    ``cache`` keeps each sheet's merged ranges, sorted, across the forms stacked in it.
    """
    cache = {} if cache is None else cache
    if ws.title not in cache:
        cache[ws.title] = sorted((r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges)
    first, last = _rows(form, ws)
    g = _Grid(ws, first, last, cache[ws.title])
    out: dict[Slot, Coord] = {}
    for key, label in (("project", "项目名称"), ("department", "主管部门"), ("implementer", "实施单位")):
        hit = g.find(label)
        if hit:
            out[("header", key)] = g.right_of(hit)
    _locate_funds(g, out)
    for key, label in (("planned", "预期目标"), ("achieved", "实际完成情况")):
        hit = g.find(label)
        if hit:
            out[("goal", key)] = g.below(hit)
    hit = g.find("年度总体目标")
    if hit:
        out[("goal", "label")] = g.resolve(hit)
    _locate_indicators(form, g, out)
    return out


def _locate_funds(g: _Grid, out: dict[Slot, Coord]) -> None:
    head = g.find("全年预算数")
    if head is None:
        return
    cols = g.row_columns(head[0], _FUNDS_COLS)
    for key, needles in _FUNDS_ROWS.items():
        hit = g.find(*needles, after=head[0])
        if hit is None or hit[0] > head[0] + 8:
            continue
        out[("funds", key, "label")] = g.resolve(hit)
        for col_key, col in cols.items():
            out[("funds", key, col_key)] = g.resolve((hit[0], col))


def _locate_indicators(form: Form, g: _Grid, out: dict[Slot, Coord]) -> None:
    head = g.find("实际完成值")  # in every variant; 年度指标值 is 指标值 in Sichuan's
    if head is None:
        return
    cols = g.row_columns(head[0], _IND_COLS)
    # a two-row header (三级指标 merged down) still has the labels on the first row
    name_col = cols.get("name")
    for i, ind in enumerate(form.indicators):
        row = ind.line
        if row is None and name_col is not None:
            target = norm(ind.name)
            row = next(
                (r for (r, c), t in sorted(g.text.items()) if c == name_col and r > head[0] and t == target),
                None,
            )
        if row is None:
            continue
        for key, col in cols.items():
            out[("ind", str(i), key)] = g.resolve((row, col))
    total = g.find("总分", exact=True, after=head[0])
    if total is not None:
        out[("total", "label")] = g.resolve(total)
        for key, col_key in (("weight", "weight"), ("score", "score")):
            if col_key in cols:
                out[("total", key)] = g.resolve((total[0], cols[col_key]))
    grade = g.find("评分等级", exact=True, after=head[0])
    if grade is not None:
        out[("grade",)] = g.right_of(grade)
