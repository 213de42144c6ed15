"""Grid → forms: find the template's labels wherever they sit, then read across the rows.

The mapper reads a grid top to bottom as a person does. Header rows (年初预算数…, 预期目标/实际完成
情况, 一级指标…三级指标…) set the column roles for the rows under them, so column order, extra
columns and merged ranges may vary. A title, a 项目名称 row, or a second funds table starts a new
form, which is how several forms in one sheet, document or text come apart. What cannot be found
is left ``None`` with a warning on the form; what cannot be placed is a problem of its reading.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import takewhile
from typing import NamedTuple

from ...model import Form
from ..grid import Cell, Grid, clean_text
from ..vocabulary import (
    CLOSING_FIELDS,
    FUNDS_FIELDS,
    GOAL_FIELDS,
    HEADER_FIELDS,
    INDICATOR_FIELDS,
    field_of,
    funds_row_kind,
    is_placeholder,
    key,
)
from ._columns import Columns, another_header, cell_at, header_columns, looks_numeric
from ._draft import FILE_SHAPES, Draft, cut_after_title, finish
from ._inline import inline_funds, inline_sub_rows, labelled_total, more_amounts
from ._labels import header_values, label_value, text_after, title_year, unit_of, year_of
from ._rows import funds_row, goal_row, indicator_row, number_of
from ._settle import settle_rows

__all__ = ["grid_to_forms"]

_POINTS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")
_INDICATOR_ROLES = frozenset({"target", "actual", "weight", "score", "deviation"})
_TOTAL = CLOSING_FIELDS["total"].words
_GRADE = CLOSING_FIELDS["grade"].words
_SECTIONS = ("conclusion", "shortcomings", "measures")


_LABEL_START = re.compile(
    "|".join(
        re.escape(w)
        for w in sorted(
            {w for t in (FUNDS_FIELDS, INDICATOR_FIELDS, GOAL_FIELDS, HEADER_FIELDS, CLOSING_FIELDS) for f in t.values() for w in f.words},
            key=len,
            reverse=True,
        )
    )
)
"""Any word a header, label or closing row begins a cell with (on the key)."""


class _Words(NamedTuple):
    """What the words of a row's cells may make of the row (its readers are asked only then)."""

    may_label: bool
    """A cell begins with a form word, or names a title or a year: the row may be more than
    data. A section's row without one is read as data at once."""
    indicator: bool
    """A cell names an indicator column (一级指标, 年度指标值…)."""
    amounts: int
    """How many cells name a funds amount column (年初预算数, 全年预算数, 全年执行数)."""
    goals: frozenset[str]
    """The goal columns the cells name (预期目标, 实际完成情况)."""
    closing: frozenset[str]
    """The closing labels cells begin with (total, grade, conclusion…), and "goal" for a goal label."""
    header: bool
    title: bool

    @property
    def any(self) -> bool:
        """Whether the words name anything a header, label or closing row is read by."""
        return self.indicator or bool(self.amounts or self.goals or self.closing) or self.header or self.title


_NO_WORDS = _Words(False, False, 0, frozenset(), frozenset(), False, False)
_AMOUNTS = frozenset({"initial", "budget", "executed"})


@lru_cache(maxsize=8192)
def _cell_words(text: str) -> _Words | None:
    """What the words of one cell may make of its row; ``None`` when they make nothing of it."""
    k = key(text)
    if _LABEL_START.match(k) is None and "自评表" not in k and "年度" not in k:
        return None
    goal = field_of(text, GOAL_FIELDS)
    closing = {name for name, f in CLOSING_FIELDS.items() if k.startswith(f.words)}
    if k.startswith(_GOAL_WORDS):
        closing.add("goal")
    return _Words(
        may_label=True,
        indicator=field_of(text, INDICATOR_FIELDS) is not None,
        amounts=int(field_of(text, FUNDS_FIELDS) in _AMOUNTS),
        goals=frozenset({goal} if goal is not None else ()),
        closing=frozenset(closing),
        header=k.startswith(_HEADER_WORDS),
        title="自评表" in k and len(k) <= 40,
    )


