"""The rows under a section header: funds rows, goal rows and indicator rows.

Each reader takes the row as the grid gives it and the draft it belongs to. In a file grid a
cell is read by its column (``cell_at``); in a text grid the cells are matched to the header's
roles in order (``align``), labels carried down from the rows above.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ...model import FundsRow, Indicator, Value
from ...values import cell_value
from ..grid import UNREACHED_LABEL, Cell, clean_text
from ..vocabulary import (
    DIRECTIONS,
    FUNDS_FIELDS,
    GOAL_FIELDS,
    INDICATOR_FIELDS,
    LEVEL1_OF,
    LEVEL2_OF,
    field_of,
    funds_row_kind,
    is_placeholder,
    is_section_title,
    key,
    level1_of,
    level2_of,
    nature_op,
    parse_number,
    section_weight,
)
from ._columns import UNNAMED, align, cell_at, fits, judge_funds, judge_indicator, looks_numeric
from ._draft import Draft
from ._labels import text_after

__all__ = ["funds_row", "goal_row", "indicator_row", "number_of"]

_FUNDS_NAMES = {"total": "年度资金总额", "appropriation": "财政拨款", "carryover": "上年结转资金", "other": "其他资金"}
_COLUMN_NAMES = {
    "initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数", "received": "到位数", "rate": "执行率",
    "score": "得分", "weight": "分值",
}
_SKIPPED_NAMES = frozenset({"小计", "合计"})
_UNIT_TAIL = re.compile(r"\s*[（(](?:万元|元)[)）]$")
"""A funds row label's unit in brackets ("中央财政资金(万元)"): the column's unit, not its name."""
_FUNDS_COLUMNS = ("initial", "budget", "executed", "received", "rate", "score", "weight")


def number_of(d: Draft, cell: Cell, what: str) -> float | None:
    """The number in ``cell``; a cell that holds no number is warned about and read as blank."""
    value, ok = parse_number(cell.text)
    if not ok:
        _not_a_number(d, cell, what)
    return value


def _not_a_number(d: Draft, cell: Cell, what: str) -> None:
    where = f"（{cell.address or f'第{cell.line}行'}）"
    d.form.warnings.append(f"{what}「{cell.text}」{where}不是数字，按空白处理")


def _numbers_of(d: Draft, cells: Mapping[str, Cell | None], fields: tuple[str, ...], owner: str) -> dict[str, float | None]:
    """The numbers of a row's ``fields`` (``None`` for a field without a cell); a cell that holds
    no number is warned about as ``owner``'s column and read as blank."""
    numbers: dict[str, float | None] = {}
    for fld in fields:
        cell = cells.get(fld)
        if cell is None:
            numbers[fld] = None
            continue
        numbers[fld], ok = parse_number(cell.text)
        if not ok:
            _not_a_number(d, cell, f"{owner}的{_COLUMN_NAMES[fld]}")
    return numbers


def _where(cell: Cell) -> str:
    return f"第 {cell.line} 行" if cell.line is not None else cell.address


# -- funds ----------------------------------------------------------------------------------------


def funds_row(d: Draft, row: list[Cell], aligned: bool) -> None:
    cols = d.funds
    if cols is None:
        return
    cells: Mapping[str, Cell | None]
    if aligned:
        spans = list(cols.spans.values())
        label_cells = [c for c in row if not any(min(c.last_col, b) >= max(c.col, a) for a, b in spans)]
        label = "".join(c.text for c in label_cells)
        kind = funds_row_kind(label)
        cells = {role: cell_at(row, span) for role, span in cols.spans.items()}
    else:
        found = next(((i, k) for i, c in enumerate(row[:3]) if (k := funds_row_kind(c.text)) is not None), None)
        if found is None:
            return
        i, kind = found
        label = row[i].text
        # a row label i cells in stands where the header has as many unnamed cells: a label merged
        # over two columns ("| 项目资金 | | 年初预算数 |…" over "| | 年度资金总额 | 100 |…")
        skip = i if all(role == UNNAMED for role in cols.order[:i]) else 0
        picked = align(row[i + 1 :], cols.order[skip:], FUNDS_FIELDS, judge_funds)
        if picked is None:
            d.problems.append(("funds", f"项目资金「{clean_text(label)}」（{_where(row[i])}）的数字与表头的列对不上"))
            return
        cells = picked
    if kind is None:
        return
    name = _FUNDS_NAMES.get(kind) or _UNIT_TAIL.sub("", clean_text(label).removeprefix("其中").strip("：: "))
    values = _numbers_of(d, cells, _FUNDS_COLUMNS, f"项目资金「{name}」")
    weight = values.pop("weight")
    values["rate"] = _as_percent(values["rate"], values["budget"], values["executed"])
    funds = d.form.funds
    reason = cells.get("reason")
    if kind == "total":
        funds.total, funds.weight = FundsRow(**values), weight
        if reason is not None and not is_placeholder(reason.text):
            funds.reason = clean_text(reason.text)
    elif kind == "more":
        funds.more[name] = FundsRow(**values)
    else:
        setattr(funds, kind, FundsRow(**values))
    d.cells.extend(row)


