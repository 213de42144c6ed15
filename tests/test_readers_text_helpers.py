"""The text reader's line-level helpers agree with their plain definitions.

Each helper was rewritten for speed (joins in C, searches that skip ahead, cached columns); the
property tests here hold each to the simpler code it replaced, on generated lines.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.readers._text_common import (
    PLACEHOLDERS,
    clean_lines,
    find_unit,
    is_value_token,
    join_lines,
    join_wrapped,
    merge_operators,
    split_cells_of,
)
from jixiao.readers._text_assemble import FormParts
from jixiao.readers._text_common import find_year, may_end_value_token
from jixiao.readers._text_pdf import (
    _HEADER_FIELDS,
    _HEADER_FRAGMENTS,
    _HEADER_NOTE,
    _anchor,
    _header,
    _is_table_header,
    _next_value,
)
from jixiao.readers._text_pdf_split import _PAGE_NUMBER, _first_of, _first_table_line, drop_page_numbers
from jixiao.readers._text_rows import _segments
from jixiao.readers.text import _CSV_HEADER, _has_csv_header


@pytest.mark.parametrize(
    ("pieces", "joined"),
    [
        (["紧密围绕本市“发挥科技创新的引领作用、建设更具活", "力的全球性科技创新中心”"], "紧密围绕本市“发挥科技创新的引领作用、建设更具活力的全球性科技创新中心”"),
        (["截至 2024年 12月 31日，基层科", "普服务"], "截至 2024年 12月 31日，基层科普服务"),
        (["计划全年开展不少于 60", "场次。"], "计划全年开展不少于 60场次。"),
        (["open  data", "platform"], "open data platform"),
        (["", "  ", "a"], "a"),
    ],
)
def test_join_wrapped_rule(pieces: list[str], joined: str) -> None:
    assert join_wrapped(pieces) == joined


@settings(max_examples=500)
@given(st.text(alphabet="ab Zß科普 2。\n\u2002\tΣ", max_size=40))
def test_join_lines_is_join_wrapped_on_cleaned_lines(text: str) -> None:
    lines = clean_lines(text.split("\n"))
    assert join_lines(lines) == join_wrapped(lines)


@settings(max_examples=400)
@given(st.text(alphabet="0123456789%％-—/无用Aa.,０٣x ", min_size=1, max_size=8))
def test_a_funds_token_can_only_be_a_value_if_its_last_character_may_end_one(token: str) -> None:
    if is_value_token(token):
        assert may_end_value_token(token[-1])


@pytest.mark.parametrize("token", sorted(PLACEHOLDERS) + ["170.00", "1,234.5", "95%", "９５％", "－3", "1١"])  # "1١": \d is any Nd digit
def test_every_value_token_passes_the_last_character_test(token: str) -> None:
    assert is_value_token(token) and may_end_value_token(token[-1])


@pytest.mark.parametrize(
    ("text", "csv"),
    [
        ("一级指标,二级指标,三级指标,年度指标值", True),
        ('"一级指标","二级指标","三级指标","年度指标值"', True),
        ("三级指标 ,年度指标值", True),  # the header cell with a trailing space
        ("x,\n 三级指标\n,", True),  # \s spans line breaks on both sides
        ("三级指标 年度指标值 实际完成值", False),  # the PDF header line
        ("按三级指标,分解", False),  # the word inside a longer cell
        ('a"三级指标",', False),
    ],
)
def test_csv_header_is_a_whole_cell(text: str, csv: bool) -> None:
    assert _has_csv_header(text) is csv


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["三级指标", '"', ",", " ", "\n", "\u3000", "x", "一级"]), max_size=12).map("".join))
def test_csv_header_windowed_search_finds_what_the_whole_text_search_finds(text: str) -> None:
    assert _has_csv_header(text) is (_CSV_HEADER.search(text) is not None)


_LINE_PIECES = [
    "- 2 -", "第 3 页", "2/5", "12", "10.00 10.00", "—", "第", "项目名称", "", "覆盖面 ≥16.00(个)",
    "第 2 页，共 5 页", "-\u20022 -", "٣/5", "2 /\u2002٣", "第 2 页 共", "- 12345 -", "2/5 x", "x 2/5",
    "1/2/3", "/", "第 2 页/共 3 页", "—3—", "人/次 2/5", "—",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LINE_PIECES), max_size=12))
def test_page_numbers_found_by_the_text_scan_are_those_a_line_by_line_test_finds(lines: list[str]) -> None:
    # a page number opens with a dash, 第 or an ASCII digit ("٣/5" is a \d match but no page number)
    expected = ["" if s[:1] in "-—第0123456789" and _PAGE_NUMBER.match(s) else s for s in lines]
    assert drop_page_numbers(lines) == expected


_PLAIN_NUM = r"[0-9]{1,3}(?:\.[0-9]+)?"  # the number as first written, without possessive quantifiers
_ROW_ANCHOR = re.compile(rf"^(?:(.*?) )??({_PLAIN_NUM}) ({_PLAIN_NUM})(?: (?!{_PLAIN_NUM}(?: |$))(.*))?$")
"""The row anchor as first written, matched from the line's start: the reference for the search."""