def _words(row: list[Cell]) -> _Words:
    """What the words of any cell of ``row`` may make of it."""
    found = [w for cell in row if (w := _cell_words(cell.text)) is not None]
    if len(found) <= 1:
        return found[0] if found else _NO_WORDS
    _, indicator, amounts, goals, closing, header, title = zip(*found)  # each field over the cells
    return _Words(True, any(indicator), sum(amounts), frozenset().union(*goals), frozenset().union(*closing), any(header), any(title))


_GOAL_WORDS = tuple(w for f in GOAL_FIELDS.values() for w in f.words)
_HEADER_WORDS = tuple(w for f in HEADER_FIELDS.values() for w in f.words)


_FUNDS_AMOUNT_WORD = re.compile(
    "|".join(re.escape(w) for f in FUNDS_FIELDS.values() if f.name in _AMOUNTS for w in f.words)
)
_AMOUNT = re.compile(r"(?<![\d.])\d+\.\d{2}(?![\d%])")


def _unparted_funds(text: str) -> bool:
    """A cell holding a whole funds table its shape could not part: column words of amounts
    (年初预算数, 执行数…) and amounts with their cents ("2960.00"), two of each or more."""
    return len(_FUNDS_AMOUNT_WORD.findall(text)) >= 2 and len(_AMOUNT.findall(text)) >= 2


