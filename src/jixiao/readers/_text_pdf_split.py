"""Where the forms of a PDF text begin and end, and where each form's sections begin.

Split from ``_text_pdf`` (the sections' parsers): these run once per file or form over the whole
text joined once, with ``str.find`` and ``str.count`` rather than a test of every line.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ._text_common import TITLE_LINE

__all__ = ["drop_page_numbers", "split_pdf_forms", "pdf_form_spans", "section_markers", "HEADER_LABELS"]

HEADER_LABELS = ("项目名称", "主管部门", "实施单位", "项目资金")
_B = r"[^\S\n]"  # a blank that is no newline: within one line, what \s means
_PAGE_NUMBER_BODY = rf"(?:[-—]{_B}*\d{{1,4}}{_B}*[-—]|第{_B}*\d+{_B}*页(?:{_B}*[，,/]?{_B}*共{_B}*\d+{_B}*页)?|\d{{1,4}}{_B}*/{_B}*\d{{1,4}})$"
"""A page number to the end of its line, blanks kept off the newline, so that one body serves a
single line and the joined text."""
_PAGE_NUMBER = re.compile("^" + _PAGE_NUMBER_BODY)
_FUNDS_WORDS = ("项目资金", "年初预算", "资金总额")
_GOAL_WORDS = ("预期目标", "实际完成情况")
_TABLE_STEMS = (("\n一级", ("\n", "指标\n")), ("\n绩效", ("\n", "指标\n")))
"""The lines that open the indicator table (一级, 一级指标, 绩效指标, 绩效), by their first three
characters: one search of a stem stands for both of its lines (each search scans the whole goal
text before the table)."""
_TOTAL_AT = re.compile(r"总\s*分")
_PAGE_NUMBER_START = frozenset("-—第0123456789")
_PAGE_NUMBER_OPENERS = ("\n-", "\n—", "\n第")
"""How a line after the first opens if it is a page number of the first two kinds; one of the
third kind ("2/5") holds a slash instead, wherever it opens."""


def drop_page_numbers(lines: list[str], text: str | None = None) -> list[str]:
    """Page numbers ("- 2 -", "第 2 页", "2/5") become blank lines, the page break they stand in.

    ``text`` is ``"\\n".join(lines)`` if the caller has it. A page number opens with a dash or
    第, or holds a slash: the lines that can be one are found by ``str.find`` over the text (most
    texts hold none of these), and only those are matched, instead of a regex scan of the whole
    text (a regex costs ~20 instructions per character; ``find`` a fraction of one). ``lines``
    is never modified: it is returned itself when no line is a page number, else a copy.
    """
    if text is None:
        text = "\n".join(lines)
    out = lines
    if lines and lines[0][:1] in _PAGE_NUMBER_START and _PAGE_NUMBER.match(lines[0]):
        out = list(lines)
        out[0] = ""
    starts: set[int] = set()  # offsets of the candidate lines after the first
    for opener in _PAGE_NUMBER_OPENERS:
        if opener[1] not in text:  # one character is found far faster than two (memchr)
            continue
        p = text.find(opener)
        while p >= 0:
            starts.add(p + 1)
            p = text.find(opener, p + 2)
    p = text.find("/")
    while p >= 0:
        nl = text.rfind("\n", 0, p)
        if nl >= 0:
            starts.add(nl + 1)
        nl = text.find("\n", p)  # the line's other slashes change nothing: on to the next line
        p = -1 if nl < 0 else text.find("/", nl)
    line, prev = 0, 0
    for start in sorted(starts):
        end = text.find("\n", start)
        s = text[start:end] if end >= 0 else text[start:]
        if s[:1] in _PAGE_NUMBER_START and _PAGE_NUMBER.match(s):
            line += text.count("\n", prev, start)
            prev = start
            if out is lines:
                out = list(lines)
            out[line] = ""
    return out


def split_pdf_forms(lines: list[str], text: str | None = None) -> list[tuple[int, int]]:
    """(start, stop) line indexes of each form: :func:`pdf_form_spans` without the offsets."""
    return [(a, b) for a, b, _oa, _ob in pdf_form_spans(lines, text)]


def pdf_form_spans(lines: list[str], text: str | None = None) -> list[tuple[int, int, int, int]]:
    """(start, stop) line indexes of each form and their offsets in ``text``: a title starts one,
    so does a second 项目名称. The offsets let :func:`parse_pdf_form` search the text it has.

    Landmarks are found with ``str.find`` over the joined text, not by testing every line or by
    a regex alternation: this is on the reader's hot path. ``text`` is ``"\\n".join(lines)``
    if the caller has it, from before ``drop_page_numbers`` or after: no page number holds a
    landmark, and blanking a line moves no line break.
    """
    if text is None:
        text = "\n".join(lines)
    hits: set[int] = set()  # start offsets of the lines holding a title or 项目名称
    for word in ("项目支出绩效自评表", "项目名称"):
        pos = text.find(word)
        while pos >= 0:
            hits.add(text.rfind("\n", 0, pos) + 1)
            pos = text.find(word, pos + len(word))
    starts: list[tuple[int, int]] = []  # (line, offset)
    has_project = False
    line, prev = 0, 0
    for offset in sorted(hits):
        line += text.count("\n", prev, offset)
        prev = offset
        s = lines[line]
        if s.startswith("项目名称"):
            if has_project or not starts:
                starts.append((line, offset))
            has_project = True
        elif TITLE_LINE.match(s):
            starts.append((line, offset))
            has_project = False
    end = (len(lines), len(text) + 1)  # where a line after the last would start
    if not starts:  # a form cut from a longer file: one untitled chunk, kept if it has landmarks
        return [(0, end[0], 0, end[1])]
    starts.append(end)
    return [(a, b, oa, ob) for (a, oa), (b, ob) in pairwise(starts)]


def _first_of(text: str, words: tuple[str, ...], pos: int, end: int) -> int:
    """Where the first of ``words`` occurs in ``text[pos:end]``, -1 if none does.

    Once a word is found at ``best``, the next only needs looking for where it would start
    before ``best`` (its end bound shrinks to ``best - 1 + len(word)``, never past ``end``): a miss
    then stops there instead of scanning the rest of the form. ``find`` returns the leftmost
    occurrence, so a hit within the bound is the word's first one and is left of ``best``.
    """
    best = -1
    for word in words:
        p = text.find(word, pos, end if best < 0 else min(end, best - 1 + len(word)))
        if p >= 0:
            best = p
    return best


def _first_table_line(text: str, pos: int, end: int) -> int:
    """``_first_of`` over the four lines ``_TABLE_STEMS`` stands for, searching each stem once.

    A stem's occurrences are tried in order, with the same bounds: a line must end by ``end``
    and, once one is found at ``best``, a later stem only counts where it starts before it.
    """
    best = -1
    for stem, tails in _TABLE_STEMS:
        stop = end if best < 0 else min(end, best - 1 + len(stem))
        p = text.find(stem, pos, stop)
        while p >= 0:
            after = p + len(stem)
            if text.startswith(tails[0], after, end) or text.startswith(tails[1], after, end):
                best = p
                break
            p = text.find(stem, p + 1, stop)
    return best


def _header_line_at(text: str, lo: int, p: int) -> bool:
    start = text.rfind("\n", lo, p) + 1
    line = text[start : text.find("\n", p)]
    return p == start or "年度指标值" in line or "实际完成值" in line


def section_markers(padded: str, b: int, e: int, start: int) -> list[int | None]:
    """Line indexes of 项目资金, 预期目标, the indicator header and 总分, each after the one before.

    The form's text is ``padded[b:e]``, a newline on each side (``padded[b - 1]`` and
    ``padded[e]``), so "\\n一级\\n" found at ``q`` is the whole line starting at ``q + 1``. The
    reader passes the whole file's text joined once (before page numbers were blanked: none
    holds a landmark, and blanking moves no line break), so no form's lines are joined again.
    """
    text = padded
    lo = b - 1
    found: list[int | None] = []
    pos = b
    line, counted = start, b  # line index of offset ``counted``: each marker lies past the last
    for kind in range(4):
        if kind == 0:
            p = _first_of(text, _FUNDS_WORDS, pos, e)
            while p >= 0 and text.startswith(HEADER_LABELS[:3], text.rfind("\n", lo, p) + 1):
                p = _first_of(text, _FUNDS_WORDS, p + 1, e)  # "项目名称 项目资金监管平台" is no landmark
        elif kind == 1:
            p = _first_of(text, _GOAL_WORDS, pos, e)
        elif kind == 2:
            p = _first_table_line(text, pos - 1, e + 1)
            if p >= 0:
                p += 1
            q = text.find("三级指标", pos, e)
            while q >= 0 and not _header_line_at(text, lo, q):
                q = text.find("三级指标", q + 4, e)  # "…按三级指标体系…" in a goal text is no header
            p = q if p < 0 or 0 <= q < p else p
        else:
            p = text.find("\n总", pos - 1, e)
            while p >= 0 and not _TOTAL_AT.match(text, p + 1, e):
                p = text.find("\n总", p + 1, e)
            if p >= 0:
                p += 1
        if p < 0:
            found.append(None)
            continue
        line += text.count("\n", counted, p)  # start + count(b, p), counted on from the last marker
        counted = p
        found.append(line)
        nl = text.find("\n", p, e)
        pos = e if nl < 0 else nl + 1
    return found
