"""Header rows → column roles, and a data row's cells → those roles.

Two kinds of grid reach the mapper. In a file grid (xlsx, docx, pdf) a cell's column is where it
was printed, so a data cell belongs to the header cell above it (``Columns.spans``). In a text
grid the cells of a row are only in order: merged cells on the left (一级/二级 labels carried
down) and blank cells may be missing, so a row is matched to the header's roles in order
(``Columns.order``), and when it has fewer cells than roles, every way of leaving roles out is
tried and kept only if one way fits the cells' kinds and the table's arithmetic better than all
others. Where two ways fit equally and read differently, the row is not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from ..grid import Cell
from ..vocabulary import DIRECTIONS, Field, field_of, is_placeholder, key, nature_op, parse_number

__all__ = ["Columns", "UNNAMED", "header_columns", "another_header", "cell_at", "align", "fits", "looks_numeric"]

Span = tuple[int, int]
_NUMERIC = re.compile(r"^[+-]?\d+(?:\.\d+)?(?:%|万元|元|亿元|分|万)?$")
"""A cell written as a number, however large: whether it can be read is ``parse_number``'s call."""


@dataclass(slots=True)
class Columns:
    """The roles of a section's header: by column span (file grids) and in order (text grids)."""

    spans: dict[str, Span] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    unit_under_target: bool = False
    """度量单位 is a sub-column of 年度指标值: the unit is the target's, not 实际完成值's."""

    def __contains__(self, role: str) -> bool:
        return role in self.spans

    def get(self, role: str) -> Span | None:
        return self.spans.get(role)

    def merged_with(self, sub: Columns) -> Columns:
        """This header with a second header row under it: sub-columns (指标性质/指标值/度量单位
        under 年度指标值, 一级/二级/三级 under 绩效指标) replace the umbrella they stand under."""
        spans = {**self.spans, **sub.spans}
        order = list(self.order)
        under = False
        if "target" in order and ("nature" in sub.order or "unit" in sub.order):
            i = order.index("target")
            order[i : i + 1] = [r for r in sub.order if r in ("nature", "target", "unit")]
            under = "unit" in sub.order
        levels = [r for r in sub.order if r in ("level1", "level2", "name")]
        if levels and "name" not in self.order:
            if UNNAMED in order:  # 绩效指标 over 一级/二级/三级
                i = order.index(UNNAMED)
                order[i : i + 1] = levels
            else:
                order = levels + order
        for role in sub.order:
            if role not in order:
                order.append(role)
        return Columns(spans, order, under)


UNNAMED = "_"
"""The role of a header cell that names no field (绩效指标 over the label columns, a blank): it
keeps the place of its column in ``Columns.order`` and takes no value."""


_SECTION_POINTS = re.compile(r"^\d{1,3}$")
"""A header cell of points alone: the section's points printed over its score column (转移支付
区域 forms of 四川: 一级指标 | … | 实际完成指标值 | 50, each row's 自评得分 under the 50)."""


def header_columns(row: list[Cell], table: dict[str, Field]) -> Columns:
    """The roles ``table`` finds in a header row; the first cell naming a role wins. In an
    indicator header without a score column, a last cell of points alone is that column; in a
    funds header, columns marked with letters and formulas are named by them (``_lettered``)."""
    cols = Columns()
    placed: list[Cell] = []
    for i, cell in enumerate(row):
        role = field_of(cell.text, table)
        if role is None and "score" in table and "score" not in cols.spans and _SECTION_POINTS.match(key(cell.text)):
            last = not any(c.text.strip() for c in row[i + 1 :])
            role = "score" if last and "actual" in cols.spans else None
        if role is not None and role not in cols.spans:
            cols.spans[role] = (cell.col, cell.last_col)
            cols.order.append(role)
            placed.append(cell)
        elif cols.order or not cell.text.strip():
            cols.order.append(UNNAMED)
            placed.append(cell)
    if "executed" in table:
        _lettered(placed, cols)
    while cols.order and cols.order[-1] == UNNAMED:
        cols.order.pop()
    return cols


_LETTER = re.compile(r"\(([A-Z])\)$")
_RATIO = re.compile(r"\(([A-Z])/([A-Z])(?:[×xX*]100%)?\)$")
AMOUNT = "amount:"
"""The role of a lettered money column the model has no place for (统筹整合资金数(B)): a number
that keeps its column's place, so the row's other amounts are matched by it."""
RATIO = "ratio:"
"""The role of a column printed as a ratio of two lettered columns (预算到位(D/C×100%)):
``ratio:numerator-role/denominator-role``, a percentage the arithmetic of a row can check."""