def _as_percent(rate: float | None, budget: float | None, executed: float | None) -> float | None:
    """执行率 as a percentage: a rate printed as a fraction (0.958 for 95.8%) is the same rate,
    told by the arithmetic (B/A × 100 ≈ rate × 100), never by its size alone."""
    if rate is None or not budget or executed is None or rate > 1.5:
        return rate
    ratio = executed / budget * 100
    return round(rate * 100, 6) if abs(rate * 100 - ratio) <= 1 and abs(rate - ratio) > 1 else rate


# -- goal -----------------------------------------------------------------------------------------


def goal_row(d: Draft, r: int, row: list[Cell], aligned: bool) -> None:
    cols = d.goal
    if cols is None:
        return
    if aligned:
        for fld, target in (("planned", d.planned), ("achieved", d.achieved)):
            other = cols.get("achieved" if fld == "planned" else "planned")
            cell = cell_at(row, cols.get(fld), exclude=other)
            if cell is not None and cell.row == r and not is_placeholder(cell.text):
                target.append(clean_text(cell.text))
                d.cells.append(cell)
        return
    texts = [
        c for c in row
        if not is_placeholder(c.text) and not looks_numeric(c.text)  # a 总体完成率 column beside the goal
        and field_of(c.text, GOAL_FIELDS) is None and key(c.text) not in ("年度总体目标", "总体目标")
    ]
    if len(texts) == 2:
        d.planned.append(_unlabelled(texts[0].text, "planned"))
        d.achieved.append(_unlabelled(texts[1].text, "achieved"))
        d.cells.extend(texts)
    elif len(texts) == 1 and is_section_title(texts[0].text):
        return  # the title of the part that follows (年度绩效指标完成情况, 项目支出绩效指标表)
    elif texts:
        d.problems.append(("goal", f"年度总体目标（{_where(texts[0])}）的文字分不清哪些是预期目标、哪些是实际完成情况"))


_GOAL_WORDS_LONGEST_FIRST = {role: sorted(f.words, key=len, reverse=True) for role, f in GOAL_FIELDS.items()}


def _unlabelled(text: str, role: str) -> str:
    """A goal text without the label a form may print in front of it ("实际完成情况：…")."""
    text = clean_text(text)
    k = key(text)
    word = next((w for w in _GOAL_WORDS_LONGEST_FIRST[role] if k.startswith(w)), None)
    return text_after(text, word) if word is not None else text


# -- indicators -----------------------------------------------------------------------------------


