"""`jixiao parse`: files → the form model as JSON or YAML."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from . import app
from ._common import emit, read_all


class ParseFormat(str, Enum):
    json = "json"
    yaml = "yaml"


@app.command()
def parse(
    files: list[Path] = typer.Argument(..., help="自评表文件（.txt .yaml .json .xlsx .docx .pdf）"),
    fmt: ParseFormat = typer.Option(ParseFormat.json, "--format", "-f", help="输出格式"),
    out: Path | None = typer.Option(None, "--output", "-o", help="写入文件（原子写入），默认输出到终端"),
) -> None:
    """读取自评表，输出结构化数据（每张表一个对象，按文件顺序）。"""
    from ..readers.canonical import dump_forms

    forms = read_all(files)
    emit(dump_forms(forms, fmt.value), out)
