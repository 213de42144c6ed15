"""Grid → forms: find the template's labels wherever they sit, then read across the rows.

The mapper reads a grid top to bottom as a person does. Header rows (年初预算数…, 预期目标/实际完成
情况, 一级指标…三级指标…) set a column map for the rows under them, so column order, extra
columns and merged ranges may vary. 项目名称 (or a title row) starts a new form, which is how
several forms stacked in one sheet, one docx or one PDF come apart. What cannot be found is left
``None`` with a warning on the form, never guessed and never a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Form, FundsRow, Indicator, Source, Value
from ..values import parse_value
from ._mapper_header import header_values, label_value
from ._mapper_labels import (
    FUNDS_COLUMNS,
    INDICATOR_COLUMNS,
    NATURE_OPS,
    cell_at,
    is_placeholder,
    key,
    match_columns,
    parse_number,
)
from .grid import Cell, Grid, clean_text

__all__ = ["grid_to_forms"]

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年度")
_YEAR_VALUE = re.compile(r"^((?:19|20)\d{2})年?$")
_YEAR_LABELLED = re.compile(r"^(?:项目|预算)?年度((?:19|20)\d{2})年?$")
_UNIT = re.compile(r"[（(]\s*(万元|亿元|元)\s*[）)]")
_FUNDS_NAMES = {"total": "年度资金总额", "appropriation": "财政拨款", "carryover": "上年结转资金", "other": "其他资金"}
_FUNDS_KINDS = (("财政拨款", "appropriation"), ("上年结转", "carryover"), ("其他资金", "other"), ("资金总额", "total"))


@dataclass
class _Draft:
    """A form being read, with the column maps of the sections seen so far."""

    form: Form
    cells: list[Cell] = field(default_factory=list)
    funds_cols: dict[str, tuple[int, int]] | None = None
    goal_cols: dict[str, tuple[int, int]] | None = None
    ind_cols: dict[str, tuple[int, int]] | None = None
    planned: list[str] = field(default_factory=list)
    achieved: list[str] = field(default_factory=list)
    mode: str | None = None

    @property
    def has_body(self) -> bool:
        return self.funds_cols is not None or self.ind_cols is not None or bool(self.form.indicators)

    @property
    def has_content(self) -> bool:
        return self.has_body or self.form.project is not None


class _Mapper:
    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.forms: list[Form] = []
        self.cur = self._new()

    def _new(self) -> _Draft:
        return _Draft(form=Form(source=Source(file=self.grid.file)))

    def _finish(self) -> None:
        d = self.cur
        if d.has_content:
            self.forms.append(_finalise(d, self.grid))
        self.cur = self._new()

    def run(self) -> list[Form]:
        for r, row in enumerate(self.grid.rows()):
            if row:
                self._row(r, row)
        self._finish()
        return self.forms

    def _row(self, r: int, row: list[Cell]) -> None:
        starting = [c for c in row if c.row == r]
        if not starting:
            return
        ind = match_columns(row, INDICATOR_COLUMNS)
        if "name" in ind and ("target" in ind or "actual" in ind):
            self.cur.ind_cols, self.cur.mode = ind, "indicators"
            self.cur.cells.extend(starting)
            return
        funds = match_columns(row, FUNDS_COLUMNS)
        if sum(f in funds for f in ("initial", "budget", "executed")) >= 2:
            if self.cur.funds_cols is not None:  # a second funds table: the next form has no 项目名称
                self._finish()
            self.cur.funds_cols, self.cur.mode = funds, "funds"
            self._unit(row)
            self.cur.cells.extend(starting)
            return
        keys = [key(c.text) for c in row]
        if any(k.startswith("预期目标") for k in keys) and any(k.startswith("实际完成情况") for k in keys):
            self.cur.goal_cols = {
                "planned": next((c.col, c.last_col) for c in row if key(c.text).startswith("预期目标")),
                "achieved": next((c.col, c.last_col) for c in row if key(c.text).startswith("实际完成情况")),
            }
            self.cur.mode = "goal"
            return
        if self._labels(r, row, starting):
            return
        if self.cur.mode == "funds":
            self._funds_row(row)
        elif self.cur.mode == "goal":
            self._goal_row(r, row)
        elif self.cur.mode == "indicators":
            self._indicator_row(r, row)

    # -- header labels, totals, grade ---------------------------------------------------------
    def _labels(self, r: int, row: list[Cell], starting: list[Cell]) -> bool:
        texts = [key(c.text) for c in starting]
        if any("自评表" in t and len(t) <= 40 for t in texts):
            if self.cur.has_content:
                self._finish()
            self._year_from(starting)
            self.cur.cells.extend(starting)
            return True
        found = header_values(starting)
        if self.cur.mode is not None and not any(f == "project" for f, _ in found):
            found = []  # inside a table only 项目名称 (the next form) counts: "主管部门满意度" is an indicator
        if found:
            if any(f == "project" for f, _ in found) and self.cur.form.project is not None:
                self._finish()
            for fld, value in found:
                if value and getattr(self.cur.form, fld) is None:
                    setattr(self.cur.form, fld, value)
            self._year_from(starting)
            self.cur.cells.extend(starting)
            return True
        if self.cur.mode in (None, "header") and any((_YEAR.search(t) or _YEAR_LABELLED.match(t)) and len(t) <= 40 for t in texts):
            if self.cur.has_body:
                self._finish()
            self._year_from(starting)
            self.cur.cells.extend(starting)
            return True
        hit = label_value(starting, ("总分", "合计得分"))
        handled = False
        if hit is not None:
            self._total(hit[0], row)
            handled = True
        grade = label_value(starting, ("评分等级", "自评等级", "绩效等级"))
        if grade is not None:
            cell, rest, right = grade
            value = rest or next((clean_text(c.text) for c in right if c.col > cell.last_col), "")
            self.cur.form.grade = value or None
            handled = True
        if handled:
            self.cur.mode = None
        elif self.cur.mode != "indicators" and self._inline_goal(row, starting):
            handled = True
        if handled:
            self.cur.cells.extend(starting)
        return handled

    def _year_from(self, cells: list[Cell]) -> None:
        if self.cur.form.year is not None:
            return
        for i, cell in enumerate(cells):
            m = _YEAR.search(key(cell.text))
            if m:
                self.cur.form.year = int(m.group(1))
                return
            k = key(cell.text)
            m = _YEAR_LABELLED.match(k)
            if m:
                self.cur.form.year = int(m.group(1))
                return
            if k in {"年度", "项目年度", "预算年度"} and i + 1 < len(cells):
                v = _YEAR_VALUE.match(key(cells[i + 1].text))
                if v:
                    self.cur.form.year = int(v.group(1))
                    return

    def _total(self, label: Cell, row: list[Cell]) -> None:
        cols = self.cur.ind_cols or {}
        right = [c for c in row if c.col > label.last_col]
        w = cell_at(right, cols.get("weight"))
        s = cell_at(right, cols.get("score"))
        if "weight" not in cols or "score" not in cols or (w is not None and w is s):
            # No column map to go by (or one merged cell): the numbers in order, weight first.
            nums = [n for n, ok in (parse_number(c.text) for c in right) if ok and n is not None]
            if len(nums) >= 2:
                self.cur.form.total_weight, self.cur.form.total_score = nums[0], nums[1]
            elif len(nums) == 1:
                self.cur.form.total_score = nums[0]
            return
        self.cur.form.total_weight = self._num(w, "总分分值") if w is not None else None
        self.cur.form.total_score = self._num(s, "总分得分") if s is not None else None

    def _inline_goal(self, row: list[Cell], starting: list[Cell]) -> bool:
        """Templates that put 预期目标 and 实际完成情况 as row labels with the text to the right."""
        done = False
        for words, target in ((("预期目标", "年度目标"), self.cur.planned), (("实际完成情况",), self.cur.achieved)):
            cell = next((c for c in starting if key(c.text) in words), None)
            if cell is None:
                continue
            text = "".join(clean_text(c.text) for c in row if c.col > cell.last_col and c.row == cell.row)
            if text:
                target.append(text)
            done = True
        return done

    # -- sections -----------------------------------------------------------------------------
    def _unit(self, row: list[Cell]) -> None:
        for cell in row:
            m = _UNIT.search(cell.text)
            if m:
                self.cur.form.funds.unit = m.group(1)
                return

    def _num(self, cell: Cell, what: str) -> float | None:
        value, ok = parse_number(cell.text)
        if not ok:
            where = f"（{cell.address}）" if cell.address else ""
            self.cur.form.warnings.append(f"{what}“{cell.text}”{where}不是数字，按空白处理")
        return value

    def _funds_row(self, row: list[Cell]) -> None:
        cols = self.cur.funds_cols or {}
        self._unit(row)
        data_spans = list(cols.values())
        labels = "".join(
            key(c.text)
            for c in row
            if not any(min(c.last_col, b) >= max(c.col, a) for a, b in data_spans)
        )
        kind = next((k for word, k in _FUNDS_KINDS if word in labels), None)
        if kind is None:
            return
        values: dict[str, float | None] = {}
        for fld in ("initial", "budget", "executed", "rate", "score", "weight"):
            cell = cell_at(row, cols.get(fld))
            values[fld] = self._num(cell, f"项目资金「{_FUNDS_NAMES[kind]}」") if cell is not None else None
        weight = values.pop("weight")
        funds_row = FundsRow(**values)
        funds = self.cur.form.funds
        if kind == "total":
            funds.total, funds.weight = funds_row, weight
        else:
            setattr(funds, kind, funds_row)
        self.cur.cells.extend(c for c in row if c.col >= min((a for a, _ in data_spans), default=0))

    def _goal_row(self, r: int, row: list[Cell]) -> None:
        cols = self.cur.goal_cols or {}
        for fld, target in (("planned", self.cur.planned), ("achieved", self.cur.achieved)):
            other = cols.get("achieved" if fld == "planned" else "planned")
            cell = cell_at(row, cols.get(fld), exclude=other)
            if cell is not None and cell.row == r and not is_placeholder(cell.text):
                target.append(clean_text(cell.text))
                self.cur.cells.append(cell)

    def _indicator_row(self, r: int, row: list[Cell]) -> None:
        cols = self.cur.ind_cols or {}
        name_cell = cell_at(row, cols.get("name"))
        if name_cell is None or name_cell.row != r:
            return
        name = clean_text(name_cell.text)
        if key(name) in {"小计", "合计"} or any(key(name).startswith(w) for w in INDICATOR_COLUMNS["name"]):
            return
        lv1 = cell_at(row, cols.get("level1"))
        lv2 = cell_at(row, cols.get("level2"))
        prev = self.cur.form.indicators[-1] if self.cur.form.indicators else None

        def text_of(fld: str) -> str:
            cell = cell_at(row, cols.get(fld))
            return clean_text(cell.text) if cell is not None and cell.row == r else ""

        level1 = clean_text(lv1.text) if lv1 is not None else (prev.level1 if prev else "")
        level2 = clean_text(lv2.text) if lv2 is not None and lv2 is not lv1 else ""
        if lv2 is None and prev is not None and prev.level1 == level1:
            level2 = prev.level2
        ind = Indicator(
            level1=level1,
            level2=level2,
            name=name,
            target=self._value(text_of("target"), text_of("nature"), text_of("unit")),
            actual=self._value(text_of("actual"), "", text_of("unit")),
            deviation="" if is_placeholder(text_of("deviation")) else text_of("deviation"),
            line=name_cell.line,
        )
        for fld in ("weight", "score"):
            cell = cell_at(row, cols.get(fld))
            if cell is not None and cell.row == r:
                setattr(ind, fld, self._num(cell, f"指标「{name}」{'分值' if fld == 'weight' else '得分'}"))
        self.cur.form.indicators.append(ind)
        self.cur.cells.extend(c for c in row if c.row == r)

    @staticmethod
    def _value(text: str, nature: str, unit: str) -> Value:
        """A cell through the value grammar; Sichuan's 指标性质/度量单位 columns joined in first."""
        op = NATURE_OPS.get(key(nature), "")
        if unit and is_placeholder(unit):
            unit = ""
        if (op or unit) and text and not is_placeholder(text):
            plain = parse_value(text)
            if op and plain.op is None and plain.value is not None:
                text = op + text
            if unit and plain.unit is None and plain.value is not None:
                text = text + unit
        return parse_value(text)


