"""The annotated workbook: findings as cell comments and fills, plus a 检查结果 sheet.

Reviewers live in Excel. For an XLSX input they get their own workbook back with each finding on
the cell it is about, so nothing has to be looked up; for other inputs the forms are written out
in the national layout and annotated the same way. The input bytes are only ever read: the
result is a new workbook returned as bytes, for the caller to write with ``_io.write_atomic``.
"""

from __future__ import annotations

import io
from pathlib import PurePath
from typing import TYPE_CHECKING

from .._io import read_bytes
from ..errors import InputError
from ..finding import Draft, Finding
from ..model import Form
from ._html_assign import SEVERITY_LABELS, Placed, Slot, form_key, place, rule_title, worst
from ._xlsx_sheets import add_drafts_sheet, add_findings_sheet, sheet_title
from .base import Checked, WholeRunReporter

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["render_xlsx", "XlsxReporter", "FINDINGS_SHEET", "DRAFTS_SHEET", "SEVERITY_FILLS"]

FINDINGS_SHEET = "检查结果"
DRAFTS_SHEET = "偏差说明草稿"
SEVERITY_FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7", "llm": "E4DFEC"}
"""Excel's own 'bad' red and 'neutral' yellow, a light blue for info, lavender for model-only."""

_XLSX_SUFFIXES = {".xlsx", ".xlsm"}

Coord = tuple[int, int]


def _fallback(slot: Slot) -> list[Slot]:
    """Where a finding goes when its exact cell is missing: its row label, then the project name."""
    chain: list[Slot] = [slot]
    if slot[0] == "ind":
        chain.append((*slot[:2], "name"))
    elif slot[0] == "funds":
        chain += [("funds", slot[1], "label"), ("funds", "total", "label")]
    elif slot[0] == "goal":
        chain += [("goal", "achieved"), ("goal", "label")]
    elif slot[0] == "total":
        chain.append(("total", "label"))
    chain.append(("header", "project"))
    return chain


def _comment_text(findings: list[Finding], drafts: list[Draft]) -> str:
    parts = []
    for f in findings:
        tag = "【模型输出，仅供参考】" if f.source == "llm" else ""
        parts.append(f"{tag}[{SEVERITY_LABELS[f.severity]}] {f.rule} {rule_title(f.rule, f.name)[0]}：{f.message}")
    for d in drafts:
        kind = "模型草稿" if d.origin == "model" else "模板草稿"
        verdict = "" if d.accepted else f"（未采用：{'；'.join(d.notes) or '未通过检查'}）"
        parts.append(f"[{kind}{verdict}] {d.text}")
    return "\n\n".join(parts)


def _annotate(ws: Worksheet, placed: Placed, cells: dict[Slot, Coord], where: dict[int, str]) -> None:
    """One comment per cell (findings joined), filled by the worst rules severity on it."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill
    from openpyxl.utils import quote_sheetname

    fills = {k: PatternFill("solid", fgColor=v) for k, v in SEVERITY_FILLS.items()}
    per_cell: dict[Coord, tuple[list[Finding], list[Draft]]] = {}
    for slot, findings in placed.by_slot.items():
        coord = next((cells[s] for s in _fallback(slot) if s in cells), None)
        if coord is None:
            continue
        per_cell.setdefault(coord, ([], []))[0].extend(findings)
    for index, drafts in placed.drafts.items():
        coord = cells.get(("ind", str(index), "deviation"))
        if coord is not None:
            per_cell.setdefault(coord, ([], []))[1].extend(drafts)
    for (row, col), (findings, drafts) in sorted(per_cell.items()):
        cell = ws.cell(row=row, column=col)
        text = _comment_text(findings, drafts)
        if cell.comment is not None and cell.comment.text:
            text = f"{cell.comment.text}\n\n—— jixiao ——\n{text}"
        comment = Comment(text, "jixiao")
        comment.width = 360
        comment.height = min(600, 60 + 18 * (text.count("\n") + len(text) // 24))
        cell.comment = comment
        severity = worst(findings) or ("llm" if findings else None)
        if severity:
            cell.fill = fills[severity]
        for f in findings:
            where[id(f)] = f"{quote_sheetname(ws.title)}!{cell.coordinate}"


def _base_workbook(forms: list[Form], sources: dict[str, bytes]) -> tuple[Workbook | None, str | None]:
    """The first XLSX input becomes the output's base; forms from other files get new sheets."""
    from openpyxl import load_workbook

    for form in forms:
        name = form.source.file
        if name in sources and PurePath(name).suffix.lower() in _XLSX_SUFFIXES:
            try:
                return load_workbook(io.BytesIO(sources[name])), name
            except Exception as exc:  # openpyxl raises many types for a damaged zip/xml
                raise InputError(f"无法打开工作簿以写入批注：{exc}", file=name) from None
    return None, None


def render_xlsx(
    forms: list[Form],
    findings: list[Finding],
    drafts: list[Draft] | None = None,
    *,
    sources: dict[str, bytes] | None = None,
) -> bytes:
    """The annotated workbook as bytes; ``sources`` maps an input path to its original bytes."""
    from openpyxl import Workbook

    from ._xlsx_layout import write_form
    from ._xlsx_locate import locate_form

    placed, _unmatched = place(forms, findings, drafts)
    wb, base = _base_workbook(forms, sources or {})
    if wb is None:
        wb = Workbook()
        wb.remove(wb.active)
    where: dict[int, str] = {}
    styles: dict[object, object] = {}
    merged: dict[str, list[tuple[int, int, int, int]]] = {}
    for p in placed:
        ws = wb[p.form.source.sheet] if base and p.form.source.file == base and p.form.source.sheet in wb.sheetnames else None
        if ws is None and base and p.form.source.file == base and not p.form.source.sheet:
            ws = wb.active
        if ws is not None:
            cells = locate_form(p.form, ws, merged)
        else:
            ws = wb.create_sheet(sheet_title(wb, form_key(p.form)))
            cells = write_form(p.form, ws, styles)
        _annotate(ws, p, cells, where)
    add_findings_sheet(wb, sheet_title(wb, FINDINGS_SHEET), findings, where)
    if drafts:
        add_drafts_sheet(wb, sheet_title(wb, DRAFTS_SHEET), drafts)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class XlsxReporter(WholeRunReporter):
    """The annotated workbook, written when the run ends; the first XLSX input is its base."""

    def start(self) -> None:
        super().start()
        self.sources: dict[str, bytes] = {}

    def handle(self, checked: Checked) -> None:
        file = checked.file
        if checked.forms and not self.sources and file is not None and file.suffix.lower() in _XLSX_SUFFIXES:
            self.sources[str(file)] = read_bytes(file, max_bytes=self.options.max_bytes)
        super().handle(checked)

    def finish(self) -> None:
        self.write(render_xlsx(self.forms, self.findings, drafts=self.drafts or None, sources=self.sources))
