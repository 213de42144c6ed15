"""Indicator rows printed name, target, weight, actual, score in flattened text, with their
sections' labels printed mid-span (苏州's 市级财政支出项目绩效自评表: 项目类别 / 指标名称 /
目标值 / 权重 / 实际完成值 / 自评分).

A row is ``name target weight actual score``; its score is glued to the next row's name
("合规 2.8 好 2.8财务制度健全性 …"). The 项目类别 column is a merged cell whose text ("投入目标
(28 分)") comes out in the middle of its rows, so its rows are found by arithmetic: the next
rows whose weights add up to its points, the label printed among them. A label whose points no
such run of rows makes (项目绩效实现情况(80 分) spanning the others, or one the text is cut
inside) labels no row; rows no label reaches get ``UNREACHED_LABEL``.
"""

from __future__ import annotations

import re

from ..grid import UNREACHED_LABEL

__all__ = ["WEIGHTED_HEADER", "weighted_header_at", "weighted_rows"]

WEIGHTED_HEADER = ("一级指标", "指标名称", "目标值", "权重", "实际完成值", "自评分")
"""The rows' columns (the printed 项目类别 is the 一级 label's column)."""

_HEADER = re.compile(r"指标名称\s*(?:目标值|指标值)\s*权重\s*实际完成\s*值?\s*自评分")
_SECTION = re.compile(r"([^\s\d.()（）]{2,12}?)[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
_NUMBER = r"\d{1,3}(?:\.\d+)?"
_ROW = re.compile(
    rf"\s*(?P<name>[^\s\d=≥≤<>＝%.]\S*?)\s+(?P<target>\S.*?)\s+(?P<weight>{_NUMBER})"
    rf"\s+(?P<actual>\S.*?)\s+(?P<score>{_NUMBER})(?![\d.%])"
)
_WRAP_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")
"""A space between two Chinese characters is where a narrow cell wrapped ("及时,整 洁")."""


def weighted_header_at(text: str) -> int | None:
    """Where the weighted indicator header begins in ``text`` (at 指标名称), or ``None``."""
    m = _HEADER.search(text)
    return m.start() if m else None


def _cell(text: str) -> str:
    return _WRAP_SPACE.sub("", text.strip())


def weighted_rows(text: str) -> list[list[str]] | None:
    """The header and rows ``[一级, name, target, weight, actual, score]`` of the table text
    after the header (a cut last row keeps the cells it printed); ``None`` when the text does
    not part into such rows from start to end, or its labels cannot be placed by arithmetic."""
    sections: list[tuple[str, float, int]] = []  # label, points, rows printed before it
    rows: list[list[str]] = []
    pos = 0
    body = text
    while pos < len(body):
        label = _SECTION.match(body, pos + len(body[pos:]) - len(body[pos:].lstrip()))
        if label is not None:
            sections.append((label.group(1), float(label.group(2)), len(rows)))
            pos = label.end()
            continue
        m = _ROW.match(body, pos)
        if m is not None and (nxt := _SECTION.search(body, pos, m.end())) is not None:
            m = _ROW.match(body[: nxt.start()], pos)  # a row ends before a label printed after it
        if m is None:
            break
        weight, score = float(m.group("weight")), float(m.group("score"))
        if score > weight:
            return None
        rows.append(["", m.group("name"), _cell(m.group("target")), m.group("weight"), _cell(m.group("actual")), m.group("score")])
        pos = m.end()
    rest = body[pos:].split()
    if len(rest) > 3 or not rows:
        return None
    if rest:
        rows.append(["", rest[0], *(_cell(t) for t in rest[1:])])
    if not _place(sections, rows):
        return None
    return [list(WEIGHTED_HEADER), *rows]


def _place(sections: list[tuple[str, float, int]], rows: list[list[str]]) -> bool:
    """Put each section label on the first of the rows it spans (see the module); the first
    row after the last placed section gets ``UNREACHED_LABEL``. ``False`` when a label's span
    does not hold the place it was printed at."""
    weights = [float(r[3]) if len(r) > 3 else None for r in rows]
    start = 0
    spans: list[tuple[int, int, str]] = []
    for k, (label, points, printed) in enumerate(sections):
        end = _span(weights, start, points)
        if end is None:
            continue
        later = [_span(weights, start, p) for _, p, _ in sections[k + 1 :]]
        if any(e is not None and e < end for e in later):
            continue  # a parent over the labels after it
        if not start <= printed <= end:
            return False
        spans.append((start, end, f"{label}({points:g}分)"))
        start = end
    for a, _, text in spans:
        rows[a][0] = text
    if spans and start < len(rows):
        rows[start][0] = UNREACHED_LABEL
    return True


def _span(weights: list[float | None], start: int, points: float) -> int | None:
    """The end of the shortest run of rows from ``start`` whose weights add up to ``points``."""
    total = 0.0
    for k in range(start, len(weights)):
        w = weights[k]
        if w is None:
            return None
        total += w
        if abs(total - points) < 1e-6:
            return k + 1
        if total > points:
            return None
    return None
