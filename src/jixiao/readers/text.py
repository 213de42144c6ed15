"""The text reader: .txt/.md/.csv files holding one or more 财政项目支出绩效自评表.

Text goes the one way every source goes: ``readers.shapes`` tells how the table reached the text
(``pdf-text``, ``pipe``, ``csv``, ``cell-per-line``, ``columns``, ``oneline``, ``glued``…) and
recovers its rows of cells as ``Grid`` objects; ``readers.mapper`` reads the grids into forms,
each with its reading (``Form.reading``). Nothing here knows what a cell means.
"""

from __future__ import annotations

import re

from .._gc import paused_gc
from ..errors import NoFormError
from ..model import Area, Form
from .encoding import decode, normalize_text
from .mapper import grid_to_forms
from .reading import attach_reading
from .shapes import detect_shape as _detect_text_shape
from .shapes import header_grid, recognised_shape, text_to_grids
from .templates import detect_template

__all__ = ["read_text", "detect_shape"]

_TITLE = "财政项目支出绩效自评表"
_TITLE_LINE = re.compile(r"[^\s|:：。，,]{0,40}(?:绩效(?:目标)?自评表|绩效评价表)")
"""A form's title: the national annex says 项目支出绩效自评表; units prefix 财政, a year, a unit
name, and other templates say 绩效目标自评表 or 绩效评价表."""


def detect_shape(text: str) -> str:
    """How the table reached ``text``: a ``Reading.shape`` name (see ``readers.shapes``)."""
    return _detect_text_shape(text)


def read_text(data: bytes, *, name: str) -> list[Form]:
    """Every form in the text ``data`` (from the file ``name``), in file order."""
    with paused_gc():
        text = normalize_text(decode(data, name=name))
        if not text.strip():
            raise NoFormError("文件为空，没有找到自评表", file=name)
        forms = [form for grid in text_to_grids(text, file=name) for form in grid_to_forms(grid)]
        if not forms:
            forms = _header_only(text, name)
        if not forms:
            raise _no_form(text, name)
        return forms


_UNREAD: tuple[Area, ...] = ("funds", "goal", "indicators")
_UNREAD_PROBLEM = "表格的文字次序错乱或连在一起，无法可靠地分成单元格：只读出了表头各项，项目资金、年度总体目标和绩效指标都没有读取"
_UNKNOWN_SHAPE_PROBLEM = "看不出表格的文字是按什么方式排列的，无法分成单元格：只读出了表头各项，项目资金、年度总体目标和绩效指标都没有读取"


def _header_only(text: str, name: str) -> list[Form]:
    """The forms of a text whose table could not be parted into cells, read from their labelled
    header items alone (项目名称, 主管部门, 实施单位, 自评总分…), with funds, goal and indicators
    doubted: the form is named and placed, and no rule judges what was not read.

    The form's ``reading.shape`` is the shape whose marks the text shows (its table was laid out
    so, which is why it could not be parted), or ``None`` when it shows none: the shape the
    reader merely tried last is no finding about the text."""
    grid = header_grid(text, file=name)
    forms = [f for f in grid_to_forms(grid) if f.project is not None]
    if not forms:
        return []
    template = detect_template(text.split("\n"))
    shape = recognised_shape(text)
    problem = _UNREAD_PROBLEM if shape is not None else _UNKNOWN_SHAPE_PROBLEM
    problems = [(area, problem) for area in _UNREAD]
    for form in forms:
        truncated = form.reading is not None and form.reading.truncated
        attach_reading(form, template=template, shape=shape, truncated=truncated, problems=problems)
    return forms


def _no_form(text: str, name: str) -> NoFormError:
    m = _TITLE_LINE.search(text)
    if m is not None:
        line = text.count("\n", 0, m.start()) + 1
        return NoFormError(
            f"有标题「{m.group()}」，但没有读出其后的项目名称、项目资金或绩效指标：表格的文字排列无法可靠地分成单元格",
            file=name,
            line=line,
        )
    return NoFormError(f"没有找到自评表（未见标题「{_TITLE}」或「项目名称」）", file=name)
