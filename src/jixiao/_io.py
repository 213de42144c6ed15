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

from .errors import NotFoundError, OutputError, TooLargeError, UsageError

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_MB", "mb_to_bytes", "read_bytes", "write_atomic", "open_atomic",
           "walk_files"]

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
        raise NotFoundError(f"无法读取：{exc.strerror or exc}", file=str(path)) from None
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
        raise NotFoundError(f"无法读取：{exc.strerror or exc}", file=str(path)) from None
    if len(data) > max_bytes:
        raise TooLargeError(f"文件超过上限 {_mb(max_bytes)} MB（可用 --max-size 调整）", file=str(path))
    return data


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
    except OSError as exc:
        raise OutputError(f"无法写入 {target}：{exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _default_mode())  # mkstemp's 0600 would hide a shared report
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"无法写入 {target}：{exc.strerror or exc}") from None
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
