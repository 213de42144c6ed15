"""Outputs are written atomically and inputs are read within limits."""

from __future__ import annotations

import errno
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao._io import read_bytes, write_atomic
from jixiao.errors import NotFoundError, OutputError, TooLargeError, os_reason

KILLED_WRITER = """
import os, sys, time
from jixiao import _io
def stall(fd):
    print("ready", flush=True)
    time.sleep(60)
_io.os.fsync = stall
_io.write_atomic(sys.argv[1], "新" * 1_000_000)
"""


def test_write_atomic_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    write_atomic(target, "旧")
    write_atomic(target, "新内容")
    assert target.read_text(encoding="utf-8") == "新内容"
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_a_killed_writer_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert target.read_text(encoding="utf-8") == "old report"


def test_write_atomic_into_an_unwritable_place_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="无法写入"):
        write_atomic(blocker / "report.json", "{}")


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (lambda p: None, NotFoundError, "无法读取"),
        (lambda p: p.mkdir(), NotFoundError, "文件夹"),
        (lambda p: p.write_bytes(b"x" * 2048), TooLargeError, "超过上限"),
    ],
)
def test_read_bytes_refuses_with_the_file_named(tmp_path: Path, make, error, words) -> None:
    path = tmp_path / "表.txt"
    make(path)
    with pytest.raises(error) as info:
        read_bytes(path, max_bytes=1024)
    assert words in str(info.value) and str(path) in str(info.value)


def test_outputs_get_the_permissions_a_plain_open_would_give(tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.html", "<html></html>")
    finally:
        os.umask(old)
    assert (tmp_path / "report.html").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), "文件不存在"),
        (PermissionError(errno.EACCES, "Permission denied"), "没有访问权限"),
        (OSError(errno.EXDEV, "Invalid cross-device link"), "操作系统报错（EXDEV）"),  # rare: named, not translated
    ],
)
def test_what_the_operating_system_says_reaches_the_user_in_chinese(error: OSError, said: str) -> None:
    assert os_reason(error) == said