class _Mapper:
    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.aligned = grid.shape in FILE_SHAPES
        self.forms: list[Form] = []
        self.last_row = _last_row(grid.rows())
        self.cur = self._new()

    def _new(self) -> Draft:
        return Draft(form=Form(), last_row=self.last_row)  # its source is set when it is finished

    def _finish(self, *, last: bool = False) -> None:
        if self.cur.has_content or (last and not self.forms and cut_after_title(self.cur, self.grid)):
            settle_rows(self.cur)
            self.forms.append(finish(self.cur, self.grid, last=last))
        if not last:
            self.cur = self._new()

    def run(self) -> list[Form]:
        for r, row in enumerate(self.grid.rows()):
            # only a file grid has cells merged over rows; a text grid's cells all start in their row
            starting = [c for c in row if c.row == r] if self.aligned else row
            if starting:
                self._row(r, row, starting)
        self._finish(last=True)
        return self.forms

    def _row(self, r: int, row: list[Cell], starting: list[Cell]) -> None:
        d = self.cur
        words = _words(row)
        if d.mode is not None and not words.may_label:
            self._data_row(r, row)  # no cell begins with a form word: a row of the section
            return
        if words.indicator and self._indicator_header(row, starting):
            return
        d.fresh = False
        if d.mode is not None and not words.any:
            self._data_row(r, row)  # a section's row that only mentions a 年度: no label of the form
            return
        if d.mode is None and len(starting) == 1 and _unparted_funds(starting[0].text):
            where = f"第 {starting[0].line} 行" if starting[0].line is not None else starting[0].address
            d.problems.append(("funds", f"项目资金表（{where}）的列名和金额连在一起，未能分成单元格：没有读取预算数和执行数"))
            d.cells.extend(starting)
            return
        inline = inline_funds(row, d.form.funds) if words.amounts and d.mode != "indicators" else None
        if inline is not None:  # "预算数: | 2.38 | 执行数: | 2.38": amounts after their labels
            d.funds, d.mode, d.inline = d.funds or Columns(), "inline", more_amounts(d, inline)
            d.note_header(row)
            d.cells.extend(starting)
            return
        funds = header_columns(row, FUNDS_FIELDS) if words.amounts >= 2 else None
        if funds is not None and len(funds.spans.keys() & _AMOUNTS) >= 2:
            if d.funds is not None:  # a second funds table: the next form has no 项目名称
                self._finish()
                d = self.cur
            d.funds, d.mode = funds, "funds"
            d.note_header(row)
            self._unit_and_points(row)
            d.cells.extend(starting)
            return
        if d.funds is None and d.mode is None and (total := labelled_total(row, d.form.funds)) is not None:
            d.funds, d.mode, d.inline = Columns(), "inline", total  # "年度预算资金总额: | 1084.25"
            d.cells.extend(starting)
            return
        goal = header_columns(row, GOAL_FIELDS) if {"planned", "achieved"} <= words.goals else None
        if goal is not None and "planned" in goal and "achieved" in goal:
            d.goal, d.mode = goal, "goal"
            d.seen.add("goal")
            d.note_header(row)
            return
        if not self._labels(row, starting, words):
            self._data_row(r, row)

    def _data_row(self, r: int, row: list[Cell]) -> None:
        d = self.cur
        if d.mode == "funds":
            if funds_row_kind(row[0].text) is not None:
                d.header_texts.append(row[0].text)  # a row label may mark the template (年度财政资金总额)
            funds_row(d, row, self.aligned)
        elif d.mode == "goal":
            goal_row(d, r, row, self.aligned)
        elif d.mode == "inline" and any(funds_row_kind(c.text) == "total" for c in row):
            d.mode = None  # a sub-programme's own total: its rows are not the form's
        elif d.mode == "inline":
            inline_sub_rows(row, d.form.funds, d.inline)
        elif d.mode == "indicators" and not self.aligned and another_header(row, len(d.ind.order) if d.ind else 0):
            d.mode, d.closed = None, True  # another table follows the indicator table: no row of the form
        elif d.mode == "indicators":
            indicator_row(d, r, row, self.aligned)

    # -- headers -----------------------------------------------------------------------------------
    def _indicator_header(self, row: list[Cell], starting: list[Cell]) -> bool:
        """An indicator header row, or the second row of a two-row one; True when it was one."""
        d = self.cur
        cols = header_columns(row, INDICATOR_FIELDS)
        roles = len(cols.spans.keys() & _INDICATOR_ROLES)
        if "name" not in cols:
            if roles >= 3 and len(cols.order) >= len(starting) - 2:
                d.pending = cols  # 年度指标值 | 实际完成值 | 分值 | 得分 over sub-columns below
                d.note_header(row)
                return True
            return False
        if roles == 0 and not (d.fresh or d.pending):
            if "level1" in cols:
                d.seen.add("indicators")  # 一级/二级/三级 over columns the vocabulary does not know
            return False
        if d.fresh and d.ind is not None:
            d.ind = d.ind.merged_with(cols)
        elif d.pending is not None:
            d.ind = d.pending.merged_with(cols)
            d.pending = None
        elif "target" in cols or "actual" in cols:
            d.ind = cols
        else:
            return False
        d.mode, d.fresh = "indicators", True
        d.note_header(row)
        d.detect()
        d.cells.extend(starting)
        return True

    def _unit_and_points(self, row: list[Cell]) -> None:
        """The funds unit ("项目资金（元）") and, where no 分值 column exists, the points the
        funds header prints ("预算执行情况(万元)(20分)")."""
        d = self.cur
        unweighted = d.funds is not None and "weight" not in d.funds
        for cell in row:
            unit = unit_of(cell.text)
            if unit:
                d.form.funds.unit = unit
            if unweighted and (p := _POINTS.search(key(cell.text))):
                d.funds_points = float(p.group(1))

    # -- labelled rows: title, header, total, grade, sections ----------------------------------------
    def _labels(self, row: list[Cell], starting: list[Cell], words: _Words) -> bool:
        d = self.cur
        if words.title:
            if d.has_content:
                self._finish()
                d = self.cur
            d.form.year = year_of(starting) or title_year(starting) or d.form.year  # of titles before the form, the nearest
            d.note_header(starting)
            d.cells.extend(starting)
            return True
        found = header_values(starting) if words.header else []
        if d.mode is not None and not any(f == "project" for f, _, _ in found):
            found = []  # inside a table only 项目名称 (the next form) counts: "主管部门满意度" is an indicator
        if found:
            again = next((v for f, v, _ in found if f == "project"), None)
            repeated = again is not None and d.form.project is not None and _names_again(d.form.project, again)
            if again is not None and d.form.project is not None and not repeated:
                self._finish()
                d = self.cur
            elif self.grid.shape == "glued" and (doubt := _cut_in_doubt(d.cells[-2:], starting[0], d.form.project)):
                d.problems.append(("header", doubt))
            for fld, value, weak in found:
                if value and (getattr(d.form, fld) is None or (fld in d.weak and not weak)):
                    setattr(d.form, fld, value)
                    if weak:
                        d.weak.add(fld)
                    else:
                        d.weak.discard(fld)
            if not repeated:  # a year inside the name printed again says no more than the first time
                d.form.year = d.form.year or year_of(starting)
            d.note_header(starting)
            d.cells.extend(starting)
            return True
        if d.mode is None and any(_states_year(c) for c in starting):
            if d.has_body:
                self._finish()
                d = self.cur
            d.form.year = d.form.year or year_of(starting)
            d.cells.extend(starting)
            return True
        if not words.closing:
            return False
        return self._closing(row, starting, words.closing)

    def _closing(self, row: list[Cell], starting: list[Cell], labels: frozenset[str]) -> bool:
        """A closing row (总分, 评分等级, 评价结论…) or a goal's labelled row; ``labels`` are the
        closing labels its cells begin with."""
        d = self.cur
        handled = False
        total = label_value(starting, _TOTAL) if "total" in labels else None
        if total is not None and not (d.mode == "funds" and key(total[0].text).startswith("合计")):
            self._total(total[0], row)
            handled = True
        grade = label_value(starting, _GRADE) if "grade" in labels else None
        if grade is not None:
            cell, rest, right = grade
            # the grade is the next cell with text ("| 评分等级 | | | 优 |"), never another label
            value = rest or next((clean_text(c.text) for c in right if c.col > cell.last_col and c.text.strip()), "")
            d.form.grade = value if value and field_of(value, CLOSING_FIELDS) is None else None
            handled = True
        filled = [c for c in starting if c.text.strip()]
        for section in _SECTIONS:
            hit = label_value(starting, CLOSING_FIELDS[section].words) if section in labels else None
            if hit is not None and field_of(hit[0].text, CLOSING_FIELDS) == section:
                cell, rest, right = hit
                if _among_labels(filled, cell):
                    continue  # the header row of another table (情况说明 | 存在问题 | 改进措施)
                text = rest or next((clean_text(c.text) for c in right if c.col > cell.last_col and c.text.strip()), "")
                setattr(d.form, section, text or None)
                handled = True
        if handled:
            d.mode, d.closed = None, d.closed or d.has_body  # a 总分 above the tables (宁夏, 湖北) ends nothing
        elif d.mode not in ("indicators", "goal") and self._inline_goal(row, starting):
            handled = True
        if handled:
            d.cells.extend(starting)
        return handled

    def _total(self, label: Cell, row: list[Cell]) -> None:
        d = self.cur
        printed = _POINTS.search(key(label.text))
        cols = d.ind.spans if d.ind is not None and self.aligned else {}
        right = [c for c in row if c.col > label.last_col]
        w = cell_at(right, cols.get("weight"))
        s = cell_at(right, cols.get("score"))
        if "weight" not in cols or "score" not in cols or (w is not None and w is s):
            # No column map to go by (or one merged cell): the numbers in order, weight first.
            numbers = [c for c in right if c.text.strip() and not is_placeholder(c.text)]
            numbers = list(takewhile(lambda c: looks_numeric(c.text), numbers))[:2]
            names = ["总分的分值", "总分"] if len(numbers) == 2 else ["总分"]
            read = [number_of(d, c, what) for c, what in zip(numbers, names)]
            if len(read) == 2:
                d.form.total_weight, d.form.total_score = read
            elif len(read) == 1:
                d.form.total_score = read[0]
            if printed and d.form.total_weight is None:
                d.form.total_weight = float(printed.group(1))
            return
        d.form.total_weight = number_of(d, w, "总分的分值") if w is not None else None
        d.form.total_score = number_of(d, s, "总分") if s is not None else None

    def _inline_goal(self, row: list[Cell], starting: list[Cell]) -> bool:
        """Templates that put 预期目标 and 实际完成情况 as row labels, with the text to the right
        or in the label's own cell ("预期目标：完成培训 5 期")."""
        d = self.cur
        done = False
        for role, target in (("planned", d.planned), ("achieved", d.achieved)):
            words = GOAL_FIELDS[role].words
            cell = next((c for c in starting if field_of(key(c.text)[:12], GOAL_FIELDS) == role and key(c.text).startswith(words)), None)
            if cell is None:
                continue
            word = next(w for w in sorted(words, key=len, reverse=True) if key(cell.text).startswith(w))
            text = text_after(clean_text(cell.text), word)
            if not text and len(key(cell.text)) <= len(word) + 2:
                text = "".join(clean_text(c.text) for c in row if c.col > cell.last_col and c.row == cell.row)
            if text:
                target.append(text)
            d.seen.add("goal")
            done = True
        return done


