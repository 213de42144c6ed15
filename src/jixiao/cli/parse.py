"""`jixiao parse`: files → the form model as JSON or YAML."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from ._app import app
from ._common import convert_option, emit, max_size_option, read_all, refuse_output_over_input, resolve_max_bytes


class ParseFormat(StrEnum):
    json = "json"
    yaml = "yaml"


@app.command()
def parse(
    files: list[Path] = typer.Argument(..., help="自评表文件（.txt .csv .yaml .json .xlsx .docx .pdf）"),
    fmt: ParseFormat | None = typer.Option(
        None, "--format", "-f", help="输出格式（默认 json；-o 以 .yaml/.yml 结尾时为 yaml）"
    ),
    out: Path | None = typer.Option(None, "--output", "-o", help="写入文件（原子写入），默认输出到终端"),
    max_size: float | None = max_size_option(),
    convert_legacy: bool = convert_option(),
) -> None:
    """读取自评表，输出结构化数据（每张表一个对象，按文件顺序）。"""
    from ..readers.canonical import dump_forms

    refuse_output_over_input(out, files)
    limit = resolve_max_bytes(max_size)
    if fmt is None:
        fmt = ParseFormat.yaml if out is not None and out.suffix.lower() in (".yaml", ".yml") else ParseFormat.json
    forms = read_all(files, max_bytes=limit, convert_legacy=convert_legacy)
    emit(dump_forms(forms, fmt.value), out)
