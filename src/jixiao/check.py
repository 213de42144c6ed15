"""The engine: run the selected rules over forms and return findings in a stable order.

Pure on purpose: no files, terminals or models. The CLI, the reports and the LLM side's guard
(which re-runs ``check_form`` on a copy of a form with a drafted deviation filled in) all call
these two functions, so what they see is always the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from ._gc import paused_gc
from .config import Settings
from .finding import SEVERITY_ORDER, Finding, Location
from .model import Area, Form
from .readers.templates import OTHER, by_name
from .rules import Hit, Rule, all_rules, hit_place
from .rules._facts import FormFacts
from .rules._reason import DEVIATION

__all__ = ["check_form", "check_forms", "exit_status", "count_by_severity", "selected_rules"]

_DEFAULT = Settings()
FAMILY_AREAS: dict[str, frozenset[Area]] = {
    "F": frozenset({"funds"}),
    "S": frozenset({"indicators"}),
    "Q": frozenset({"indicators"}),
    "L": frozenset({"indicators"}),
    "D": frozenset({"indicators"}),
    "E": frozenset({"indicators"}),
    "N": frozenset({"goal", "indicators"}),
    "P": frozenset({"header"}),
    "X": frozenset({"header"}),
    "R": frozenset(),
}
"""The parts of a form each rule family reads: a family does not run on a form whose reading
doubts one of them (``Reading.doubtful``), so a misreading never becomes a finding."""
_selection: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[list[Rule], list[Rule]]] = {}


def _selected(settings: Settings) -> tuple[list[Rule], list[Rule]]:
    """The rules ``settings`` enables, in catalogue order, and the per-form ones among them,
    worked out once per select/ignore pair."""
    key = (settings.select, settings.ignore)
    if key not in _selection:
        rules = [r for r in all_rules() if settings.enabled(r.code)]
        _selection[key] = (rules, [r for r in rules if r.scope == "form"])
    return _selection[key]


def selected_rules(settings: Settings) -> list[Rule]:
    """The rules ``settings`` enables, in catalogue order."""
    return _selected(settings)[0]


class _Origin(NamedTuple):
    """What every finding on one form repeats: the form's label and where the form starts."""

    label: str
    file: str
    sheet: str | None
    start_line: int | None


def _origin(form: Form) -> _Origin:
    source = form.source
    return _Origin(form.label, source.file, source.sheet, source.start_line)


def _finding(rule: Rule, origin: _Origin, hit: Hit) -> Finding:
    """The finding for ``hit``, placed at its indicator's line (or the form's first line), its
    evidence naming the place on the printed form (``hit_place``) unless the rule named one."""
    ind = hit.indicator
    line = origin.start_line if ind is None or ind.line is None else ind.line
    if "place" not in hit.evidence:
        place = hit_place(ind, hit.field)
        if place:
            hit.evidence["place"] = place
    return Finding(
        rule=rule.code,
        name=rule.name,
        severity=hit.severity or rule.severity,
        form=origin.label,
        indicator=ind.name if ind is not None else None,
        field=hit.field,
        message=hit.message,
        evidence=hit.evidence,
        location=_location(origin.file, line, origin.sheet),
    )


@lru_cache(maxsize=4096)
def _location(file: str, line: int | None, sheet: str | None) -> Location:
    """Where a finding points: a frozen model, so the findings at one place share one."""
    return Location(file=file, line=line, sheet=sheet)


def _order(finding: Finding) -> tuple[int, str, str, str]:
    """Findings are listed by line, rule code, indicator and message."""
    line = finding.location.line
    return (line if line is not None else -1, finding.rule, finding.indicator or "", finding.message)


def unread_areas(form: Form) -> frozenset[Area]:
    """The areas of ``form`` rules may not rely on: those its reading doubts, those its template
    does not print, the total of a form cut short, and a missing 总分 or 年度总体目标 of a form cut
    short or of an unknown template (not the unit's omission there)."""
    reading = form.reading
    if reading is None:
        return frozenset()
    template = by_name(reading.template)
    areas: set[Area] = set(reading.doubtful) | template.absent_areas()
    unknown = template is OTHER  # an unknown template may print no goal or total at all
    if reading.truncated or (unknown and form.total_score is None):
        areas.add("total")  # cut before its closing rows
    if (reading.truncated or unknown) and not form.goal.planned and not form.goal.achieved:
        areas.add("goal")  # maybe cut before its goal
    return frozenset(areas)


