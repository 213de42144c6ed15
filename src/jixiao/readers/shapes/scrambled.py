"""The ``scrambled`` shape: a table whose columns came out of order, read only where arithmetic
says how the pieces pair.

Text extracted from a spreadsheet or PDF sometimes gives a block of labels and a block of
values in another order than the table's. Such pieces are paired again only where one pairing is
clearly right, section by section:

- header items read in order before the funds header (项目名称 X, 主管部门 Y …);
- funds, in one of two ways. Orphan amounts right after the funds header (r033: its 年度资金总额
  label printed after the 其中 rows) are the 年度资金总额 row when, column by column, they equal
  the sum of the 其中 rows (to the rounding of the printed cents). Rows printed in order (a label,
  then its amounts) under a header that lost some column words among the rows (r036: 得分 after
  the first sub-row) are read when exactly one place for the lost words makes every row add up:
  a "%" amount only under 执行率, "万元" amounts only under money columns, 执行率 = B/A, a score at
  most its weight (``_funds_in_order``);
- the goal, when its two columns came out line by line interleaved and hold the same text (the
  achieved column a copy of the planned one, wrapped at another width): the lines are dealt to
  the two columns in the one way that makes them the same text (``_twin_goal``).

Of a goal that does not re-pair and of the indicator table only their header rows are given,
empty (so the mapper sees sections it could not read, not a form without them); where the funds
do not pair, nothing is read at all: a scrambled text yields rows the arithmetic vouches for, or
none.
"""

from __future__ import annotations

import re
from itertools import combinations

from ..vocabulary import FUNDS_FIELDS, HEADER_FIELDS, field_of, funds_row_kind, is_header_word, key
from ._rows import TextRow, text_cell, text_row
from ._text_join import split_cells
from ._twin_goal import twin_columns

__all__ = ["scrambled_rows"]

_AMOUNT = re.compile(r"^\d+(?:\.\d+)?$")
_VALUE = re.compile(r"^(?:\d+(?:,\d{3})*(?:\.\d+)?(?:%|万元|元)?|[-—－/／]|——)$")
"""A funds cell of a row printed in order: an amount (maybe with its unit or "%") or a placeholder."""
_TOTAL_LABELS = ("年度资金总额", "资金总额")
_TITLE_OR_YEAR = re.compile(r"自评表|^[(（]\d{4}年度?[)）]$")
_GOAL_WORDS = frozenset({"预期目标", "实际完成情况", "年度总体目标", "总体目标"})
_GOAL_LABEL_PIECES = frozenset({"年度总体目标", "年度总体", "总体目标", "年度", "总体", "目标"})
"""The merged 年度总体目标 label broken into pieces among the goal's lines."""
_TABLE_WORDS = ("一级指标", "二级指标", "三级指标", "绩效指标")
_MONEY = frozenset({"initial", "budget", "executed"})
_MAX_STRAY = 2


def _join_brackets(tokens: list[str]) -> list[str]:
    """``tokens`` with a bracket opened in one token and closed within the next four joined into
    one ("执行率(全年", "执行数/全年", "预算数)" → "执行率(全年执行数/全年预算数)")."""
    out: list[str] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        end = k + 1
        if _unclosed(t):
            ends = range(k + 1, min(k + 5, len(tokens)))
            close = next((j for j in ends if not _unclosed("".join(tokens[k : j + 1]))), None)
            if close is not None:
                t, end = "".join(tokens[k : close + 1]), close + 1
        out.append(t)
        k = end
    return out


def _unclosed(text: str) -> bool:
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def _funds_header(tokens: list[str]) -> tuple[int, int] | None:
    """(start, end) of the first run of two or more funds column words."""
    k = 0
    while k < len(tokens):
        end = k
        while end < len(tokens) and field_of(tokens[end], FUNDS_FIELDS) is not None:
            end += 1
        if end - k >= 2:
            return k, end
        k = end + 1 if end > k else k + 1
    return None


def _groups(tokens: list[str]) -> list[tuple[str, list[str]]]:
    """(label, amounts) groups in order: the label tokens joined, then the amounts after them."""
    groups: list[tuple[str, list[str]]] = []
    label: list[str] = []
    amounts: list[str] = []
    for t in tokens:
        if _AMOUNT.match(t):
            amounts.append(t)
            continue
        if amounts:
            groups.append(("".join(label), amounts))
            label, amounts = [], []
        label.append(t)
    groups.append(("".join(label), amounts))
    return groups


def _total_alone(tokens: list[str]) -> bool:
    """Whether a 年度资金总额 label stands with no amount after it."""
    return any(
        t.rstrip(":：") in _TOTAL_LABELS and (k + 1 == len(tokens) or not _AMOUNT.match(tokens[k + 1]))
        for k, t in enumerate(tokens)
    )


