"""The text reader: .txt files holding one or more 财政项目支出绩效自评表.

Text goes the one way every source goes: ``readers.shapes`` recovers rows of cells (a ``Grid``
per form-bearing region) and ``readers.mapper`` reads them into forms. For a shape the shapes
package cannot read yet (``shapes.READY``), the older text path below still reads the shapes it
knows, and its forms get the same reading check:

- ``pdf``: text extracted from a PDF, one visual line per line, columns interleaved (the seed
  ``examples/shanghai-kepu-2024.txt``); see ``_text_pdf``.
- ``line``: a whole form flattened onto one line with cells separated by spaces, as a web page
  copies it; see ``_text_cells``.
- ``pipe``: a Markdown-style pipe table (``| 一级指标 | 二级指标 | … |``); see ``_text_cells``.
- ``csv``: the table saved as CSV (a .csv or .txt from Excel); see ``_text_cells``.

Every shape yields ``FormParts`` that ``_text_assemble.assemble`` turns into ``Form`` objects, so
missing fields are flagged the same way (``None`` plus a Chinese entry in ``Form.warnings``).
"""

from __future__ import annotations

import re

from .._gc import paused_gc
from ..errors import NoFormError
from ..model import Form
from ._text_assemble import assemble
from ._text_cells import parse_cell_forms
from ._text_common import TITLE, TITLE_LINE, clean_lines
from ._text_pdf import drop_page_numbers, parse_pdf_form, pdf_form_spans
from .encoding import decode, normalize_text
from .mapper import grid_to_forms
from .reading import attach_reading
from .shapes import READY, text_to_grids
from .shapes import detect_shape as detect_shape_of_text
from .templates import detect_template

__all__ = ["read_text", "detect_shape"]


_ONE_LINE_MARKS = ("资金总额", "预期目标", "三级指标", "总分", "评分等级")
_PIPE_ROW = re.compile(r"^\|[^\n]*\|[^\n]*\|", re.M)
_CSV_HEADER = re.compile(r'(?:^|,)\s*"?三级指标"?\s*,', re.M)  # the header word as a whole CSV cell


def detect_shape(lines: list[str]) -> str:
    """``pipe``, ``csv``, ``line`` or ``pdf``: the first three have unmistakable marks; PDF text is the rest."""
    return _shape_of("\n".join(lines))


def _shape_of(text: str) -> str:
    """``detect_shape`` of the joined lines, which the reader keeps for the PDF passes."""
    if _has_csv_header(text):
        return "csv"
    if "|" in text:  # the pipe regex tries every line start of a large file: only when it can hit
        pipe_rows = 0
        for _ in _PIPE_ROW.finditer(text):
            pipe_rows += 1
            if pipe_rows >= 3:
                return "pipe"
    pos = text.find("项目名称")
    while pos >= 0:
        end = text.find("\n", pos)
        line = text[text.rfind("\n", 0, pos) + 1 : end if end >= 0 else len(text)]
        marks = 0  # a plain loop: sum() over a generator costs a frame per line
        for word in _ONE_LINE_MARKS:
            if word in line:
                marks += 1
        if marks >= 3:  # not fooled by a name like "总分馆"
            return "line"
        pos = text.find("项目名称", pos + 4)
    return "pdf"


def _has_csv_header(text: str) -> bool:
    """``_CSV_HEADER.search(text)``, tried only around each 三级指标.

    The pattern starts with ``(?:^|,)``, so the regex engine would try it at every position of
    the file (a third of the reader's start-up on a large file). A match holds the word and
    otherwise only quotes, whitespace and the comma or line start around it, so searching the
    window from the character before that whitespace to the one after it finds the same matches.
    """
    if "," not in text:
        return False  # every match ends in a comma: one pass in C rules out most non-CSV files
    n = len(text)
    pos = text.find("三级指标")
    while pos >= 0:
        a = pos - 1 if pos and text[pos - 1] == '"' else pos
        while a and text[a - 1].isspace():  # str.isspace is what \s means in a str pattern
            a -= 1
        e = pos + 4
        if e < n and text[e] == '"':
            e += 1
        while e < n and text[e].isspace():
            e += 1
        # the match ends in the comma after the word, its quote and its whitespace: without
        # one there (a PDF header line), the regex cannot match in this window
        if e < n and text[e] == "," and _CSV_HEADER.search(text, max(a - 1, 0), e + 1):
            return True
        pos = text.find("三级指标", pos + 4)
    return False


def read_text(data: bytes, *, name: str) -> list[Form]:
    """Every form in the text ``data`` (from the file ``name``), in file order."""
    with paused_gc():
        return _read_text(data, name=name)


def _read_text(data: bytes, *, name: str) -> list[Form]:
    text = normalize_text(decode(data, name=name))
    shape = detect_shape_of_text(text)
    if shape in READY and shape not in _OLD_FIRST:
        forms = _read_cells(text, name=name)
        if forms:
            return forms
    try:
        return _read_text_old(text, name=name)
    except NoFormError:
        forms = _read_cells(text, name=name) if shape in READY else []
        if forms:
            return forms
        raise


_OLD_FIRST = frozenset({"glued"})
"""Shapes the shapes package reads but also takes PDF-extracted and one-line text for: the old
path reads those first, until ``pdf-text`` and ``oneline`` are shapes of their own."""


def _read_cells(text: str, *, name: str) -> list[Form]:
    """The one pipeline: text → rows of cells (``shapes``) → forms (``mapper``)."""
    return [form for grid in text_to_grids(text, file=name) for form in grid_to_forms(grid)]


_OLD_SHAPE_NAMES = {"pdf": "pdf-text", "line": "oneline", "pipe": "pipe", "csv": "csv"}
"""The old path's shape names as ``Reading.shape`` states them."""


def _read_text_old(text: str, *, name: str) -> list[Form]:
    raw = text.split("\n")
    # Most files hold no double space at all: one search of the text then spares clean_lines'
    # test of every line, and a plain strip of each line is all that is left of it.
    lines = clean_lines(raw) if "  " in text else list(map(str.strip, raw))
    if not any(lines):
        raise NoFormError("文件为空，没有找到自评表", file=name)
    # Mostly no line had anything to strip (the same objects come back): then the joined lines
    # are the text itself, and comparing the lists costs a fraction of joining them again.
    joined = text if lines == raw else "\n".join(lines)
    shape = _shape_of(joined)
    if shape == "pdf":
        lines = drop_page_numbers(lines, joined)
        padded = "\n" + joined + "\n"
        parts = [
            p
            for a, b, oa, ob in pdf_form_spans(lines, joined)
            if (p := parse_pdf_form(lines, a, b, file=name, padded=padded, at=(oa + 1, ob + 1)))
        ]
    else:
        parts = parse_cell_forms(lines, file=name, shape=shape)
    if not parts:
        raise _no_form(lines, name)
    template = detect_template(word for word in joined.split() if len(word) <= 40)
    return [attach_reading(assemble(p), template=template, shape=_OLD_SHAPE_NAMES[shape]) for p in parts]


def _no_form(lines: list[str], name: str) -> NoFormError:
    for i, raw in enumerate(lines):
        if TITLE_LINE.match(raw.strip()):
            return NoFormError(f"有标题「{TITLE}」，但其后没有项目名称、项目资金或绩效指标", file=name, line=i + 1)
    return NoFormError(f"没有找到自评表（未见标题「{TITLE}」或「项目名称」）", file=name)