def _lettered(placed: list[Cell], cols: Columns) -> None:
    """Name the funds columns a header marks with letters and formulas (全年预算数(A) …
    预算执行(E/C×100%)) that the vocabulary does not: a lettered money column is an amount, a
    formula column a ratio of the columns its letters name, 执行率 when that is the executed
    amount over the budget. ``placed`` are the header cells of ``cols.order``, in order."""
    letters = {m.group(1): i for i, c in enumerate(placed) if (m := _LETTER.search(key(c.text)))}
    if not letters:
        return
    for letter, i in letters.items():
        if cols.order[i] == UNNAMED:
            cols.order[i] = AMOUNT + letter
    ratios = {
        i: (letters[m.group(1)], letters[m.group(2)])
        for i, c in enumerate(placed)
        if (m := _RATIO.search(key(c.text))) and cols.order[i] == UNNAMED and {m.group(1), m.group(2)} <= letters.keys()
    }
    for t, b in ratios.values():
        if cols.order[t] == "executed" and cols.order[b].startswith(AMOUNT) and "预算" in key(placed[b].text):
            _budget_is(placed, cols, b)  # 执行率 = E/C: C is the budget executed against
    for i, (t, b) in ratios.items():
        top, bottom = cols.order[t], cols.order[b]
        cell = placed[i]
        if (top, bottom) == ("executed", "budget") and "rate" not in cols.spans:
            cols.order[i] = "rate"
            cols.spans["rate"] = (cell.col, cell.last_col)
        else:
            cols.order[i] = f"{RATIO}{top}/{bottom}"


def _budget_is(placed: list[Cell], cols: Columns, i: int) -> None:
    """Make the ``i``-th column the budget; the column named so before keeps its letter only."""
    if "budget" in cols.order:
        j = cols.order.index("budget")
        m = _LETTER.search(key(placed[j].text))
        cols.order[j] = AMOUNT + (m.group(1) if m else "?")
    cols.order[i] = "budget"
    cols.spans["budget"] = (placed[i].col, placed[i].last_col)


def another_header(row: list[Cell], columns: int) -> bool:
    """The header row of another table under an indicator table of ``columns`` columns (序号 |
    学校性质 | 培训机构 | …): more cells than those columns, each a short label, none a value."""
    if len(row) <= columns:
        return False  # the usual case, told at once
    texts = [c.text for c in row if c.text.strip()]
    return len(texts) > columns > 0 and all(len(t) <= 12 and not looks_numeric(t) and not is_placeholder(t) for t in texts)


def cell_at(row: list[Cell], span: Span | None, *, exclude: Span | None = None) -> Cell | None:
    """The cell of ``row`` that overlaps the column range ``span`` most (ties: the leftmost)."""
    if span is None:
        return None
    best: Cell | None = None
    best_overlap = 0
    for cell in row:
        overlap = min(cell.last_col, span[1]) - max(cell.col, span[0]) + 1
        if overlap <= 0:
            continue
        if exclude is not None and min(cell.last_col, exclude[1]) >= max(cell.col, exclude[0]):
            continue
        if overlap > best_overlap:
            best, best_overlap = cell, overlap
    return best


@lru_cache(maxsize=8192)
def looks_numeric(text: str) -> bool:
    """Whether a cell is written as a number (maybe too large to read, maybe with %, 万元, 分)."""
    return _NUMERIC.match(key(text).replace(",", "")) is not None


def _kind(table: dict[str, Field], role: str) -> str:
    spec = table.get(role)
    if spec is not None:
        return spec.kind
    return "number" if role.startswith(AMOUNT) else "percent" if role.startswith(RATIO) else "text"


def fits(role: str, text: str, table: dict[str, Field]) -> bool:
    """Whether ``text`` can be the cell of ``role`` by its kind; a placeholder fits anywhere."""
    return _fits(role, _kind(table, role), text)


@lru_cache(maxsize=8192)
def _fits(role: str, kind: str, text: str) -> bool:
    if not text or is_placeholder(text):
        return True
    if role == UNNAMED:
        return False
    numeric = looks_numeric(text)
    if kind == "number":
        return numeric and "%" not in text
    if kind == "percent":
        return numeric
    if kind == "text":
        return not numeric
    if kind == "label":
        if role == "nature":
            return bool(nature_op(text)) or text in DIRECTIONS or text in ("定性", "定量")
        return len(text) <= 8 and not numeric
    return True  # a value: any text the value grammar may read


