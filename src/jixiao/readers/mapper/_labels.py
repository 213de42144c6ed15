"""Header labels (项目名称/主管部门/实施单位, the year) and the value that goes with each.

Offices put a label and its value in one cell ("项目名称：河道保洁"), in a paragraph holding two
("主管部门：水务局  实施单位：河道所"), or in the cell to the right; these helpers accept all three.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..grid import Cell, clean_text
from ..vocabulary import CLOSING_FIELDS, HEADER_ALSO, HEADER_FIELDS, OTHER_HEADER_LABELS, WEAK_HEADER_LABELS, key

__all__ = ["header_values", "label_value", "year_of", "title_year", "text_after", "unit_of"]

_HEADER_WORDS: list[tuple[str, str]] = sorted(
    ((f.name, w) for f in HEADER_FIELDS.values() for w in f.words), key=lambda fw: -len(fw[1])
)
_NEVER = tuple(w for f in HEADER_FIELDS.values() for w in f.never)
_NOT_A_VALUE = tuple(w for _, w in _HEADER_WORDS) + ("年度",) + CLOSING_FIELDS["grade"].words + ("总分",) + OTHER_HEADER_LABELS
"""What the next cell begins with when it is another label, not the value of a label left empty."""
_OTHER_LABEL = re.compile("(?:" + "|".join(map(re.escape, (*OTHER_HEADER_LABELS, *(w for _, w in _HEADER_WORDS)))) + r")\s*[：:]")
"""A label and its colon inside a header value: where that value ends ("…项目项目单位:文昌市林业局")."""
_FULL_WIDTH = {"(": "[(（]", ")": "[)）]", "/": "[/／]"}
"""Characters a label is keyed with that the printed text may hold in full width."""
_UNIT = re.compile(r"(?:[（(]\s*(?:单位[：:]\s*)?|单位[：:]\s*)(亿元|万元|千元|元)\s*[)）]?")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年度")
_YEAR_VALUE = re.compile(r"^((?:19|20)\d{2})年?$")
_YEAR_LABELLED = re.compile(r"^(?:项目|预算)?年度((?:19|20)\d{2})年?$|^(?:项目|预算)年份((?:19|20)\d{2})年?$")


@lru_cache(maxsize=8192)
def _hits(text: str) -> tuple[tuple[int, str, str], ...]:
    """(position, field, word) of each header label in ``text`` (a key); a longer label found
    at a position hides the shorter ones inside it ("项目实施单位" holds "实施单位")."""
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for fld, word in _HEADER_WORDS:
        pos = text.find(word)
        if pos < 0 or any(a <= pos < b for a, b in taken):
            continue
        found.append((pos, fld, word))
        taken.append((pos, pos + len(word)))
    return tuple(sorted(found))


def header_values(row: list[Cell]) -> list[tuple[str, str, bool]]:
    """(field, value, weak) for 项目名称/主管部门/实施单位 in a row, in one cell or label-then-value;
    ``weak`` when the label stands for the field only until its own label is printed (单位名称)."""
    out: list[tuple[str, str, bool]] = []
    taken: set[str] = set()
    for i, cell in enumerate(row):
        text = key(cell.text)
        if text.startswith(_NEVER):
            continue
        hits = _hits(text)
        if not hits or hits[0][0] != 0:
            continue
        raw = clean_text(cell.text)
        for j, (_pos, fld, word) in enumerate(hits):
            if fld in taken:
                continue
            after = _find_in_raw(raw, word)[1]
            end = _find_in_raw(raw, hits[j + 1][2])[0] if j + 1 < len(hits) else len(raw)
            value = raw[max(after, 0) : end].strip(" ：:")
            if not value and j == len(hits) - 1:
                # the value is the next cell with text: a label merged over two columns leaves an
                # empty cell after it in a web copy ("| 项目名称 | | 河道保洁 |")
                nxt = next((c for c in row[i + 1 :] if c.text.strip()), None)
                if nxt is not None and not key(nxt.text).startswith(_NOT_A_VALUE):
                    value = clean_text(nxt.text)
            other = _OTHER_LABEL.search(value)
            value = value[: other.start()].strip(" ：:") if other else value
            out.append((fld, value, word in WEAK_HEADER_LABELS))
            taken.add(fld)
            also = HEADER_ALSO.get(word)
            if also is not None and also not in taken:
                out.append((also, value, False))
                taken.add(also)
    return out


def _find_in_raw(raw: str, word: str) -> tuple[int, int]:
    """(start, end) of a label in text that may hold spaces inside it ("项目 名称"); (-1, -1) if absent."""
    m = _label_pattern(word).search(raw)
    return (m.start(), m.end()) if m else (-1, -1)


def text_after(raw: str, word: str) -> str:
    """The text of a cell after its label ``word`` ("预期目标：完成培训" → "完成培训")."""
    end = _find_in_raw(raw, word)[1]
    return raw[end:].strip(" ：:") if end >= 0 else ""


@lru_cache(maxsize=512)
def _label_pattern(word: str) -> re.Pattern[str]:
    """A label as printed: spaces may stand between its characters, brackets may be full width."""
    return re.compile(r"\s*".join(_FULL_WIDTH.get(ch, re.escape(ch)) for ch in word))


def label_value(row: list[Cell], words: tuple[str, ...]) -> tuple[Cell, str, list[Cell]] | None:
    """The first cell starting with one of ``words``: (cell, text after the label, cells to its right)."""
    longest_first = _longest_first(words)
    for i, cell in enumerate(row):
        k = key(cell.text)
        if not k.startswith(words):
            continue
        for w in longest_first:
            if k.startswith(w) and len(k) <= len(w) + 12:
                rest = k[len(w) :].strip("：:")
                return cell, rest, row[i + 1 :]
    return None


@lru_cache(maxsize=64)
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def year_of(cells: list[Cell]) -> int | None:
    """The year a row states: "（2024年度）", "年度2022", or "年度" then "2022" in the next cell."""
    for i, cell in enumerate(cells):
        k = key(cell.text)
        m = _YEAR.search(k) or _YEAR_LABELLED.match(k)
        if m:
            return int(m.group(1) or m.group(2))
        if k in {"年度", "项目年度", "预算年度"} and i + 1 < len(cells):
            v = _YEAR_VALUE.match(key(cells[i + 1].text))
            if v:
                return int(v.group(1))
    return None


_TITLE_YEAR = re.compile(r"^((?:19|20)\d{2})年(?!\d{1,2}月)")


def title_year(cells: list[Cell]) -> int | None:
    """The year a title begins with when it prints no 年度 ("2021年中央对地方专项转移支付区域绩效
    目标自评表"); ``None`` for a title that begins otherwise."""
    for cell in cells:
        m = _TITLE_YEAR.match(key(cell.text))
        if m:
            return int(m.group(1))
    return None


def unit_of(text: str) -> str | None:
    """The money unit a funds header states: "项目资金（万元）", "(元)", "单位：万元"."""
    m = _UNIT.search(text)
    return m.group(1) if m else None
