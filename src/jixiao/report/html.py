"""The HTML report: one self-contained page a reviewer opens in a browser and can print.

Self-contained on purpose: reviewers at 主管部门 and 财政局 often work on machines without
internet, and the file is mailed around; so CSS and the chart are inline and nothing is fetched.
Every string from a form is untrusted input and goes through jinja2's autoescaping.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..finding import Draft, Finding
from ..model import Form
from ._html_assign import SEVERITY_LABELS, place, rule_title
from ._html_view import GRADE_BANDS, FormView, Note, band_of, build_form, count, fmt_num
from .base import WholeRunReporter

__all__ = ["render_html", "HtmlReporter"]

_TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class _RuleRow:
    rule: str
    name: str
    summary: str
    severity: str
    severity_label: str
    llm: bool
    findings: int
    forms: int


@dataclass
class _Bar:
    label: str
    hint: str
    count: int
    x: float
    y: float
    height: float


def _rule_rows(findings: list[Finding]) -> list[_RuleRow]:
    per_rule: dict[str, list[Finding]] = {}
    for f in findings:
        per_rule.setdefault(f.rule, []).append(f)
    rows = []
    for rule, fs in per_rule.items():
        severities = Counter(f.severity for f in fs)
        top = max(severities, key=lambda s: ("info", "warning", "error").index(s))
        rows.append(
            _RuleRow(
                rule=rule,
                name=fs[0].name,
                summary=rule_title(rule, fs[0].name)[1],
                severity=top,
                severity_label=SEVERITY_LABELS[top],
                llm=all(f.source == "llm" for f in fs),
                findings=len(fs),
                forms=len({f.form for f in fs}),
            )
        )
    order = {"error": 0, "warning": 1, "info": 2}
    rows.sort(key=lambda r: (r.llm, order[r.severity], -r.findings, r.rule))
    return rows


def _histogram(forms: list[Form]) -> tuple[list[_Bar], int]:
    """Bars by grade band of the printed 总分; forms without one get their own bar, not 差."""
    bands = Counter(band_of(f.total_score) for f in forms)
    labels = [(g, hint) for g, hint, _, _ in GRADE_BANDS]
    if bands.get(None):
        labels.append(("无总分", "未填"))
    top = max([bands.get(g if g != "无总分" else None, 0) for g, _ in labels] + [1])
    bars = []
    plot_h, base_y, step = 120.0, 150.0, 78.0
    for i, (label, hint) in enumerate(labels):
        n = bands.get(label if label != "无总分" else None, 0)
        h = plot_h * n / top
        bars.append(_Bar(label=label, hint=hint, count=n, x=40 + i * step, y=base_y - h, height=h))
    return bars, int(40 + len(labels) * step + 10)


def render_html(forms: list[Form], findings: list[Finding], drafts: list[Draft] | None = None) -> str:
    """The whole report as one HTML string (UTF-8; write it with ``_io.write_atomic``)."""
    import jinja2

    placed, unmatched = place(forms, findings, drafts)
    views: list[FormView] = [build_form(p) for p in placed]
    bars, chart_width = _histogram(forms)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = fmt_num
    unmatched_notes = [
        Note(
            anchor=f"u{i + 1}",
            rule=f.rule,
            name=f.name,
            title=rule_title(f.rule, f.name)[0],
            severity=f.severity,
            severity_label=SEVERITY_LABELS[f.severity],
            message=f"「{f.form}」：{f.message}",
            where=str(f.location) if f.location.file else "",
            llm=f.source == "llm",
        )
        for i, f in enumerate(unmatched)
    ]
    from .. import __version__

    return env.get_template("report.html.j2").render(
        forms=views,
        totals=count(findings),
        n_forms=len(forms),
        rules=_rule_rows(findings),
        bars=bars,
        chart_width=chart_width,
        unmatched=unmatched_notes,
        sources=sorted({f.source.file for f in forms if f.source.file}),
        n_drafts=len(drafts or []),
        version=__version__,
        severity_labels=SEVERITY_LABELS,
    )


class HtmlReporter(WholeRunReporter):
    """The HTML report, written when the run ends: it shows every form whole."""

    def finish(self) -> None:
        self.write(render_html(self.forms, self.findings, drafts=self.drafts or None))
