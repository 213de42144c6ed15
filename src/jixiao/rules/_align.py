"""Matching what the narrative says to the rows of the table.

A quantity in 实际完成情况 ("开展配送和志愿服务数量 95次") speaks of the indicator whose name its
preceding words share most with ("开展配送和志愿服务数量 ≥80(次) 95.00(次)"); a name is reduced
to its core first (情况, 数量, 完成数… say nothing about *which* thing), and similarity is the
share of the core's character bigrams found in the words before the quantity (and the noun it
counts). Bigrams tolerate the usual paraphrase ("科普日主题重点活动" ↔ "科普日主场重点活动")
without a dictionary, and stay fast enough for thousands of forms a second.

The N rules compare one clause with every row of a form, several times per form; a row's core
and its bigrams are therefore worked out once per name (:func:`core_grams`, a pure function of a
short string) and the rows of one comparison once per form (``_narr_align.prepared``). Bigrams
are held as integers (:func:`pairs_of`): the set of a paragraph is then built in C instead of
slicing a two-character string per position.
"""

from __future__ import annotations

import re
from codecs import utf_32_le_encode as _utf32
from collections.abc import Callable
from functools import lru_cache

from .._memo import Memo
from ._common import compact

__all__ = [
    "clause_before",
    "core_grams",
    "grams_of",
    "name_core",
    "pairs_of",
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
_CLAUSE_WORDS = re.compile(rf"(?s:.*{_BREAK}|)(?:{_LEAD_WORDS}|)")
"""Everything up to the last clause break, then the lead words after it, in one match (with
``endpos``): the greedy ``.*`` backs off from ``endpos`` to the last break (or, with none, the
group is empty), and the lead words are tried right after it, or nothing. The first match found
is that one: once the break is found the last group always succeeds (it may be empty), so no
earlier break is ever tried."""
_GENERIC = re.compile(r"情况|完成数|完成次数|完成量|完成率?$|数量|次数|场次|个数|人数$|^数|数$|提升|影响力|水平|程度|"
                      r"开展|举办|组织|实施|建设|项目")


def clause_before(text: str, start: int) -> str:
    """The words between the previous clause break and ``start`` (dates and filler dropped).

    One match of ``_CLAUSE_WORDS`` (which always matches) where the plain definition (the last
    break, then the lead words of the clause after it) takes two and a slice between them; this
    runs for every figure of every narrative.
    """
    return text[_CLAUSE_WORDS.match(text, 0, start).end() : start]  # type: ignore[union-attr]


@lru_cache(maxsize=4096)
def name_core(name: str) -> str:
    """An indicator name without the words every name has ("情况", "数量", "提升")."""
    full = compact(name)
    core = _GENERIC.sub("", full)
    return core if len(core) >= 2 else full


def pairs_of(text: str) -> set[int]:
    """The distinct character bigrams of ``text``, each as one integer (none below two characters).

    In UTF-32 every character is four bytes, so the eight bytes from character ``i`` on are the
    bigram ``text[i:i+2]``; reading the buffer as 8-byte integers from offset 0 and from offset 4
    yields every bigram once, one integer per bigram and distinct bigrams as distinct integers.
    Set sizes and intersections are therefore those of the string bigrams. The codec's function is
    called directly: ``str.encode("utf-32-le")`` finds it through the codec registry on every call.
    """
    if len(text) < 2:
        return set()
    even, odd = _bigram_runs(text)
    out = set(even)
    out.update(odd)
    return out


def shared_pairs(a: set[int], text: str) -> set[int]:
    """``a & pairs_of(text)``, without building the set of every bigram of ``text``: when most of
    a paragraph's bigrams are not in ``a``, a look-up costs less than an insertion into a set."""
    if len(text) < 2:
        return set()
    even, odd = _bigram_runs(text)
    out = a.intersection(even)
    out.update(a.intersection(odd))
    return out


def _bigram_runs(text: str) -> tuple[memoryview, memoryview]:
    """The bigrams of ``text`` (two characters at least) from its even and its odd offsets, as
    integers (see :func:`pairs_of`)."""
    n = len(text)
    buf = memoryview(_utf32(text, "surrogatepass")[0])
    return buf[: 8 * (n // 2)].cast("Q"), buf[4 : 4 + 8 * ((n - 1) // 2)].cast("Q")


def grams_of(text: str) -> set[int]:
    """The bigrams of ``text`` as :func:`similarity` sees it: a single character counts as one
    gram (coded below zero, apart from every bigram)."""
    if len(text) < 2:
        return {-1 - ord(text)} if text else set()
    return pairs_of(text)


def _core_grams_of(name: str) -> tuple[str, frozenset[int]]:
    core = name_core(name)
    return core, frozenset(grams_of(core))


core_grams: Callable[[str], tuple[str, frozenset[int]]] = Memo(_core_grams_of).__getitem__
"""The core of an indicator name and its bigrams, in one look-up per row. Memoised in a ``Memo``
(a pure function of a short cell): its bound look-up costs half an ``lru_cache`` call, and the
names are asked for row after row of every comparison."""


def _core_pairs_of(name: str) -> tuple[str, ...] | None:
    core = core_grams(name)[0]
    if len(core) < 2:
        return None
    return tuple({core[i : i + 2] for i in range(len(core) - 1)})


_core_pairs: Callable[[str], tuple[str, ...] | None] = Memo(_core_pairs_of).__getitem__
"""The distinct bigrams of a name's core as strings; ``None`` for a one-character core (memoised
like :func:`core_grams`)."""


def similarity_in(text: str, name: str) -> float:
    """:func:`similarity` of a whole compacted paragraph, by substring search.

    A bigram of the core occurs among the paragraph's bigrams exactly when it occurs in the
    paragraph, so the few core bigrams are looked up in the text instead of building the set of
    every bigram of a long paragraph for a handful of look-ups.
    """
    pairs = _core_pairs(name)
    if pairs is None or len(text) < 2:
        return similarity(text, name)
    return sum(1 for g in pairs if g in text) / len(pairs)


def similarity(context: str, name: str, *, _ctx: set[int] | None = None) -> float:
    """Share of the name core's bigrams that occur in ``context`` (0..1)."""
    core = core_grams(name)[1]
    if not core:
        return 0.0
    ctx = _ctx if _ctx is not None else grams_of(compact(context))
    if core.isdisjoint(ctx):  # most rows of a clause: no shared bigram, and no set built
        return 0.0
    return len(core & ctx) / len(core)
