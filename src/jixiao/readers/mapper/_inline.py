"""Funds printed as labelled amounts: each column word followed by its amount in the same row.

Some forms print no funds table but label/amount pairs: "转移支付预算数(A) | 5.8万 | 预算执行率(B/A) |
100%" (四川 转移支付 区域), "预算数 | 6.84 | 到位数 | 6.84 | 执行数 | 6.84" (河北), and their sub-rows
as a row label printed once per amount, in the order of those amounts ("其中:财政资金 | 6.84 |
其中:财政资金 | 6.84 | …"), on the same row or the rows under it. Such a row is no header: its
amounts are the 年度资金总额 row's.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Funds, FundsRow
from ..grid import Cell, clean_text
from ..vocabulary import FUNDS_FIELDS, field_of, funds_row_kind, is_placeholder, key, parse_number
from ._columns import looks_numeric
from ._draft import Draft

__all__ = ["inline_funds", "inline_sub_rows", "labelled_total", "more_amounts"]

_AMOUNTS = ("initial", "budget", "executed", "received", "rate")
_UNITS = frozenset({"元", "万元", "亿元"})
Order = list[str | None]
"""The amounts of a labelled row in print order: a role, or ``None`` for a labelled amount the
model has no place for (a rate, which sub-rows do not repeat)."""


def inline_funds(row: list[Cell], funds: Funds) -> Order | None:
    """Read ``row`` into ``funds`` when every funds column word in it is followed by its amount;
    the order of its amounts, or ``None`` (and nothing read) when the row is no such row."""
    cells = [c for c in row if c.text.strip()]
    total: dict[str, float | None] = {}
    order: Order = []
    for i, cell in enumerate(cells):
        nxt = cells[i + 1].text if i + 1 < len(cells) else ""
        role = field_of(cell.text, FUNDS_FIELDS)
        if role in _AMOUNTS:
            if not looks_numeric(nxt) or role in total:
                return None
            total[role] = parse_number(nxt)[0]
            order.append(role if role != "rate" else None)
        elif role is None and funds_row_kind(cell.text) is None and not looks_numeric(cell.text) and looks_numeric(nxt):
            order.append(None)  # 到位数 | 6.84
    if not {"budget", "executed"} & total.keys():
        return None
    if "rate" not in total and (rate := _unlabelled_rate(cells, total)) is not None:
        total["rate"] = rate
    funds.total = replace(funds.total, **total)
    inline_sub_rows(row, funds, order)
    return order


def _unlabelled_rate(cells: list[Cell], total: dict[str, float | None]) -> float | None:
    """The 执行率 printed with no label after the labelled amounts ("预算数 6.84 … 执行数 6.84
    100.00", under a 预算执行进度(%) header): a last number, after an amount, that is B/A in
    percent as printed (to its last decimal); ``None`` when there is none or it is another number."""
    if len(cells) < 2 or not looks_numeric(cells[-1].text) or not looks_numeric(cells[-2].text):
        return None
    printed = parse_number(cells[-1].text)[0]
    budget, executed = total.get("budget"), total.get("executed")
    if printed is None or not budget or executed is None:
        return None
    decimals = len(key(cells[-1].text).rstrip("%").partition(".")[2])
    return printed if abs(executed / budget * 100 - printed) <= 0.5 * 10**-decimals else None


def labelled_total(row: list[Cell], funds: Funds) -> Order | None:
    """Read ``row`` into ``funds`` when it is a 年度资金总额 label that names its one amount
    ("年度预算资金总额: | 1084.25", no funds table above): the order of that amount for the
    sub-rows below, or ``None`` (and nothing read) when the row is no such row."""
    cells = [c for c in row if c.text.strip()]
    if len(cells) < 2 or not looks_numeric(cells[-1].text) or funds_row_kind(cells[-2].text) != "total":
        return None
    role = next((r for word, r in _NAMED_AMOUNTS if word in key(cells[-2].text)), None)
    if role is None:
        return None
    funds.total = replace(funds.total, **{role: parse_number(cells[-1].text)[0]})
    return [role]


def more_amounts(d: Draft, order: Order) -> Order:
    """The order of amounts the sub-rows under a labelled funds row print: its own, or, when
    funds were already labelled above it, theirs and its own; once sub-rows were read under
    the rows above, their order stays (a later "实际支出 | 1020.02" completes the total only)."""
    if d.mode != "inline" or not d.inline:
        return order
    funds = d.form.funds
    if funds.more or funds.appropriation or funds.carryover or funds.other:
        return d.inline
    return d.inline + order


_NAMED_AMOUNTS = (("执行", "executed"), ("预算", "budget"))
"""The word of a total's label that names its amount, 执行 before 预算 (预算执行资金总额)."""


def inline_sub_rows(row: list[Cell], funds: Funds, order: Order) -> bool:
    """The sub-rows of labelled funds in ``row``: each row label followed by an amount, printed
    once per amount of ``order``; False when the row holds none. A label printed once per amount
    with no amount after it ("其中:中央财政 | 其中:中央财政") is a row the form left empty."""
    cells = [c.text for c in row if c.text.strip()]
    subs: dict[tuple[str, str], list[float | None]] = {}
    for i, text in enumerate(cells):
        kind = _sub_row_kind(text, cells, len(order))
        if kind is None:
            continue
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if nxt is not None and looks_numeric(nxt):
            amount = parse_number(nxt)[0]
        elif nxt is None or nxt == text or key(nxt) in _UNITS:
            amount = None  # nothing printed, or the unit alone ("地方资金/其他 | 万元")
        else:
            continue
        label = clean_text(text).removeprefix("其中").strip("：: ")
        subs.setdefault((kind, label), []).append(amount)
    for (kind, label), amounts in subs.items():
        if len(amounts) != len(order):
            continue
        values = {role: v for role, v in zip(order, amounts) if role is not None}
        if kind == "more":
            funds.more[label] = FundsRow(**values)
        else:
            setattr(funds, kind, FundsRow(**values))
    return bool(subs)


def _sub_row_kind(text: str, cells: list[str], amounts: int) -> str | None:
    """The funds row kind of a sub-row label among a labelled row's ``cells``: a label the
    vocabulary knows, or any short label printed once for each of two or more ``amounts``
    ("市财政 | 49.34 | 市财政 | 49.34": the repetition is what marks a sub-row)."""
    kind = funds_row_kind(text)
    if kind is not None:
        return None if kind == "total" else kind
    if amounts < 2 or cells.count(text) != amounts or looks_numeric(text) or is_placeholder(text):
        return None
    return "more" if len(key(text)) <= 12 and field_of(text, FUNDS_FIELDS) is None else None