def _names_again(project: str, value: str) -> bool:
    """Whether a second 项目名称 ``value`` names the form's ``project`` again (a report prints it
    on its cover, its 目标表 and its 评分表; "2017年度…" for "2017年…"), maybe with the text
    after it glued on: the same form goes on, no new one starts."""
    name, again = (key(t).replace("年度", "年") for t in (project, value))
    return bool(name) and again.startswith(name)


_ITEM_LABELS = sorted({w for f in HEADER_FIELDS.values() for w in f.words}, key=len, reverse=True)
_MAY_END = {"project": ("项目",)}
"""Words a header item's value may end with that also begin a longer label (项目名称 "…资助项目",
then 主管部门; or "…资助", then 项目主管部门). A unit's name ends in its office (局, 厅, 学院),
never in 项目 or 省级, so only these make a glued cut uncertain."""


def _cut_in_doubt(before: list[Cell], label: Cell, project: str | None) -> str | None:
    """Why the cut between a header item's value and the next label, in text glued with no
    delimiter, could be made two ways: the label begins with a word that may end the value
    before it ("…学生资助|项目主管部门" or "…学生资助项目|主管部门"); ``None`` when it could not.
    ``before`` is the previous item's [label, value], ``project`` the name the form took."""
    if len(before) != 2 or before[1].line != label.line or clean_text(before[1].text) != project:
        return None
    endings = _MAY_END.get(field_of(before[0].text, HEADER_FIELDS) or "", ())
    k = key(label.text).rstrip(":：")
    shorter = next((w for w in _ITEM_LABELS if len(w) < len(k) and k.endswith(w)), None)
    if k not in _ITEM_LABELS or shorter is None or k[: len(k) - len(shorter)] not in endings:
        return None
    value, prefix = clean_text(before[1].text), k[: len(k) - len(shorter)]
    return (
        f"表头文字连在一起：「{value}{k}」可以断作「{value}」+「{k}」，也可以断作「{value}{prefix}」+「{shorter}」，"
        "无法确定在哪里断开"
    )


def _among_labels(cells: list[Cell], cell: Cell) -> bool:
    """Whether the closing label ``cell`` stands beside another closing label in its row, with
    no value between them: the row is a header of labels, not a section with its text."""
    i = cells.index(cell)
    beside = cells[max(i - 1, 0) : i] + cells[i + 1 : i + 2]
    return any(field_of(c.text, CLOSING_FIELDS) is not None for c in beside)


def _states_year(cell: Cell) -> bool:
    """A short cell that states the form's year ("（2024年度）", "年度 | 2022", "项目年份 2017")."""
    k = key(cell.text)
    return ("年度" in k or "年份" in k) and len(k) <= 40 and year_of([cell]) is not None


def _last_row(rows: list[list[Cell]]) -> int:
    """The last row a cell starts in (-1 when none does): the rows under it hold only cells
    merged down from above it."""
    for r in range(len(rows) - 1, -1, -1):
        if any(c.row == r for c in rows[r]):
            return r
    return -1


def grid_to_forms(grid: Grid) -> list[Form]:
    """Every form found in ``grid``, in order; an empty list when none is there."""
    return _Mapper(grid).run()