def indicator_row(d: Draft, r: int, row: list[Cell], aligned: bool) -> None:
    cols = d.ind
    if cols is None:
        return
    if aligned:
        cells = _by_column(d, r, row)
    else:
        d.by_kind = False
        cells = _in_order(d, row)
    if cells is None:
        return
    name_cell = cells.get("name")
    if name_cell is None:
        return
    texts = {role: clean_text(c.text) for role, c in cells.items()}
    name = texts["name"]
    if not name or key(name) in _SKIPPED_NAMES or field_of(name, INDICATOR_FIELDS) == "name":
        return
    if looks_numeric(name) and all(looks_numeric(c.text) or is_placeholder(c.text) for c in cells.values()):
        return  # a row of numbers under the header: the table's 分值/得分 subtotal, no indicator
    if is_placeholder(name) and all(c is name_cell or is_placeholder(c.text) for c in cells.values()):
        return  # an empty template row ("指标2:" and nothing else)

    core = name.startswith("★")
    name = name.lstrip("★").strip()
    parent = None
    weight_cell = cells.get("weight")
    if key(name).startswith("其中") and (weight_cell is None or is_placeholder(weight_cell.text)):
        # a 其中 row without points of its own is part of the row above; one with points is
        # counted in the section like any other row
        parent = next((i.name for i in reversed(d.form.indicators) if i.parent is None), None)
    nature = texts.get("nature", "")
    points = _numbers_of(d, cells, ("weight", "score"), f"指标「{name}」")
    ind = Indicator(
        level1=d.level1,
        level2=d.level2,
        name=name,
        target=_value(texts.get("target", ""), nature, texts.get("unit", "")),
        actual=_value(texts.get("actual", ""), "", "" if cols.unit_under_target else texts.get("unit", "")),
        weight=points["weight"],
        score=points["score"],
        deviation=_deviation(texts.get("deviation", "")),
        line=name_cell.line,
        direction=DIRECTIONS.get(key(nature)),
        core=core,
        parent=parent,
    )
    if not aligned and "weight" in cells and "score" not in cells and d.ind is not None and "score" in d.ind.order:
        d.lone_points.append((ind, len(d.form.warnings)))
        d.form.warnings.append(f"{_where(name_cell)}指标「{name}」只有一个分数，按分值读取，未能读取得分")
    d.form.indicators.append(ind)
    if d.by_kind:
        d.by_kind_rows.append(ind)
        d.by_kind = False
    d.cells.extend(cells.values())
    d.last_row_cut = len(cells) == 1


def _deviation(text: str) -> str:
    """The deviation text as printed; a cell of marks alone ("-", "/", "——") is empty, while a
    word such as 无 is what the unit wrote and stays (rule D001 reads it as no reason)."""
    return "" if is_placeholder(text) and text != "无" else text


def _set_level1(d: Draft, text: str) -> None:
    label = level1_of(text)
    points = section_weight(text)
    d.level1, d.level2, d.level1_inferred = (label or clean_text(text)), "", False
    if label is not None and points is not None:
        d.form.section_weights[label] = points[1]
    _take_points(d)


def _set_level2(d: Draft, text: str) -> None:
    """The 二级 label; when no 一级 label was printed above it (lost in extraction), the 一级 is
    the one the vocabulary puts it under (数量指标 → 产出指标), if only one."""
    d.level2 = level2_of(text) or clean_text(text)
    parents = LEVEL1_OF.get(d.level2, ())
    if len(parents) == 1 and (not d.level1 or (d.level1_inferred and d.level1 != parents[0])):
        d.level1, d.level1_inferred = parents[0], True
        _take_points(d)


def _take_points(d: Draft) -> None:
    """Points printed apart from their 一级 label ("(50分)" on its own line) go to the next one."""
    if d.pending_points is not None and d.level1:
        d.form.section_weights.setdefault(d.level1, d.pending_points)
        d.pending_points = None


def _is_level1_here(d: Draft, text: str, nxt: str | None) -> bool:
    """Whether ``text`` is a 一级 label at this point: 成本指标 is also a 二级 label under 产出指标,
    and is one there unless a 成本 child (经济成本指标…) follows it."""
    label = level1_of(text)
    if label is None:
        return False
    if label == "成本指标" and d.level1 == "产出指标":
        return nxt is not None and level2_of(nxt) in LEVEL2_OF["成本指标"]
    return True


