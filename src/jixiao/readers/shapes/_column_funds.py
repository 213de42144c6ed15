"""Funds printed column after column in glued text, each row label repeated once per column.

Some forms lay their funds out as side-by-side columns, each a total over its own 其中 rows, and
a glued copy prints them row by row across the columns, the label once per column:

``年度金额(提前下达):208万元资金使用情况(万元)合计:109.8万元中央财政165万元中央财政84.5万元省级财政43万元省级财政25.3万元``

(r055: a 预算 column and a 使用 column) or, with nothing printed in most cells,
``计划投资额(万元)110.00实际到位资金(万元)84.74实际使用情况(万元)84.74其中:中央财政其中:中央财政其中:中央财政…市县财政预算110.00市县财政预算84.74市县财政预算84.74…``
(r052, three columns). ``column_funds`` reads such a block as a header row (the columns' words),
a total row and one row per label, only when every column's 其中 amounts add up to its total: the
arithmetic, not the look of the text, says the rows were paired right.
"""

from __future__ import annotations

import re

from ..vocabulary import FUNDS_FIELDS, FUNDS_ROWS, field_of, funds_row_kind

__all__ = ["column_funds"]

_COLUMN_WORDS = sorted(
    {w for name in ("initial", "budget", "executed", "received") for w in FUNDS_FIELDS[name].words if len(w) >= 4},
    key=len,
    reverse=True,
)
_COLUMN_WORD = re.compile("|".join(map(re.escape, _COLUMN_WORDS)))
_TOTAL_WORD = re.compile("|".join(map(re.escape, sorted(FUNDS_ROWS["total"], key=len, reverse=True))) + r"[:：]?$")
_LABELLED = re.compile(r"(?P<label>[^\d]{1,30}?)[:：]?(?P<amount>\d+(?:\.\d+)?(?:万元|元)?)")
"""A column's total: its words (no digits), then its amount."""
_AMOUNT = re.compile(r"\d+(?:\.\d+)?(?:万元|元)?")
_LABEL_MAX = 16


def _totals(text: str, start: int) -> tuple[list[str], list[str], str | None, int] | None:
    """(column words, amounts, total word, end) of the columns' totals labelled from ``start``:
    two or more labelled amounts, each label naming a different money column."""
    columns: list[str] = []
    amounts: list[str] = []
    total_word: str | None = None
    fields: set[str | None] = set()
    i = start
    while (m := _LABELLED.match(text, i)) is not None:
        label = m.group("label")
        words = list(_COLUMN_WORD.finditer(label))
        if not words:
            break
        column = label[words[-1].start() :]
        if (t := _TOTAL_WORD.search(column)) is not None:
            total_word, column = t.group().rstrip(":："), column[: t.start()]
        field = field_of(column, FUNDS_FIELDS)
        if field is None or field in fields:
            break
        fields.add(field)
        columns.append(column.rstrip(":："))
        amounts.append(m.group("amount"))
        i = m.end()
    return (columns, amounts, total_word, i) if len(columns) >= 2 else None


def _row(text: str, i: int, count: int) -> tuple[str, list[str], int] | None:
    """(label, amounts, end) of a row whose label is printed ``count`` times from ``i``, each
    time maybe followed by its amount ("" where none is printed); the shortest label that is a
    funds row's and repeats so."""
    for length in range(2, _LABEL_MAX + 1):
        label = text[i : i + length]
        if len(label) < length or any(ch.isdigit() for ch in label) or funds_row_kind(label) is None:
            continue
        j, amounts = i, []
        for _ in range(count):
            if not text.startswith(label, j):
                break
            j += length
            m = _AMOUNT.match(text, j)
            amounts.append(m.group() if m else "")
            j = m.end() if m else j
        else:
            return label, amounts, j
    return None


def _adds_up(totals: list[str], rows: list[list[str]]) -> bool:
    """Whether every column's amounts sum to its total (to half a cent per amount rounded), with
    at least one amount printed under the totals."""
    if not any(a for row in rows for a in row):
        return False
    for col, total in enumerate(totals):
        parts = [_number(row[col]) for row in rows if row[col]]
        if abs(_number(total) - sum(parts)) > 0.005 * (len(parts) + 1) + 1e-9:
            return False
    return True


def _number(amount: str) -> float:
    return float(amount.rstrip("万元"))


def column_funds(text: str) -> tuple[int, int, list[list[str]]] | None:
    """(start, end, rows) of the first block of column-after-column funds in ``text`` whose
    arithmetic holds (see the module's note); ``None`` when there is none."""
    for word in _COLUMN_WORD.finditer(text):
        found = _totals(text, word.start())
        if found is None:
            continue
        columns, totals, total_word, i = found
        rows: list[list[str]] = []
        while (row := _row(text, i, len(columns))) is not None:
            label, amounts, i = row
            rows.append([label, *amounts])
        if rows and _adds_up(totals, [r[1:] for r in rows]):
            return word.start(), i, [columns, [total_word or "年度资金总额", *totals], *rows]
    return None
