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
from itertools import compress, takewhile

from ._text_assemble import FormParts, RowCells
from ._text_labels import PIECES, LabelTracker
from ._text_common import (
    SENTENCE_END,
    TITLE_LINE,
    find_unit,
    find_year,
    funds_columns,
    funds_row_kind,
    is_value_token,
    may_end_value_token,
    join_lines,
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
)  # each pattern matches wherever its label word is: _header finds the word
_TOTAL = re.compile(r"^总\s*分\s*[：:]?\s*(.*)$")
_GRADE = re.compile(r"评分等级\s*[：:]?\s*(.*)$")
_TABLE_HEADER_WORDS = (
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施", "绩效指标"
)  # fmt: skip
_HEADER_NOTE = re.compile(r"[（(][A-Za-z]+[)）]$")
_HEADER_FRAGMENTS = frozenset(
    w[i:j] for w in _TABLE_HEADER_WORDS for i in range(len(w)) for j in range(i + 1, len(w) + 1)
)
_HEADER_CELLS = _HEADER_FRAGMENTS | {""}
_FUNDS_HEADER = re.compile("年初预算|全年预算|执行数|执行率|分值|分数|得分")


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
    if len(markers) - markers.count(None) < (1 if titled else 2):
        if not titled or not any(lines[i].startswith("项目名称") for i in range(start, end)):
            return None
    parts = FormParts(file=file, start_line=start + 1, end_line=end)
    # where each section ends: at the next section found, else at the form's end
    table_end = end if i_total is None else i_total
    goal_end = table_end if i_table is None else i_table
    funds_end = goal_end if i_goal is None else i_goal
    _header(lines, start, funds_end if i_funds is None else i_funds, parts)
    if i_funds is not None:
        _funds(lines, i_funds, funds_end, parts)
    if i_goal is not None:
        parts.planned, parts.achieved, warnings = split_goal(lines[i_goal + 1 : goal_end])
        parts.warnings.extend(warnings)
    if i_table is not None:
        _table(lines, i_table, table_end, parts)
    if i_total is not None:
        _closing(lines, i_total, end, parts)
    return parts


def _header(lines: list[str], a: int, b: int, parts: FormParts) -> None:
    """Year, project, department and implementer from the lines ``a`` to ``b``.

    Each field is read from the first line holding its label word with a value (on it or on
    the next line), found by ``find`` over the header's text (each pattern matches wherever its
    word is: the rest is optional), instead of three tests of every line. The year's patterns
    read a newline as they read the space it replaces (only their ``\\s`` can match either).
    """
    text = "\n".join(lines[a:b])
    parts.year = find_year(text)
    for attr, word, regex in _HEADER_FIELDS:
        p = text.find(word)
        i, counted = a, 0  # line index of offset ``counted``
        while p >= 0:
            i += text.count("\n", counted, p)
            counted = p
            m = regex.search(lines[i])
            value = m.group(1).strip() or _next_value(lines, i + 1, b)  # value cell on the next line
            if value:
                setattr(parts, attr, value)
                break
            nl = text.find("\n", p)  # no value: the word's next line may have one
            p = -1 if nl < 0 else text.find(word, nl + 1)


def _next_value(lines: list[str], a: int, b: int) -> str:
    nxt = next((lines[k] for k in range(a, b) if lines[k]), "")
    return "" if any(label in nxt for label in HEADER_LABELS) else nxt


def _funds(lines: list[str], a: int, b: int, parts: FormParts) -> None:
    header: list[str] = []
    label: list[str] = []
    columns: tuple[str, ...] | None = None
    for i in compress(range(a, b), lines[a:b]):  # the non-blank lines, picked in C
        s = lines[i]
        if may_end_value_token(s[-1]):
            tokens = s.split(" ")
            n_values = len(list(takewhile(is_value_token, reversed(tokens))))  # the values at its end
            k = len(tokens) - n_values
        else:
            n_values = 0  # the last token is no value: the line holds none, no need to split it
        if n_values < 3:
            if ("预" in s or "执" in s or "分" in s) and _FUNDS_HEADER.search(s):  # each word has one
                header.append(s)
            elif "项目资金" not in s and not find_unit(s):
                label.append(s)
            continue
        values, tokens = tokens[k:], tokens[:k]
        if columns is None:
            columns = funds_columns("".join(header))
        name = join_wrapped(label + tokens)
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


