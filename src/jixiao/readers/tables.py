"""Office and PDF files (.xlsx/.xlsm/.docx/.pdf) → grids → forms, with one error per failure.

The format readers only recover cells (``xlsx``, ``docx``, ``pdf``); the mapper reads them. This
module sits above both, so ``grid`` (the cell model every reader shares) imports none of them.
"""

from __future__ import annotations

from .._io import what_it_is
from ..errors import InputError, LegacyFormatError, NoFormError, NotTextError
from ..model import Form
from .mapper import grid_to_forms

__all__ = ["read_grid_file"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_grid_file(data: bytes, *, name: str, suffix: str) -> list[Form]:
    """Read an .xlsx/.xlsm/.docx/.pdf file into forms; every failure is an ``InputError``."""
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
        expected, word = {".docx": ("docx", "Word"), ".pdf": ("pdf", "PDF")}.get(suffix, ("xlsx", "Excel"))
        actual = what_it_is(data)  # a PNG renamed .xlsx is a picture, not a broken workbook
        if actual is not None and actual[0] != expected:
            raise NotTextError(f"这是{actual[1]}，不是 {word} 文件", file=name) from None
        raise NotTextError(f"无法作为 {kind} 文件打开，文件可能已损坏或格式不符", file=name) from None
    forms: list[Form] = []
    for grid in grids:
        forms.extend(grid_to_forms(grid))
    if not forms:
        raise NoFormError("没有找到自评表（未找到“项目名称”或“绩效指标”等表头）", file=name)
    return forms
