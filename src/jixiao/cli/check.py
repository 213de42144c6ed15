"""`jixiao check`: read files or folders, run the rules, report, and exit 0/1/2.

The command reads as its steps: settings → inputs → check each file → report → exit status, so
that adding a step (a model review, say) is a small edit between "check" and "report".

A folder may hold ten thousand forms, so a run keeps only what its report needs: JSON, JSON Lines
and GitHub annotations are written file by file as they are found and keep nothing but counts;
text keeps the findings and a two-field outline of each form; only HTML, XLSX and ``--llm`` keep
whole forms.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import typer

from ..errors import InputError, UsageError
from . import app
from ._common import convert_option, max_size_option, refuse_output_over_input

if TYPE_CHECKING:  # pydantic models stay out of `jixiao --help`
    from ..finding import Finding
    from ..model import Source

__all__ = ["check", "expand_paths", "run_check", "CheckRun", "FormOutline"]


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


STREAMED = frozenset({"jsonl", "github", "json"})
"""Formats written file by file as findings are found (JSON as the pieces of one array)."""

Keep = Literal["forms", "outlines", "nothing"]


@dataclass(frozen=True, slots=True)
class FormOutline:
    """What the text report reads of a form (its label and where it starts), at a few hundred
    bytes instead of the whole form, so a text report on a huge folder stays small."""

    project: str | None
    source: Source

    @property
    def label(self) -> str:
        return self.project or f"{self.source.file}:{self.source.start_line or '?'}"


@dataclass
class CheckRun:
    """What a run saw: counts always; forms, findings and sources only when asked to keep them."""

    files: int = 0
    form_count: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    failing: bool = False
    """A rules finding reached ``fail_on``: the exit status is 1."""
    forms: list[Any] = field(default_factory=list)
    """Whole ``Form`` objects, ``FormOutline``s, or nothing, as the run was asked to keep."""
    findings: list[Finding] = field(default_factory=list)
    sources: dict[str, bytes] = field(default_factory=dict)
    """Original bytes of the first XLSX input with forms: the annotated report is built on it."""
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    explicit_failed: bool = False
    """An explicitly named file could not be read: the run exits 2 whatever it found."""

    def add(self, found: list[Finding], fail_on: str) -> None:
        from ..check import count_by_severity, exit_status

        for k, v in count_by_severity(found).items():
            self.counts[k] = self.counts.get(k, 0) + v
        self.failing |= bool(exit_status(found, fail_on))


def expand_paths(paths: list[Path], on_error: Callable[[Path, OSError], None] | None = None) -> list[tuple[Path, bool]]:
    """(file, named explicitly) for each argument; folders are walked, sorted, by suffix.

    The walk never enters a symlinked folder (no loops) and is not recursive (no depth limit).
    """
    from .._io import walk_files
    from ..readers import LEGACY_SUFFIXES, SUPPORTED_SUFFIXES

    wanted = (SUPPORTED_SUFFIXES | LEGACY_SUFFIXES) - {""}
    items: list[tuple[Path, bool]] = []
    for p in paths:
        if p.is_dir():
            items.extend((c, False) for c in walk_files(p, on_error=on_error)
                         if c.suffix.lower() in wanted and not c.name.startswith("."))
        else:
            items.append((p, True))
    return items


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


def run_check(items: list[tuple[Path, bool]], settings, *, keep: Keep = "forms", keep_findings: bool = True,  # type: ignore[no-untyped-def]
              stream: Callable[[list[Finding]], None] | None = None, progress: bool = False,
              keep_xlsx_source: bool = False, convert_legacy: bool = False) -> CheckRun:
    """Read and check every file; a file that cannot be read is reported and the run goes on."""
    from .._io import mb_to_bytes, read_bytes
    from ..check import check_forms
    from ..readers import read_path

    limit = mb_to_bytes(settings.max_size)
    run = CheckRun()
    bar = _progress(len(items), progress and len(items) > 1)
    try:
        for path, explicit in items:
            run.files += 1
            if bar is not None:
                bar.update(bar.task_ids[0], description=path.name)
            try:
                forms = read_path(path, max_bytes=limit, convert_legacy=convert_legacy)
            except InputError as exc:
                run.unreadable.append((path, str(exc)))
                run.explicit_failed |= explicit
                _say(f"jixiao: {exc}", bar)
            else:
                found = check_forms(forms, settings)
                run.form_count += len(forms)
                run.add(found, settings.fail_on)
                if keep == "forms":
                    run.forms.extend(forms)
                elif keep == "outlines":
                    run.forms.extend(FormOutline(f.project, f.source) for f in forms)
                if keep_xlsx_source and forms and not run.sources and path.suffix.lower() in (".xlsx", ".xlsm"):
                    run.sources[str(path)] = read_bytes(path, max_bytes=limit)
                if keep_findings:
                    run.findings.extend(found)
                if stream is not None:
                    stream(found)
            if bar is not None:
                bar.advance(bar.task_ids[0])
    finally:
        if bar is not None:
            bar.stop()
    return run


class _Pieces:
    """Writes a report in pieces, each rendered by the report module from one file's findings.

    Line formats concatenate; a JSON array is spliced: each piece's ``[`` and ``]`` are dropped
    and the items joined with ``,``, which gives exactly the text of one ``render`` of every
    finding (the tests compare the two), while only one file's findings are ever in memory.
    """

    def __init__(self, fmt: str, write: Callable[[str], None]) -> None:
        self.fmt, self.write, self.items = fmt, write, 0

    def __call__(self, found: list[Finding]) -> None:
        from ..report import render

        text = render(self.fmt, [], found)
        assert isinstance(text, str)
        if self.fmt == "json":
            if not found:
                return
            assert text.startswith("[\n") and text.endswith("\n]\n"), "render_json changed its layout"
            text = ("[\n" if not self.items else ",\n") + text[2:-3]
        self.items += len(found)
        if text:
            self.write(text)

    def close(self) -> None:
        if self.fmt == "json":
            self.write("\n]\n" if self.items else "[]\n")


def _say(text: str, bar) -> None:  # type: ignore[no-untyped-def]
    if bar is not None:  # print above the live bar instead of through it
        bar.console.print(text, markup=False, highlight=False)
    else:
        print(text, file=sys.stderr)


def _summary_table(run: CheckRun, color: bool) -> str:
    c = run.counts
    rows = [("文件", run.files), ("自评表", run.form_count), ("错误", c["error"]), ("警告", c["warning"]),
            ("提示", c["info"]), ("无法读取的文件", len(run.unreadable))]
    # The reviewer's to-do list: which files still need a person, and why.
    failed = "".join(f"  无法读取：{msg}\n" for _path, msg in run.unreadable)
    if not color:
        return "汇总\n" + "".join(f"  {k}\t{v}\n" for k, v in rows) + failed
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
    return buf.getvalue() + failed


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
    max_size: float | None = max_size_option(),
    convert_legacy: bool = convert_option(),
    llm: bool = typer.Option(False, "--llm", help="附加模型审读意见（LLM001 文字前后矛盾，LLM002 原因解释不了偏差，LLM003 措施未针对原因）；不影响退出状态"),
    llm_model: str | None = typer.Option(None, "--model", help="--llm 使用的模型名（默认 JIXIAO_MODEL）"),
    llm_base_url: str | None = typer.Option(None, "--base-url", help="--llm 的 OpenAI 兼容接口地址（默认 OPENAI_BASE_URL）"),
    llm_no_cache: bool = typer.Option(False, "--no-cache", help="--llm 不使用应答缓存"),
    llm_show_prompt: bool = typer.Option(False, "--show-prompt", help="把发给模型的提示词打印到标准错误"),
    llm_log: Path | None = typer.Option(None, "--log", help="把 --llm 的请求与应答追加写入此 JSONL 文件"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示 --llm 的进度条"),
) -> None:
    """检查自评表：算术、计分、档次、偏差说明、文字与表格一致性。退出状态：0 通过，1 有问题，2 用法或输入错误。"""
    from contextlib import nullcontext

    from .._io import open_atomic, write_atomic
    from ..config import load_settings
    from ..report import FILE_ONLY_FORMATS, render

    settings = load_settings({"select": select, "ignore": ignore, "profile": profile, "max_size": max_size,
                              "fail_on": fail_on.value if fail_on else None}, start=Path.cwd())
    if fmt.value in FILE_ONLY_FORMATS and out is None:
        raise UsageError(f"--format {fmt.value} 需要用 -o 指定输出文件")
    walked = any(p.is_dir() for p in paths)
    color = out is None and _is_tty(sys.stdout)
    unlisted: list[tuple[Path, str]] = []

    def unlistable(folder: Path, exc: OSError) -> None:
        unlisted.append((folder, f"文件夹 {folder} 无法读取：{exc.strerror or exc}"))
        print(f"jixiao: {unlisted[-1][1]}", file=sys.stderr)

    items = expand_paths(paths, on_error=unlistable)
    refuse_output_over_input(out, [p for p, _ in items])
    streaming = fmt.value in STREAMED
    keep: Keep = "forms" if llm or fmt.value in FILE_ONLY_FORMATS else "outlines" if fmt is CheckFormat.text else "nothing"

    with open_atomic(out) if streaming and out is not None else nullcontext() as sink:
        def write(text: str) -> None:
            if sink is not None:
                sink.write(text.encode("utf-8"))
            else:
                sys.stdout.write(text)
                sys.stdout.flush()

        stream = _Pieces(fmt.value, write)
        run = run_check(items, settings, keep=keep, keep_findings=not streaming or llm, stream=stream if streaming else None,
                        progress=walked and _is_tty(sys.stderr), keep_xlsx_source=fmt is CheckFormat.xlsx,
                        convert_legacy=convert_legacy)
        run.unreadable[:0] = unlisted
        if llm:  # model findings are added after the rules ran and never count for the exit status
            from ..llm.review import merge_findings, review_for_check

            extra, notices = review_for_check(run.forms, model=llm_model, base_url=llm_base_url,
                                              use_cache=not llm_no_cache, show_prompt=llm_show_prompt, log_path=llm_log,
                                              rule_findings=run.findings, quiet=quiet)
            for notice in notices:
                print(f"jixiao: {notice}", file=sys.stderr)
            run.add(extra, settings.fail_on)
            if streaming:
                stream(extra)
            else:
                run.findings = merge_findings(run.findings, extra)
        if streaming:
            stream.close()

    if not streaming:
        if fmt is CheckFormat.xlsx:  # the first XLSX input becomes the base of the annotated copy
            from ..report.xlsx import render_xlsx

            report: str | bytes = render_xlsx(run.forms, run.findings, sources=run.sources)
        else:
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
    raise typer.Exit(int(run.failing))
