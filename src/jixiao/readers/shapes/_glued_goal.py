"""The goal of a glued form: where its planned text ends and its achieved text begins.

The two columns of 年度总体目标 run together in a glued copy ("目标1:…,完成情况1:…," or
"…演出设备。已完成绩效指标"). They are parted only where the text itself says where: one inline
完成情况 label between them, or a bare completion phrase closing the planned text's last sentence
before the indicator table; elsewhere the goal stays one cell, which the mapper doubts.
"""

from __future__ import annotations

import re

from ..vocabulary import GOAL_FIELDS, SECTION_TITLES

__all__ = ["goal_columns", "TRAILING_TITLE"]

_DONE = "完成情况"
"""What every label of the achieved text ends with (实际完成情况, 具体完成情况, 完成情况 alone)."""
_ACHIEVED_LABELS = sorted({*GOAL_FIELDS["achieved"].words, _DONE}, key=len, reverse=True)
_SENTENCE = re.compile(r"[,，。;；:：]")
"""Punctuation of running text, which a column header holds none of."""
TRAILING_TITLE = re.compile("(?:" + "|".join(map(re.escape, sorted(SECTION_TITLES, key=len, reverse=True))) + ")$")


def _goal_parts(text: str) -> tuple[str, str] | None:
    """(planned, achieved) of glued goal text that one inline label parts ("目标1:…,完成情况1:…"):
    the only 完成情况 in it, with running text before it and text after; ``None`` when there is
    no such single label (no label, or two: which one parts the columns would be a guess)."""
    text = TRAILING_TITLE.sub("", text)  # the indicator table's title, glued on
    if text.count(_DONE) != 1:
        return None
    done = text.index(_DONE)
    label = next(w for w in _ACHIEVED_LABELS if text.endswith(w, 0, done + len(_DONE)))
    start, end = done + len(_DONE) - len(label), done + len(_DONE)
    planned, achieved = text[:start].strip(), text[end:].strip(" :：")
    # a column header before the label ("全年(调整)绩效目标实际完成情况") is no planned text
    return (planned, achieved) if _SENTENCE.search(planned) and achieved else None


_SPACED_TITLE = re.compile(
    "(?:" + "|".join(" ?".join(map(re.escape, t)) for t in sorted(SECTION_TITLES, key=len, reverse=True)) + r") ?$"
)
"""The indicator table's title glued after the goal, maybe with spaces inside it ("绩 效 指 标")."""
_DONE_PHRASE = re.compile(r"(?<=[。；;！!])\s*((?:已|均已)?(?:全部|基本|按时|按期)?完成)$")
"""An achieved text that is a bare completion phrase ("已完成", "已全部完成") after the planned
text's last sentence."""
_WRAP_SPACE = re.compile(r"(?<=[\u4e00-\u9fff、，,。；;]) +(?=[\u4e00-\u9fff])")
"""A space a wrapped cell left between the characters of a text ("专业院 团")."""


def _goal_done(text: str, closed: bool) -> tuple[str, str] | None:
    """(planned, achieved) of glued goal text that ends in a bare completion phrase after a
    sentence, closed by the indicator table (its title, dropped, or its header: ``closed``):
    "…演出设备。已完成绩效指标" → (…演出设备。, 已完成); ``None`` otherwise (where the achieved text
    begins cannot be told, or the text was cut short and the phrase may go on)."""
    title = _SPACED_TITLE.search(text)
    if title is None and not closed:
        return None
    text = text[: title.start()].strip() if title else text.strip()
    m = _DONE_PHRASE.search(text)
    if m is None:
        return None
    planned = _WRAP_SPACE.sub("", text[: m.start()].strip())
    return (planned, m.group(1)) if planned else None


def goal_columns(text: str, *, closed: bool) -> tuple[str, str] | None:
    """(planned, achieved) of glued goal text, parted by its one inline label or its closing
    completion phrase (``closed``: the indicator table's header follows the text); ``None`` when
    the text does not say where the columns part."""
    return _goal_parts(text) or _goal_done(text, closed)
