"""The list sheets of the annotated workbook: 检查结果 (every finding) and 偏差说明草稿.

The findings sheet is the reviewer's worklist: one row per finding in the checker's order, with
an autofilter and a link to the annotated cell, so it can be sorted, filtered and ticked off.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..finding import Draft, Finding
from ._html_assign import SEVERITY_LABELS, rule_title

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "FINDINGS_HEADER",
    "DRAFTS_HEADER",
    "sheet_title",
    "set_text_safe",
    "add_findings_sheet",
    "add_drafts_sheet",
]

FINDINGS_HEADER = ["序号", "表单", "三级指标", "规则", "名称", "严重程度", "来源", "说明", "位置", "单元格"]
DRAFTS_HEADER = ["表单", "三级指标", "草稿来源", "是否采用", "草稿", "检查意见"]
_WIDTHS = {"序号": 6, "表单": 24, "三级指标": 20, "规则": 8, "名称": 22, "严重程度": 9, "来源": 8, "说明": 60,
           "位置": 28, "单元格": 16, "草稿来源": 10, "是否采用": 9, "草稿": 60, "检查意见": 40}
_FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
_BAD_CHARS = re.compile(r"[\[\]:*?/\\]")


def set_text_safe(cell: Cell, value: object) -> None:
    """Form text is data, never a formula: "=100%" (a common 年度指标值) must not be evaluated."""
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def _put_row(ws: Worksheet, row: int, values: list[object]) -> None:
    """Row numbers are counted by the caller: ``ws.max_row`` rescans the sheet on every call."""
    for col, value in enumerate(values, start=1):
        set_text_safe(ws.cell(row=row, column=col), value if value != "" else None)


def _styled(ws: Worksheet, **attrs: object) -> object:
    """A style built once and copied onto cells (setting style objects per cell rehashes them)."""
    from copy import copy

    from openpyxl.cell.cell import Cell

    cell = Cell(ws)
    for name, value in attrs.items():
        setattr(cell, name, value)
    return copy(cell._style)


def sheet_title(wb: Workbook, wanted: str) -> str:
    """A legal, unused sheet name: Excel refuses []:*?/\\, more than 31 characters and duplicates."""
    base = _BAD_CHARS.sub("_", wanted).strip("'") or "表"
    base = base[:31]
    title, n = base, 2
    taken = {name.lower() for name in wb.sheetnames}
    while title.lower() in taken:
        suffix = f"({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    return title


def _header(ws: Worksheet, labels: list[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.append(labels)
    for i, label in enumerate(labels, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF1F4")
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(label, 12)
    ws.freeze_panes = "A2"


def add_findings_sheet(
    wb: Workbook, title: str, findings: list[Finding], where: dict[int, str]
) -> None:
    """Every finding, including those placed on no cell (their 单元格 is left empty)."""
    from copy import copy

    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    ws = wb.create_sheet(title)
    _header(ws, FINDINGS_HEADER)
    wrap = _styled(ws, alignment=Alignment(wrap_text=True, vertical="top"))
    link_style = _styled(ws, font=Font(color="0563C1", underline="single"))
    fills = {k: _styled(ws, fill=PatternFill("solid", fgColor=v)) for k, v in _FILLS.items()}
    for n, f in enumerate(findings, start=1):
        row = n + 1
        location = str(f.location) if (f.location.file or f.location.line is not None) else ""
        ref = where.get(id(f), "")
        _put_row(ws, row, [n, f.form, f.indicator or "", f.rule, rule_title(f.rule, f.name)[0],
                           SEVERITY_LABELS[f.severity], "模型" if f.source == "llm" else "规则", f.message, location, ref])
        ws.cell(row=row, column=6)._style = copy(fills[f.severity])
        ws.cell(row=row, column=8)._style = copy(wrap)
        if ref:
            link = ws.cell(row=row, column=10)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=ref, display=ref)
            link._style = copy(link_style)
    ws.auto_filter.ref = f"A1:J{len(findings) + 1}"
    wb.active = wb.sheetnames.index(title)
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == title


def add_drafts_sheet(wb: Workbook, title: str, drafts: list[Draft]) -> None:
    from openpyxl.styles import Alignment

    ws = wb.create_sheet(title)
    _header(ws, DRAFTS_HEADER)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, d in enumerate(drafts, start=2):
        _put_row(ws, row, [d.form, d.indicator, "模型草稿" if d.origin == "model" else "模板草稿",
                           "是" if d.accepted else "否", d.text, "；".join(d.notes)])
        for col in (5, 6):
            ws.cell(row=row, column=col).alignment = wrap