_NUM = r"[0-9]{1,3}+(?:\.[0-9]++)?+"  # ASCII classes: Unicode \d is twice as slow on CJK lines
_PAIR = rf"({_NUM}) ({_NUM})(?:$| (?!{_NUM}(?: |$))(.*+))"
_ANCHOR = re.compile(" " + _PAIR)
"""The 分值 得分 pair, each a whole cell, and the rest of the line, after a space. The pair
opens a cell: at the line start (``_ANCHOR_START``) or after a space. Opening the pattern on
the space lets the engine skip from space to space in C instead of trying every digit; the
leftmost pair found this way is the leftmost pair, since a cell other than the first starts
right after a space.

Written for the engine: possessive quantifiers and the line's end tried before the tail, which
match what ``[0-9]{1,3}(?:\\.[0-9]+)?`` and ``(?: (?!…)(.*))?$`` match (a number given back a digit
or its fraction is followed by a digit or a dot, which no continuation accepts; ``.*`` runs to
the end of a line either way) without the engine keeping their backtracking points: a sixth of
the cost of each row line's search."""
_ANCHOR_START = re.compile(_PAIR)
_DIGITS = frozenset("0123456789")
_HALF_ANCHOR = re.compile(rf"^(.+?) ({_NUM})$")


def _anchor(s: str) -> tuple[list[str], str, str, str] | None:
    """Split a row line at its 分值 得分 pair: (cells before, weight, score, deviation after).

    The pair is the first two adjacent plain numbers not followed by a third, so a bare-number
    actual value ("95 10.00 10.00") stays a cell. A line without a space holds no pair: the
    caller asks that first (most lines, label fragments and wrapped texts, need no regex then).
    Past the line's start, ``split`` at the first match hands back the text before the pair
    (less its space) with the groups in one call, with no match object to read.
    """
    if s[0] in _DIGITS and (m := _ANCHOR_START.match(s)) is not None:
        weight, score, tail = m.groups()
        return [], weight, score, tail or ""
    found = _ANCHOR.split(s, 1)
    if len(found) == 1:
        return _half_anchor(s) if s[-1] in _DIGITS else None
    before, weight, score, tail, _ = found  # the pattern runs to the line's end: "" after it
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
    tokens = s.split(" ")
    if _HEADER_CELLS.issuperset(tokens):
        return True  # the usual header: every cell a fragment (none ends in a bracket), tested in C
    for t in tokens:
        if t and t[-1] in ")）":
            t = _HEADER_NOTE.sub("", t)  # "分值(A)": the note ends the token, so only then
        if t and t not in _HEADER_FRAGMENTS:
            return False
    return True


_Row = tuple[str, str, list[int], list[str], str, str, int, list[str]]
"""A row as the walk leaves it: labels, the indexes of its piece lines, the cells before its
pair, weight, score, the index of its anchor line and its deviation pieces."""


