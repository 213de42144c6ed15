"""Reading bytes safely and writing outputs atomically.

jixiao never modifies an input; every output goes to a temporary file in the target's folder
and is renamed over the target, so a kill leaves either the old file or the new one, never half.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import NotFoundError, OutputError, TooLargeError

__all__ = ["DEFAULT_MAX_BYTES", "read_bytes", "write_atomic"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


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
            f"文件大小 {size / 1048576:.1f} MB 超过上限 {max_bytes / 1048576:.1f} MB（可用 --max-size 调整）",
            file=str(path),
        )
    try:
        return p.read_bytes()
    except OSError as exc:
        raise NotFoundError(f"无法读取：{exc.strerror or exc}", file=str(path)) from None


def write_atomic(path: str | Path, data: bytes | str) -> None:
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"无法写入 {target}：{exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"无法写入 {target}：{exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