def _paired_total(groups: list[tuple[str, list[str]]], width: int, total_alone: bool) -> list[str] | None:
    """The orphan amounts at the start when they are, column by column, the sum of the 其中 rows
    after them (within half a cent for each amount rounded: the rows' and the total's) and a
    年度资金总额 label stands alone later; ``None`` otherwise."""
    if not groups or groups[0][0] or len(groups[0][1]) != width:
        return None
    rows = [
        amounts
        for label, amounts in groups[1:]
        if len(amounts) == width and funds_row_kind(label) not in (None, "total")
    ]
    if len(rows) < 2 or not total_alone:
        return None
    for col in range(width):
        parts = [float(r[col]) for r in rows]
        if abs(float(groups[0][1][col]) - sum(parts)) > 0.005 * (len(parts) + 1) + 1e-6:
            return None
    return groups[0][1]


def _funds_orphan_total(header: list[str], region: list[str]) -> list[list[str]] | None:
    """The funds rows when the amounts right after the header are the 年度资金总额 row (see the
    module's note), else ``None``."""
    width = len(header)
    groups = _groups(region)
    total = _paired_total(groups, width, _total_alone(region))
    if total is None:
        return None
    rows = [header, ["年度资金总额", *total]]
    rows += [
        [label, *amounts]
        for label, amounts in groups[1:]
        if len(amounts) == width and funds_row_kind(label) not in (None, "total")
    ]
    return rows


def _rows_in_order(region: list[str]) -> tuple[list[list[str]], list[str]] | None:
    """The rows [label, value…] of funds printed label first, and the funds column words that
    stand among them; ``None`` when values come before any label."""
    rows: list[list[str]] = []
    stray: list[str] = []
    label: list[str] = []
    open_row = False  # the last row may take more values
    for t in region:
        if _VALUE.match(t):
            if label:
                rows.append(["".join(label)])
                label = []
            elif not open_row:
                return None
            rows[-1].append(t)
            open_row = True
            continue
        open_row = False
        if field_of(t, FUNDS_FIELDS) is not None and funds_row_kind(t) is None:
            stray.append(t)
            continue
        if label and _whole_row_label(t) and funds_row_kind("".join(label)) is not None:
            rows.append(["".join(label)])  # a row printed with no values: 上年结转资金 其他资金
            label = []
        label.append(t)
    if label:
        rows.append(["".join(label)])
    return [r for r in rows if funds_row_kind(r[0]) is not None or len(r) > 1], stray


def _whole_row_label(token: str) -> bool:
    """Whether a token is a funds row label of its own (上年结转资金), not the wrapped end of the
    label before it ("拨款" of "其中:当年财政 拨款")."""
    return len(key(token)) >= 4 and funds_row_kind(token) is not None


def _adds_up(fields: list[str | None], values: list[str]) -> bool:
    """Whether a row's values can stand under the columns ``fields``: "%" only under 执行率, a unit
    of money only under an amount column, 执行率 = B/A (to half a point), a weight of more than 0
    and at most 100 points, a score at most its weight."""
    numbers: dict[str, float] = {}
    for name, value in zip(fields, values):
        if name is None:
            return False
        if value.endswith("%") and name != "rate":
            return False
        if value.endswith("元") and name not in _MONEY:
            return False
        if value[0].isdigit():
            numbers[name] = float(value.rstrip("%万元").replace(",", ""))
    if {"rate", "budget", "executed"} <= numbers.keys() and numbers["budget"] > 0:
        ratio = numbers["executed"] / numbers["budget"]
        if min(abs(numbers["rate"] - ratio * 100), abs(numbers["rate"] - ratio) * 100) > 0.5:
            return False  # printed in % or as a fraction (0.95)
    if not 0 < numbers.get("weight", 1) <= 100:
        return False  # 分值 is points of the 100: never 0, never more
    if {"score", "weight"} <= numbers.keys() and numbers["score"] > numbers["weight"] + 0.01:
        return False
    return True