def _table(lines: list[str], a: int, b: int, parts: FormParts) -> None:
    """The indicator rows, from the line after the table header up to 总分.

    A line is a label fragment (fed to the ``LabelTracker``), a row anchor (it holds the row's
    分值 得分 pair), or text. Text waits in a buffer. At the next anchor the buffered lines up to
    the last one ending a sentence finish the previous row's deviation (a deviation ends with
    "。", a name or value never does) and the rest are the new row's name/target/actual pieces;
    a new label closes the previous row's deviation; 总分 closes the last one.

    One walk over the lines: the rows' cells are only split after it, once the widest one-line
    name (which decides whether a name wrapped) is known. Waiting texts are kept as line indexes.
    """
    i = a
    while i < b and (not (s := lines[i]) or s in _HEADER_FRAGMENTS or _is_table_header(s)):
        i += 1  # a fragment is a header line by itself: the test needs no split for those
    labels = LabelTracker()
    feed_piece, feed_tokens = labels.feed_piece, labels.feed_tokens
    buffer: list[int] = []
    rows: list[_Row] = []
    dev: list[str] | None = None  # the open row's deviation pieces; None once it is closed
    widest = 0  # of the one-line names, as len + UTF-8 length (display_width before halving)
    for k in compress(range(i, b), lines[i:b]):  # the non-blank lines, picked in C
        s = lines[k]
        # A label fragment (most lines of a table) holds no space: the set look-up comes first.
        # A space-free line outside PIECES is content: feed() would refuse it without touching its state.
        if s in PIECES:
            anchor = None
            fed = feed_piece(s)
        elif " " in s:  # each ``in`` of a Latin needle in CJK text copies the needle: asked once
            anchor = _anchor(s)
            fed = anchor is None and feed_tokens(s.split(" "))
        else:
            anchor = fed = None
        if anchor is None:
            if fed:
                if dev is not None and labels.starting:
                    dev.extend([lines[j] for j in buffer])
                    buffer = []
                    dev = None
                continue
        else:
            pre = anchor[0]
            if len(pre) >= 3:
                name = "".join(pre[:-2])
                width = len(name) + len(name.encode())
                if width > widest:
                    widest = width
        if "指标" in s and ("三级指标" in s or "年度指标值" in s):  # both hold 指标: one search mostly
            continue  # the header repeated at the top of a new page
        if anchor is None:
            buffer.append(k)
            continue
        pre, weight, score, tail = anchor
        pieces = buffer
        if dev is not None:
            cut = len(buffer)  # just after the last line ending a sentence, 0 if none does
            while cut and lines[buffer[cut - 1]][-1] not in SENTENCE_END:
                cut -= 1
            done, pieces = buffer[:cut], buffer[cut:]
            if pieces and not done and len(pre) >= 3 and dev:
                done, pieces = buffer, []  # no sentence end yet: the started deviation goes on
            if done:
                dev.extend([lines[j] for j in done])
        buffer = []
        level1, level2 = labels.take()
        dev = [tail] if tail else []
        rows.append((level1, level2, pieces, pre, weight, score, k, dev))
    if buffer and dev is not None:
        dev.extend([lines[j] for j in buffer])
    _rows_out(lines, rows, 0.8 * (widest // 2) if widest // 2 >= 10 else 20.0, parts)
    if buffer and dev is None:
        for j in buffer:
            parts.warnings.append(f"第 {j + 1} 行「{lines[j]}」未能归入任何指标")


def _join_deviation(pieces: list[str]) -> str:
    """``join_wrapped(pieces)``: the first piece may be the tail of an anchor line, the only one
    that is not a whole cleaned line (it may open on a space other than " "); the rest are."""
    if not pieces:
        return ""
    return join_wrapped(pieces) if pieces[0][0].isspace() else join_lines(pieces)


def _rows_out(lines: list[str], rows: list[_Row], threshold: float, parts: FormParts) -> None:
    """The walk's rows as ``RowCells``, in order; ``threshold``: how wide a wrapped name piece is."""
    warnings = parts.warnings
    out = parts.rows
    for level1, level2, pieces, pre, weight, score, k, dev in rows:
        if not pieces and len(pre) == 3:
                name, target, actual = pre  # the usual one-line row, without building split_cells' list
        else:
            name, target, actual = split_cells([lines[j] for j in pieces], pre, threshold)
        if not score:
            warnings.append(f"第 {k + 1} 行指标「{name}」只有一个分数，按分值读取，未能读取得分")
        line = pieces[0] + 1 if pieces else k + 1
        deviation = _join_deviation(dev) if dev else ""  # mostly none: no call
        out.append(RowCells(level1, level2, name, target, actual, weight, score, deviation, line))


def _closing(lines: list[str], a: int, b: int, parts: FormParts) -> None:
    m = _TOTAL.match(lines[a])
    rest = m.group(1) if m else ""
    grade_here = _GRADE.search(rest)
    numbers = list(filter(is_value_token, (rest[: grade_here.start()] if grade_here else rest).split(" ")))
    if len(numbers) >= 2:
        parts.total_weight, parts.total_score = numbers[0], numbers[1]
    elif numbers:
        parts.total_score = numbers[0]
    for k in range(a, b):
        g = _GRADE.search(lines[k]) if "评分等级" in lines[k] else None  # the pattern needs the word
        if g:
            value = g.group(1).strip()
            if not value:
                value = next((lines[j] for j in range(k + 1, b) if lines[j]), "")
            parts.grade = value.split(" ")[0] if value else None
            break
