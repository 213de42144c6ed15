"""`jixiao check`: read files or folders, run the rules, report, and exit 0/1/2.

The command reads as its steps: settings → inputs → check each file → report → exit status, so
that adding a step (a model review, say) is a small edit between "check" and "report".
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import InputError, UsageError
from . import app

if TYPE_CHECKING:  # pydantic models stay out of `jixiao --help`
    from ..finding import Finding
    from ..model import Form

__all__ = ["check", "expand_paths", "CheckRun"]


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    github = "github"
    html = "html"
    xlsx = "xlsx"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


@dataclass
class CheckRun:
    """What a run saw: the forms, their findings, and the files that could not be read."""

    files: int = 0
    forms: list[Form] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    explicit_failed: bool = False
    """An explicitly named file could not be read: the run exits 2 whatever it found."""


def expand_paths(paths: list[Path]) -> Iterator[tuple[Path, bool]]:
    """(file, named explicitly) for each argument; folders are walked, sorted, by suffix."""
    from ..readers import LEGACY_SUFFIXES, SUPPORTED_SUFFIXES

    wanted = (SUPPORTED_SUFFIXES | LEGACY_SUFFIXES) - {""}
    for p in paths:
        if p.is_dir():
            for child in sorted(c for c in p.rglob("*") if c.is_file()):
                if child.suffix.lower() in wanted and not child.name.startswith("."):
                    yield child, False
        else:
            yield p, True


def _progress(total: int, enabled: bool):  # type: ignore[no-untyped-def]
    """A rich progress bar on stderr, or a no-op when stderr is not a terminal."""
    if not enabled:
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(TextColumn("检查中"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                   console=Console(stderr=True), transient=True)
    bar.start()
    bar.add_task("", total=total)
    return bar


def run_check(paths: list[Path], settings, *, stream=None, progress: bool = False) -> CheckRun:  # type: ignore[no-untyped-def]
    """Read and check every file; a file that cannot be read is reported and the run goes on."""
    from ..check import check_forms
    from ..readers import read_path

    items = list(expand_paths(paths))
    run = CheckRun()
    bar = _progress(len(items), progress and len(items) > 1)
    try:
        for path, explicit in items:
            run.files += 1
            if bar is not None:
                bar.update(bar.task_ids[0], description=path.name)
            try:
                forms = read_path(path)
            except InputError as exc:
                run.unreadable.append((path, str(exc)))
                run.explicit_failed |= explicit
                if bar is not None:  # print above the live bar instead of through it
                    bar.console.print(f"jixiao: {exc}", markup=False, highlight=False)
                else:
                    print(f"jixiao: {exc}", file=sys.stderr)
            else:
                found = check_forms(forms, settings)
                run.forms.extend(forms)
                run.findings.extend(found)
                if stream is not None:
                    stream(found)
            if bar is not None:
                bar.advance(bar.task_ids[0])
    finally:
        if bar is not None:
            bar.stop()
    return run


def _summary_table(run: CheckRun, color: bool) -> str:
    from ..check import count_by_severity

    c = count_by_severity(run.findings)
    rows = [("文件", run.files), ("自评表", len(run.forms)), ("错误", c["error"]), ("警告", c["warning"]),
            ("提示", c["info"]), ("无法读取的文件", len(run.unreadable))]
    if not color:
        return "汇总\n" + "".join(f"  {k}\t{v}\n" for k, v in rows)
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    table = Table(title="汇总")
    table.add_column("项目")
    table.add_column("数量", justify="right")
    for k, v in rows:
        table.add_row(k, str(v))
    buf = StringIO()
    Console(file=buf, force_terminal=True, width=60).print(table)
    return buf.getvalue()


def _is_tty(stream) -> bool:  # type: ignore[no-untyped-def]
    import os

    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


@app.command()
def check(
    paths: list[Path] = typer.Argument(..., help="自评表文件或文件夹（文件夹按后缀逐个检查）"),
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="输出格式"),
    out: Path | None = typer.Option(None, "--output", "-o", help="写入文件（html、xlsx 必须指定）"),
    select: str | None = typer.Option(None, "--select", help="只运行这些规则（代码前缀，逗号分隔，如 Q,L002）"),
    ignore: str | None = typer.Option(None, "--ignore", help="不运行这些规则（代码前缀，逗号分隔，如 P,E002）"),
    fail_on: FailOn | None = typer.Option(None, "--fail-on", help="达到该级别即以状态 1 退出（默认 error）"),
    statistics: bool = typer.Option(False, "--statistics", help="文本报告末尾按规则统计数量"),
    profile: str | None = typer.Option(None, "--profile", help="地区规则：national、sichuan、guangxi、jiangxi"),
    llm: bool = typer.Option(False, "--llm", help="附加模型审读意见（LLM001 文字与表格矛盾，LLM002 偏差原因空泛）；不影响退出状态"),
    llm_model: str | None = typer.Option(None, "--model", help="--llm 使用的模型名（默认 JIXIAO_MODEL）"),
    llm_base_url: str | None = typer.Option(None, "--base-url", help="--llm 的 OpenAI 兼容接口地址（默认 OPENAI_BASE_URL）"),
    llm_no_cache: bool = typer.Option(False, "--no-cache", help="--llm 不使用应答缓存"),
    llm_show_prompt: bool = typer.Option(False, "--show-prompt", help="把发给模型的提示词打印到标准错误"),
    llm_log: Path | None = typer.Option(None, "--log", help="把 --llm 的请求与应答追加写入此 JSONL 文件"),
) -> None:
    """检查自评表：算术、计分、档次、偏差说明、文字与表格一致性。退出状态：0 通过，1 有问题，2 用法或输入错误。"""
    from ..check import exit_status
    from ..config import load_settings
    from ..report import FILE_ONLY_FORMATS, render
    from .._io import write_atomic
    from ..report.machine import jsonl_line

    settings = load_settings({"select": select, "ignore": ignore, "profile": profile,
                              "fail_on": fail_on.value if fail_on else None}, start=Path.cwd())
    if fmt.value in FILE_ONLY_FORMATS and out is None:
        raise UsageError(f"--format {fmt.value} 需要用 -o 指定输出文件")
    walked = any(p.is_dir() for p in paths)
    color = out is None and _is_tty(sys.stdout)

    streaming = fmt is CheckFormat.jsonl and out is None

    def stream(found: list[Finding]) -> None:
        sys.stdout.write("".join(jsonl_line(f) + "\n" for f in found))
        sys.stdout.flush()

    run = run_check(paths, settings, stream=stream if streaming else None, progress=walked and _is_tty(sys.stderr))
    if llm:  # model findings are added after the rules ran and never count for the exit status
        from ..llm.review import review_for_check

        extra, notices = review_for_check(run.forms, model=llm_model, base_url=llm_base_url,
                                          use_cache=not llm_no_cache, show_prompt=llm_show_prompt, log_path=llm_log)
        for notice in notices:
            print(f"jixiao: {notice}", file=sys.stderr)
        run.findings.extend(extra)
        if streaming:
            stream(extra)

    if not streaming:
        report = render(fmt.value, run.forms, run.findings, color=color, statistics=statistics)
        if out is not None:
            write_atomic(out, report)
        else:
            sys.stdout.write(report)  # type: ignore[arg-type]  (bytes formats require -o)
    if walked or run.unreadable:
        table = _summary_table(run, color and fmt is CheckFormat.text)
        print(table, end="", file=sys.stdout if fmt is CheckFormat.text and out is None else sys.stderr)
    if run.explicit_failed:
        raise typer.Exit(2)
    raise typer.Exit(exit_status(run.findings, settings.fail_on))
