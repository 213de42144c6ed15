"""From what a shape parser found (``FormParts``) to a ``Form``, with every gap named.

Missing fields become ``None`` (never 0, never a guess) and a Chinese entry in ``Form.warnings``,
so a half-read form is never passed off as whole. Value cells go through the one value grammar,
``jixiao.values.parse_value`` (as ``cell_value``, one shared frozen instance per cell text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any

from ..model import Form, Funds, FundsRow, Goal, Indicator, Source
from ..values import cell_memo, cell_value
from ._text_common import PLACEHOLDERS, parse_number

__all__ = ["RowCells", "FormParts", "assemble"]

@dataclass(slots=True)
class RowCells:
    """One indicator row as text cells, before the value grammar reads them."""

    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: str
    score: str
    deviation: str
    line: int | None


@dataclass(slots=True)
class FormParts:
    """Everything a shape parser found; ``assemble`` turns it into a ``Form`` with warnings."""

    file: str
    start_line: int | None = None
    end_line: int | None = None
    project: str | None = None
    year: int | None = None
    department: str | None = None
    implementer: str | None = None
    unit: str | None = None
    funds: dict[str, dict[str, str]] = field(default_factory=dict)
    planned: str = ""
    achieved: str = ""
    rows: list[RowCells] = field(default_factory=list)
    total_weight: str | None = None
    total_score: str | None = None
    grade: str | None = None
    warnings: list[str] = field(default_factory=list)


_FIELD_NAMES = (
    ("project", "项目名称"),
    ("year", "年度"),
    ("department", "主管部门"),
    ("implementer", "实施单位"),
)


def assemble(parts: FormParts) -> Form:
    """The ``Form`` of ``parts``, every gap named in its warnings.

    """
    warnings = list(parts.warnings)
    for attr, label in _FIELD_NAMES:
        if getattr(parts, attr) in (None, ""):
            warnings.append(f"未能读取{label}")
    funds = _funds(parts, warnings)
    if not parts.planned:
        warnings.append("未能读取年度总体目标的预期目标")
    if not parts.achieved:
        warnings.append("未能读取年度总体目标的实际完成情况")
    indicators = [_indicator(row, warnings) for row in parts.rows]
    if not indicators:
        warnings.append("未能读取绩效指标")
    total_weight = _number_field(parts.total_weight, warnings, "总分的分值")
    total_score = _number_field(parts.total_score, warnings, "总分", required=True)
    if not parts.grade:
        warnings.append("未能读取评分等级")
    return Form(**{
        "project": parts.project or None,
        "year": parts.year,
        "department": parts.department or None,
        "implementer": parts.implementer or None,
        "funds": funds,
        "goal": Goal(planned=parts.planned, achieved=parts.achieved),
        "indicators": indicators,
        "total_weight": total_weight,
        "total_score": total_score,
        "grade": parts.grade or None,
        "source": Source(file=parts.file, start_line=parts.start_line, end_line=parts.end_line),
        "warnings": warnings,
    })


_READ, _BLANK, _NOT_A_NUMBER = 0, 1, 2


def _read_cell_number(text: str | None) -> tuple[float | None, int]:
    """A funds or score cell as (number or ``None``, ``_READ``/``_BLANK``/``_NOT_A_NUMBER``).

    A pure function of the cell, memoised as ``_cell_number``: a form has ~40 such cells and
    they come from a small set (10.00, 20.00, 100.00, 0.00, "-"), so most are a look-up in C;
    an amount seen once costs what it did unmemoised.
    """
    if text is None or not text.strip():
        return None, _BLANK
    value = parse_number(text)
    if value is None and text.strip() not in PLACEHOLDERS:
        return None, _NOT_A_NUMBER
    return value, _READ


_cell_number: Callable[[str | None], tuple[float | None, int]] = cell_memo(_read_cell_number).__getitem__


def _number_field(
    text: str | None, warnings: list[str], *label: str | int | None, required: bool = False
) -> float | None:
    """The cell as a number; the label's pieces are only joined when there is something to say."""
    value, state = _cell_number(text)
    if state == _NOT_A_NUMBER or (state == _BLANK and required):
        _warn(warnings, text, state, label)
    return value


def _warn(warnings: list[str], text: str | None, state: int, label: tuple[str | int | None, ...]) -> None:
    if state == _BLANK:
        warnings.append("未能读取" + "".join(map(str, label)))
    else:
        warnings.append("".join(map(str, label)) + f"「{text}」不是数字")


_ROW_NAMES = {"total": "年度资金总额", "appropriation": "当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}


def _funds(parts: FormParts, warnings: list[str]) -> Funds:
    """The ``Funds``; a row counts as set only the columns printed, as ``FundsRow(**cells)``."""
    funds: dict[str, Any] = {"unit": parts.unit or "万元"}
    if "total" not in parts.funds:
        warnings.append("未能读取项目资金的年度资金总额")
    for kind, cells in parts.funds.items():
        label = _ROW_NAMES[kind]
        values: dict[str, float | None] = {}
        for key, text in cells.items():
            values[key], state = _cell_number(text)
            if state == _NOT_A_NUMBER:  # a blank cell is no gap here: nothing to say
                _warn(warnings, text, state, ("项目资金「", label, "」的", _COLUMN_NAMES[key]))
        weight = values.pop("weight", None)
        row = FundsRow(**values)
        if kind == "total":
            funds["weight"] = weight
            funds["total"] = row
        else:
            funds[kind] = row  # a score printed here is kept: F009 reports it
    return Funds(**funds)


_COLUMN_NAMES = {
    "initial": "年初预算数",
    "budget": "全年预算数",
    "executed": "全年执行数",
    "weight": "分值",
    "rate": "执行率",
    "score": "得分",
}


def _indicator(row: RowCells, warnings: list[str]) -> Indicator:
    """The ``Indicator``, every field given (all of them count as set)."""
    if not row.name:
        warnings.append(f"第 {row.line} 行的指标未能读取三级指标名称")
    weight, state = _cell_number(row.weight)
    if state == _NOT_A_NUMBER:
        _warn(warnings, row.weight, state, ("第 ", row.line, " 行指标「", row.name, "」的分值"))
    score, state = _cell_number(row.score)
    if state == _NOT_A_NUMBER:
        _warn(warnings, row.score, state, ("第 ", row.line, " 行指标「", row.name, "」的得分"))
    return Indicator(**{
        "level1": row.level1,
        "level2": row.level2,
        "name": row.name,
        "target": cell_value(row.target),
        "actual": cell_value(row.actual),
        "weight": weight,
        "score": score,
        "deviation": row.deviation,
        "line": row.line,
    })