def runs_on(rule: Rule, unread: frozenset[Area]) -> bool:
    """Whether ``rule`` runs on a form whose ``unread`` areas are those given."""
    reads = rule.reads if rule.reads is not None else FAMILY_AREAS.get(rule.family, frozenset())
    return not (reads & unread)


def _run(rules: list[Rule], form: Form, settings: Settings, unread: frozenset[Area]) -> tuple[list[Finding], FormFacts]:
    """The findings of ``rules`` on ``form``, whose ``unread_areas`` are ``unread``, and its facts."""
    facts = FormFacts(form)  # built afresh for each check: a form changed in place is re-read
    if unread:
        rules = [r for r in rules if runs_on(r, unread)]
    if facts.reason_box != DEVIATION:
        # the form may print no 偏差原因 column at all (its template has none, or is unknown: a
        # 目标值 / 完成值 table alone) and no row holds a reason: "偏差原因空白" is then no finding
        rules = [r for r in rules if r.family != "D"]
    cut = _cut_row(form)
    origin = _origin(form)
    out: list[Finding] = []
    for rule in rules:
        hits = rule.func(form, settings, facts) if rule.wants_facts else rule.func(form, settings)
        for hit in hits:
            if cut is None or hit.indicator is not cut:
                out.append(_finding(rule, origin, hit))
    return out, facts


def _cut_row(form: Form) -> object | None:
    """The last indicator row of a form cut short when it lacks a cell the rows before it hold:
    the cut went through it (">=9" of ">=90%", no 实际完成值 or 得分), so what it lacks or holds
    is not reported."""
    if form.reading is None or not form.reading.truncated or len(form.indicators) < 2:
        return None
    *before, last = form.indicators
    lacks = (
        (last.target.is_blank and any(not i.target.is_blank for i in before))
        or (last.actual.is_blank and any(not i.actual.is_blank for i in before))
        or (last.score is None and any(i.score is not None for i in before))
    )
    return last if lacks else None


def check_form(form: Form, settings: Settings | None = None) -> list[Finding]:
    """Findings of every selected per-form rule, ordered by line, then rule code."""
    settings = settings or _DEFAULT
    return sorted(_run(_selected(settings)[1], form, settings, unread_areas(form))[0], key=_order)


def check_forms(forms: list[Form], settings: Settings | None = None) -> list[Finding]:
    """``check_form`` for each form, plus the cross-form X rules over the forms of each file.

    Findings stay grouped by form, in the order the forms were given.
    """
    with paused_gc():
        return _check_forms(forms, settings)


def _check_forms(forms: list[Form], settings: Settings | None) -> list[Finding]:
    settings = settings or _DEFAULT
    rules, form_rules = _selected(settings)
    unread = [unread_areas(f) for f in forms]  # the per-form and the file rules both ask
    runs = [_run(form_rules, f, settings, u) for f, u in zip(forms, unread)]
    per_form = [found for found, _ in runs]
    facts = {id(f): form_facts for f, (_, form_facts) in zip(forms, runs)}  # file rules reuse them
    by_file: dict[str, list[int]] = {}
    index: dict[int, int] = {}  # by identity, first occurrence: a hit names its form object
    for i, f in enumerate(forms):
        by_file.setdefault(f.source.file, []).append(i)
        index.setdefault(id(f), i)
    for rule in rules:
        if rule.scope != "file":
            continue
        for idxs in by_file.values():
            group = [forms[i] for i in idxs if runs_on(rule, unread[i])]
            if not group:
                continue
            hits = (rule.func(group, settings, [facts[id(f)] for f in group]) if rule.wants_facts
                    else rule.func(group, settings))
            for hit in hits:
                owner = hit.form if hit.form is not None else group[0]
                per_form[index[id(owner)]].append(_finding(rule, _origin(owner), hit))
    return [f for chunk in per_form for f in sorted(chunk, key=_order)]


def count_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] += 1
    return counts


def exit_status(findings: Iterable[Finding], fail_on: str = "error") -> int:
    """1 when a rules finding reaches ``fail_on``; model findings never change the status."""
    floor = SEVERITY_ORDER[fail_on]
    return int(any(f.source == "rules" and SEVERITY_ORDER[f.severity] >= floor for f in findings))
