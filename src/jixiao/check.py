"""The engine: run the selected rules over forms and return findings in a stable order.

Pure on purpose: no files, terminals or models. The CLI, the reports and the LLM side's guard
(which re-runs ``check_form`` on a copy of a form with a drafted deviation filled in) all call
these two functions, so what they see is always the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import itemgetter

from ._gc import paused_gc
from ._model_view import view_form
from ._trusted import trusted
from .config import Settings
from .finding import SEVERITY_ORDER, Finding, Location
from .model import Area, Form
from .readers.templates import by_name
from .rules import Hit, Rule, all_rules
from .rules._facts import FormFacts

__all__ = [
    "check_form",
    "check_forms",
    "exit_status",
    "count_by_severity",
    "selected_rules",
    "FAMILY_AREAS",
    "unread_areas",
    "runs_on",
]

_DEFAULT = Settings()
FAMILY_AREAS: dict[str, frozenset[Area]] = {
    "F": frozenset({"funds"}),
    "S": frozenset({"funds", "indicators", "total"}),
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
_FormRule = tuple[Rule, Callable[..., Iterable[Hit]], bool]
"""A selected per-form rule as the engine calls it: (rule, function, wants facts)."""
_selection: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[list[Rule], list[_FormRule]]] = {}


def _selected(settings: Settings) -> tuple[list[Rule], list[_FormRule]]:
    """The rules ``settings`` enables, in catalogue order, and the per-form ones among them as
    ``_FormRule``s, cached per select/ignore pair: the engine asks this of every rule of every
    form, and most rules find nothing."""
    key = (settings.select, settings.ignore)
    hit = _selection.get(key)
    if hit is None:
        rules = [r for r in all_rules() if settings.enabled(r.code)]
        hit = _selection[key] = (rules, [(r, r.func, r.wants_facts) for r in rules if r.scope == "form"])
    return hit


def selected_rules(settings: Settings) -> list[Rule]:
    """The rules ``settings`` enables, in catalogue order."""
    return _selected(settings)[0]


def _finding(rule: Rule, form: Form, hit: Hit, places: dict[int | None, Location] | None = None,
             label: str | None = None) -> tuple[tuple, Finding]:
    """The finding for ``hit`` with its sort key: line, rule code, indicator, message, taken from
    the values at hand (reading them back from a finding's pydantic fields cost more than the
    sort itself). ``places`` holds the form's locations already built, by line.

    ``Location`` is frozen, so the dozen findings of one form can share one per line instead
    of building the same file/line/sheet again for each; ``label`` is the form's, if known.
    Frozen models never change the fields they count as set, so all share one set (pydantic's
    ``model_copy`` copies it before adding to it).
    """
    ind = hit.indicator
    if ind is None:
        line, name = form.source.start_line, None
    else:
        line, name = ind.line, ind.name
        if line is None:
            line = form.source.start_line
    location = places.get(line) if places is not None else None
    if location is None:
        source = form.source
        location = trusted(Location, {"file": source.file, "line": line, "sheet": source.sheet}, _LOCATION_SET)
        if places is not None:
            places[line] = location
    code, message = rule.code, hit.message
    return (line if line is not None else -1, code, name or "", message), trusted(Finding, {
        "rule": code,
        "name": rule.name,
        "severity": hit.severity or rule.severity,
        "form": form.label if label is None else label,
        "indicator": name,
        "field": hit.field,
        "message": message,
        "evidence": hit.evidence,
        "location": location,
        "source": "rules",
    }, _FINDING_SET)


_FINDING_SET, _LOCATION_SET = set(Finding.model_fields), set(Location.model_fields)


def _sorted(keyed: list[tuple[tuple, Finding]]) -> list[Finding]:
    """The findings by line, rule code, indicator and message; ties keep their order."""
    return [f for _, f in sorted(keyed, key=_key)]


_key = itemgetter(0)


def unread_areas(form: Form) -> frozenset[Area]:
    """The areas of ``form`` rules may not rely on: those its reading doubts, those its template
    does not print, and the total of a form cut short (a missing 总分 or 年度总体目标 is then not
    the unit's omission)."""
    reading = form.reading
    if reading is None:
        return frozenset()
    areas: set[Area] = set(reading.doubtful) | by_name(reading.template).absent_areas()
    if reading.truncated:
        areas.add("total")  # cut before its closing rows
    return frozenset(areas)


def runs_on(rule: Rule, unread: frozenset[Area]) -> bool:
    """Whether ``rule`` runs on a form whose ``unread`` areas are those given."""
    return not (FAMILY_AREAS.get(rule.family, frozenset()) & unread)


def _run(rules: list[_FormRule], form: Form, settings: Settings) -> list[tuple[tuple, Finding]]:
    unread = unread_areas(form)
    if unread:
        rules = [r for r in rules if runs_on(r[0], unread)]
    out: list[tuple[tuple, Finding]] = []
    places: dict[int | None, Location] = {}
    label = form.label
    form = view_form(form)  # plain objects: pydantic's __getattr__ makes every attribute read slow
    facts = FormFacts(form)  # built afresh for each check: a form changed in place is re-read
    for rule, func, wants_facts in rules:
        # A plain loop: most rules find nothing, and a generator per rule would cost more than they do.
        for hit in func(form, settings, facts) if wants_facts else func(form, settings):
            out.append(_finding(rule, form, hit, places, label))
    return out


def check_form(form: Form, settings: Settings | None = None) -> list[Finding]:
    """Findings of every selected per-form rule, ordered by line, then rule code."""
    settings = settings or _DEFAULT
    return _sorted(_run(_selected(settings)[1], form, settings))


def check_forms(forms: list[Form], settings: Settings | None = None) -> list[Finding]:
    """``check_form`` for each form, plus the cross-form X rules over the forms of each file.

    Findings stay grouped by form, in the order the forms were given.
    """
    with paused_gc():
        return _check_forms(forms, settings)


def _check_forms(forms: list[Form], settings: Settings | None) -> list[Finding]:
    settings = settings or _DEFAULT
    rules, form_rules = _selected(settings)
    per_form: list[list[tuple[tuple, Finding]]] = [_run(form_rules, f, settings) for f in forms]
    by_file: dict[str, list[int]] = {}
    index: dict[int, int] = {}  # by identity, first occurrence: a hit names its form object
    for i, f in enumerate(forms):
        by_file.setdefault(f.source.file, []).append(i)
        index.setdefault(id(f), i)
    for rule in rules:
        if rule.scope != "file":
            continue
        for idxs in by_file.values():
            group = [forms[i] for i in idxs if runs_on(rule, unread_areas(forms[i]))]
            if not group:
                continue
            for hit in rule.func(group, settings):
                owner = hit.form if hit.form is not None else group[0]
                per_form[index[id(owner)]].append(_finding(rule, owner, hit))
    return [f for chunk in per_form for f in _sorted(chunk)]


def count_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] += 1
    return counts


def exit_status(findings: Iterable[Finding], fail_on: str = "error") -> int:
    """1 when a rules finding reaches ``fail_on``; model findings never change the status."""
    floor = SEVERITY_ORDER[fail_on]
    return int(any(f.source == "rules" and SEVERITY_ORDER[f.severity] >= floor for f in findings))
