"""Template drafts: what ``jixiao draft`` writes when no model is configured, reachable or
trusted, or when the unit gave no cause to write up.

Built from the facts and the unit's own words only: the fact sentence, the cause the unit wrote
(its notes, its 偏差原因, a sentence of the narrative about the row), the measure it wrote, and
the owner and deadline it gave. Whatever the unit did not give is a visible placeholder
(【请补充：…】), never a guess; the text is marked 模板草稿.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..finding import Draft
from ..model import Form
from ._facts import IndicatorFacts
from .commitments import Commitments
from .evidence import Evidence, cause_clauses, clauses, missing_cause, placeholder
from .guard import guard_draft
from .prompts import render

__all__ = ["TEMPLATE_MARK", "MEASURE_PLACEHOLDER", "unit_parts", "measure_clauses", "template_draft"]

TEMPLATE_MARK = "（模板草稿）"
MEASURE_PLACEHOLDER = placeholder("针对原因的改进措施")

_MEASURE_WORD = re.compile(
    r"建立|制定|印发|修订|开展|组织|收集|归档|存档|留存|整理|落实|实行|使用|纳入|设立|调整|测算|细化|规范|培训|"
    r"检查|考核|跟踪|复核|统计|调查|评估|电子化|补充|补齐|完善|加强")
"""A clause with one of these proposes something to do."""


def measure_clauses(text: str) -> list[str]:
    """The clauses of ``text`` that propose something to do (and state no cause)."""
    causes = set(cause_clauses(text))
    return [c for c in clauses(text) if c not in causes and _MEASURE_WORD.search(c)]


def unit_parts(facts: IndicatorFacts, evidence: Evidence) -> tuple[str, str]:
    """(cause, measure) in the unit's own words, each a placeholder when the unit gave none.

    The notes win over the form (the unit wrote them for this draft: a note with no cause word,
    "观众多于预期", is still its cause); within the form the row's own 偏差原因 wins over the
    narrative."""
    sources = [evidence.notes, evidence.existing, *evidence.sentences]
    noted = cause_clauses(evidence.notes) or [c for c in clauses(evidence.notes)
                                              if c not in measure_clauses(evidence.notes)]
    found = [noted, *(cause_clauses(s) for s in sources[1:] if s)]
    cause = next(("，".join(cs) for cs in found if cs), "")
    measure = next(("，".join(ms) for ms in (measure_clauses(s) for s in sources if s) if ms), "")
    if not cause:
        return missing_cause(facts.direction), MEASURE_PLACEHOLDER
    return cause, measure or MEASURE_PLACEHOLDER


def template_draft(form: Form, facts: IndicatorFacts, evidence: Evidence, commitments: Commitments, *,
                   notes: list[str] | None = None, folder: Path | None = None) -> Draft:
    """The template text for one row, with the guard's verdict and why it was used."""
    cause, measure = unit_parts(facts, evidence)
    when = commitments.sentence()
    text = render("draft_fallback_v1", folder, it=facts.prompt_facts(), cause=cause, measure=measure, when=when)
    text = text.strip()
    problems = guard_draft(form, facts, text, given=evidence.notes + " " + commitments.text)
    return Draft(
        form=form.label,
        indicator=facts.name,
        text=text,
        origin="template",
        accepted=not problems,
        triggers=list(facts.triggers),
        notes=[*(notes or []), *(f"模板草稿未通过校验：{p}" for p in problems)],
    )
