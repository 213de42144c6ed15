"""Writing a form out as a worksheet in the national layout, for inputs that were not XLSX.

The sheet mirrors the HTML report's nine columns (label, 一级, 二级, 三级, 年度指标值, 实际完成值,
分值, 得分, 偏差原因分析及改进措施) so a reviewer sees the form they know; it returns where each
cell went so the findings can be attached exactly as on a unit's own workbook.
"""

from __future__ import annotations

import math
from copy import copy
from typing import TYPE_CHECKING, Any

from ..model import Form
from ._html_assign import FUNDS_COLS, FUNDS_ROWS, Slot
from ._html_view import fmt_value
from ._xlsx_sheets import set_text_safe

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["write_form", "COLUMN_WIDTHS"]

Coord = tuple[int, int]

COLUMN_WIDTHS = {"A": 10, "B": 11, "C": 12, "D": 22, "E": 14, "F": 14, "G": 9, "H": 9, "I": 40}


class _Writer:
    """Writes bordered, aligned cells fast.

    Assigning openpyxl style objects cell by cell hashes them every time, and ``merge_cells``
    re-derives the borders of every merged range: a 1,000-form batch took minutes. So each style
    is built once as a ``StyleArray`` and copied onto cells, and merged ranges are registered the
    way openpyxl's own ``copy_worksheet`` does it (private but long-stable attributes).
    """

    def __init__(self, ws: Worksheet, styles: dict[tuple[str, bool, bool], Any]) -> None:
        self.ws = ws
        self._protos = styles

    def _proto(self, align: str, head: bool, number: bool) -> Any:
        key = (align, head, number)
        if key not in self._protos:
            from openpyxl.cell.cell import Cell
            from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

            thin = Side(style="thin", color="808080")
            cell = Cell(self.ws)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = {
                "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
                "left": Alignment(horizontal="left", vertical="top", wrap_text=True),
                "right": Alignment(horizontal="right", vertical="center"),
            }[align]
            if head:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="EEF1F4")
            if number:
                cell.number_format = "0.00"
            self._protos[key] = cell._style
        return self._protos[key]

    def put(self, row: int, col: int, value: Any, *, to_col: int | None = None, to_row: int | None = None,
            head: bool = False, align: str = "center") -> Coord:
        """One (possibly merged) bordered cell; numbers stay numbers so reviewers can recompute."""
        from openpyxl.cell.cell import MergedCell
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.cell_range import CellRange

        ws = self.ws
        last_col, last_row = to_col or col, to_row or row
        proto = self._proto(align, head, isinstance(value, float))
        cell = ws.cell(row=row, column=col)
        cell._style = copy(proto)
        set_text_safe(cell, value if value not in ("", None) else None)
        if last_col > col or last_row > row:
            for r in range(row, last_row + 1):
                for c in range(col, last_col + 1):
                    if (r, c) != (row, col):
                        merged = MergedCell(ws, r, c)
                        merged._style = copy(proto)
                        ws._cells[(r, c)] = merged
            # a plain CellRange: MergedCellRange would re-derive borders we have already set
            ws.merged_cells.add(CellRange(f"{cell.coordinate}:{get_column_letter(last_col)}{last_row}"))
        return (row, col)

    def fit(self, row: int, text: str, chars_per_line: int) -> None:
        """Excel never grows a row for wrapped text in merged cells, so estimate the height."""
        lines = sum(max(1, math.ceil(len(part) / chars_per_line)) for part in (text or "").split("\n"))
        current = self.ws.row_dimensions[row].height or 15
        self.ws.row_dimensions[row].height = max(current, min(409, 15 * lines + 4))