Judge = Callable[[dict[str, str]], int]
"""Rates a candidate reading (role → text): higher is a better fit with the table's arithmetic."""


def align(cells: list[Cell], order: list[str], table: dict[str, Field], judge: Judge) -> dict[str, Cell] | None:
    """``cells`` (in order) matched to roles of ``order`` (in order), or ``None`` when no way fits
    or two ways fit equally well and read differently."""
    if len(cells) > len(order):
        return None
    if len(cells) == len(order):
        return dict(zip(order, cells))
    # A text shape drops a row's empty cells at its end: cells that fit the roles in order, with
    # only text columns (偏差原因, 备注) left over, are that row.
    rest = order[len(cells) :]
    if all(_kind(table, r) == "text" for r in rest) and all(_fits(r, _kind(table, r), c.text) for r, c in zip(order, cells)):
        return dict(zip(order, cells))
    kinds = {r: _kind(table, r) for r in order}
    best: list[dict[str, Cell]] = []
    best_rate = -(10**9)
    for picked in combinations(range(len(order)), len(cells)):
        roles = [order[i] for i in picked]
        if not all(_fits(role, kinds[role], c.text) for role, c in zip(roles, cells)):
            continue
        candidate = dict(zip(roles, cells))
        rate = judge({r: c.text for r, c in candidate.items()})
        if rate > best_rate:
            best, best_rate = [candidate], rate
        elif rate == best_rate:
            best.append(candidate)
    if not best:
        return None
    readings = {_meaning(b) for b in best}
    return best[0] if len(readings) == 1 else None


def _meaning(candidate: dict[str, Cell]) -> frozenset[tuple[str, str]]:
    """What a candidate says, placeholders and columns the model has no place for aside: two
    candidates that differ only in where a "-" went, or in which of two such columns was left
    empty, read the same."""
    return frozenset(
        (r, c.text)
        for r, c in candidate.items()
        if c.text and not is_placeholder(c.text) and not r.startswith((AMOUNT, RATIO, "line"))
    )


def number(text: str | None) -> float | None:
    """The plain number of a cell text, ``None`` for a placeholder or anything else."""
    if text is None:
        return None
    value, ok = parse_number(text)
    return value if ok else None


def judge_indicator(scored: bool) -> Judge:
    """Prefer readings that fill 分值 and 得分 (a scored form prints them on every row) with a
    score within its weight, and weights that are points (≤ 100). A lone number is the weight:
    a score is what a form leaves blank before scoring, never the weight."""

    def rate(c: dict[str, str]) -> int:
        w, s = number(c.get("weight")), number(c.get("score"))
        points = 0
        if scored:
            points += 2 * (w is not None) + (s is not None)
        if w is not None and s is not None:
            points += 1 if s <= w + 0.01 else -3
        if w is not None and w > 100:
            points -= 3
        return points

    return rate


_OVERSPENT = 2.0
"""全年执行数 over twice 全年预算数: a unit may overspend a little (rule F005), never so much."""


def judge_funds(c: dict[str, str]) -> int:
    """Prefer readings that fill the amount columns (every funds row prints them; 分值 and 得分
    only the total), where 执行率 ≈ 执行数/预算数 (年初预算数 standing in for an empty 全年预算数),
    or, with no 执行率, 执行数 is not several times 预算数, and 得分 ≤ 分值 ≤ 100."""
    a, b = number(c.get("budget")), number(c.get("executed"))
    if a is None:
        a = number(c.get("initial"))
    rate, w, s = number(c.get("rate")), number(c.get("weight")), number(c.get("score"))
    points = sum(number(c.get(r)) is not None for r in ("initial", "budget", "executed"))
    points += 2 * (number(c.get("line")) is not None)  # a table with 行次 prints it on every row
    for role, text in c.items():
        if role.startswith(RATIO) and (printed := number(text)) is not None:
            top, bottom = (number(c.get(r)) for r in role.removeprefix(RATIO).split("/"))
            if top is not None and bottom:
                points += 3 if abs(top / bottom * 100 - printed) <= 1 else -3
    if rate is not None and a and b is not None:
        ratio = b / a * 100
        points += 3 if any(abs(x - ratio) <= max(1.0, ratio * 0.02) for x in (rate, rate * 100)) else -3
    elif rate is None and a and b is not None and b > a * _OVERSPENT:
        points -= 3  # no 执行率 to check: spending several times the budget is a shifted cell
    if w is not None:
        points += 0 if w <= 100 else -3
        if s is not None:
            points += 1 if s <= w + 0.01 else -3
    return points
