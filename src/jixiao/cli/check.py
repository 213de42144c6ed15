"""`jixiao check`: read files or folders, run the rules, report, and exit 0/1/2.

The command reads as its steps: settings → inputs → check each file → report → exit status, so
that adding a step (a model review, say) is a small edit between "check" and "report".

The report is a ``Reporter`` from ``jixiao.report``, chosen by ``--format``; it is handed each
file's forms and findings as they are found and keeps only what it shows, so a folder of ten
thousand forms checked to JSON Lines costs no memory. Only ``--llm`` keeps every form here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer

from ..errors import InputError, UsageError, os_reason
from ..report import FORMATS
from ._app import app
from ._common import convert_option, max_size_option, refuse_output_over_input

if TYPE_CHECKING:  # pydantic models stay out of `jixiao --help`
    from rich.progress import Progress

    from ..config import Settings
    from ..finding import Finding
    from ..model import Form
    from ..report import Checked, Write

    FormatName = str
    _Result = tuple[list[Form], list[Finding]] | str
else:
    FormatName = Literal[tuple(FORMATS)]  # typer reads the --format choices from this

__all__ = ["check", "expand_paths", "run_check", "CheckRun"]


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


@dataclass
class CheckRun:
    """What a run saw: counts always; whole forms only when asked to keep them (for ``--llm``)."""

    files: int = 0
    form_count: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    failing: bool = False
    """A rules finding reached ``fail_on``: the exit status is 1."""
    forms: list[Form] = field(default_factory=list)
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


def _progress(total: int, enabled: bool) -> Progress | None:
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


def run_check(items: list[tuple[Path, bool]], settings: Settings, report: Callable[[Checked], None] | None = None, *,
              keep_forms: bool = False, progress: bool = False, convert_legacy: bool = False, jobs: int = 1) -> CheckRun:
    """Read and check every file, handing each file's result to ``report`` in the order given; a
    file that cannot be read goes into ``unreadable`` and the run goes on. ``jobs`` > 1 reads and
    checks files in that many worker processes (see ``_checked_files``)."""
    from .._io import mb_to_bytes
    from ..report import Checked

    job = partial(_read_and_check, settings=settings, max_bytes=mb_to_bytes(settings.max_size),
                  convert_legacy=convert_legacy)
    run = CheckRun()
    with _checked_files([path for path, _ in items], job, jobs) as results:  # workers start before the bar's thread
        bar = _progress(len(items), progress and len(items) > 1)
        try:
            for (path, explicit), result in zip(items, results):
                run.files += 1
                if isinstance(result, str):
                    run.unreadable.append((path, result))
                    run.explicit_failed |= explicit
                else:
                    forms, found = result
                    run.form_count += len(forms)
                    run.add(found, settings.fail_on)
                    if keep_forms:
                        run.forms.extend(forms)
                    if report is not None:
                        report(Checked(path, forms, found))
                if bar is not None:
                    bar.update(bar.task_ids[0], description=path.name, advance=1)
        finally:
            if bar is not None:
                bar.stop()
    return run


def _read_and_check(path: Path, *, settings: Settings, max_bytes: int,
                    convert_legacy: bool) -> tuple[list[Form], list[Finding]] | str:
    """One file's forms and findings, or why it could not be read: the whole job of a worker."""
    from ..check import check_forms
    from ..readers import read_path

    try:
        forms = read_path(path, max_bytes=max_bytes, convert_legacy=convert_legacy)
    except InputError as exc:
        return str(exc)
    return forms, check_forms(forms, settings)


_FILES_PER_WORKER = 4
"""Fewer files than this per worker and starting the processes costs more than it saves."""


@contextmanager
def _checked_files(paths: list[Path], job: Callable[[Path], _Result], jobs: int) -> Iterator[Iterator[_Result]]:
    """``job`` of each path, in the order given: here, or in up to ``jobs`` worker processes
    when there are enough files (``0``: one per CPU). Every file is handed out on entry, so the
    workers start before any thread of the caller's (a progress bar) runs; on leaving early (an
    error, Ctrl-C) the files not started yet are dropped."""
    import os

    workers = min(jobs or os.cpu_count() or 1, len(paths) // _FILES_PER_WORKER)
    if workers < 2:
        yield map(job, paths)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, initializer=_leave_interrupts_to_the_parent)
    try:
        yield pool.map(job, paths)
    finally:
        pool.shutdown(cancel_futures=True)


