"""PDF → grid via pdfplumber's ruled-table finder; pages without a usable table → text reader.

All pages of a run go into one grid, so a form whose table runs over a page break stays one
form. Column indices come from the x boundaries of every table cell in the document, so the same
template column has the same index on every page and the mapper's column map carries over.
Lines of text outside the tables (the title, "（2024年度）", header lines) become one-cell rows
in their place, so the mapper sees them as a person does.
"""

from __future__ import annotations

import bisect
import io
from typing import Any

from ..errors import InputError, NoFormError
from ..model import Form
from .grid import Cell, Grid, clean_text

__all__ = ["read_pdf"]

_TOL = 2.0  # points: boundaries closer than this are one boundary


def _usable(rows: list[list[str | None]]) -> bool:
    filled = sum(1 for row in rows for t in row if t and t.strip())
    return len(rows) >= 2 and max((len(r) for r in rows), default=0) >= 2 and filled >= 4


def _merge(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _TOL:
            out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    i = bisect.bisect_left(bounds, v - _TOL)
    return min(i, len(bounds) - 1)


def _outside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _grid_from_pages(pages: list[tuple[int, Any, list[Any]]], name: str) -> Grid:
    """``pages``: (page number, pdfplumber page, its usable tables with their texts), in order."""
    xs = _merge([x for _, _, tables in pages for t, _ in tables for c in t.cells for x in (c[0], c[2])])
    grid = Grid(file=name)
    row = 0
    for page_no, page, tables in pages:
        sheet = f"第{page_no}页"
        page_lines = sorted(page.extract_text_lines(return_chars=True), key=lambda ln: ln["top"])
        line_tops = [ln["top"] for ln in page_lines]

        def line_at(top: float, box: tuple[float, float, float, float] | None = None) -> int:
            """1-based text line of the page at ``top``; in ``box``, the first line with text inside it."""
            i = bisect.bisect_left(line_tops, top - _TOL)
            if box is not None:
                x0, _t, x1, bottom = box
                for j in range(i, len(page_lines)):
                    if line_tops[j] > bottom:
                        break
                    if any(x0 - _TOL <= ch["x0"] <= x1 for ch in page_lines[j]["chars"]):
                        return j + 1
            return i + 1

        # (top, kind, payload): text lines outside tables and the tables, in reading order.
        items: list[tuple[float, int, Any]] = []
        boxes = [t.bbox for t, _ in tables]
        outside = page.filter(lambda obj: obj.get("object_type") != "char" or _outside(obj, boxes))
        for ln in outside.extract_text_lines(return_chars=False):
            items.append((ln["top"], 0, ln))
        for t, texts in tables:
            items.append((t.bbox[1], 1, (t, texts)))
        items.sort(key=lambda it: (it[0], it[1]))
        for _top, kind, payload in items:
            if kind == 0:
                text = clean_text(payload["text"])
                if text:
                    n = line_at(payload["top"])
                    grid.cells.append(Cell(row=row, col=0, text=text, sheet=sheet, address=f"{sheet}第{n}行", line=n))
                    row += 1
                continue
            table, texts = payload
            tops = _merge([c[1] for c in table.cells])
            for r, (trow, textrow) in enumerate(zip(table.rows, texts)):
                for bbox, text in zip(trow.cells, textrow):
                    if bbox is None or not text or not text.strip():
                        continue
                    x0, top, x1, bottom = bbox
                    col = _index(xs, x0)
                    r0 = _index(tops, top)
                    n = line_at(top, bbox)
                    grid.cells.append(
                        Cell(
                            row=row + r0,
                            col=col,
                            text=clean_text(text),
                            rowspan=max(1, sum(1 for y in tops if top - _TOL <= y < bottom - _TOL)),
                            colspan=max(1, _index(xs, x1) - col),
                            sheet=sheet,
                            address=f"{sheet}第{n}行",
                            line=n,
                        )
                    )
            row += len(tops)
    return grid


def _text_forms(texts: list[tuple[int, str]], name: str) -> list[Form]:
    from .text import read_text

    data = "\n".join(t for _, t in texts).encode("utf-8")
    forms = read_text(data, name=name)
    first, last = texts[0][0], texts[-1][0]
    for form in forms:
        if form.source.sheet is None:
            form.source.sheet = f"第{first}页" if first == last else f"第{first}-{last}页"
    return forms


def read_pdf(data: bytes, *, name: str) -> list[Form]:
    """Forms from ruled tables, and from the text of pages that have none, in page order."""
    import pdfplumber

    from .mapper import grid_to_forms

    forms: list[Form] = []
    text_error: InputError | None = None
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        runs: list[tuple[str, list[Any]]] = []
        for page_no, page in enumerate(pdf.pages, 1):
            found = [(t, t.extract()) for t in page.find_tables()]
            tables = [(t, texts) for t, texts in found if _usable(texts)]
            kind = "grid" if tables else "text"
            item: Any = (page_no, page, tables)
            if not tables:
                item = (page_no, page.extract_text() or "")
                page.close()
            if runs and runs[-1][0] == kind:
                runs[-1][1].append(item)
            else:
                runs.append((kind, [item]))
        for kind, items in runs:
            if kind == "grid":
                pages = items
                found_forms = grid_to_forms(_grid_from_pages(pages, name))
                # Ruled boxes that hold no form (a signature box, a layout frame): read the text.
                if not any(f.indicators or f.funds.total.budget is not None for f in found_forms):
                    found_forms = []
                items = [] if found_forms else [(no, page.extract_text() or "") for no, page, _t in pages]
                for _no, page, _tables in pages:
                    page.close()  # drop pdfplumber's per-page object cache once the run is read
                forms.extend(found_forms)
            if items and any(t.strip() for _, t in items):
                try:
                    forms.extend(_text_forms(items, name))
                except NoFormError as exc:  # a cover or notes page beside real tables is fine
                    text_error = exc
    if not forms:
        if text_error is not None:
            raise text_error
        raise NoFormError("PDF 中没有找到自评表（没有可识别的表格，也没有可提取的文字；扫描件需先做文字识别）", file=name)
    return forms
