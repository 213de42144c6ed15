"""The labelled header items of a form whose table could not be parted into cells.

When a text's shape gives no form (PDF text on one line with its columns out of order, say), the
items a form labels one by one are still plain: "项目名称 办公局域网维护费 项目实施单位 广水市城投公司",
"自评总分: 69", "项目年份 2017", a title with its year. ``header_item_rows`` gives those as rows [label, value], so
the form can be named and placed while its funds, goal and indicators are doubted (the caller
says so): a label is followed by its value, whatever order the table's columns came out in.
"""

from __future__ import annotations

import re

from ..vocabulary import CLOSING_FIELDS, FUNDS_FIELDS, GOAL_FIELDS, HEADER_FIELDS, INDICATOR_FIELDS, key
from ._rows import TextRow, text_cell
from ._text_join import split_cells

__all__ = ["header_item_rows"]


def _alternation(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_LABEL = re.compile(
    rf"^(?P<before>\d*)(?P<label>{_alternation({w for f in HEADER_FIELDS.values() for w in f.words})})"
    r"(?:[(（][^()（）]{0,6}[)）])?[:：]?(?P<rest>.*)$"
)
"""A header label opening a token (maybe after the digits of the item before, glued to it), with
an optional bracketed note "(单位)" and colon, and maybe its value glued after it."""

_NEVER = tuple(n for f in HEADER_FIELDS.values() for n in f.never) + ("中央主管部门",)

_TITLE = re.compile(r"^.{0,40}?(?:绩效(?:目标)?自评表|绩效评价表)")
"""A title, maybe with the first header label glued after it."""

_YEAR = re.compile(r"[(（]\s*((?:19|20)\d{2})\s*年度?\s*[)）]")
"""The form's year printed apart in brackets: "( 2021 年度)"."""

_YEAR_ITEM = re.compile(r"(?:项目|预算)年(?:度|份)[:：]?\s*((?:19|20)\d{2})(?![\d年])")
"""The year as a labelled item: "项目年份 2017" (a 年 after the digits is a date, not the item)."""

_TOTAL = re.compile(
    rf"(?P<label>{_alternation({w for w in CLOSING_FIELDS['total'].words if '分' in w})})[:：]\s*(?P<value>\d+(?:\.\d+)?)"
)
"""A total printed as "自评总分: 69": a label of points with its colon and number."""

_COLUMN_WORD = re.compile(
    _alternation({w for t in (FUNDS_FIELDS, INDICATOR_FIELDS, GOAL_FIELDS) for f in t.values() for w in f.words if len(w) >= 4})
)
"""A column header word: where a value glued to the text after it ends ("…管理局年初预算数…")."""


def _value(rest: str, following: str | None) -> str | None:
    """The item's value: the text glued after its label, else the next token unless that is a
    label too; cut where a column word glued to it begins."""
    value = rest or (following if following is not None and not _is_label(following) else "")
    m = _COLUMN_WORD.search(value)
    if m is not None:
        value = value[: m.start()]
    return value or None


def _is_label(token: str) -> bool:
    return _LABEL.match(key(token)) is not None or "自评表" in token


def header_item_rows(lines: list[str], *, first_line: int = 1) -> list[TextRow]:
    """The titles, labelled header items and printed total of ``lines``, as rows, in order."""
    rows: list[TextRow] = []
    for k, raw in enumerate(lines):
        number = first_line + k
        tokens = split_cells(raw)
        for i, token in enumerate(tokens):
            title = _TITLE.match(token)
            if title is not None:
                rows.append([text_cell(title.group(), number)])
                token = token[title.end() :]  # a label glued after the title starts the header
            m = _LABEL.match(token)
            if m is None or token[len(m.group("before")) :].startswith(_NEVER):
                continue
            value = _value(m.group("rest"), tokens[i + 1] if i + 1 < len(tokens) else None)
            if value is not None:
                rows.append([text_cell(m.group("label"), number), text_cell(value, number)])
        rows += [[text_cell(f"({m.group(1)}年度)", number)] for m in _YEAR.finditer(raw)]
        rows += [[text_cell(m.group(), number)] for m in _YEAR_ITEM.finditer(raw)]
        rows += [[text_cell(m.group("label"), number), text_cell(m.group("value"), number)] for m in _TOTAL.finditer(raw)]
    return rows
