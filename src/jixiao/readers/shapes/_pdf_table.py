"""The indicator table of PDF text: rows recovered from label fragments, wrapped cells and texts.

A line of the table is a label fragment (fed to the ``LabelTracker``), a row anchor (it holds the
row's 分值 得分 pair: two adjacent plain numbers), or text. Text waits in a buffer. At the next
anchor the buffered lines up to the last one ending a sentence finish the previous row's
deviation (a deviation ends with "。", a name or value never does) and the rest are the new row's
name/target/actual pieces; a new label closes the previous row's deviation.

A row's pieces are then cut into name, target and actual (``_cells``): the actual is the last
piece, extended to the left across line breaks while it is still the tail of a tier label
("部分达成指" + "标并具有一" + "定效果"); between name and target a space on one line is the
boundary; with no space, the name keeps the next line only while its piece is as wide as a
wrapped name piece (80 % of the widest one-line name of the form).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ._labels import LabelTracker
from ._pdf_goal import SENTENCE_END
from ._pdf_text_words import INDICATOR_HEADER, TIERS
from ._rows import TextRow, text_cell
from ._text_join import display_width, join_wrapped, split_cells

__all__ = ["table_rows", "is_table_header"]

_TIER_TAILS = frozenset(p[i:] for p in TIERS for i in range(len(p)))
_HEADER_WORDS = (*INDICATOR_HEADER, "绩效指标")
_HEADER_FRAGMENTS = frozenset(w[i:j] for w in _HEADER_WORDS for i in range(len(w)) for j in range(i + 1, len(w) + 1))
_HEADER_NOTE = re.compile(r"[（(][A-Za-z]+[)）]$")
_NUMBER = r"[0-9]{1,3}(?:\.[0-9]+)?"
_PAIR = re.compile(rf"(?:^|(?<= ))({_NUMBER}) ({_NUMBER})(?:$| (?!{_NUMBER}(?: |$))(.*))")
_LAST_NUMBER = re.compile(rf"^(.+?) ({_NUMBER})$")


def is_table_header(line: str) -> bool:
    """Whether ``line`` is (part of) the indicator header: every cell a fragment of its words,
    maybe with a note in brackets after it ("分值(A)")."""
    return all(
        not t or t in _HEADER_FRAGMENTS or _HEADER_NOTE.sub("", t) in _HEADER_FRAGMENTS for t in line.split(" ")
    )


def _anchor(line: str) -> tuple[list[str], str, str, str] | None:
    """A row line cut at its 分值 得分 pair: (cells before, weight, score, deviation after).

    The pair is the first two adjacent plain numbers not followed by a third, so a bare-number
    actual ("95 10.00 10.00") stays a cell. A whole row with one number at its end reads as a
    weight with its score left blank.
    """
    m = _PAIR.search(line)
    if m is not None:
        weight, score, after = m.group(1), m.group(2), (m.group(3) or "").strip()
        text_before = line[: m.start()].strip()
        return (split_cells(text_before) if text_before else []), weight, score, after
    m = _LAST_NUMBER.match(line)
    if m is None:
        return None
    cells = split_cells(m.group(1))
    last = cells[-1]
    if len(cells) < 3 or not (any(ch.isdigit() for ch in last) or last in TIERS):
        return None
    return cells, m.group(2), "", ""


@dataclass
class _Row:
    level1: str
    level2: str
    pieces: list[tuple[int, str]]
    before: list[str]
    weight: str
    score: str
    line: int
    deviation: list[str] = field(default_factory=list)


def table_rows(lines: list[tuple[int, str]]) -> tuple[list[TextRow], list[tuple[int, str]]]:
    """The indicator rows of the table body ``lines`` ((line number, text) of the lines with text);
    rows are [一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因]. Also the lines that
    belong to no row."""
    labels = LabelTracker()
    buffer: list[tuple[int, str]] = []
    rows: list[_Row] = []
    open_row: _Row | None = None  # the row whose deviation text may still go on
    widest = 0
    start = 0
    while start < len(lines) and is_table_header(lines[start][1]):
        start += 1  # the header's own lines
    for number, s in lines[start:]:
        anchor = _anchor(s) if " " in s else None
        if anchor is None and labels.feed(s):
            if open_row is not None and labels.starting:
                open_row.deviation.extend(text for _, text in buffer)
                buffer, open_row = [], None
            continue
        if "三级指标" in s or "年度指标值" in s:
            continue  # the header repeated at the top of a new page
        if anchor is None:
            buffer.append((number, s))
            continue
        before, weight, score, tail = anchor
        if len(before) >= 3:
            widest = max(widest, display_width("".join(before[:-2])))
        pieces = buffer
        if open_row is not None:
            cut = len(buffer)  # just after the last line ending a sentence, 0 if none does
            while cut and buffer[cut - 1][1][-1] not in SENTENCE_END:
                cut -= 1
            done, pieces = buffer[:cut], buffer[cut:]
            if pieces and not done and len(before) >= 3 and open_row.deviation:
                done, pieces = buffer, []  # no sentence end yet: the started deviation goes on
            open_row.deviation.extend(text for _, text in done)
        buffer = []
        level1, level2 = labels.take()
        open_row = _Row(level1, level2, pieces, before, weight, score, number, [tail] if tail else [])
        rows.append(open_row)
    leftover: list[tuple[int, str]] = []
    if buffer and open_row is not None:
        open_row.deviation.extend(text for _, text in buffer)
    else:
        leftover = buffer
    threshold = 0.8 * widest if widest >= 10 else 20.0
    return [_text_row(row, threshold) for row in rows], leftover


def _text_row(row: _Row, threshold: float) -> TextRow:
    name, target, actual = _cells([text for _, text in row.pieces], row.before, threshold)
    line = row.pieces[0][0] if row.pieces else row.line
    cells = [
        text_cell(row.level1, line),
        text_cell(row.level2, line),
        text_cell(name, line),
        text_cell(target, line),
        text_cell(actual, line),
        text_cell(row.weight, row.line),
        text_cell(row.score, row.line),
    ]
    if row.deviation:  # most rows have none, and a row's empty last cell is dropped anyway
        cells.append(text_cell(join_wrapped(row.deviation), row.line))
    return cells


def _cells(piece_lines: list[str], before: list[str], threshold: float) -> tuple[str, str, str]:
    """(name, target, actual) of a row from its wrapped piece lines and the cells before its pair."""
    if not piece_lines and len(before) == 3:
        return before[0], before[1], before[2]
    segs: list[str] = []
    breaks: list[bool] = []  # True: a line break before the piece; False: a space
    for line_cells in [split_cells(s) for s in piece_lines] + [before]:
        for j, cell in enumerate(line_cells):
            segs.append(cell)
            breaks.append(j == 0)
    if not segs:
        return "", "", ""
    if len(segs) == 1:
        return segs[0], "", ""
    if len(segs) == 2:
        return (segs[0], "", segs[1]) if segs[1] in TIERS else (segs[0], segs[1], "")
    j = len(segs) - 1
    actual = segs[j]
    if not any(ch.isdigit() for ch in actual):
        while j - 1 >= 1 and breaks[j] and (segs[j - 1] + actual) in _TIER_TAILS:
            j -= 1
            actual = segs[j] + actual
    rest, rest_breaks = segs[:j], breaks[:j]
    if len(rest) == 1:
        return rest[0], "", actual
    spaces = [k for k in range(1, len(rest)) if not rest_breaks[k]]
    if spaces:
        cut = spaces[-1]
    else:
        cut = 1
        while cut < len(rest) - 1 and display_width(rest[cut - 1]) >= threshold:
            cut += 1
    return _join(rest[:cut], rest_breaks[:cut]), _join(rest[cut:], [True, *rest_breaks[cut + 1 :]]), actual


def _join(segs: list[str], breaks: list[bool]) -> str:
    """Pieces as one cell: pieces on one line keep their space, wrapped pieces are joined."""
    lines: list[str] = []
    for seg, brk in zip(segs, breaks):
        if lines and not brk:
            lines[-1] += " " + seg
        else:
            lines.append(seg)
    return join_wrapped(lines)
