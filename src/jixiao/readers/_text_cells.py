"""Text shapes whose cells are explicit: one-line web copies, pipe tables and CSV.

A one-line copy (``line``) separates cells by spaces, so a cell is a space-free token except
where the template says free text goes (the goal columns and the deviation text), which are
rejoined with single spaces. A pipe table (``pipe``) or a CSV export (``csv``, quoted cells may
span lines) has exact cells and rows; its indicator
columns are found by their header words, and an empty 一级/二级 cell continues the one above
(a merged cell). Both are read by walking a list of ``_Cell`` s with the same landmarks as the
PDF text (项目名称, 项目资金, 预期目标, the indicator header, 总分, 评分等级).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

from ._text_assemble import FormParts, RowCells
from ._text_labels import LabelTracker, is_label
from ._text_common import (
    ACHIEVED_OPENER,
    SENTENCE_END,
    TITLE_LINE,
    find_unit,
    find_year,
    funds_columns,
    funds_row_kind,
    is_value_token,
    join_wrapped,
    merge_operators,
)
from ._text_rows import TIER_PHRASES

__all__ = ["parse_cell_forms"]


@dataclass(frozen=True)
class _Cell:
    text: str
    line: int
    row: int
    col: int


_SEPARATOR = re.compile(r"^\|?[\s:|-]*-{3,}[\s:|-]*$")
_SCORE = re.compile(r"^\d{1,3}(?:\.\d+)?$")
_INLINE = re.compile(r"^(项目名称|主管部门|实施单位|评分等级)\s*[：:]\s*(.+)$")
_GOAL_INLINE = re.compile(r"^(预期目标|实际完成情况)\s*[：:]\s*(.*)$")
_GOAL_HEADS = frozenset({"预期目标", "实际完成情况", "年度总体目标"})
_GOAL_LABELS = frozenset({"年度总体目标", "年度总体", "总体目标", "年度", "目标", "预期目标", "实际完成情况"})
_TABLE_WORDS = frozenset(
    {"绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"}
)
_FUNDS_HINTS = ("年初预算", "全年预算", "执行数", "执行率", "分值", "分数", "得分")
_TIERS = frozenset(TIER_PHRASES)
_COLUMNS = (
    ("一级", "level1"),
    ("二级", "level2"),
    ("三级", "name"),
    ("指标值", "target"),
    ("实际完成", "actual"),
    ("分值", "weight"),
    ("权重", "weight"),
    ("得分", "score"),
    ("偏差", "deviation"),
)


def _cells(lines: list[str], *, shape: str) -> list[_Cell]:
    if shape == "csv":
        return _csv_cells(lines)
    cells: list[_Cell] = []
    for i, s in enumerate(lines):
        if not s:
            continue
        if shape == "pipe" and s.startswith("|"):
            if _SEPARATOR.match(s):
                continue
            inner = s[1:-1] if s.endswith("|") and len(s) > 1 else s[1:]
            for j, text in enumerate(inner.split("|")):
                cells.append(_Cell(" ".join(text.split()), i + 1, i, j))
        elif shape == "pipe":
            cells.append(_Cell(s, i + 1, i, 0))
        else:
            for j, tok in enumerate(merge_operators(s.split())):
                cells.append(_Cell(tok, i + 1, i, j))
    return cells


def _csv_cells(lines: list[str]) -> list[_Cell]:
    """CSV rows (as Excel saves them, quoted cells may hold line breaks), each cell one ``_Cell``."""
    cells: list[_Cell] = []
    reader = csv.reader(line + "\n" for line in lines)
    start = 1
    for r, row in enumerate(reader):
        for j, text in enumerate(row):
            cells.append(_Cell(join_wrapped(text.split("\n")) if "\n" in text else text.strip(), start, r, j))
        start = reader.line_num + 1
    return cells


def _split_forms(cells: list[_Cell]) -> list[list[_Cell]]:
    forms: list[list[_Cell]] = []
    has_project = False
    for c in cells:
        if TITLE_LINE.match(c.text) or (c.text.startswith("项目名称") and (has_project or not forms)):
            forms.append([])
            has_project = False
        if c.text.startswith("项目名称"):
            has_project = True
        if forms:
            forms[-1].append(c)
    return forms


def parse_cell_forms(lines: list[str], *, file: str, shape: str) -> list[FormParts]:
    """Forms of the ``line``, ``pipe`` or ``csv`` shape."""
    out = []
    for cells in _split_forms(_cells(lines, shape=shape)):
        parts = _Form(cells, file=file, tabular=shape != "line").parse()
        if parts is not None:
            out.append(parts)
    return out


class _Form:
    def __init__(self, cells: list[_Cell], *, file: str, tabular: bool) -> None:
        self.all = cells
        self.cells = [c for c in cells if c.text]
        self.tabular = tabular  # cells sit in rows and columns (pipe, csv), not in one stream
        self.parts = FormParts(file=file, start_line=cells[0].line, end_line=cells[-1].line)

    def _find(self, test, start: int = 0) -> int | None:
        for k in range(start, len(self.cells)):
            if test(self.cells[k].text):
                return k
        return None

    def parse(self) -> FormParts | None:
        i_funds = next((k for k in range(len(self.cells)) if self._funds_landmark(k)), None)
        i_goal = self._find(lambda t: t in _GOAL_HEADS or _GOAL_INLINE.match(t) is not None, i_funds or 0)
        i_table = self._find(lambda t: t in ("绩效指标", "一级指标", "三级指标"), i_goal or i_funds or 0)
        i_total = self._find(lambda t: t.replace(" ", "").startswith("总分"), i_table or i_goal or i_funds or 0)
        has_project = self._find(lambda t: t.startswith("项目名称")) is not None
        if i_funds is None and i_table is None and i_total is None and not has_project:
            return None
        n = len(self.cells)
        header_end = next((x for x in (i_funds, i_goal, i_table, i_total) if x is not None), n)
        self._header(header_end)
        if i_funds is not None:
            self._funds(i_funds, i_goal or i_table or i_total or n)
        if i_goal is not None:
            self._goal(i_goal, i_table or i_total or n)
        if i_table is not None:
            stop = i_total if i_total is not None else n
            if self.tabular:
                self._tabular_table(i_table, stop)
            else:
                self._line_table(i_table, stop)
        if i_total is not None:
            self._closing(i_total)
        return self.parts

    def _funds_landmark(self, k: int) -> bool:
        text = self.cells[k].text
        if not ("项目资金" in text or "资金总额" in text or "年初预算" in text) or text.startswith("项目名称"):
            return False
        return k == 0 or self.cells[k - 1].text not in ("项目名称", "主管部门", "实施单位")  # not a value

    # -------------------------------------------------------------- header, funds, goal

    def _value_after(self, k: int, stop: int) -> str | None:
        for c in self.cells[k + 1 : stop]:
            if c.text in ("主管部门", "实施单位", "项目资金") or c.text.startswith(("项目资金（", "项目资金(")):
                return None
            return c.text
        return None

    def _header(self, stop: int) -> None:
        p = self.parts
        p.year = find_year(" ".join(c.text for c in self.cells[:stop]))
        for k in range(stop):
            text = self.cells[k].text
            m = _INLINE.match(text)
            key, value = (m.group(1), m.group(2).strip()) if m else (text, None)
            if key not in ("项目名称", "主管部门", "实施单位"):
                continue
            if value is None:
                value = self._value_after(k, stop)
            attr = {"项目名称": "project", "主管部门": "department", "实施单位": "implementer"}[key]
            if getattr(p, attr) is None:
                setattr(p, attr, value or None)

    def _funds(self, a: int, b: int) -> None:
        region = self.cells[a:b]
        self.parts.unit = find_unit(" ".join(c.text for c in region))
        columns = funds_columns("".join(c.text for c in region if any(h in c.text for h in _FUNDS_HINTS)))
        for k, c in enumerate(region):
            kind = funds_row_kind(c.text)
            if kind is None or any(h in c.text for h in _FUNDS_HINTS) or "项目资金" in c.text:
                continue
            if self.tabular:
                values = [x.text for x in self.all if x.row == c.row and x.col > c.col]
                values = values[: len(columns)]
            else:
                values = [x.text for x in region[k + 1 : k + 1 + len(columns)]]
            if len(values) != len(columns) or not all(v == "" or is_value_token(v) for v in values):
                self.parts.warnings.append(f"第 {c.line} 行项目资金「{c.text}」各列无法对齐")
            elif kind not in self.parts.funds:
                self.parts.funds[kind] = dict(zip(columns, values))

    def _goal(self, a: int, b: int) -> None:
        if any(_GOAL_INLINE.match(c.text) for c in self.cells[a:b]):
            self._goal_inline(a, b)
            return
        region = [c for c in self.cells[a:b] if c.text not in _GOAL_LABELS]
        if self.tabular:
            head = next((c for c in self.cells[a:b] if c.text == "实际完成情况"), None)
            planned = [c.text for c in region if head is None or c.col < head.col]
            achieved = [c.text for c in region if head is not None and c.col >= head.col]
            if head is None and len(planned) >= 2:
                planned, achieved = planned[:1], planned[1:]
            self.parts.planned, self.parts.achieved = "".join(planned), "".join(achieved)
            return
        tokens = [c.text for c in region]
        k = next((j for j in range(1, len(tokens)) if ACHIEVED_OPENER.match(" ".join(tokens[j : j + 3]))), None)
        if k is None:
            k = next((j + 1 for j in range(len(tokens) - 1) if tokens[j][-1] in SENTENCE_END), None)
        if k is None:
            if len(tokens) > 1:
                self.parts.warnings.append("未能区分年度总体目标的预期目标与实际完成情况（全部视为预期目标）")
            k = len(tokens)
        self.parts.planned, self.parts.achieved = " ".join(tokens[:k]), " ".join(tokens[k:])

    def _goal_inline(self, a: int, b: int) -> None:
        """"预期目标：…" and "实际完成情况：…" written in the cells themselves."""
        columns: dict[str, list[str]] = {"预期目标": [], "实际完成情况": []}
        current = columns["预期目标"]
        for c in self.cells[a:b]:
            m = _GOAL_INLINE.match(c.text)
            text = c.text
            if m:
                current, text = columns[m.group(1)], m.group(2)
            if text and text not in _GOAL_LABELS:
                current.append(text)
        sep = "" if self.tabular else " "
        self.parts.planned = sep.join(columns["预期目标"])
        self.parts.achieved = sep.join(columns["实际完成情况"])

    # -------------------------------------------------------------- indicators

    def _tabular_table(self, a: int, b: int) -> None:
        head_row = self.cells[a].row
        fields: dict[int, str] = {}
        for c in self.all:
            if c.row == head_row:
                key = next((f for word, f in _COLUMNS if word in c.text), None)
                if key and key not in fields.values():
                    fields[c.col] = key
        rows: dict[int, dict[str, _Cell]] = {}
        last = self.cells[b].row if b < len(self.cells) else None
        for c in self.all:
            if c.row > head_row and (last is None or c.row < last) and c.col in fields:
                rows.setdefault(c.row, {})[fields[c.col]] = c
        level1 = level2 = ""
        for row in rows.values():
            get = {k: v.text for k, v in row.items()}
            if not get.get("name"):
                if any(get.values()):
                    line = next(iter(row.values())).line
                    self.parts.warnings.append(f"第 {line} 行没有三级指标名称，未能读取")
                continue
            if get.get("level1") and get["level1"] != level1:
                level1, level2 = get["level1"], ""
            level2 = get.get("level2") or level2
            self.parts.rows.append(
                RowCells(
                    level1=level1,
                    level2=level2,
                    name=get["name"],
                    target=get.get("target", ""),
                    actual=get.get("actual", ""),
                    weight=get.get("weight", ""),
                    score=get.get("score", ""),
                    deviation=get.get("deviation", ""),
                    line=row["name"].line,
                )
            )

    def _line_table(self, a: int, b: int) -> None:
        k = a
        while k < b and self.cells[k].text in _TABLE_WORDS:
            k += 1
        tokens = self.cells[k:b]
        labels = LabelTracker()
        rows: list[tuple[RowCells, list[str]]] = []
        t = [x.text for x in tokens]
        start = 0
        j = 0
        while j + 1 < len(tokens):
            if not (_SCORE.match(t[j]) and _SCORE.match(t[j + 1]) and (j + 2 >= len(t) or not _SCORE.match(t[j + 2]))):
                j += 1
                continue
            seg = tokens[start:j]
            marks = [m for m, c in enumerate(seg) if is_label(c.text)]
            body = seg[marks[-1] + 1 :] if marks else seg[-3:]
            before = seg[: marks[0]] if marks else seg[: len(seg) - len(body)]
            if rows:
                rows[-1][1].extend(c.text for c in before)
            elif before:
                self.parts.warnings.append(f"第 {before[0].line} 行「{before[0].text}」未能归入任何指标")
            for m in marks:
                labels.feed(seg[m].text)
            level1, level2 = labels.take()
            texts = [c.text for c in body]
            if len(texts) > 3:
                texts = [" ".join(texts[:-2])] + texts[-2:]
            elif len(texts) == 2 and texts[1] in _TIERS:
                texts = [texts[0], "", texts[1]]
            texts += [""] * (3 - len(texts))
            line = body[0].line if body else tokens[j].line
            rows.append((RowCells(level1, level2, *texts, t[j], t[j + 1], "", line), []))
            j += 2
            start = j
        if rows:
            rows[-1][1].extend(c.text for c in tokens[start:])
        for row, deviation in rows:
            row.deviation = " ".join(deviation)
            self.parts.rows.append(row)

    # -------------------------------------------------------------- closing rows

    def _closing(self, k: int) -> None:
        p = self.parts
        first = self.cells[k]
        rest = first.text.replace(" ", "")[2:].lstrip("：:")
        following = [c for c in self.cells[k + 1 :] if not self.tabular or c.row == first.row]
        numbers = ([rest] if rest else []) + [c.text for c in following[:3]]
        numbers = [x for x in numbers if is_value_token(x)][:2]
        if len(numbers) == 2:
            p.total_weight, p.total_score = numbers
        elif numbers:
            p.total_score = numbers[0]
        for j in range(k, len(self.cells)):
            text = self.cells[j].text
            m = _INLINE.match(text)
            if m and m.group(1) == "评分等级":
                p.grade = m.group(2).strip()
                break
            if text == "评分等级":
                p.grade = next((c.text for c in self.cells[j + 1 :] if c.text), None)
                break