def _funds_in_order(header: list[str], region: list[str]) -> list[list[str]] | None:
    """The funds rows when they are printed in order and one place for the header's stray words
    makes every full row add up, and a row printed with fewer values (a sub-row without 分值 and
    得分) fits under one set of the columns only (see the module's note); else ``None``."""
    found = _rows_in_order(region)
    if found is None:
        return None
    rows, stray = found
    width = len(header) + len(stray)
    full = [r for r in rows if len(r) - 1 == width]
    if (
        len(stray) > _MAX_STRAY
        or not any(funds_row_kind(r[0]) == "total" for r in full)
        or any(len(r) - 1 > width or (len(r) > 1 and funds_row_kind(r[0]) is None) for r in rows)
    ):
        return None
    fitting: list[list[str]] = []
    for places in combinations(range(width), len(stray)):
        columns = list(header)
        for place, word in zip(places, stray):
            columns.insert(place, word)
        fields = [field_of(c, FUNDS_FIELDS) for c in columns]
        if len(set(fields)) == width and all(_adds_up(fields, r[1:]) for r in full):
            fitting.append(columns)
    if len(fitting) != 1:
        return None
    fields = [field_of(c, FUNDS_FIELDS) for c in fitting[0]]
    placed: list[list[str]] = [fitting[0]]
    for row in rows:
        cells = row[1:] if len(row) - 1 in (0, width) else _placed(fields, row[1:])
        if cells is None:
            return None
        placed.append([row[0], *cells])
    return placed


def _placed(fields: list[str | None], values: list[str]) -> list[str] | None:
    """A short row's values spread under the columns they fit, "" under the others, when only
    one choice of columns adds up; ``None`` otherwise."""
    fits = [
        chosen
        for chosen in combinations(range(len(fields)), len(values))
        if _adds_up([fields[k] for k in chosen], values)
    ]
    if len(fits) != 1:
        return None
    cells = [""] * len(fields)
    for k, value in zip(fits[0], values):
        cells[k] = value
    return cells


def _goal_rows(tokens: list[str]) -> list[list[str]]:
    """The goal's header and, when its columns re-pair as twins, its [label, planned, achieved]
    row; the header alone otherwise (the mapper doubts the goal)."""
    header = ["年度总体目标", "预期目标", "实际完成情况"]
    pieces = [t for t in tokens if key(t) not in _GOAL_WORDS and key(t) not in _GOAL_LABEL_PIECES]
    twins = twin_columns(pieces)
    return [header] if twins is None else [header, ["", *twins]]


def _header_rows(tokens: list[str], line: int) -> list[TextRow]:
    """Header items in order (a label and the tokens up to the next label)."""
    rows: list[TextRow] = []
    for t in tokens:
        if _TITLE_OR_YEAR.search(t):
            rows.append([text_cell(t, line)])
            rows.append([])  # the next token starts a row of its own
        elif _starts_item(t):
            rows.append([text_cell(t, line)])
        elif rows and len(rows[-1]) == 1 and not _TITLE_OR_YEAR.search(rows[-1][0].text):
            rows[-1].append(text_cell(t, line))
        elif rows and len(rows[-1]) == 2:
            rows[-1][-1] = text_cell(rows[-1][-1].text + t, line)
        else:
            rows.append([text_cell(t, line)])
    return [row for row in rows if row]


def _starts_item(token: str) -> bool:
    """Whether a token is a header label (项目名称, 地方财政部门 …) or a section word (项目资金(万元)),
    which starts a row of its own."""
    return (
        field_of(token, HEADER_FIELDS) is not None
        or token.endswith(("主管部门", "财政部门"))
        or is_header_word(token)
    )


def _line_rows(raw: str) -> tuple[list[str], list[list[str]], list[str]] | None:
    """(header tokens, funds rows, the tokens after the funds) of one line; ``None`` when the
    line holds no funds table that pairs."""
    tokens = split_cells(raw)
    goal = next((k for k, t in enumerate(tokens) if key(t) in _GOAL_WORDS), len(tokens))
    head = _join_brackets(tokens[:goal])
    found = _funds_header(head)
    if found is None:
        return None
    start, end = found
    funds = _funds_orphan_total(head[start:end], head[end:]) or _funds_in_order(head[start:end], head[end:])
    if funds is None:
        return None
    return head[:start], funds, tokens[goal:]


def scrambled_rows(lines: list[str], *, first_line: int = 1) -> list[TextRow]:
    """The rows of a scrambled form that arithmetic vouches for; ``[]`` when the funds do not pair."""
    rows: list[TextRow] = []
    for k, raw in enumerate(lines):
        number = first_line + k
        found = _line_rows(raw)
        if found is None:
            continue
        items, funds, rest = found
        table = next((j for j, t in enumerate(rest) if key(t) in _TABLE_WORDS or t == "一级"), len(rest))
        sections = funds + (_goal_rows(rest[:table]) if rest else [])
        if "三级指标" in raw:
            sections.append(["一级指标", "二级指标", "三级指标"])
        rows.extend(_header_rows(items, number))
        rows.extend(text_row(row, number) for row in sections)
    return rows
