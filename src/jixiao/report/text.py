"""The terminal report: findings grouped by form, one summary line per form, and a total.

Each finding names its place as the printed form shows it (〔产出指标/数量指标/培训场次 · 得分〕),
beside the source line, so a reviewer holding a PDF or a workbook can find the cell.

Plain text unless ``color`` is asked for (the CLI does so only when stdout is a terminal); colour
comes from rich, imported only then. The report is written at the end of a run, so it keeps every
finding but of each form only an outline (its label and where it starts): a text report on a
folder of ten thousand forms stays small.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..finding import Finding
from ..model import Form, Source
from .base import Checked, Reporter

__all__ = ["render_text", "summary_line", "SEVERITY_CN", "FormOutline", "TextReporter"]

SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def summary_line(findings: Sequence[Finding]) -> str:
    c = Counter(f.severity for f in findings)
    return f"{c['error']} 个错误，{c['warning']} 个警告，{c['info']} 条提示"


@dataclass(frozen=True, slots=True)
class FormOutline:
    """What the text report reads of a form: its label and where it starts."""

    project: str | None
    source: Source

    @property
    def label(self) -> str:
        return self.project or f"{self.source.file}:{self.source.start_line or '?'}"


def _subject(f: Finding) -> str:
    """What the finding is about, as someone holding the printed form finds it: the place
    (一级/二级/三级指标 · 列, or 项目资金/年度资金总额 · 执行率), else the indicator's name."""
    place = f.evidence.get("place")
    if isinstance(place, str) and place:
        return f"〔{place}〕"
    return f"「{f.indicator}」" if f.indicator else ""


def _form_key(form: Form | FormOutline) -> tuple[str, str]:
    return (form.source.file, form.label)


def _lines(forms: Sequence[Form | FormOutline], findings: Sequence[Finding], statistics: bool) -> list[tuple[str, str | None]]:
    """(text, style) pairs; style names a severity to colour, or ``header``/``None``."""
    out: list[tuple[str, str | None]] = []
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.location.file, f.form), []).append(f)
    # Two forms with one name in one file share a group (findings name forms by label only).
    by_key: dict[tuple[str, str], Form | FormOutline] = {}
    for form in forms:
        by_key.setdefault(_form_key(form), form)  # the first of same-named forms, as before
    keys = list(dict.fromkeys([*by_key, *groups]))
    for file, label in keys:
        own = groups.get((file, label), [])
        first = by_key.get((file, label))
        where = f"{file}:{first.source.start_line}" if first and first.source.start_line else file
        out.append((f"{label}（{where}）", "header"))
        for f in own:
            loc = f"{f.location.line}" if f.location.line is not None else "-"
            subject = _subject(f)
            out.append((f"  {loc:>5}  {f.rule} {SEVERITY_CN[f.severity]}  {subject}{f.message}", f.severity))
        out.append((f"  小结：{summary_line(own)}" if own else "  小结：未发现问题", None))
        out.append(("", None))
    unreadable = "" if forms else "（没有读到任何自评表）"
    out.append((f"共 {len(forms) or len(keys)} 张表：{summary_line(findings)}{unreadable}", "header"))
    if statistics and findings:
        out.append(("", None))
        by_rule = Counter((f.rule, f.name, f.severity) for f in findings)
        for (code, name, sev), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append((f"{n:>5}  {code}  {SEVERITY_CN[sev]}  {name}", sev))
    return out


def render_text(forms: Sequence[Form | FormOutline], findings: Sequence[Finding], *, color: bool = False,
                statistics: bool = False, **_: Any) -> str:
    lines = _lines(forms, findings, statistics)
    if not color:
        return "\n".join(text for text, _ in lines) + "\n"
    from io import StringIO

    from rich.console import Console
    from rich.text import Text

    buf = StringIO()
    console = Console(file=buf, force_terminal=True, color_system="standard", width=10_000, highlight=False)
    for text, style in lines:
        console.print(Text(text, style=_STYLE.get(style or "", "bold" if style == "header" else "")), soft_wrap=True)
    return buf.getvalue()


class TextReporter(Reporter):
    """The terminal report, written when the run ends."""

    def start(self) -> None:
        self.outlines: list[FormOutline] = []
        self.findings: list[Finding] = []

    def handle(self, checked: Checked) -> None:
        self.outlines.extend(FormOutline(f.project, f.source) for f in checked.forms)
        self.findings.extend(checked.findings)

    def finish(self) -> None:
        if not (self.outlines or self.findings):
            return  # no file could be read: the command says why, and a report of zeros adds nothing
        self.write(render_text(self.outlines, self.findings, color=self.options.color,
                               statistics=self.options.statistics))
