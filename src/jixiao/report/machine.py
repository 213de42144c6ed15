"""Machine-readable findings: JSON, JSON Lines and GitHub Actions annotations.

JSON is a stable array, one object per finding, in the checker's order (grouped by form, then by
line and rule). Keys (only ever added to, never renamed):

    rule       str   rule code, e.g. "Q005" (see `jixiao rules`)
    name       str   kebab-case rule name, e.g. "met-but-deducted"
    severity   str   "error" | "warning" | "info"
    form       str   项目名称 of the form (or "file:line" when it has none)
    indicator  str|null  三级指标 name the finding is about, null for form-level findings
    field      str|null  which part of the form: "score", "deviation", "goal.achieved",
                         "funds.total.rate", ...
    message    str   Chinese explanation quoting the numbers compared
    evidence   object   the values compared (keys depend on the rule), e.g.
                        {"target": 90, "actual": 90, "weight": 20, "score": 17, "lost": 3}
    location   object   {"file": str, "line": int|null, "sheet": str|null}
    source     str   "rules" (deterministic) or "llm" (model review; never fails the run)

``jsonl`` writes the same objects, one per line, so a long folder run can be streamed; ``github``
writes ``::error file=…,line=…,title=…::message`` workflow commands (info → ``notice``).

All three are written file by file as the findings arrive and keep nothing in memory. Findings
are serialised by pydantic; the bytes are those ``json.dumps`` gives (``ensure_ascii=False``;
``indent=2`` for json, compact for jsonl), except that a number below 1e-4 is spelled out
(0.00001, not 1e-05): the same JSON value.
"""

from __future__ import annotations

from pydantic import TypeAdapter

from ..finding import Finding
from .base import Checked, Reporter

__all__ = ["JsonReporter", "JsonLinesReporter", "GithubReporter", "KEYS", "finding_json", "github_line"]

KEYS = ("rule", "name", "severity", "form", "indicator", "field", "message", "evidence", "location", "source")
"""The keys of a finding's object, in order (``Finding`` declares its fields so)."""

_FINDING = TypeAdapter(Finding)


def finding_json(f: Finding, indent: int | None = None) -> str:
    """One finding as a JSON object, compact or indented."""
    return _FINDING.dump_json(f, indent=indent).decode()


class JsonReporter(Reporter):
    """One JSON array, written item by item: ``[``, the items joined by ``,``, then ``]``."""

    def start(self) -> None:
        self.items = 0

    def handle(self, checked: Checked) -> None:
        pieces = []
        for f in checked.findings:
            pieces.append("[\n" if self.items == 0 else ",\n")
            pieces.append("  " + finding_json(f, indent=2).replace("\n", "\n  "))  # one level into the array
            self.items += 1
        if pieces:
            self.write("".join(pieces))

    def finish(self) -> None:
        self.write("\n]\n" if self.items else "[]\n")


class JsonLinesReporter(Reporter):
    """One compact JSON object per line."""

    def handle(self, checked: Checked) -> None:
        if checked.findings:
            self.write("".join(finding_json(f) + "\n" for f in checked.findings))


_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github_line(f: Finding) -> str:
    """``::warning file=…,line=…,title=Q005 met-but-deducted::「form」「indicator」message``."""
    props = [f"file={_gh_escape(f.location.file, prop=True)}"]
    if f.location.line is not None:
        props.append(f"line={f.location.line}")
    props.append(f"title={_gh_escape(f'{f.rule} {f.name}', prop=True)}")
    where = f"「{f.form}」" + (f"「{f.indicator}」" if f.indicator else "")
    return f"::{_GH_LEVEL[f.severity]} {','.join(props)}::{_gh_escape(where + f.message)}"


class GithubReporter(Reporter):
    """GitHub Actions workflow commands, one per finding (info becomes ``notice``)."""

    def handle(self, checked: Checked) -> None:
        if checked.findings:
            self.write("".join(github_line(f) + "\n" for f in checked.findings))
