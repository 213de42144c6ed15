"""Header labels (项目名称/主管部门/实施单位, 总分, 评分等级) and the value that goes with each.

Offices put a label and its value in one cell ("项目名称：河道保洁"), in a paragraph holding two
("主管部门：水务局  实施单位：河道所"), or in the cell to the right; these helpers accept all three.
"""

from __future__ import annotations

import re

from ._mapper_labels import HEADER_LABELS, key
from .grid import Cell, clean_text

__all__ = ["header_values", "label_value"]

_ALL_HEADER_WORDS = tuple(w for words in HEADER_LABELS.values() for w in words) + ("年度", "评分等级", "总分")


def header_values(row: list[Cell]) -> list[tuple[str, str]]:
    """(field, value) for 项目名称/主管部门/实施单位 in a row, in one cell or label-then-value."""
    out: list[tuple[str, str]] = []
    for i, cell in enumerate(row):
        text = key(cell.text)
        hits = sorted(
            (text.find(key(w)), f, key(w))
            for f, words in HEADER_LABELS.items()
            for w in words
            if text.find(key(w)) >= 0
        )
        kept: list[tuple[int, str, str]] = []
        for hit in hits:  # "项目实施单位" also contains "实施单位": keep the longer, earlier label
            if not kept or hit[0] >= kept[-1][0] + len(kept[-1][2]):
                kept.append(hit)
        hits = kept
        if not hits or hits[0][0] != 0:
            continue
        raw = clean_text(cell.text)
        for j, (_pos, fld, word) in enumerate(hits):
            if any(fld == f for f, _ in out):
                continue
            _start, after = _find_in_raw(raw, word)
            end = _find_in_raw(raw, hits[j + 1][2])[0] if j + 1 < len(hits) else len(raw)
            value = raw[max(after, 0) : end].strip(" ：:")
            if not value and j == len(hits) - 1 and i + 1 < len(row):
                nxt = row[i + 1]
                if not any(key(nxt.text).startswith(key(w)) for w in _ALL_HEADER_WORDS):
                    value = clean_text(nxt.text)
            out.append((fld, value))
    return out


def _find_in_raw(raw: str, word: str) -> tuple[int, int]:
    """(start, end) of a label in text that may hold spaces inside it ("项目 名称"); (-1, -1) if absent."""
    pattern = r"\s*".join(map(re.escape, word))
    m = re.search(pattern, raw)
    return (m.start(), m.end()) if m else (-1, -1)


def label_value(row: list[Cell], words: tuple[str, ...]) -> tuple[Cell, str, list[Cell]] | None:
    """The first cell starting with one of ``words``: (cell, text after the label, cells to its right)."""
    for i, cell in enumerate(row):
        k = key(cell.text)
        for w in words:
            if k.startswith(w) and len(k) <= len(w) + 12:
                rest = k[len(w) :].strip("：:")
                return cell, rest, row[i + 1 :]
    return None