def write_form(form: Form, ws: Worksheet, styles: dict[Any, Any] | None = None) -> dict[Slot, Coord]:
    """Fill an empty sheet with ``form``; returns slot → (row, column) of each written cell.

    ``styles`` is a cache shared by all sheets of one workbook (style indexes are per workbook).
    """
    from openpyxl.styles import Font

    w = _Writer(ws, styles if styles is not None else {})
    out: dict[Slot, Coord] = {}
    for letter, width in COLUMN_WIDTHS.items():
        ws.column_dimensions[letter].width = width
    w.put(1, 1, "财政项目支出绩效自评表", to_col=9)
    ws.cell(row=1, column=1).font = Font(bold=True, size=16)
    ws.row_dimensions[1].height = 26
    out[("header", "year")] = w.put(2, 1, f"（{form.year}年度）" if form.year else None, to_col=9)
    w.put(3, 1, "项目名称", head=True)
    out[("header", "project")] = w.put(3, 2, form.project, to_col=9, align="left")
    w.put(4, 1, "主管部门", head=True)
    out[("header", "department")] = w.put(4, 2, form.department, to_col=4, align="left")
    w.put(4, 5, "实施单位", head=True)
    out[("header", "implementer")] = w.put(4, 6, form.implementer, to_col=9, align="left")

    funds = {"total": form.funds.total, **form.funds.sub_rows()}
    row = 5
    w.put(row, 1, f"项目资金（{form.funds.unit}）", to_row=row + len(funds), head=True)
    w.put(row, 2, None, to_col=3, head=True)
    for i, label in enumerate(FUNDS_COLS.values()):
        w.put(row, 4 + i, label, head=True)
    for key, frow in funds.items():
        row += 1
        out[("funds", key, "label")] = w.put(row, 2, FUNDS_ROWS[key], to_col=3, align="left")
        values = {"initial": frow.initial, "budget": frow.budget, "executed": frow.executed,
                  "weight": form.funds.weight if key == "total" else "—", "rate": frow.rate,
                  "score": frow.score if (key == "total" or frow.score is not None) else "—"}
        for i, col in enumerate(FUNDS_COLS):
            out[("funds", key, col)] = w.put(row, 4 + i, values[col], align="right")

    row += 1
    out[("goal", "label")] = w.put(row, 1, "年度总体目标", to_row=row + 1, head=True)
    w.put(row, 2, "预期目标", to_col=5, head=True)
    w.put(row, 6, "实际完成情况", to_col=9, head=True)
    row += 1
    out[("goal", "planned")] = w.put(row, 2, form.goal.planned, to_col=5, align="left")
    out[("goal", "achieved")] = w.put(row, 6, form.goal.achieved, to_col=9, align="left")
    w.fit(row, max(form.goal.planned, form.goal.achieved, key=len), 28)

    row += 1
    head_row = row
    w.put(row, 1, "绩效指标", to_row=row + max(1, len(form.indicators)), head=True)
    for i, label in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                               "偏差原因分析及改进措施"]):
        w.put(row, 2 + i, label, head=True)
    _write_indicators(w, form, head_row, out)
    row = head_row + max(1, len(form.indicators)) + 1
    out[("total", "label")] = w.put(row, 1, "总分", to_col=6, head=True)
    out[("total", "weight")] = w.put(row, 7, form.total_weight, align="right")
    out[("total", "score")] = w.put(row, 8, form.total_score, align="right")
    w.put(row, 9, None)
    row += 1
    w.put(row, 1, "评分等级", to_col=6, head=True)
    out[("grade",)] = w.put(row, 7, form.grade, to_col=9)
    ws.freeze_panes = None
    ws.print_options.horizontalCentered = True
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    return out


def _write_indicators(w: _Writer, form: Form, head_row: int, out: dict[Slot, Coord]) -> None:
    inds = form.indicators
    if not inds:
        for c in range(2, 10):
            w.put(head_row + 1, c, None)
        return
    for i, ind in enumerate(inds):
        row = head_row + 1 + i
        if i == 0 or inds[i - 1].level1 != ind.level1:
            end = i
            while end + 1 < len(inds) and inds[end + 1].level1 == ind.level1:
                end += 1
            w.put(row, 2, ind.level1, to_row=head_row + 1 + end)
        if i == 0 or (inds[i - 1].level1, inds[i - 1].level2) != (ind.level1, ind.level2):
            end = i
            while end + 1 < len(inds) and (inds[end + 1].level1, inds[end + 1].level2) == (ind.level1, ind.level2):
                end += 1
            w.put(row, 3, ind.level2, to_row=head_row + 1 + end)
        key = str(i)
        out[("ind", key, "name")] = w.put(row, 4, ind.name, align="left")
        out[("ind", key, "target")] = w.put(row, 5, fmt_value(ind.target))
        out[("ind", key, "actual")] = w.put(row, 6, fmt_value(ind.actual))
        out[("ind", key, "weight")] = w.put(row, 7, ind.weight, align="right")
        out[("ind", key, "score")] = w.put(row, 8, ind.score, align="right")
        out[("ind", key, "deviation")] = w.put(row, 9, ind.deviation, align="left")
        w.fit(row, ind.deviation, 20)
        w.fit(row, ind.name, 11)