def _leave_interrupts_to_the_parent() -> None:
    """A worker ignores Ctrl-C: the command stops the run, and no worker prints a traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _summary_table(run: CheckRun, color: bool) -> str:
    """The totals of a folder run, then the reviewer's to-do list: each file that could not be
    read, and why (said here once, not as the run goes)."""
    c = run.counts
    rows = [("文件", run.files), ("自评表", run.form_count), ("错误", c["error"]), ("警告", c["warning"]),
            ("提示", c["info"]), ("无法读取的文件", len(run.unreadable))]
    todo = "".join(f"    {message}\n" for _path, message in run.unreadable)
    if not color:
        return "汇总\n" + "".join(f"  {k}\t{v}\n" for k, v in rows) + todo
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
    return buf.getvalue() + todo


def _is_tty(stream: object) -> bool:
    import os

    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def _to_stdout(text: str | bytes) -> None:
    """Writes at once: a streamed report reaches a pipe as it is found."""
    if isinstance(text, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
    else:
        sys.stdout.write(text)
    sys.stdout.flush()


@contextmanager
def _output(out: Path | None) -> Iterator[Write]:
    """Where the report goes: stdout, or ``-o``'s file, replaced only when the run completes."""
    if out is None:
        yield _to_stdout
        return
    from .._io import open_atomic

    with open_atomic(out) as fh:
        def to_file(text: str | bytes) -> None:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)

        yield to_file


@app.command()
def check(
    paths: list[Path] = typer.Argument(..., help="自评表文件或文件夹（文件夹按后缀逐个检查）"),
    fmt: FormatName = typer.Option("text", "--format", "-f", help="输出格式"),
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
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, help="同时检查文件的进程数（默认 0：每个 CPU 一个；1：不并行）。结果与顺序不变"),
) -> None:
    """检查自评表：算术、计分、档次、偏差说明、文字与表格一致性。退出状态：0 通过，1 有问题，2 用法或输入错误。"""
    from .._io import mb_to_bytes
    from ..config import load_settings
    from ..report import ReportOptions, reporter_class

    settings = load_settings({"select": select, "ignore": ignore, "profile": profile, "max_size": max_size,
                              "fail_on": fail_on.value if fail_on else None}, start=Path.cwd())
    make_reporter = reporter_class(fmt)
    if make_reporter.file_only and out is None:
        raise UsageError(f"--format {fmt} 需要用 -o 指定输出文件")
    walked = any(p.is_dir() for p in paths)
    color = out is None and _is_tty(sys.stdout)
    unlisted: list[tuple[Path, str]] = []

    def unlistable(folder: Path, exc: OSError) -> None:
        unlisted.append((folder, f"无法读取文件夹 {folder}：{os_reason(exc)}"))

    items = expand_paths(paths, on_error=unlistable)
    refuse_output_over_input(out, [p for p, _ in items])

    with _output(out) as write:
        reporter = make_reporter(write, ReportOptions(color=color, statistics=statistics,
                                                      max_bytes=mb_to_bytes(settings.max_size)))
        reporter.start()
        held: list[Checked] = []  # with --llm, each file waits for the model's findings to be sorted in
        run = run_check(items, settings, held.append if llm else reporter.handle, keep_forms=llm,
                        progress=walked and _is_tty(sys.stderr),
                        convert_legacy=convert_legacy, jobs=jobs)
        run.unreadable[:0] = unlisted
        if llm:  # model findings are added after the rules ran and never count for the exit status
            from ..llm.review import merge_findings, review_for_check

            extra, notices = review_for_check(run.forms, model=llm_model, base_url=llm_base_url,
                                              use_cache=not llm_no_cache, show_prompt=llm_show_prompt, log_path=llm_log,
                                              rule_findings=[f for c in held for f in c.findings], quiet=quiet)
            for notice in notices:
                print(f"jixiao: {notice}", file=sys.stderr)
            run.add(extra, settings.fail_on)
            for checked in held:
                mine = [f for f in extra if f.location.file == str(checked.file)]
                reporter.handle(replace(checked, findings=merge_findings(checked.findings, mine)))
        reporter.finish()

    if walked:  # a folder run ends with its totals and the files that need a person
        text_on_stdout = fmt == "text" and out is None
        print(_summary_table(run, color and fmt == "text"), end="", file=sys.stdout if text_on_stdout else sys.stderr)
    else:
        for _path, message in run.unreadable:
            print(f"jixiao: {message}", file=sys.stderr)
    if run.explicit_failed:
        raise typer.Exit(2)
    raise typer.Exit(int(run.failing))
