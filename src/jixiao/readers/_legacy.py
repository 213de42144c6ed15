"""Legacy .xls/.doc/.wps/.et files, converted by LibreOffice when the caller asks for it.

Conversion runs ``soffice --headless --convert-to`` into a temporary folder: the input is only
read, and the converted copy is thrown away after reading. Without LibreOffice the user gets the
same advice as without conversion: save the file as .xlsx/.docx.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import LegacyFormatError
from ..model import Form

__all__ = ["read_converted", "find_soffice", "CONVERT_TIMEOUT"]

CONVERT_TIMEOUT = 120.0


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_converted(path: Path, *, target: str, name: str) -> list[Form]:
    """Convert ``path`` to ``target`` (".xlsx"/".docx") and read the copy; errors name ``name``."""
    from .tables import read_grid_file

    soffice = find_soffice()
    if soffice is None:
        raise LegacyFormatError(
            f"旧版 {path.suffix.lower()} 格式需要 LibreOffice 转换，但本机未安装 LibreOffice（soffice）；"
            f"请安装 LibreOffice，或用 WPS/Office 另存为 {target} 后再检查",
            file=name,
        )
    with tempfile.TemporaryDirectory(prefix="jixiao-convert-") as tmp:
        # A private profile dir: a running LibreOffice of the user's must not block or be touched.
        profile = Path(tmp, "profile").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", target.lstrip("."), "--outdir", tmp, str(Path(path).resolve())]
        try:
            subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT, check=False,
                           stdin=subprocess.DEVNULL, env={**os.environ, "HOME": tmp})
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise LegacyFormatError(f"LibreOffice 转换 {target} 失败：{exc}", file=name) from None
        converted = Path(tmp, Path(path).stem + target)
        if not converted.is_file():
            raise LegacyFormatError(
                f"LibreOffice 未能把文件转换为 {target}（文件可能已损坏或加密）；请用 WPS/Office 另存为 {target} 后再检查",
                file=name,
            )
        return read_grid_file(converted.read_bytes(), name=name, suffix=target)
