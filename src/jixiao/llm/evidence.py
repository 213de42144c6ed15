"""What the unit wrote or told us about one row: the only ground a drafted cause may stand on.

A cause comes from the row's own 偏差原因, from sentences of 实际完成情况 / 评价结论 / 存在问题 /
改进措施 that are about this indicator, or from the unit's notes (``jixiao draft --notes``).
Where none of that states a cause, the draft carries a visible placeholder instead of a guess.
The same texts are what the guard measures a drafted cause against (``grounded``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Form
from ..rules.deviation import CAUSE, VAGUE_CAUSE
from ._facts import Direction, IndicatorFacts

__all__ = ["Evidence", "row_evidence", "cause_clauses", "grounded", "overlap", "clauses", "PLACEHOLDER_MARK",
           "placeholder"]

PLACEHOLDER_MARK = "【请补充："
"""Every placeholder starts with this: the unit must replace it before the form is filed."""

_CLAUSE_BREAK = re.compile(r"[。；;！？!?\n，,]")

_STOP_BIGRAMS = frozenset({"原因", "由于", "导致", "相关", "工作", "进行", "存在", "情况", "问题", "方面", "有关",
                           "部分", "指标", "年度", "项目", "一定", "造成", "因为", "未能", "以及", "评分", "时缺"})
"""Bigrams any cause sentence may contain; they prove nothing about where the cause came from."""


def placeholder(what: str) -> str:
    """The visible hole a unit must fill, e.g. 【请补充：未达到的具体原因】."""
    return f"{PLACEHOLDER_MARK}{what}】"


_MISSING_CAUSE: dict[Direction, str] = {
    "miss": "未达到的具体原因",
    "over": "超出年度指标值的具体原因",
    "deducted": "扣分的具体原因",
    "other": "偏差的具体原因",
}


def missing_cause(direction: Direction) -> str:
    """The placeholder for a cause nobody gave us, worded for what the row must explain."""
    return placeholder(_MISSING_CAUSE[direction])


def clauses(text: str) -> list[str]:
    """Clauses of a text (split at 。；，and line breaks), blank ones dropped."""
    return [c.strip() for c in _CLAUSE_BREAK.split(text or "") if c.strip()]


def _core(text: str) -> str:
    return re.sub(r"[\W_]", "", text)


def _bigrams(text: str) -> set[str]:
    t = _core(text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


def _about(clause: str, name: str) -> bool:
    """The clause speaks of this indicator: it holds the name, or four characters of it in a row
    (a short name, three or fewer characters, must appear whole)."""
    c, n = _core(clause), _core(name)
    if not n:
        return False
    if n in c:
        return True
    run = 4 if len(n) > 4 else len(n)
    return any(n[i : i + run] in c for i in range(len(n) - run + 1))


@dataclass(frozen=True)
class Evidence:
    """The unit's own words about one row."""

    existing: str = ""
    """The row's 偏差原因分析 as filed."""
    sentences: tuple[str, ...] = ()
    """Passages of 实际完成情况 / 评价结论 / 存在问题 / 改进措施 about this indicator."""
    notes: str = ""
    """What the unit told us for this row (the notes file)."""

    @property
    def texts(self) -> list[str]:
        return [t for t in (self.existing, *self.sentences, self.notes) if t.strip()]

    @property
    def causes(self) -> list[str]:
        """Clauses that state a concrete cause; notes with no such clause count whole (the unit
        wrote them for this row: "观众多于预期" is its cause)."""
        found = [c for t in (self.notes, self.existing, *self.sentences) for c in cause_clauses(t)]
        if self.notes.strip() and not cause_clauses(self.notes):
            found.insert(0, self.notes.strip())
        return list(dict.fromkeys(found))

    @property
    def has_cause(self) -> bool:
        return bool(self.causes)


def cause_clauses(text: str) -> list[str]:
    """The clauses of ``text`` that state a concrete cause (not "客观原因", not "需进一步完善")."""
    out = []
    for clause in clauses(text):
        stripped = VAGUE_CAUSE.sub("", clause)
        if CAUSE.search(stripped):
            out.append(clause)
    return out


_SENTENCE_BREAK = re.compile(r"[。；;！？!?\n]")


def _passages(text: str, name: str, others: list[str]) -> list[str]:
    """The stretches of ``text`` about ``name``: from a clause naming it to the end of its
    sentence, or to the next clause naming another indicator ("一是…不足，因机构调整，…；")."""
    out: list[str] = []
    for sentence in _SENTENCE_BREAK.split(text or ""):
        parts = clauses(sentence)
        for i, clause in enumerate(parts):
            if not _about(clause, name):
                continue
            end = i + 1
            while end < len(parts) and not any(_about(parts[end], o) for o in others):
                end += 1
            out.append("，".join(parts[i:end]))
    return out


def row_evidence(form: Form, facts: IndicatorFacts, notes: str = "") -> Evidence:
    """Everything the unit wrote about this row, from the form and the notes."""
    name = facts.name
    others = [i.name for i in form.indicators if i.name and i.name != name and not _about(i.name, name)]
    narratives = (form.goal.achieved, form.conclusion or "", form.shortcomings or "", form.measures or "")
    found = [p for text in narratives for p in _passages(text, name, others)]
    return Evidence(
        existing=facts.indicator.deviation.strip(),
        sentences=tuple(dict.fromkeys(found)),
        notes=notes.strip(),
    )


def overlap(part: str, source: str) -> float:
    """Share of ``part``'s telling bigrams that ``source`` also has (0 when ``part`` has none)."""
    mine = _bigrams(part) - _STOP_BIGRAMS
    if not mine:
        return 0.0
    return len(mine & _bigrams(source)) / len(mine)


_COMMON_CHARS = frozenset("的了和与及等在对为是有将其中并而且或也由于因导致造成相关工作进行存在情况问题方面年度指标项目原")
"""Characters any cause sentence may contain; they prove nothing about where a cause came from."""


def _char_share(part: str, source: str) -> float:
    mine = set(_core(part)) - _COMMON_CHARS
    if not mine:
        return 0.0
    return len(mine & set(_core(source))) / len(mine)


def grounded(cause: str, evidence: Evidence, *, kept: float = 0.5, own: float = 0.25) -> bool:
    """The cause is a placeholder, or restates a cause the unit gave: it keeps at least ``kept``
    of the telling characters of one of the unit's cause clauses, and at least ``own`` of its own
    come from it. Characters, not words: a 公文 rewrite says 归档 for 存档 and adds connecting
    words, but a second cause brings characters of its own."""
    if PLACEHOLDER_MARK in cause:
        return True
    return any(_char_share(source, cause) >= kept and _char_share(cause, source) >= own
               for source in evidence.causes)
