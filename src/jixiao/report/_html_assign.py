"""Where each finding and draft belongs on a form: the placement both reports share.

A reviewer reads a finding next to the cell it is about, so the HTML table and the annotated
workbook must agree on which cell that is. Placement is decided once here, from the finding's
``form`` / ``indicator`` / ``field``; the renderers only turn a *slot* into a table cell or a
sheet cell. A finding that cannot be placed is never dropped: it falls back to the form as a
whole, or (form unknown) to the report's list of unmatched findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..finding import SEVERITY_ORDER, Draft, Finding
from ..model import Form

__all__ = [
    "SEVERITY_LABELS",
    "FUNDS_ROWS",
    "FUNDS_COLS",
    "INDICATOR_FIELDS",
    "Slot",
    "Placed",
    "place",
    "worst",
    "form_key",
    "rule_title",
]

SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}

FUNDS_ROWS: dict[str, str] = {
    "total": "年度资金总额",
    "appropriation": "其中：当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}
FUNDS_COLS: dict[str, str] = {
    "initial": "年初预算数",
    "budget": "全年预算数",
    "executed": "全年执行数",
    "weight": "分值",
    "rate": "执行率(%)",
    "score": "得分",
}
INDICATOR_FIELDS = ("name", "target", "actual", "weight", "score", "deviation")

Slot = tuple[str, ...]
"""A cell of the national layout, e.g. ``("ind", "3", "score")``, ``("funds", "total", "rate")``,
``("goal", "achieved")``, ``("total", "score")``, ``("grade",)``, ``("header", "project")`` or
``("form",)`` for findings about the form as a whole."""

_HEADER_FIELDS = {"project", "year", "department", "implementer"}


@dataclass
class Placed:
    """The findings and drafts of one form, keyed by slot (cell) and by block (annotation row)."""

    form: Form
    index: int
    by_slot: dict[Slot, list[Finding]] = field(default_factory=dict)
    by_block: dict[Slot, list[Finding]] = field(default_factory=dict)
    drafts: dict[int, list[Draft]] = field(default_factory=dict)
    loose_drafts: list[Draft] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for fs in self.by_block.values() for f in fs]


def worst(findings: list[Finding]) -> str | None:
    """The severity that colours a cell; model findings never colour one (they are advice)."""
    counted = [f.severity for f in findings if f.source == "rules"]
    return max(counted, key=SEVERITY_ORDER.__getitem__) if counted else None


def rule_title(code: str, name: str) -> tuple[str, str]:
    """A Chinese title (short, full) for a rule code: reviewers read Chinese, not rule slugs.

    Falls back to the finding's own name for codes the catalogue does not know (model findings).
    """
    try:
        from ..rules import get_rule

        summary = get_rule(code).summary
    except Exception:  # unknown code (LLM0xx) or a catalogue that failed to load: still render
        return name, name
    short = summary.split("：")[0].split("（")[0].strip()
    return short or name, summary


def form_key(form: Form) -> str:
    return form.project or form.label


def _slot_of(finding: Finding, form: Form) -> Slot:
    name = finding.field or ""
    head, _, rest = name.partition(".")
    if head == "funds":
        row, _, col = rest.partition(".")
        if row == "weight":
            return ("funds", "total", "weight")
        if row in FUNDS_ROWS and col in FUNDS_COLS:
            return ("funds", row, col)
        return ("funds", row if row in FUNDS_ROWS else "total", "label")
    if head == "goal":
        return ("goal", rest if rest in {"planned", "achieved"} else "label")
    if name in {"total_score", "total_weight"}:
        return ("total", "score" if name == "total_score" else "weight")
    if name == "grade":
        return ("grade",)
    if name in _HEADER_FIELDS:
        return ("header", name)
    index = _indicator_index(form, finding.indicator, finding.location.line)
    if index is not None:
        col = name if name in INDICATOR_FIELDS else "name"
        return ("ind", str(index), col)
    return ("form",)


def _indicator_index(form: Form, name: str | None, line: int | None) -> int | None:
    """Same-named indicators exist (two 满意度 rows); the source line tells them apart."""
    if not name:
        return None
    hits = [i for i, ind in enumerate(form.indicators) if ind.name == name]
    if not hits:
        stripped = "".join(name.split())
        hits = [i for i, ind in enumerate(form.indicators) if "".join(ind.name.split()) == stripped]
    if len(hits) > 1 and line is not None:
        exact = [i for i in hits if form.indicators[i].line == line]
        hits = exact or hits
    return hits[0] if hits else None


def _block_of(slot: Slot) -> Slot:
    if slot[0] == "ind":
        return slot[:2]
    if slot[0] in {"total", "grade"}:
        return ("total",)
    return slot[:1]


def _owner(forms: list[Form], by_name: dict[str, list[int]], finding: Finding) -> int | None:
    """Which form a finding is about; two files may hold forms of the same name."""
    hits = by_name.get(finding.form, [])
    if len(hits) > 1 and finding.location.file:
        same_file = [i for i in hits if forms[i].source.file == finding.location.file]
        hits = same_file or hits
        line = finding.location.line
        if len(hits) > 1 and line is not None:
            inside = [
                i
                for i in hits
                if (forms[i].source.start_line or 0) <= line <= (forms[i].source.end_line or line)
            ]
            hits = inside or hits
    return hits[0] if hits else None


def _names(forms: list[Form]) -> dict[str, list[int]]:
    """Form name → indexes, built once: a batch holds thousands of forms and findings."""
    out: dict[str, list[int]] = {}
    for i, form in enumerate(forms):
        for key in dict.fromkeys([form.project, form.label]):
            if key is not None:
                out.setdefault(key, []).append(i)
    return out


def place(
    forms: list[Form], findings: list[Finding], drafts: list[Draft] | None = None
) -> tuple[list[Placed], list[Finding]]:
    """Every finding lands in exactly one place: a form's slot, or the unmatched list."""
    placed = [Placed(form=f, index=i) for i, f in enumerate(forms)]
    by_name = _names(forms)
    unmatched: list[Finding] = []
    for finding in findings:
        owner = _owner(forms, by_name, finding)
        if owner is None:
            unmatched.append(finding)
            continue
        target = placed[owner]
        slot = _slot_of(finding, target.form)
        target.by_slot.setdefault(slot, []).append(finding)
        target.by_block.setdefault(_block_of(slot), []).append(finding)
    for draft in drafts or []:
        hits = [placed[i] for i in by_name.get(draft.form, [])]
        if not hits:
            continue
        index = _indicator_index(hits[0].form, draft.indicator, None)
        if index is None:
            hits[0].loose_drafts.append(draft)
        else:
            hits[0].drafts.setdefault(index, []).append(draft)
    for p in placed:
        for fs in p.by_block.values():
            fs.sort(key=lambda f: (f.source != "rules", -SEVERITY_ORDER[f.severity], f.rule))
    return placed, unmatched
