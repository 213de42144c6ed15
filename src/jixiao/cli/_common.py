"""Helpers shared by commands: reading many inputs, the size limit, and emitting output."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .._io import DEFAULT_MAX_BYTES, write_atomic

if TYPE_CHECKING:  # pydantic stays out of `jixiao --help`
    from ..model import Form

__all__ = ["read_all", "emit", "max_size_option", "convert_option", "resolve_max_bytes", "refuse_output_over_input"]


def max_size_option() -> float | None:
    """``--max-size MB``: one definition so every command words and defaults it alike."""
    return typer.Option(None, "--max-size", metavar="MB",
                        help="单个输入文件的大小上限（MB，默认 50；也可在配置中设 max-size），超过则拒绝读取")


def convert_option() -> bool:
    """``--convert-legacy``: the user's explicit yes to running LibreOffice on .xls/.doc/.wps."""
    return typer.Option(False, "--convert-legacy",
                        help="用本机 LibreOffice 把旧版 .xls/.doc/.wps 转换后再读（输入文件不变）；默认提示另存为新格式")


def resolve_max_bytes(option_mb: float | None) -> int:
    """The byte limit: ``--max-size`` wins over ``max-size`` in the nearest config file."""
    from .._io import mb_to_bytes
    from ..config import load_settings

    return mb_to_bytes(load_settings({"max_size": option_mb}, start=Path.cwd()).max_size)


def refuse_output_over_input(out: Path | None, inputs: Iterable[Path]) -> None:
    """jixiao never rewrites an input, not even when asked to with ``-o`` (any spelling of it)."""
    if out is None:
        return
    from ..errors import UsageError

    target = _resolved(out)
    for f in inputs:
        if target is not None and _resolved(f) == target:
            raise UsageError(f"输出文件 {out} 也是输入文件：jixiao 不改写输入，请换一个输出文件名")


def _resolved(p: Path) -> Path | None:
    try:
        return Path(p).resolve()
    except OSError:
        return None


def read_all(paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES, convert_legacy: bool = False) -> list[Form]:
    from ..readers import read_path

    forms: list[Form] = []
    for p in paths:
        forms.extend(read_path(p, max_bytes=max_bytes, convert_legacy=convert_legacy))
    return forms


def emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        write_atomic(out, text if text.endswith("\n") else text + "\n")
