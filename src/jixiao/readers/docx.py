"""Word (.docx) → one grid holding the body in reading order.

Paragraphs outside tables become one-cell rows, because offices often type 项目名称/年度 as
paragraphs above the table; tables follow as their rows. python-docx repeats a merged cell in
every grid slot it covers, so we read the underlying ``w:tc`` elements instead: each appears once
with its grid offset, ``gridSpan`` and vertical-merge extent.
"""

from __future__ import annotations

import io

from .grid import Cell, Grid, clean_text

__all__ = ["read_docx_grids"]


def read_docx_grids(data: bytes, *, name: str) -> list[Grid]:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    grid = Grid(file=name)
    row = 0
    table_no = 0
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = clean_text(Paragraph(element, document).text)
            if text:
                grid.cells.append(Cell(row=row, col=0, text=text, address=f"段落{row + 1}"))
                row += 1
        elif element.tag == qn("w:tbl"):
            table_no += 1
            table = Table(element, document)
            sheet = f"表格{table_no}"
            rows = element.tr_lst
            for r, tr in enumerate(rows):
                for tc in tr.tc_lst:
                    if tc.vMerge == "continue":
                        continue
                    rowspan = 1
                    if tc.vMerge == "restart":
                        try:
                            rowspan = max(1, tc.bottom - r)
                        except Exception:  # noqa: BLE001 - malformed merges: read the cell alone
                            rowspan = 1
                    text = clean_text(_Cell(tc, table).text)
                    if not text:
                        continue
                    grid.cells.append(
                        Cell(
                            row=row + r,
                            col=tc.grid_offset,
                            text=text,
                            rowspan=min(rowspan, len(rows) - r),
                            colspan=max(1, tc.grid_span),
                            sheet=sheet,
                            address=f"{sheet}第{r + 1}行第{tc.grid_offset + 1}列",
                            line=r + 1,
                        )
                    )
            row += len(rows)
    return [grid]
