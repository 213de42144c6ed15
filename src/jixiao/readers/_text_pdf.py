"""Text extracted from a PDF of the form: one visual line per text line, columns interleaved.

The extractor emits a table row column by column and cell by cell, so a merged label cell comes
out as fragments ("可持", "续影", "响指", "标"), a wrapped cell as several lines, and a row cut
by a page break continues after a gap of blank lines. The parser walks the lines once with a small
state machine; where a line could belong to two cells it decides by the shape of the text (a
sentence ends with "。", a label is one of the known ones, a wrapped name piece is as wide as its
column), never by which form it is reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ._text_assemble import FormParts, RowCells
from ._text_labels import LabelTracker
from ._text_common import (
    SENTENCE_END,
    TITLE_LINE,
    find_unit,
    find_year,
    funds_columns,
    funds_row_kind,
    is_value_token,
    join_wrapped,
    split_cells_of,
)
from ._text_goal import split_goal
from ._text_pdf_split import (  # the splitters are re-exported: benchmarks import them from here
    HEADER_LABELS,
    drop_page_numbers,
    pdf_form_spans,
    section_markers,
    split_pdf_forms,
)
from ._text_rows import TIER_PHRASES, split_cells

__all__ = ["split_pdf_forms", "pdf_form_spans", "parse_pdf_form", "drop_page_numbers"]

_PROJECT = re.compile(r"项目名称\s*[：:]?\s*(.*)$")
_DEPARTMENT = re.compile(r"主管部门\s*[：:]?\s*(.*?)\s*(?=实施单位|$)")
_IMPLEMENTER = re.compile(r"实施单位\s*[：:]?\s*(.*)$")
_HEADER_FIELDS = (
    ("project", "项目名称", _PROJECT),
    ("department", "主管部门", _DEPARTMENT),
    ("implementer", "实施单位", _IMPLEMENTER),
)  # each pattern needs its label word: an ``in`` test first spares most searches
_TOTAL = re.compile(r"^总\s*分\s*[：:]?\s*(.*)$")
_GRADE = re.compile(r"评分等级\s*[：:]?\s*(.*)$")
_TABLE_HEADER_WORDS = (
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施", "绩效指标"
)  # fmt: skip
_HEADER_NOTE = re.compile(r"[（(][A-Za-z]+[)）]$")
_HEADER_FRAGMENTS = frozenset(
    w[i:j] for w in _TABLE_HEADER_WORDS for i in range(len(w)) for j in range(i + 1, len(w) + 1)
)
_FUNDS_HEADER = re.compile("年初预算|全年预算|执行数|执行率|分值|分数|得分")


@dataclass(slots=True)
class _OpenRow:
    cells: RowCells
    deviation: list[str] = field(default_factory=list)
    open: bool = True


def _after(*indexes: int | None, default: int) -> int:
    return next((i for i in indexes if i is not None), default)


def parse_pdf_form(
    lines: list[str], start: int, stop: int, *, file: str, padded: str | None = None, at: tuple[int, int] = (0, 0)
) -> FormParts | None:
    """One form between line indexes ``start`` and ``stop`` of the cleaned ``lines``.

    ``padded`` is ``"\n" + text + "\n"`` for the text the lines were cut from, ``at`` where
    lines ``start`` and ``stop`` begin in it (offsets from :func:`pdf_form_spans` plus one).
    ``None`` if nothing form-like is there (a cover page, a stray title).
    """
    end = stop
    while end > start and not lines[end - 1]:
        end -= 1
    if padded is None:
        padded = "\n" + "\n".join(lines[start:end]) + "\n"
        b, e = 1, len(padded) - 1
    else:
        b, e = at
        for _ in range(stop - end):  # back over the trailing blank lines: to where line end begins
            e = padded.rfind("\n", 0, e - 1) + 1
        e = max(e - 1, b)  # the newline after line end - 1
    markers = section_markers(padded, b, e, start) if end > start else [None, None, None, None]
    i_funds, i_goal, i_table, i_total = markers
    titled = lines[start].startswith("项目名称") or TITLE_LINE.match(lines[start]) is not None
    if sum(m is not None for m in markers) < (1 if titled else 2):
        if not titled or not any(lines[i].startswith("项目名称") for i in range(start, end)):
            return None
    parts = FormParts(file=file, start_line=start + 1, end_line=end)
    _header(lines, start, _after(i_funds, i_goal, i_table, i_total, default=end), parts)
    if i_funds is not None:
        _funds(lines, i_funds, _after(i_goal, i_table, i_total, default=end), parts)
    if i_goal is not None:
        goal_lines = lines[i_goal + 1 : _after(i_table, i_total, default=end)]
        parts.planned, parts.achieved, warnings = split_goal(goal_lines)
        parts.warnings.extend(warnings)
    if i_table is not None:
        _table(lines, i_table, _after(i_total, default=end), parts)
    if i_total is not None:
        _closing(lines, i_total, end, parts)
    return parts


def _header(lines: list[str], a: int, b: int, parts: FormParts) -> None:
    parts.year = find_year(" ".join(lines[a:b]))
    for i in range(a, b):
        s = lines[i]
        if not s:
            continue
        for attr, word, regex in _HEADER_FIELDS:
            if word not in s:
                continue
            m = regex.search(s)
            if m and getattr(parts, attr) is None:
                value = m.group(1).strip() or _next_value(lines, i + 1, b)  # value cell on the next line
                setattr(parts, attr, value or None)


def _next_value(lines: list[str], a: int, b: int) -> str:
    nxt = next((lines[k] for k in range(a, b) if lines[k]), "")
    return "" if any(label in nxt for label in HEADER_LABELS) else nxt


def _funds(lines: list[str], a: int, b: int, parts: FormParts) -> None:
    header: list[str] = []
    label: list[str] = []
    columns: tuple[str, ...] | None = None
    for i in range(a, b):
        s = lines[i]
        if not s:
            continue
        tokens = s.split(" ")
        k = len(tokens)
        while k and is_value_token(tokens[k - 1]):
            k -= 1
        values, tokens = tokens[k:], tokens[:k]
        if len(values) < 3:
            if _FUNDS_HEADER.search(s):
                header.append(s)
            elif "项目资金" not in s and not find_unit(s):
                label.append(s)
            continue
        if columns is None:
            columns = funds_columns("".join(header))
        name = join_wrapped(label + tokens[:k])
        label = []
        kind = funds_row_kind(name)
        if kind is None:
            parts.warnings.append(f"第 {i + 1} 行项目资金「{name}」行无法识别")
        elif len(values) != len(columns):
            parts.warnings.append(
                f"第 {i + 1} 行项目资金「{name}」有 {len(values)} 个数，应为 {len(columns)} 个，无法对齐各列"
            )
        elif kind not in parts.funds:
            parts.funds[kind] = dict(zip(columns, values))
    parts.unit = find_unit(" ".join(lines[a:b]))


_NUM = r"[0-9]{1,3}(?:\.[0-9]+)?"  # ASCII classes: Unicode \d is twice as slow on CJK lines
_ANCHOR = re.compile(rf"([0-9](?<![^ ][0-9])[0-9]{{0,2}}(?:\.[0-9]+)?) ({_NUM})(?: (?!{_NUM}(?: |$))(.*))?$")
"""The 分值 得分 pair, each a whole cell, and the rest of the line. Searched, not matched behind
a lazy ``(.*?) `` prefix: the same leftmost pair, but opening on a digit class lets the engine
skip to the digits in C; the lookbehind after the first digit says "a cell starts here"."""
_DIGITS = frozenset("0123456789")
_HALF_ANCHOR = re.compile(rf"^(.+?) ({_NUM})$")


def _anchor(s: str) -> tuple[list[str], str, str, str] | None:
    """Split a row line at its 分值 得分 pair: (cells before, weight, score, deviation after).

    The pair is the first two adjacent plain numbers not followed by a third, so a bare-number
    actual value ("95 10.00 10.00") stays a cell.
    """
    if " " not in s:
        return None  # most lines (label fragments, wrapped texts): no regex at all
    m = _ANCHOR.search(s)
    if m is None:
        return _half_anchor(s) if s[-1] in _DIGITS else None
    weight, score, tail = m.groups()
    start = m.start()
    before = s[: start - 1] if start > 1 else ""  # the cells before the pair, less their space
    return (split_cells_of(before) if before else []), weight, score, tail or ""


def _half_anchor(s: str) -> tuple[list[str], str, str, str] | None:
    """A whole row with one number at the end: 分值 printed, 得分 left blank (score "")."""
    m = _HALF_ANCHOR.match(s)
    if m is None:
        return None
    before = split_cells_of(m.group(1))
    last = before[-1]
    if len(before) < 3 or not (any(ch.isdigit() for ch in last) or last in TIER_PHRASES):
        return None
    return before, m.group(2), "", ""


def _is_table_header(s: str) -> bool:
    for t in s.split(" "):
        if t and t[-1] in ")）":
            t = _HEADER_NOTE.sub("", t)  # "分值(A)": the note ends the token, so only then
        if t and t not in _HEADER_FRAGMENTS:
            return False
    return True


def _name_threshold(anchors: list[tuple[list[str], str, str, str] | None]) -> float:
    """How wide a name piece must be to have wrapped: 80 % of the widest one-line name seen."""
    names = ["".join(anchor[0][:-2]) for anchor in anchors if anchor and len(anchor[0]) >= 3]
    # display_width of the widest, its formula written out (halving after the max floors the same)
    widest = max((len(name) + len(name.encode()) for name in names), default=0) // 2
    return 0.8 * widest if widest >= 10 else 20.0


def _table(lines: list[str], a: int, b: int, parts: FormParts) -> None:
    """The indicator rows, from the line after the table header up to 总分.

    A line is a label fragment (fed to the ``LabelTracker``), a row anchor (it holds the row's
    分值 得分 pair), or text. Text waits in a buffer. At the next anchor the buffered lines up to
    the last one ending a sentence finish the previous row's deviation (a deviation ends with
    "。", a name or value never does) and the rest are the new row's name/target/actual pieces;
    a new label closes the previous row's deviation; 总分 closes the last one.
    """
    i = a
    while i < b and (not lines[i] or _is_table_header(lines[i])):
        i += 1
    body = [(k, s) for k in range(i, b) if (s := lines[k])]
    anchors = [_anchor(s) if " " in s else None for _, s in body]  # most lines have no space
    threshold = _name_threshold(anchors)
    labels = LabelTracker()
    buffer: list[tuple[int, str]] = []
    last: _OpenRow | None = None
    rows: list[_OpenRow] = []
    for (k, s), anchor in zip(body, anchors):
        if anchor is None and labels.feed(s):
            if last is not None and last.open and labels.starting:
                last.deviation.extend(text for _, text in buffer)
                buffer = []
                last.open = False
            continue
        if "三级指标" in s or "年度指标值" in s:
            continue  # the header repeated at the top of a new page
        if anchor is None:
            buffer.append((k + 1, s))
            continue
        pre, weight, score, tail = anchor
        pieces = buffer
        if last is not None and last.open:
            cut = len(buffer)  # just after the last line ending a sentence, 0 if none does
            while cut and buffer[cut - 1][1][-1] not in SENTENCE_END:
                cut -= 1
            dev, pieces = buffer[:cut], buffer[cut:]
            if pieces and not dev and len(pre) >= 3 and last.deviation:
                dev, pieces = buffer, []  # no sentence end yet: the started deviation goes on
            if dev:
                last.deviation.extend(text for _, text in dev)
            last.open = False
        buffer = []
        level1, level2 = labels.take()
        name, target, actual = split_cells([t for _, t in pieces], pre, threshold)
        line = pieces[0][0] if pieces else k + 1
        if not score:
            parts.warnings.append(f"第 {k + 1} 行指标「{name}」只有一个分数，按分值读取，未能读取得分")
        last = _OpenRow(RowCells(level1, level2, name, target, actual, weight, score, "", line))
        if tail:
            last.deviation.append(tail)
        rows.append(last)
    if buffer:
        if last is not None and last.open:
            last.deviation.extend(text for _, text in buffer)
        else:
            for line, text in buffer:
                parts.warnings.append(f"第 {line} 行「{text}」未能归入任何指标")
    for row in rows:
        if row.deviation:
            row.cells.deviation = join_wrapped(row.deviation)
        parts.rows.append(row.cells)


def _closing(lines: list[str], a: int, b: int, parts: FormParts) -> None:
    m = _TOTAL.match(lines[a])
    rest = m.group(1) if m else ""
    grade_here = _GRADE.search(rest)
    numbers = [t for t in (rest[: grade_here.start()] if grade_here else rest).split(" ") if is_value_token(t)]
    if len(numbers) >= 2:
        parts.total_weight, parts.total_score = numbers[0], numbers[1]
    elif numbers:
        parts.total_score = numbers[0]
    for k in range(a, b):
        g = _GRADE.search(lines[k])
        if g:
            value = g.group(1).strip()
            if not value:
                value = next((lines[j] for j in range(k + 1, b) if lines[j]), "")
            parts.grade = value.split(" ")[0] if value else None
            break
