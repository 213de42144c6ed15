"""Helpers shared by commands: reading many inputs and emitting output to stdout or a file."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .._io import write_atomic

if TYPE_CHECKING:  # pydantic stays out of `jixiao --help`
    from ..model import Form

__all__ = ["read_all", "emit"]


def read_all(paths: Iterable[Path]) -> list[Form]:
    from ..readers import read_path

    forms: list[Form] = []
    for p in paths:
        forms.extend(read_path(p))
    return forms


def emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        write_atomic(out, text if text.endswith("\n") else text + "\n")
