"""The grid model shared by every tabular reader (.xlsx, .docx, .pdf).

Each format reader turns its file into one or more ``Grid`` objects: cells with row, column and
spans, plus where each cell came from. The one mapper (``mapper.grid_to_forms``) then finds the
template's labels wherever they sit. Keeping the formats apart from the mapping means a new
format is a new small reader, and a fix to the mapping helps every format at once.

Merged ranges are kept as one cell with spans (not repeated): a reader that sees a merge
repeated (python-docx) or split into an origin plus blanks (openpyxl, pdfplumber) reduces it to
one ``Cell`` so the mapper never has to guess whether two equal texts are one cell or two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError, LegacyFormatError, NoFormError, NotTextError
from ..model import Form

__all__ = ["Cell", "Grid", "clean_text", "read_grid_file"]


@dataclass(slots=True)
class Cell:
    """One (possibly merged) cell: grid position and spans, its text, and its source reference."""

    row: int
    """0-based row in its grid."""
    col: int
    """0-based column in its grid (for PDF: index into the document's column boundaries)."""
    text: str
    rowspan: int = 1
    colspan: int = 1
    sheet: str | None = None
    """Sheet name (xlsx), "表格N" (docx; ``None`` for paragraphs outside tables), "第N页" (pdf)."""
    address: str = ""
    """Cell address a person can find: "B7" (xlsx), "表格2第7行第3列" (docx), "第2页第14行" (pdf)."""
    line: int | None = None
    """The row as a person counts it: sheet row (xlsx), table row (docx), text line on the page (pdf)."""

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1


@dataclass(slots=True)
class Grid:
    """A sequence of rows from one file, in reading order; forms may follow each other in it."""

    file: str
    cells: list[Cell] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Reader-level warnings (e.g. formula cells without cached values) copied into each form."""
    shape: str | None = None
    """How a text source laid the table out (``pipe``, ``glued``, …; see ``readers.shapes``); ``None`` otherwise."""

    def row_count(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    def rows(self) -> list[list[Cell]]:
        """Every row as the list of distinct cells that cover it, left to right.

        A cell merged over several rows appears in each of those rows (its ``row`` tells where it
        starts), so the mapper can read a row on its own, as a person reads across a table.
        """
        out: list[list[Cell]] = [[] for _ in range(self.row_count())]
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                out[r].append(cell)
        for row in out:
            row.sort(key=lambda c: c.col)
        return out


_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’、，。；：！？（）《》【】…—"
_GLUE = _CJK + "()%"  # a wrap next to these is never a word space: "≥16.00\n(个)", "100\n%"
_JOIN_CJK = re.compile(rf"(?<=[{_GLUE}])\s*\n\s*|\s*\n\s*(?=[{_GLUE}])")
_SPACES = re.compile(r"[ \t\u00a0]*\n[ \t\u00a0]*|[ \t\u00a0]+")


def clean_text(text: str) -> str:
    """Undo the line breaks a narrow cell forces, so "可持\\n续影\\n响指\\n标" reads 可持续影响指标.

    A break next to a Chinese character is dropped (Chinese has no word spaces); a break between
    two Latin words becomes one space. Runs of spaces collapse; the ends are stripped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").strip()
    text = _JOIN_CJK.sub("", text)
    return _SPACES.sub(lambda m: " ", text).strip()


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_grid_file(data: bytes, *, name: str, suffix: str) -> list[Form]:
    """Read an .xlsx/.xlsm/.docx/.pdf file into forms; every failure is an ``InputError``."""
    from .mapper import grid_to_forms

    suffix = suffix.lower()
    if not data.strip():
        raise NoFormError("文件为空，没有找到自评表", file=name)
    if data[:8] == _OLE_MAGIC:
        raise LegacyFormatError(
            f"文件扩展名是 {suffix}，内容却是旧版 Office 格式（.xls/.doc）或加了密码；请用 WPS/Office 去掉密码并另存为 {suffix} 后再检查",
            file=name,
        )
    try:
        if suffix in {".xlsx", ".xlsm"}:
            from .xlsx import read_xlsx_grids

            grids = read_xlsx_grids(data, name=name)
        elif suffix == ".docx":
            from .docx import read_docx_grids

            grids = read_docx_grids(data, name=name)
        elif suffix == ".pdf":
            from .pdf import read_pdf

            return read_pdf(data, name=name)
        else:
            raise InputError(f"不支持的表格文件类型 {suffix}", file=name)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - third-party parsers raise anything on broken files
        kind = {".docx": "Word (.docx)", ".pdf": "PDF"}.get(suffix, "Excel (.xlsx)")
        if "Password" in repr(exc) or "Encrypt" in repr(exc):
            raise NotTextError(f"{kind} 文件设有密码，无法读取；请去掉密码后再检查", file=name) from None
        raise NotTextError(f"无法作为 {kind} 文件打开，文件可能已损坏或格式不符（{type(exc).__name__}）", file=name) from None
    forms: list[Form] = []
    for grid in grids:
        forms.extend(grid_to_forms(grid))
    if not forms:
        raise NoFormError("没有找到自评表（未找到“项目名称”或“绩效指标”等表头）", file=name)
    return forms