def _by_column(d: Draft, r: int, row: list[Cell]) -> dict[str, Cell] | None:
    cols = d.ind
    assert cols is not None
    name_cell = cell_at(row, cols.get("name"))
    if name_cell is None or name_cell.row != r:
        return None
    lv1 = cell_at(row, cols.get("level1"))
    lv2 = cell_at(row, cols.get("level2"))
    if lv1 is not None and clean_text(lv1.text):
        if clean_text(lv1.text) != d.level1 and level1_of(lv1.text) != d.level1:
            _set_level1(d, lv1.text)
    if lv2 is not None and lv2 is not lv1 and clean_text(lv2.text):
        _set_level2(d, lv2.text)
    cells: dict[str, Cell] = {"name": name_cell}
    for role, span in cols.spans.items():
        if role in ("name", "level1", "level2"):
            continue
        cell = cell_at(row, span)
        if cell is not None and cell.row == r:
            cells[role] = cell
    return cells


def _in_order(d: Draft, row: list[Cell]) -> dict[str, Cell] | None:
    cols = d.ind
    assert cols is not None
    order = cols.order
    cells = list(row)
    while cells and not cells[-1].text:
        cells.pop()
    if not cells:
        return None
    if len(cells) == 1 and (points := section_weight(cells[0].text)) is not None and not points[0]:
        d.pending_points = points[1]  # "(50分)" on a row of its own
        return None
    cut_named = _cut_after_a_level2_name(d, cells, order)
    if cut_named:
        d.cut_in_row = True  # the text stops inside this row, after its name and first cells
    if (len(cells) == len(order) or cut_named) and "name" in order and _is_full_row(cells, order):
        full = {role: c for role, c in zip(order, cells) if role != UNNAMED}
        level1, level2 = full.pop("level1", None), full.pop("level2", None)
        if level1 is not None and level1.text == UNREACHED_LABEL:
            d.level1, d.level2, d.level1_inferred = "", "", False
        elif level1 is not None and clean_text(level1.text):
            _set_level1(d, level1.text)
        if level2 is not None and clean_text(level2.text):
            _set_level2(d, level2.text)
        return full
    i = _labels_before_name(d, cells)
    if i >= len(cells):
        return None
    if i == len(cells) - 1 and (level1_of(cells[i].text) or level2_of(cells[i].text)):
        if _is_level1_here(d, cells[i].text, None) and not level2_of(cells[i].text):
            _set_level1(d, cells[i].text)
        else:
            _set_level2(d, cells[i].text)
        return None  # a label row: the 一级/二级 cell of rows that follow, nothing else
    after = order[order.index("name") + 1 :] if "name" in order else order
    in_place = _in_place(cells, i, order)
    if in_place is not None:
        if cells[i].row == d.last_row and _values_left_out(len(cells) - i, order):
            d.cut_in_row = True  # the text stops inside this row, before its value columns
        return {"name": cells[i], **in_place}
    picked = align(cells[i + 1 :], after, INDICATOR_FIELDS, _JUDGE_INDICATOR[d.template.has("scores")])
    if picked:  # the roles were chosen by the cells' kinds unless they are the first ones in order
        d.by_kind = after.index(next(reversed(picked))) != len(picked) - 1
    if picked is None and cells[i].row == d.last_row and len(cells) - i - 1 <= len(after):
        # the text stops inside this row: the cells there are its first ones, in order
        d.cut_in_row = True
        picked = dict(zip(after, cells[i + 1 :]))
    if picked is None:
        d.problems.append(
            ("indicators", f"指标「{clean_text(cells[i].text)[:20]}」（{_where(cells[i])}）的单元格与表头的列对不上，无法确定哪一格是指标值、完成值或分值")
        )
        return {"name": cells[i]}
    return {"name": cells[i], **picked}


_JUDGE_INDICATOR = {scored: judge_indicator(scored) for scored in (False, True)}
"""How indicator rows are judged in forms that print scores and in forms that do not."""


