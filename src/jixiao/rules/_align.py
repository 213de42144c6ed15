"""Matching what the narrative says to the rows of the table.

A quantity in 实际完成情况 ("开展配送和志愿服务数量 95次") speaks of the indicator whose name its
preceding words share most with ("开展配送和志愿服务数量 ≥80(次) 95.00(次)"); a name is reduced
to its core first (情况, 数量, 完成数… say nothing about *which* thing), and similarity is the
share of the core's character bigrams found in the words before the quantity (and the noun it
counts). Bigrams tolerate the usual paraphrase ("科普日主题重点活动" ↔ "科普日主场重点活动")
without a dictionary. A name's core and its bigrams are memoised: the rules ask about the same
names row after row.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import add

from ._common import compact

__all__ = [
    "clause_before",
    "core_grams",
    "grams_of",
    "name_core",
    "pairs_of",
    "shared_pairs",
    "similarity",
    "similarity_in",
    "STRONG",
    "WEAK",
]

STRONG = 0.75
"""Similarity at which a differing number is called a contradiction (N001), not a stray figure."""
WEAK = 0.5
"""Similarity at which a quantity is taken to speak of an indicator at all."""

_DELIMS = "，,。；;：:！!？?、（）()\n"
_BREAK = rf"[{re.escape(_DELIMS)}]"
_LEAD_WORDS = r"(?:截至|截止|截止到)?\d{4}年\d{1,2}月\d{1,2}日|(?:本项目|项目已?|共|累计|全年|完成|实现|达到|已)+"
"""A date or filler words opening a clause, which say nothing about *which* indicator."""
_CLAUSE_START = re.compile(rf"(?s:.*){_BREAK}")
"""Everything up to the last clause break (matched with ``endpos``: the greedy ``.*`` backs off
to the last break before it)."""
_LEAD = re.compile(_LEAD_WORDS)
_GENERIC = re.compile(r"情况|完成数|完成次数|完成量|完成率?$|数量|次数|场次|个数|人数$|^数|数$|提升|影响力|水平|程度|"
                      r"开展|举办|组织|实施|建设|项目")


def clause_before(text: str, start: int) -> str:
    """The words between the previous clause break and ``start`` (dates and filler dropped)."""
    m = _CLAUSE_START.match(text, 0, start)
    begin = m.end() if m else 0
    lead = _LEAD.match(text, begin, start)
    return text[lead.end() if lead else begin : start]


@lru_cache(maxsize=4096)
def name_core(name: str) -> str:
    """An indicator name without the words every name has ("情况", "数量", "提升")."""
    full = compact(name)
    core = _GENERIC.sub("", full)
    return core if len(core) >= 2 else full


def pairs_of(text: str) -> set[str]:
    """The distinct character bigrams of ``text`` (none below two characters): each character
    joined with the next."""
    return set(map(add, text, text[1:]))


def shared_pairs(a: set[str], text: str) -> set[str]:
    """The bigrams of ``a`` that ``text`` has too."""
    return a & pairs_of(text)


def grams_of(text: str) -> set[str]:
    """The grams of ``text`` as :func:`similarity` compares them: its bigrams, or for a single
    character that character (a gram no longer text has)."""
    return {text} if len(text) == 1 else pairs_of(text)


@lru_cache(maxsize=4096)
def core_grams(name: str) -> tuple[str, frozenset[str]]:
    """The core of an indicator name and its grams."""
    core = name_core(name)
    return core, frozenset(grams_of(core))


@lru_cache(maxsize=4096)
def _core_pairs(name: str) -> tuple[str, ...] | None:
    """The distinct bigrams of a name's core; ``None`` for a one-character core."""
    core, grams = core_grams(name)
    return tuple(grams) if len(core) >= 2 else None


def similarity(context: str, name: str, *, _ctx: set[str] | None = None) -> float:
    """Share of the name core's grams that occur in ``context`` (0..1); ``_ctx``: the grams of
    the compacted context, when the caller compares it with many names."""
    core = core_grams(name)[1]
    if not core:
        return 0.0
    ctx = _ctx if _ctx is not None else grams_of(compact(context))
    return len(core & ctx) / len(core)


def similarity_in(text: str, name: str) -> float:
    """:func:`similarity` of an already compacted paragraph, by looking the core's few bigrams up
    in it (a bigram is among the text's bigrams exactly when it occurs in the text)."""
    pairs = _core_pairs(name)
    if pairs is None or len(text) < 2:
        return similarity(text, name)
    return sum(1 for g in pairs if g in text) / len(pairs)
