"""Quantities and years in narrative, on the seed's paragraphs and on the shapes real forms write."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from jixiao.values import find_quantities, find_years


def _seed_paragraphs() -> list[str]:
    from jixiao.readers import read_path

    seed = Path(__file__).resolve().parents[1] / "examples" / "shanghai-kepu-2024.txt"
    forms = read_path(seed)
    return [t for f in forms for t in (f.goal.planned, f.goal.achieved)]


def test_the_seed_narratives_hold_quantities_and_a_reporting_date() -> None:
    paragraphs = _seed_paragraphs()
    assert sum(len(find_quantities(p)) for p in paragraphs) > 20
    assert any(2024 in find_years(p) for p in paragraphs)
    for p in paragraphs:
        for q in find_quantities(p):
            assert p[q.start : q.end] == q.text  # offsets index the original text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("预算执行率100%，截至2024年12月1日，覆盖16个区", [(100.0, "%", None), (16.0, "个", "区")]),
        ("开展2023-2025年规划，1-2万人参加", [(10000.0, "人", None)]),
        ("全年开展不少于60场次。", [(60.0, "场次", None)]),
        ("资金1,234.5万元，约十六个村", [(1234.5, "万元", None), (16.0, "个", "村")]),
        ("截至 2024年 12月 31日，覆盖 16个区", [(16.0, "个", "区")]),  # PDF blanks around numbers
        ("第3批，5G网络，（2）培训", []),  # an ordinal, a code, a list number
        ("完成情况1:支持农村金融,2:支持小微企业", []),  # item numbers before a colon (r055)
        ("比例为1:2", [(1.0, None, None), (2.0, None, None)]),  # a ratio's numbers stay
        ("进一步提高，一定效果，统一管理", []),  # Chinese numerals that count nothing
        ("１６个", [(16.0, "个", None)]),  # full-width digits
    ],
)
def test_find_quantities_examples(text: str, expected: list) -> None:
    assert [(q.value, q.unit, q.noun) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    "text, op, approx",
    [("不少于60场", ">=", False), ("约 500 人", None, True), ("控制在 5% 以内", "<=", False), ("上百人", None, True),
     ("30人以上", ">=", False)],
)
def test_operator_and_approximation_words_around_a_number(text: str, op: str | None, approx: bool) -> None:
    (q,) = find_quantities(text)
    assert (q.op, q.approx) == (op, approx)


@pytest.mark.parametrize(
    "text, years",
    [("2024年度", [2024]), ("2023-2025年", [2023, 2025]), ("2024-12-31", [2024]), ("二〇二四年", [2024]),
     ("〔2020〕10号", [2020]), ("2024上海市", [2024]), ("2024个", []), ("受众 1230 人", [])],
)
def test_find_years_examples(text: str, years: list[int]) -> None:
    assert find_years(text) == years


@hyp_settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="2024年12月31日至-16个区、1万人次 .", max_size=30))
def test_a_number_is_left_out_exactly_when_it_starts_inside_a_date(text: str) -> None:
    """The definition: what the grammar reads, less the numbers that start inside a date."""
    from jixiao.values.dates import date_spans
    from jixiao.values.lex import halfwidth, scan
    from jixiao.values.narrative import _NARR, _NUMBER_FIRST, _quantity

    s = halfwidth(text)
    dates = date_spans(s)
    read = [_quantity(s, m, text) for m in scan(_NARR, _NUMBER_FIRST, s)
            if not any(start <= m.start() < end for start, end, _years in dates)]
    assert find_quantities(text) == [q for q in read if q is not None]


@hyp_settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="一二十百万3 步个人次姓余多-至(以上内左右角%", max_size=16))
@example("进一步提升，服务百姓，长三角，一二三截至，覆盖十六个区，一至2个，三十余人，百人以上")
def test_a_quantity_is_looked_for_only_where_one_can_start(text: str) -> None:
    """Reading only where ``_NUMBER_FIRST`` says a quantity can start finds what reading at every
    digit and Chinese numeral finds: the numerals it passes over count nothing."""
    import re

    from jixiao.values.lex import CN_CHARS, halfwidth, scan
    from jixiao.values.narrative import _NARR, _quantity

    s = halfwidth(text)
    every_number = re.compile(rf"[\d{CN_CHARS}]")
    read = [_quantity(s, m, text) for m in scan(_NARR, every_number, s)]
    assert find_quantities(text) == [q for q in read if q is not None]


@hyp_settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="2024年1月3日二〇-/.,（〔)】 份度至个", max_size=24))
@example("截至 2024年 12月 31日，覆盖 16个区")
@example("1,12月底")
@example("二〇二四年度，二〇二四二〇二五年（2024）")
def test_dates_are_looked_for_only_where_one_can_start(text: str) -> None:
    """Trying the date grammar only where ``_DATE_FIRST`` says a date can start finds the dates that
    trying it at every character finds."""
    import re

    from jixiao.values.dates import _DATE_FIRST, _DATES
    from jixiao.values.lex import scan

    anywhere = re.compile(".", re.DOTALL)
    assert [m.span() for m in scan(_DATES, _DATE_FIRST, text)] == [m.span() for m in scan(_DATES, anywhere, text)]
