"""Matching what the narrative says to the rows of the table.

A quantity in 实际完成情况 ("开展配送和志愿服务数量 95次") speaks of the indicator whose name its
preceding words share most with ("开展配送和志愿服务数量 ≥80(次) 95.00(次)"); a name is reduced
to its core first (情况, 数量, 完成数… say nothing about *which* thing), and similarity is the
share of the core's character bigrams found in the words before the quantity (and the noun it
counts). Bigrams tolerate the usual paraphrase ("科普日主题重点活动" ↔ "科普日主场重点活动")
without a dictionary, and stay fast enough for thousands of forms a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model import Indicator
from ._common import compact

__all__ = ["Candidate", "clause_before", "name_core", "similarity", "rank", "STRONG", "WEAK"]

STRONG = 0.75
"""Similarity at which a differing number is called a contradiction (N001), not a stray figure."""
WEAK = 0.5
"""Similarity at which a quantity is taken to speak of an indicator at all."""

_DELIM = re.compile(r"[，,。；;：:！!？?、（）()\n]")
_LEAD = re.compile(r"^(?:截至|截止|截止到)?\d{4}年\d{1,2}月\d{1,2}日|^(?:本项目|项目已?|共|累计|全年|完成|实现|达到|已)+")
_GENERIC = re.compile(r"情况|完成数|完成次数|完成量|完成率?$|数量|次数|场次|个数|人数$|^数|数$|提升|影响力|水平|程度|"
                      r"开展|举办|组织|实施|建设|项目")


@dataclass(frozen=True, slots=True)
class Candidate:
    score: float
    indicator: Indicator


def clause_before(text: str, start: int) -> str:
    """The words between the previous clause break and ``start`` (dates and filler dropped)."""
    i = start
    while i > 0 and not _DELIM.match(text[i - 1]):
        i -= 1
    return _LEAD.sub("", text[i:start])


@lru_cache(maxsize=4096)
def name_core(name: str) -> str:
    """An indicator name without the words every name has ("情况", "数量", "提升")."""
    full = compact(name)
    core = _GENERIC.sub("", full)
    return core if len(core) >= 2 else full


@lru_cache(maxsize=8192)
def _bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset({text}) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def similarity(context: str, name: str, *, _ctx: frozenset[str] | None = None) -> float:
    """Share of the name core's bigrams that occur in ``context`` (0..1)."""
    core = _bigrams(name_core(name))
    if not core:
        return 0.0
    ctx = _ctx if _ctx is not None else _bigrams(compact(context))
    return len(core & ctx) / len(core)


def rank(context: str, indicators: list[Indicator], *, noun: str | None = None) -> list[Candidate]:
    """Indicators at or above ``WEAK`` similarity, best first (ties keep table order)."""
    ctx = compact(context + (noun or ""))
    grams = frozenset(ctx[i : i + 2] for i in range(len(ctx) - 1))
    out = []
    for ind in indicators:
        core = _bigrams(name_core(ind.name))
        if core:
            score = len(core & grams) / len(core)
            if score >= WEAK:
                out.append(Candidate(score, ind))
    out.sort(key=lambda c: -c.score)
    return out


def q_attr(q: Any, name: str, default: Any = None) -> Any:
    return getattr(q, name, default)