@pytest.mark.parametrize(
    ("line", "pre", "weight", "score", "tail"),
    [
        ("覆盖面 ≥16.00(个) 16.00(个) 10.00 10.00", ["覆盖面", "≥16.00(个)", "16.00(个)"], "10.00", "10.00", ""),
        ("受众群体满意度 ≥ 90% 90% 15.00 12.00 满意度未留存", ["受众群体满意度", "≥ 90%", "90%"], "15.00", "12.00", "满意度未留存"),
        ("受众人数 95 10.00 10.00", ["受众人数", "95"], "10.00", "10.00", ""),  # a bare-number value stays a cell
        ("20.00 16.00", [], "20.00", "16.00", ""),
    ],
)
def test_row_anchor_is_the_first_pair_not_followed_by_a_number(
    line: str, pre: list[str], weight: str, score: str, tail: str
) -> None:
    assert _anchor(line) == (pre, weight, score, tail)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["10.00", "5", "1234", "95", "≥", "达成", "16.00(个)", "1.", "x5", "", "1.2.3", "1234.5", "12.345", "7.0x"]),
        min_size=2,
        max_size=7,
    )
)
def test_row_anchor_search_finds_the_pair_the_full_line_pattern_finds(tokens: list[str]) -> None:
    line = " ".join(tokens)
    m = _ROW_ANCHOR.match(line)
    if m is None:
        anchor = _anchor(line)
        assert anchor is None or anchor[2] == ""  # no pair: at most a row with its score blank
    else:
        before, weight, score, tail = m.groups()
        assert _anchor(line) == ((merge_operators(before.split(" ")) if before else []), weight, score, tail or "")


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("受众群体满意度 ≥ 90% 90%", ["受众群体满意度", "≥ 90%", "90%"]),  # "≥ 90%" printed with a space
        ("达标率 =100.00(%) 100.00(%)", ["达标率", "=100.00(%)", "100.00(%)"]),
        ("a≥ b", ["a≥", "b"]),  # an operator inside a cell is no operator cell
    ],
)
def test_cells_of_a_line_keep_an_operator_with_its_number(line: str, cells: list[str]) -> None:
    assert split_cells_of(line) == cells


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["≥", "=", "≥≤", "＝", "≥90%", "90%", "x", "", "a≥", "<="]), min_size=1, max_size=6))
def test_cells_of_a_line_are_the_merged_split(tokens: list[str]) -> None:
    line = " ".join(tokens)
    assert split_cells_of(line) == merge_operators(line.split(" "))


