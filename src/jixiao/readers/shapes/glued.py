"""The ``glued`` shape: a form whose cells ran together with no delimiter at all.

``一级指标二级指标三级指标指标值完成值权重得分产出指标数量指标创业担保贷款发放额增长率≥10%115.25%20%20``

The header is found as a run of the vocabulary's column words; each body row is then a name
followed by as many value tokens as the header has value columns. Where the tokens can be cut
in more than one way, arithmetic chooses (a score is at most its weight, a weight at most the
100 points of the form); where it
cannot choose, or the row holds words instead of numbers, the run is kept as one cell, so the
mapper's reading check doubts it instead of the shape guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..vocabulary import FUNDS_FIELDS, INDICATOR_FIELDS, LEVEL1, LEVEL2, field_of
from ._rows import TextCell, TextRow

__all__ = ["glued_rows", "split_values", "has_glued_header"]

_UNITS = (
    "平方米|立方米|万元|亿元|人次|小时|个月|工作日|公里|公顷|元|万|亿|倍|个|次|人|名|户|家|所|处|座|台|套|件|篇|份|项|场|期|批|天|日|亩|米|吨|株|‰|%"
)
_VALUE = re.compile(rf"(?:[≥≤><=]|>=|<=)?(?:0|[1-9]\d*)(?:\.\d+)?(?:{_UNITS})?")
_HEADER_WORDS = sorted(
    {w for f in INDICATOR_FIELDS.values() for w in f.words} | {w for f in FUNDS_FIELDS.values() for w in f.words},
    key=len,
    reverse=True,
)
_LABELS = sorted(set(LEVEL1) | set(LEVEL2), key=len, reverse=True)
_CLOSING = re.compile(r"(得分合计|合计得分|总分|合计|评分等级|自评等级)")
_MAX_CUTS = 64
_COLUMN_MARK = re.compile(r"[(（][A-Z/×*%0-9]+[)）]")
"""A column letter after a header word: 年度指标值(A), 执行率(B/A)."""


def split_values(text: str, count: int) -> list[list[str]]:
    """Every way to cut ``text`` into exactly ``count`` value tokens (``≥10%``, ``115.25%``, ``20``)."""
    if count == 0:
        return [[]] if not text else []
    out: list[list[str]] = []
    for end in range(len(text), 0, -1):
        head = text[:end]
        if _VALUE.fullmatch(head) is None:
            continue
        for rest in split_values(text[end:], count - 1):
            out.append([head, *rest])
            if len(out) > _MAX_CUTS:
                return out
    return out


def _number(token: str) -> float | None:
    m = re.search(r"\d+(?:\.\d+)?", token)
    return float(m.group()) if m else None


def _scores_fit(fields: list[str]) -> Callable[[list[str]], bool]:
    """A test of one cut of a row's values: a score is at most its weight, a weight at most 100."""

    def fits(values: list[str]) -> bool:
        row = dict(zip(fields, values))
        weight, score = row.get("weight"), row.get("score")
        if weight is None or score is None:
            return True
        w, s = _number(weight), _number(score)
        return w is not None and s is not None and s <= w + 1e-9 and w <= 100 and "%" not in score

    return fits


def _header_run(text: str) -> tuple[int, int, list[str]] | None:
    """(start, end, words) of the longest run of column words in ``text`` (at least three)."""
    best: tuple[int, int, list[str]] | None = None
    i = 0
    while i < len(text):
        words: list[str] = []
        j = i
        while True:
            w = next((w for w in _HEADER_WORDS if text.startswith(w, j)), None)
            if w is None:
                break
            mark = _COLUMN_MARK.match(text, j + len(w))
            if mark:
                w += mark.group()
            words.append(w)
            j += len(w)
        if len(words) >= 3 and (best is None or len(words) > len(best[2])):
            best = (i, j, words)
        i = j if words else i + 1
    return best


def has_glued_header(line: str) -> bool:
    """Whether ``line`` holds three or more column words with nothing between them."""
    return _header_run(line) is not None


def _label_at(text: str, i: int) -> str | None:
    return next((w for w in _LABELS if text.startswith(w, i)), None)


def _body_rows(body: str, fields: list[str], line: int) -> list[TextRow] | None:
    """The indicator rows of ``body``: labels, then name and values; ``None`` when the cut is not sure."""
    after_name = fields[fields.index("name") + 1 :] if "name" in fields else []
    count = len(after_name)
    if count == 0:
        return None
    fits = _scores_fit(after_name)
    rows: list[TextRow] = []
    i = 0
    while i < len(body):
        labels: list[str] = []
        while (label := _label_at(body, i)) is not None:
            labels.append(label)
            i += len(label)
        found = _next_row(body, i, count, fits)
        if found is None:
            return None
        name, values, i = found
        rows.append([TextCell(t, line) for t in (*labels, name, *values)])
    return rows


def _next_row(body: str, i: int, count: int, fits: Callable[[list[str]], bool]) -> tuple[str, list[str], int] | None:
    """(name, values, end) of the one row starting at ``i`` whose values pass ``fits``; ``None``
    when no cut or more than one cut passes."""
    choices: list[tuple[str, list[str], int]] = []
    for name_end in range(i + 1, len(body)):
        if not ("\u4e00" <= body[name_end - 1] <= "\u9fff" or body[name_end - 1] in ")）"):
            continue
        for end in range(name_end + 1, len(body) + 1):
            if end < len(body) and not ("\u4e00" <= body[end] <= "\u9fff"):
                continue
            for values in split_values(body[name_end:end], count):
                if fits(values):
                    choices.append((body[i:name_end], values, end))
        if choices:
            break  # the shortest name that reads: a name never ends inside a value
    ends = {c[2] for c in choices}
    cuts = {tuple(c[1]) for c in choices}
    if len(choices) == 1 or (len(cuts) == 1 and len(ends) == 1):
        return choices[0]
    # several cuts: take the one ending at the next label, when only one does
    at_label = [c for c in choices if c[2] == len(body) or _label_at(body, c[2]) is not None]
    return at_label[0] if len(at_label) == 1 else None


def glued_rows(lines: list[str], *, first_line: int = 1) -> list[TextRow]:
    """Rows of glued text: each line is cut at the indicator header; the header's words become
    one row, the body rows follow, and text the cut is unsure of stays one cell."""
    rows: list[TextRow] = []
    for k, raw in enumerate(lines):
        number = first_line + k
        text = raw.strip()
        if not text:
            continue
        header = _header_run(text)
        if header is None:
            rows.append([TextCell(text, number)])
            continue
        start, end, words = header
        if start:
            rows.append([TextCell(text[:start], number)])
        rows.append([TextCell(w, number) for w in words])
        fields = [field_of(_COLUMN_MARK.sub("", w), INDICATOR_FIELDS) or "" for w in words]
        body = text[end:]
        closing = _CLOSING.search(body)
        tail = body[closing.start() :] if closing else ""
        body = body[: closing.start()] if closing else body
        body_rows = _body_rows(body, fields, number)
        rows.extend(body_rows if body_rows is not None else [[TextCell(body, number)]])
        if tail:
            m = re.match(r"(\D+?)(\d+(?:\.\d+)?)[。.]?$", tail)
            rows.append([TextCell(t, number) for t in (m.groups() if m else (tail,))])
    return rows
