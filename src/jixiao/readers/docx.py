"""Word (.docx) → one grid holding the body in reading order.

Paragraphs outside tables become one-cell rows, because offices often type 项目名称/年度 as
paragraphs above the table; tables follow as their rows. python-docx repeats a merged cell in
every grid slot it covers, so we read the underlying ``w:tc`` elements instead: each appears once,
and its grid offset, ``gridSpan`` and vertical-merge extent give the spans. We walk the XML
ourselves: python-docx's per-cell properties re-run XPath queries and made reading quadratic.
"""

from __future__ import annotations

import io
from typing import Any

from .grid import Cell, Grid, clean_text

__all__ = ["read_docx_grids"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}t"
_BREAKS = {f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}tab": "\t"}
_VAL = f"{_W}val"


_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"}


def _children(el: Any, tags: set[str]) -> Any:
    """Child elements with one of ``tags``, looking through content controls (w:sdt) and
    custom-XML wrappers, which template-made forms put around tables, rows and cells."""
    for child in el.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tags)


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for el in p.iter(_T, *_BREAKS):
        parts.append(el.text or "" if el.tag == _T else _BREAKS[el.tag])
    return "".join(parts)


def _cell_text(tc: Any) -> str:
    return "\n".join(_paragraph_text(p) for p in tc.iter(_P))


def _int_prop(parent: Any, tag: str, default: int) -> int:
    el = parent.find(f"{_W}{tag}") if parent is not None else None
    if el is None:
        return default
    try:
        return int(el.get(_VAL, default))
    except ValueError:
        return default


def _table_cells(tbl: Any) -> list[list[tuple[int, int, str | None, Any]]]:
    """Per row: (grid offset, gridSpan, vMerge state, w:tc) for each cell in the row."""
    rows = []
    for tr in _children(tbl, {_TR}):
        offset = _int_prop(tr.find(f"{_W}trPr"), "gridBefore", 0)
        cells = []
        for tc in _children(tr, {_TC}):
            pr = tc.find(f"{_W}tcPr")
            span = max(1, _int_prop(pr, "gridSpan", 1))
            vm = pr.find(f"{_W}vMerge") if pr is not None else None
            vmerge = None if vm is None else (vm.get(_VAL) or "continue")
            cells.append((offset, span, vmerge, tc))
            offset += span
        rows.append(cells)
    return rows


def read_docx_grids(data: bytes, *, name: str) -> list[Grid]:
    import docx

    document = docx.Document(io.BytesIO(data))
    grid = Grid(file=name, shape="docx")
    row = 0
    table_no = 0
    paragraph_no = 0
    for element in _children(document.element.body, {_P, _TBL}):
        if element.tag == _P:
            paragraph_no += 1
            text = clean_text(_paragraph_text(element))
            if text:
                grid.cells.append(Cell(row=row, col=0, text=text, address=f"第{paragraph_no}段"))
                row += 1
        elif element.tag == _TBL:
            table_no += 1
            sheet = f"表格{table_no}"
            rows = _table_cells(element)
            continues = [{off for off, _s, vm, _tc in cells if vm == "continue"} for cells in rows]
            for r, cells in enumerate(rows):
                for offset, span, vmerge, tc in cells:
                    if vmerge == "continue":
                        continue
                    text = clean_text(_cell_text(tc))
                    if not text:
                        continue
                    rowspan = 1
                    if vmerge == "restart":
                        while r + rowspan < len(rows) and offset in continues[r + rowspan]:
                            rowspan += 1
                    grid.cells.append(
                        Cell(
                            row=row + r,
                            col=offset,
                            text=text,
                            rowspan=rowspan,
                            colspan=span,
                            sheet=sheet,
                            address=f"{sheet}第{r + 1}行第{offset + 1}列",
                            line=r + 1,
                        )
                    )
            row += len(rows)
    return [grid]