def _in_place(cells: list[Cell], i: int, order: list[str]) -> dict[str, Cell] | None:
    """The cells after the name (at ``i``) by their place, when the row shows it keeps its empty
    cells (a blank between its name and its last cell): each cell after the name is then under
    its own header cell, and the row is shorter than the header only because empty cells at its
    end were dropped (and, in an HTML copy, merged labels on its left). ``| | | 种母猪 | | 20 |
    20 |`` under ``一级指标 | 二级指标 | 三级指标 | | 年度指标值 | 实际完成值 | 分值 | 得分`` has
    target and actual 20 and no points, where matching by kind alone would prefer to fill 分值
    and 得分. Without such a blank the shape may have dropped the row's empty cells anywhere."""
    if "name" not in order:
        return None
    at = order.index("name")
    if i > at or len(cells) - i > len(order) - at or all(c.text for c in cells[i + 1 : -1]):
        return None
    placed = {role: c for role, c in zip(order[at + 1 :], cells[i + 1 :]) if role != UNNAMED or c.text}
    if not all(fits(role, c.text, INDICATOR_FIELDS) for role, c in placed.items()):
        return None
    return placed


def _values_left_out(named: int, order: list[str]) -> bool:
    """Whether a row read in place, ``named`` cells from its name on, stops before a column of
    values (not only before text columns such as 偏差原因, which a row leaves empty)."""
    rest = order[order.index("name") + named :]
    return any(role in INDICATOR_FIELDS and INDICATOR_FIELDS[role].kind != "text" for role in rest)


def _labels_before_name(d: Draft, cells: list[Cell]) -> int:
    """The index of the name cell: 一级/二级 labels and blanks before it are read as labels,
    each level at most once, and never the last cell that could still be the name."""
    i, took1, took2 = 0, False, False
    while i < len(cells) - 1:
        text = cells[i].text
        if not text.strip():
            i += 1
            continue
        if not took1 and not took2 and _is_level1_here(d, text, cells[i + 1].text):
            _set_level1(d, text)
            took1 = True
        elif not took2 and level2_of(text) is not None:
            _set_level2(d, text)
            took2 = True
        elif (points := section_weight(text)) is not None and not points[0]:
            d.pending_points = points[1]  # "(50分)" printed apart from its label
            if d.level1 and not d.level1_inferred:
                _take_points(d)
        else:
            break
        i += 1
    if i and _looks_like_value(cells[i].text) and level2_of(cells[i - 1].text) is not None and took2:
        i -= 1  # "服务对象满意度 | ≥90% |…": the label was the indicator's own name
    return i


def _is_full_row(cells: list[Cell], order: list[str]) -> bool:
    """Whether a row as long as the header is one indicator's cells: its name is no 一级/二级
    label, or, in a table without a 二级 column, it is a 二级 word with every cell after it
    filled (社会效益 is an indicator's name there when its target, weight, actual and score
    follow; a label row has nothing after its label)."""
    at = order.index("name")
    name = cells[at].text
    if not _is_label(name):
        return True
    return "level2" not in order and level1_of(name) is None and all(c.text.strip() for c in cells[at + 1 :])


def _cut_after_a_level2_name(d: Draft, cells: list[Cell], order: list[str]) -> bool:
    """Whether the text's last row, shorter than the header, is an indicator cut short whose name
    is a 二级 word (生态效益) in a table without a 二级 column: its cells are its first ones, in
    order, with something printed after the name."""
    if "name" not in order or "level2" in order or cells[0].row != d.last_row:
        return False
    at = order.index("name")
    return at + 1 < len(cells) < len(order) and level2_of(cells[at].text) is not None and level1_of(cells[at].text) is None


def _is_label(text: str) -> bool:
    return level1_of(text) is not None or level2_of(text) is not None


def _looks_like_value(text: str) -> bool:
    v = cell_value(text)
    return v.value is not None and (v.op is not None or v.unit is not None or key(text)[:1].isdigit())


def _value(text: str, nature: str, unit: str) -> Value:
    """A cell through the value grammar; 指标性质/度量单位 columns joined in first, the
    operator as printed ("004 >=" gives ">=": the system's code before it is no part of it)."""
    if not nature and not unit:
        return cell_value(text)  # the usual table: no such columns
    op = key(nature).lstrip("0123456789") if nature_op(nature) else ""
    if unit and is_placeholder(unit):
        unit = ""
    if (op or unit) and text and not is_placeholder(text):
        plain = cell_value(text)
        if op and plain.op is None and plain.value is not None:
            text = op + text
        if unit and plain.unit is None and plain.value is not None:
            text = text + unit
    return cell_value(text)