_UNIT_AS_FIRST_WRITTEN = re.compile(r"(?:[（(]\s*(?:单位[：:]\s*)?|单位[：:]\s*)(亿元|万元|千元|元)\s*[)）]?")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["（", "(", "单位", "：", " ", "万元", "元", "亿", "）", "资金"]), max_size=8).map("".join))
def test_unit_search_with_literal_branches_finds_what_the_class_branch_found(text: str) -> None:
    m = _UNIT_AS_FIRST_WRITTEN.search(text)
    assert find_unit(text) == (m.group(1) if m else None)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["\n", "一级", "指标", "绩效", "x", "\n一级\n"]), max_size=14).map("".join),
    st.integers(0, 20),
    st.integers(0, 40),
)
def test_first_of_finds_the_leftmost_word_as_every_find_would(text: str, pos: int, end: int) -> None:
    words = ("\n一级\n", "\n一级指标\n", "\n绩效指标\n", "\n绩效\n", "级")  # lengths 4, 6, 6, 4, 1
    hits = [p for w in words if (p := text.find(w, pos, end)) >= 0]
    assert _first_of(text, words, pos, end) == (min(hits) if hits else -1)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["\n", "一级", "指标", "绩效", "x", "\n一级\n", "\n绩效"]), max_size=14).map("".join),
    st.integers(0, 20),
    st.integers(0, 40),
)
def test_the_table_line_found_by_stem_is_the_first_of_the_table_lines(text: str, pos: int, end: int) -> None:
    table_lines = ("\n一级\n", "\n一级指标\n", "\n绩效指标\n", "\n绩效\n")  # the plain definition
    assert _first_table_line(text, pos, end) == _first_of(text, table_lines, pos, end)


def _header_line_by_line(lines: list[str]) -> FormParts:
    """The PDF header read as first written: every line tested for each label word."""
    parts = FormParts(file="x")
    parts.year = find_year(" ".join(lines))
    for i, s in enumerate(lines):
        for attr, word, regex in _HEADER_FIELDS:
            m = regex.search(s) if word in s else None
            if m and getattr(parts, attr) is None:
                value = m.group(1).strip() or _next_value(lines, i + 1, len(lines))
                setattr(parts, attr, value or None)
    return parts


_HEADER_PIECES = [
    "项目名称", "项目名称 科普", "主管部门", "主管部门 科协 实施单位 中心", "实施单位", "实施单位：中心",
    "", "科普", "（2024年度）", "2024 年度", "项目资金", "（2024\n年）", "项目名称：",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_HEADER_PIECES), max_size=8))
def test_header_fields_found_in_the_joined_text_are_those_a_line_by_line_walk_finds(lines: list[str]) -> None:
    lines = [s.replace("\n", " ") for s in lines]  # a line holds no newline
    parts = FormParts(file="x")
    _header(lines, 0, len(lines), parts)
    assert parts == _header_line_by_line(lines)


def _is_table_header_per_cell(s: str) -> bool:
    """The header-line test as first written: each cell, less a "(A)" note, a header fragment."""
    for t in s.split(" "):
        if t and t[-1] in ")）":
            t = _HEADER_NOTE.sub("", t)
        if t and t not in _HEADER_FRAGMENTS:
            return False
    return True


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["三级指标", "分值", "分值(A)", "得分（B）", "指标", "(A)", "覆盖面", "", "分", "值)"]), max_size=6))
def test_table_header_line_test_agrees_with_the_per_cell_test(cells: list[str]) -> None:
    line = " ".join(cells)
    assert _is_table_header(line) is _is_table_header_per_cell(line)


def _segments_per_token(piece_lines: list[str], pre: list[str]) -> tuple[list[str], list[str]]:
    """``_text_rows._segments`` as first written: every cell of every line tested on its own."""
    segs: list[str] = []
    bounds: list[str] = []
    for line_tokens in [split_cells_of(line) for line in piece_lines] + [pre]:
        for j, tok in enumerate(line_tokens):
            if tok:
                bounds.append("\n" if j == 0 else " ")
                segs.append(tok)
    return segs, bounds


_CELL_PIECES = st.lists(st.sampled_from(["健全", "部分达成指", "", "≥", "90%", "标 并"]), max_size=4).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(_CELL_PIECES, max_size=4), st.lists(st.sampled_from(["覆盖面", "", "≥ 90%", "16"]), max_size=4))
def test_row_segments_agree_with_the_per_token_walk(piece_lines: list[str], pre: list[str]) -> None:
    assert _segments(piece_lines, pre) == _segments_per_token(piece_lines, pre)
