"""Excel (.xlsx/.xlsm) → grids, one per visible sheet.

Loaded with ``data_only=True`` so formula cells give the value Excel/WPS last computed. A file
written by a program and never opened in Excel has formulas without such cached values; we find
those in the sheet XML and say so, rather than reading the cells as blank in silence.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile

from .grid import Cell, Grid, clean_text

__all__ = ["read_xlsx_grids", "render_number"]

_DECIMALS = re.compile(r"0\.(0+)")


def render_number(value: float, number_format: str) -> str:
    """The number as the cell shows it, close enough for reading ("170.00", "100.00%", "1,200").

    Keeping the shown text (not the float) is what makes ``Value.text`` quote the form as printed.
    """
    fmt = (number_format or "General").split(";")[0]
    m = _DECIMALS.search(fmt)
    decimals = len(m.group(1)) if m else 0
    if fmt == "General" or not any(ch in fmt for ch in "0#"):
        if float(value).is_integer():
            return str(int(value))
        return f"{value:.15g}"
    if "%" in fmt:
        return f"{value * 100:.{decimals}f}%"
    if "," in fmt:
        return f"{value:,.{decimals}f}"
    return f"{value:.{decimals}f}"


def _cell_text(value: object, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return render_number(float(value), number_format)
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.strftime("%Y-%m-%d")
    return clean_text(str(value))


_SHEET = re.compile(r'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_REL = re.compile(r'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"|<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
_CELL = re.compile(r'<c\b[^>]*?\br="([A-Z]+[0-9]+)"[^>]*>(.*?)</c>', re.S)


_MERGE = re.compile(r'<mergeCell\b[^>]*?ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')
_HAS_VALUE = re.compile(r"<v>[^<]+</v>")


def _sheet_xml(data: bytes) -> dict[str, str]:
    """Sheet name → its worksheet XML, found through workbook.xml and its relationships."""
    out: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        book = zf.read("xl/workbook.xml").decode("utf-8", "replace")
        rels_xml = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace") if "xl/_rels/workbook.xml.rels" in names else ""
        rels: dict[str, str] = {}
        for m in _REL.finditer(rels_xml):
            target, rid = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(4), m.group(3))
            rels[rid] = target.lstrip("/") if target.startswith("/") else "xl/" + target
        for sheet_name, rid in _SHEET.findall(book):
            path = rels.get(rid)
            if path and path in names:
                out[_unescape(sheet_name)] = zf.read(path).decode("utf-8", "replace")
    return out


def _uncached_formulas(xml: str) -> list[str]:
    """Addresses of formula cells that carry no cached value."""
    if "<f" not in xml:
        return []
    return [addr for addr, body in _CELL.findall(xml) if "<f" in body and not _HAS_VALUE.search(body)]


def _merges(xml: str) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """(origin → (rowspan, colspan), covered non-origin slots) of the sheet's merged ranges."""
    from openpyxl.utils.cell import coordinate_to_tuple

    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for a, b in _MERGE.findall(xml):
        (r0, c0), (r1, c1) = coordinate_to_tuple(a), coordinate_to_tuple(b)
        r0, r1, c0, c1 = min(r0, r1), max(r0, r1), min(c0, c1), max(c0, c1)
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
        covered.discard((r0, c0))
    return spans, covered


def _unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def read_xlsx_grids(data: bytes, *, name: str) -> list[Grid]:
    """One grid per visible worksheet; merged ranges become one cell with spans.

    openpyxl's read-only mode is several times faster but knows no merged ranges, so those (and
    formulas without cached values) are read from the sheet XML directly.
    """
    import openpyxl
    from openpyxl.utils import get_column_letter

    xml_by_sheet = _sheet_xml(data)
    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    grids: list[Grid] = []
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            xml = xml_by_sheet.get(ws.title, "")
            spans, covered = _merges(xml)
            ws.reset_dimensions()  # exporters often write a wrong <dimension>; read every row
            grid = Grid(file=name, shape="xlsx")
            for row in ws.iter_rows():
                for xc in row:
                    if xc.value is None or (xc.row, xc.column) in covered:
                        continue
                    text = _cell_text(xc.value, xc.number_format)
                    if not text:
                        continue
                    rowspan, colspan = spans.get((xc.row, xc.column), (1, 1))
                    grid.cells.append(
                        Cell(
                            row=xc.row - 1,
                            col=xc.column - 1,
                            text=text,
                            rowspan=rowspan,
                            colspan=colspan,
                            sheet=ws.title,
                            address=f"{get_column_letter(xc.column)}{xc.row}",
                            line=xc.row,
                        )
                    )
            missing = _uncached_formulas(xml)
            if missing:
                shown = "、".join(missing[:5]) + ("等" if len(missing) > 5 else "")
                grid.notes.append(
                    f"工作表「{ws.title}」单元格 {shown} 是公式但没有保存计算结果（文件未经 Excel/WPS 保存），"
                    "这些单元格按空白读取；请在 Excel/WPS 中打开并保存后再检查"
                )
            grids.append(grid)
    finally:
        wb.close()
    return grids
