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


Box = tuple[float, float, float, float]


def _merge(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _TOL:
            out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    i = bisect.bisect_left(bounds, v - _TOL)
    return min(i, len(bounds) - 1)


def _in_box(ch: dict[str, Any], box: Box) -> bool:
    """A char is where its left edge starts (and its vertical middle): see ``_cell_texts``."""
    x0, top, x1, bottom = box
    mid = (ch["top"] + ch["bottom"]) / 2
    return x0 - _TOL <= ch["x0"] < x1 and top <= mid < bottom


def _cell_texts(table: Any, chars: list[dict[str, Any]]) -> list[tuple[Box, str]]:
    """Every cell of ``table`` with its text.

    pdfplumber's own ``Table.extract`` gives a char to the cell holding the char's centre, which
    hands hanging punctuation (、。， at a line end, which Word's Chinese typesetting and reportlab
    let overhang the border) to the next cell. We go by the char's left edge instead.
    """
    from pdfplumber.utils import extract_text

    cells: list[Box] = list(table.cells)
    xs = _merge([x for c in cells for x in (c[0], c[2])])
    ys = _merge([y for c in cells for y in (c[1], c[3])])
    slots: dict[tuple[int, int], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for r in range(_index(ys, top), _index(ys, bottom)):
            for c in range(_index(xs, x0), _index(xs, x1)):
                slots[(r, c)] = i
    buckets: list[list[dict[str, Any]]] = [[] for _ in cells]
    for ch in chars:
        if not _in_box(ch, table.bbox):
            continue
        mid = (ch["top"] + ch["bottom"]) / 2
        slot = slots.get((bisect.bisect_right(ys, mid) - 1, max(0, bisect.bisect_right(xs, ch["x0"] + _TOL) - 1)))
        if slot is not None:
            buckets[slot].append(ch)
    return [(box, extract_text(b) if b else "") for box, b in zip(cells, buckets)]


def _usable(cells: list[tuple[Box, str]]) -> bool:
    rows = _merge([box[1] for box, _ in cells])
    cols = _merge([box[0] for box, _ in cells])
    return len(rows) >= 2 and len(cols) >= 2 and sum(1 for _, t in cells if t.strip()) >= 4


def _grid_from_pages(pages: list[tuple[int, Any, list[Any]]], name: str) -> Grid:
    """``pages``: (page number, pdfplumber page, its usable tables as (bbox, cells)), in order."""
    xs = _merge([x for _, _, tables in pages for _, cells in tables for box, _ in cells for x in (box[0], box[2])])
    grid = Grid(file=name, shape="pdf")
    row = 0
    for page_no, page, tables in pages:
        sheet = f"第{page_no}页"
        page_lines = sorted(page.extract_text_lines(return_chars=True), key=lambda ln: ln["top"])
        line_tops = [ln["top"] for ln in page_lines]

        def line_at(top: float, box: tuple[float, float, float, float] | None = None, *,
                    page_lines: list[Any] = page_lines, line_tops: list[float] = line_tops) -> int:
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
        boxes = [bbox for bbox, _ in tables]
        outside = page.filter(
            lambda obj, boxes=boxes: obj.get("object_type") != "char" or not any(_in_box(obj, b) for b in boxes))
        for ln in outside.extract_text_lines(return_chars=False):
            items.append((ln["top"], 0, ln))
        for bbox, cells in tables:
            items.append((bbox[1], 1, cells))
        items.sort(key=lambda it: (it[0], it[1]))
        for _top, kind, payload in items:
            if kind == 0:
                text = clean_text(payload["text"])
                if text:
                    n = line_at(payload["top"])
                    grid.cells.append(Cell(row=row, col=0, text=text, sheet=sheet, address=f"{sheet}第{n}行", line=n))
                    row += 1
                continue
            cells = payload
            tops = _merge([box[1] for box, _ in cells])
            for bbox, text in sorted(cells, key=lambda c: (c[0][1], c[0][0])):
                if not text.strip():
                    continue
                x0, top, x1, bottom = bbox
                col = _index(xs, x0)
                n = line_at(top, bbox)
                grid.cells.append(
                    Cell(
                        row=row + _index(tops, top),
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
            chars = page.chars
            found = [(t.bbox, _cell_texts(t, chars)) for t in page.find_tables()]
            tables = [(bbox, cells) for bbox, cells in found if _usable(cells)]
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
