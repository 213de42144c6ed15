"""Reading bytes safely, walking folders safely and writing outputs atomically.

jixiao never modifies an input; every output goes to a temporary file in the target's folder
and is renamed over the target, so a kill leaves either the old file or the new one, never half.
Folders come from whatever sits on an office disk: walking them must survive any depth and
symlink loops, so the walk is iterative and never follows a linked folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import NotFoundError, OutputError, TooLargeError, UsageError, os_reason

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_MB", "mb_to_bytes", "read_bytes", "write_atomic", "open_atomic",
           "walk_files", "what_it_is"]

DEFAULT_MAX_MB = 50.0
DEFAULT_MAX_BYTES = int(DEFAULT_MAX_MB * 1024 * 1024)


def mb_to_bytes(megabytes: float | None) -> int:
    """The byte limit for a ``--max-size``/``max-size`` in MB (None: the default)."""
    if megabytes is None:
        return DEFAULT_MAX_BYTES
    if not megabytes > 0:  # also refuses NaN
        raise UsageError(f"--max-size 须为正数（单位 MB），收到 {megabytes}")
    return int(min(megabytes * 1024 * 1024, 2**62))  # `inf` means no limit


def _mb(n: float) -> str:
    mb = n / 1048576
    return f"{mb:.1f}" if mb >= 0.1 else f"{mb:.2g}"


def read_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise NotFoundError(os_reason(exc), file=str(path)) from None
    if p.is_dir():
        raise NotFoundError("这是一个文件夹，不是文件", file=str(path))
    if size > max_bytes:
        raise TooLargeError(
            f"文件大小 {_mb(size)} MB 超过上限 {_mb(max_bytes)} MB（可用 --max-size 调整）",
            file=str(path),
        )
    try:
        with p.open("rb") as fh:
            data = fh.read(size + 1)
            if len(data) > size:  # it grew after stat(): read the rest, then hold it to the limit
                data += fh.read()
    except OSError as exc:
        raise NotFoundError(os_reason(exc), file=str(path)) from None
    if len(data) > max_bytes:
        raise TooLargeError(f"文件超过上限 {_mb(max_bytes)} MB（可用 --max-size 调整）", file=str(path))
    return data


_SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "png", "一张 PNG 图片"),
    (b"\xff\xd8\xff", "jpeg", "一张 JPEG 图片"),
    (b"GIF87a", "gif", "一张 GIF 图片"),
    (b"GIF89a", "gif", "一张 GIF 图片"),
    (b"II*\x00", "tiff", "一张 TIFF 图片"),
    (b"MM\x00*", "tiff", "一张 TIFF 图片"),
    (b"%PDF-", "pdf", "一份 PDF 文件"),
    (b"Rar!\x1a\x07", "rar", "一个 RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z", "一个 7z 压缩包"),
    (b"\x1f\x8b", "gzip", "一个 gzip 压缩包"),
    (b"{\\rtf", "rtf", "一份 RTF 文档"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole", "一份旧版 Office 文件（.xls/.doc）"),
]
_ZIP_MEMBERS = [
    ("xl/workbook.xml", "xlsx", "一份 Excel 工作簿（.xlsx）"),
    ("word/document.xml", "docx", "一份 Word 文档（.docx）"),
    ("ppt/presentation.xml", "pptx", "一份 PowerPoint 演示文稿（.pptx）"),
]


def what_it_is(data: bytes) -> tuple[str, str] | None:
    """What a file's bytes really are, when their first bytes say so: a kind ("png", "xlsx",
    "zip", ...) and how to name it to a user ("一张 PNG 图片"); None when they do not say.

    Used when a file does not open as its suffix promises, so the message can say "这是一张
    PNG 图片，不是 Excel 文件" instead of a parser's complaint.
    """
    for magic, kind, phrase in _SIGNATURES:
        if data.startswith(magic):
            return kind, phrase
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        import io
        import zipfile

        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            return None  # a damaged zip may be a damaged workbook: no telling what it was
        for member, kind, phrase in _ZIP_MEMBERS:
            if member in names:
                return kind, phrase
        if "mimetype" in names:
            return "odf", "一份 OpenDocument 文件（.ods/.odt）"
        return "zip", "一个 ZIP 压缩包"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html", "一个网页（HTML）文件"
    return None


def _default_mode() -> int:
    """The mode a plain ``open()`` would give a new file: 0666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def open_atomic(path: str | Path) -> Iterator[BinaryIO]:
    """A binary handle whose content replaces ``path`` only when the block ends without error.

    Long reports are streamed through this (a folder of 10,000 forms as JSON Lines) instead of
    being built in memory; a failure or a kill leaves the old file as it was.
    """
    import tempfile  # not at module level: `jixiao --help` imports this module

    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except FileExistsError:  # what mkdir says when the folder's place holds a file
        raise OutputError(f"无法写入 {target}：{target.parent} 是一个文件，不是文件夹") from None
    except OSError as exc:
        raise OutputError(f"无法写入 {target}：{os_reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _default_mode())  # mkstemp's 0600 would hide a shared report
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"无法写入 {target}：{os_reason(exc)}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, data: bytes | str) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with open_atomic(path) as fh:
        fh.write(payload)


def walk_files(root: str | Path, *, on_error: Callable[[Path, OSError], None] | None = None) -> list[Path]:
    """Every regular file under ``root`` (symlinks to files included), sorted by path.

    Iterative with an explicit stack, so a folder 1,000 levels deep needs no recursion; a
    symlinked folder is never entered, so a link pointing back up cannot loop. A folder that
    cannot be listed is handed to ``on_error`` and skipped.
    """
    found: list[Path] = []
    stack = [Path(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(Path(entry.path))
                        elif entry.is_file(follow_symlinks=True):
                            found.append(Path(entry.path))
                    except OSError:  # vanished or unreadable entry: nothing to read there
                        continue
        except OSError as exc:
            if on_error is not None:
                on_error(folder, exc)
    found.sort()
    return found
