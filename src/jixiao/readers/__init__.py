"""Readers: files as people hold them → ``Form`` objects.

One entry point, ``read_path``, picks a reader by the file's suffix (or content, for text).
Readers import their heavy libraries lazily so ``jixiao --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path

from .._io import DEFAULT_MAX_BYTES, read_bytes
from ..errors import InputError, LegacyFormatError
from ..model import Form

__all__ = ["read_path", "SUPPORTED_SUFFIXES", "LEGACY_SUFFIXES"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".csv", ""}
CANONICAL_SUFFIXES = {".yaml", ".yml", ".json"}
GRID_SUFFIXES = {".xlsx", ".xlsm", ".docx", ".pdf"}
LEGACY_SUFFIXES = {".xls", ".doc", ".wps", ".et"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | CANONICAL_SUFFIXES | GRID_SUFFIXES


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, convert_legacy: bool = False) -> list[Form]:
    """Read every form in one file; raises an ``InputError`` subclass naming the file.

    ``convert_legacy``: a .xls/.doc/.wps/.et file is converted with LibreOffice (``soffice``),
    when it is installed, into a temporary folder and read from there; the input is untouched.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    name = str(path)
    if suffix in LEGACY_SUFFIXES:
        target = ".docx" if suffix in {".doc", ".wps"} else ".xlsx"
        if convert_legacy:
            from ._legacy import read_converted

            read_bytes(p, max_bytes=max_bytes)  # same existence and size checks as any input
            return read_converted(p, target=target, name=name)
        raise LegacyFormatError(
            f"不支持旧版 {suffix} 格式，请用 WPS 或 Office 另存为 {target} 后再检查", file=name
        )
    data = read_bytes(p, max_bytes=max_bytes)
    if suffix in CANONICAL_SUFFIXES:
        from .canonical import read_canonical

        return read_canonical(data, name=name)
    if suffix in GRID_SUFFIXES:
        from .tables import read_grid_file

        return read_grid_file(data, name=name, suffix=suffix)
    if suffix in TEXT_SUFFIXES or not suffix:
        from .text import read_text

        return read_text(data, name=name)
    raise InputError(f"不支持的文件类型 {suffix}（支持 .txt .yaml .json .xlsx .docx .pdf）", file=name)