def _finalise(d: _Draft, grid: Grid) -> Form:
    form = d.form
    form.goal.planned = clean_text("\n".join(d.planned))
    form.goal.achieved = clean_text("\n".join(d.achieved))
    sheets = [c.sheet for c in d.cells if c.sheet is not None]
    first, last = (sheets[0], sheets[-1]) if sheets else (None, None)
    # A form may run over pages: it starts on its first page's line and ends on its last page's.
    starts = [c.line for c in d.cells if c.line is not None and c.sheet == first]
    ends = [c.line for c in d.cells if c.line is not None and c.sheet == last]
    form.source = Source(
        file=grid.file,
        sheet=first,
        start_line=min(starts, default=None),
        end_line=max(ends, default=None),
    )
    warnings: list[str] = []
    if form.project is None:
        warnings.append("未找到“项目名称”")
    if d.funds_cols is None:
        warnings.append("未找到项目资金表（年初预算数/全年预算数/全年执行数）")
    elif "weight" not in d.funds_cols or "score" not in d.funds_cols:
        warnings.append("项目资金表没有“分值”或“得分”列，执行率的分值和得分按空白处理")
    if not d.planned and not d.achieved:
        warnings.append("未找到年度总体目标（预期目标/实际完成情况）")
    if d.ind_cols is None:
        warnings.append("未找到绩效指标表（一级指标/二级指标/三级指标）")
    else:
        if "weight" not in d.ind_cols or "score" not in d.ind_cols:
            warnings.append("绩效指标表没有“分值”或“得分”列，指标的分值和得分按空白处理")
        if not form.indicators:
            warnings.append("绩效指标表中没有读到指标行")
    form.warnings = grid.notes + warnings + form.warnings
    return form


def grid_to_forms(grid: Grid) -> list[Form]:
    """Every form found in ``grid``, in order; an empty list when none is there."""
    return _Mapper(grid).run()
