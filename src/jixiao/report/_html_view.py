"""The HTML report's view: forms and placed findings turned into rows a template can print.

The arithmetic of the layout (rowspans of 一级/二级 groups, which cell is highlighted, which
annotation row follows which table row) lives here in plain Python, so the template stays a
dumb printer and the layout can be tested without parsing HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..finding import Draft, Finding
from ..model import Form, FundsRow, Value
from ._html_assign import FUNDS_COLS, FUNDS_ROWS, SEVERITY_LABELS, Placed, Slot, rule_title, worst

__all__ = [
    "Cell",
    "Note",
    "IndicatorRow",
    "FormView",
    "build_form",
    "count",
    "fmt_num",
    "fmt_value",
    "GRADE_BANDS",
    "band_of",
]

GRADE_BANDS: list[tuple[str, str, float, float]] = [
    ("优", "≥90", 90.0, float("inf")),
    ("良", "80–90", 80.0, 90.0),
    ("中", "60–80", 60.0, 80.0),
    ("差", "<60", float("-inf"), 60.0),
]


def band_of(score: float | None) -> str | None:
    if score is None:
        return None
    for grade, _, low, high in GRADE_BANDS:
        if low <= score < high:
            return grade
    return None


def fmt_num(x: float | None) -> str:
    """Two decimals, as the national form prints 分值/得分/金额."""
    return "" if x is None else f"{x:.2f}"


def fmt_value(v: Value) -> str:
    """The verbatim printed text: a reviewer compares the report with the paper form."""
    if v.text.strip():
        return v.text
    if v.value is None:
        return ""
    op = "" if v.op in (None, "=") else v.op.replace(">=", "≥").replace("<=", "≤")
    return f"{op}{v.value:g}{v.unit or ''}"


@dataclass
class Note:
    """One finding as shown in an annotation row and the summary."""

    anchor: str
    rule: str
    name: str
    title: str
    severity: str
    severity_label: str
    message: str
    where: str
    llm: bool


@dataclass
class Cell:
    text: str = ""
    sev: str | None = None
    llm: bool = False
    chips: list[Note] = field(default_factory=list)

    @property
    def css(self) -> str:
        classes = [f"sev-{self.sev}"] if self.sev else []
        if self.llm:
            classes.append("llm-hit")
        return " ".join(classes)


@dataclass
class IndicatorRow:
    l1: str
    l1_span: int
    l2: str
    l2_span: int
    cells: dict[str, Cell]
    drafts: list[Draft]
    notes: list[Note]


@dataclass
class FormView:
    anchor: str
    title: str
    year: str
    department: str
    implementer: str
    source: str
    counts: dict[str, int]
    header: dict[str, Cell]
    header_notes: list[Note]
    funds_unit: str
    funds_rows: list[tuple[Cell, list[Cell]]]
    funds_notes: list[Note]
    goal: dict[str, Cell]
    goal_notes: list[Note]
    rows: list[IndicatorRow]
    ind_span: int
    total: dict[str, Cell]
    total_notes: list[Note]
    form_notes: list[Note]
    loose_drafts: list[Draft]
    warnings: list[str]


class _Builder:
    """Numbers each finding once, so a chip in a cell can link to its note below the row."""

    def __init__(self, placed: Placed) -> None:
        self.placed = placed
        self.prefix = f"f{placed.index + 1}"
        self.notes: dict[int, Note] = {}

    def note(self, f: Finding) -> Note:
        key = id(f)
        if key not in self.notes:
            where = _where(f, self.placed.form)
            self.notes[key] = Note(
                anchor=f"{self.prefix}-n{len(self.notes) + 1}",
                rule=f.rule,
                name=f.name,
                title=rule_title(f.rule, f.name)[0],
                severity=f.severity,
                severity_label=SEVERITY_LABELS[f.severity],
                message=f.message,
                where=where,
                llm=f.source == "llm",
            )
        return self.notes[key]

    def cell(self, slot: Slot, text: str) -> Cell:
        hits = self.placed.by_slot.get(slot, [])
        return Cell(
            text=text,
            sev=worst(hits),
            llm=any(f.source == "llm" for f in hits),
            chips=[self.note(f) for f in hits],
        )

    def block(self, block: Slot) -> list[Note]:
        return [self.note(f) for f in self.placed.by_block.get(block, [])]


def _funds_cells(b: _Builder, key: str, row: FundsRow | None, scored: bool) -> list[Cell]:
    row = row or FundsRow()
    values = {
        "initial": fmt_num(row.initial),
        "budget": fmt_num(row.budget),
        "executed": fmt_num(row.executed),
        "weight": fmt_num(b.placed.form.funds.weight) if scored else "—",
        "rate": fmt_num(row.rate),
        "score": fmt_num(row.score) if (scored or row.score is not None) else "—",
    }
    return [b.cell(("funds", key, col), values[col]) for col in FUNDS_COLS]


def _indicator_rows(b: _Builder) -> tuple[list[IndicatorRow], int]:
    form = b.placed.form
    heights = [1 + (1 if b.placed.by_block.get(("ind", str(i))) else 0) for i in range(len(form.indicators))]
    rows: list[IndicatorRow] = []
    for i, ind in enumerate(form.indicators):
        prev = form.indicators[i - 1] if i else None
        new_l1 = prev is None or prev.level1 != ind.level1
        new_l2 = new_l1 or prev is None or prev.level2 != ind.level2
        l1_span = l2_span = 0
        if new_l1:
            j = i
            while j < len(form.indicators) and form.indicators[j].level1 == ind.level1:
                j += 1
            l1_span = sum(heights[i:j])
        if new_l2:
            j = i
            while (
                j < len(form.indicators)
                and form.indicators[j].level1 == ind.level1
                and form.indicators[j].level2 == ind.level2
            ):
                j += 1
            l2_span = sum(heights[i:j])
        key = str(i)
        texts = {
            "name": ind.name,
            "target": fmt_value(ind.target),
            "actual": fmt_value(ind.actual),
            "weight": fmt_num(ind.weight),
            "score": fmt_num(ind.score),
            "deviation": ind.deviation,
        }
        rows.append(
            IndicatorRow(
                l1=ind.level1,
                l1_span=l1_span,
                l2=ind.level2,
                l2_span=l2_span,
                cells={k: b.cell(("ind", key, k), v) for k, v in texts.items()},
                drafts=b.placed.drafts.get(i, []),
                notes=b.block(("ind", key)),
            )
        )
    return rows, sum(heights)


def build_form(placed: Placed) -> FormView:
    b = _Builder(placed)
    form = placed.form
    header = {
        "project": b.cell(("header", "project"), form.project or "（未填）"),
        "department": b.cell(("header", "department"), form.department or ""),
        "implementer": b.cell(("header", "implementer"), form.implementer or ""),
        "year": b.cell(("header", "year"), f"（{form.year}年度）" if form.year else ""),
    }
    funds_rows = [
        (b.cell(("funds", "total", "label"), FUNDS_ROWS["total"]), _funds_cells(b, "total", form.funds.total, True))
    ]
    for key, row in form.funds.sub_rows().items():
        funds_rows.append((b.cell(("funds", key, "label"), FUNDS_ROWS[key]), _funds_cells(b, key, row, False)))
    rows, ind_span = _indicator_rows(b)
    view = FormView(
        anchor=f"form-{placed.index + 1}",
        title=form.project or form.label,
        year=header["year"].text,
        department=form.department or "",
        implementer=form.implementer or "",
        source=_source_text(form),
        counts={},
        header=header,
        header_notes=b.block(("header",)),
        funds_unit=form.funds.unit,
        funds_rows=funds_rows,
        funds_notes=b.block(("funds",)),
        goal={
            "label": b.cell(("goal", "label"), "年度总体目标"),
            "planned": b.cell(("goal", "planned"), form.goal.planned),
            "achieved": b.cell(("goal", "achieved"), form.goal.achieved),
        },
        goal_notes=b.block(("goal",)),
        rows=rows,
        ind_span=ind_span,
        total={
            "weight": b.cell(("total", "weight"), fmt_num(form.total_weight)),
            "score": b.cell(("total", "score"), fmt_num(form.total_score)),
            "grade": b.cell(("grade",), form.grade or ""),
        },
        total_notes=b.block(("total",)),
        form_notes=b.block(("form",)),
        loose_drafts=placed.loose_drafts,
        warnings=list(form.warnings),
    )
    view.counts = count(placed.findings)
    return view


def count(findings: list[Finding]) -> dict[str, int]:
    """Model findings are counted apart: they are shown, never counted as the unit's errors."""
    out = {"error": 0, "warning": 0, "info": 0, "llm": 0}
    for f in findings:
        out["llm" if f.source == "llm" else f.severity] += 1
    return out


def _where(f: Finding, form: Form) -> str:
    """The place as the printed form shows it (一级/二级/三级指标 · 列), then where it is in the
    form's own file; the file is named only when it is another one."""
    loc = f.location
    place = f.evidence.get("place")
    parts = [place] if isinstance(place, str) and place else []
    if loc.file and loc.file != form.source.file:
        parts.append(loc.file)
    if loc.sheet and loc.sheet != form.source.sheet:
        parts.append(f"工作表「{loc.sheet}」")
    if loc.line is not None:
        parts.append(f"第 {loc.line} 行")
    return " ".join(parts)


def _source_text(form: Form) -> str:
    s = form.source
    parts = [s.file] if s.file else []
    if s.sheet:
        parts.append(f"工作表「{s.sheet}」")
    if s.start_line is not None:
        parts.append(f"第 {s.start_line}–{s.end_line or s.start_line} 行")
    return " ".join(parts)
