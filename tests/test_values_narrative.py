"""The narrative scanner's speed-ups change no result: ``find_quantities`` and ``find_years`` agree
with the frozen reference implementation (tests/_narr_reference.py) on generated narratives, and
the retuned number and unit patterns match exactly what the plain ones matched."""

from __future__ import annotations

import re
from pathlib import Path

import _narr_reference as ref
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.values import narrative as vn
from jixiao.values.lex import ARABIC, CN_CHARS, NUM, UNIT_ALT
from jixiao.values.units import KNOWN_UNITS

_PIECES = list("0123456789年月日号至到-~—–/.,，、。；：（）()〔〕【】[]一二三四五六七八九十百千万亿〇零两第"
               "个次人元%‰区场篇余多+约近上下以内及左右 \u3000\t\nAaGm") + [
    "2024", "2023年", "12月31日", "二〇二四年", "2024-12-31", "2023-2025年", "〔2020〕", "１６个", "1,234",
    "1,2345", "m2", "㎡", "3千万元", "5.5万元", "1-2万人", "不少于", "不低于", "达到", "超过", "控制在", "≥", "<=",
    "大约", "将近", "上百", "人次", "场次", "个工作日", "个百分点", "平方公里", "人/次", "千米", "千克", "万元",
    "亿元", "以上", "及以下", "以内", "左右", "内容", "一定", "进一步", "统一", "一对一", "十分", "性", "(个)",
    "（次）", "(万元)", "％", "－", "٣", "१२", "𝟚𝟘", "ก", "科普活动", "覆盖", "受众人数", "截至"]

_text = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(_text)
def test_find_quantities_agrees_with_the_reference(text: str) -> None:
    assert vn.find_quantities(text) == ref.find_quantities(text)


@settings(max_examples=300, deadline=None)
@given(_text)
def test_find_years_agrees_with_the_reference(text: str) -> None:
    assert vn.find_years(text) == ref.find_years(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF70), max_size=60))
def test_any_text_agrees_with_the_reference(text: str) -> None:
    assert vn.find_quantities(text) == ref.find_quantities(text)


_DATE_PIECES = ["截至", "2024年", "2024", "年度", "12月", "12", "月份", "31日", "31", "号", "1", "-", "至", "到", "~",
                "2025年", "(", ")", "(2024)", "（", "）", "个", "次", "人次", "(个)", "(万元)", "万元", "以内", "以上", "内",
                "左右", "余", "，", "。", "、", "；", "：", "！", "？", "“", "”", ";", ":", " ", "\u3000", "前", "共", "场"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=16).map("".join))
def test_numbers_inside_dates_are_skipped_without_changing_the_result(text: str) -> None:
    """Heads inside a date followed by a clause mark are not matched (``_DATE_SEALS``)."""
    assert vn.find_quantities(text) == ref.find_quantities(text)


def _seed_paragraphs() -> list[str]:
    from jixiao.readers import read_path

    seed = Path(__file__).resolve().parents[1] / "examples" / "shanghai-kepu-2024.txt"
    forms = read_path(seed)
    return [t for f in forms for t in (f.goal.planned, f.goal.achieved)]


def test_seed_narratives_agree_with_the_reference() -> None:
    paragraphs = _seed_paragraphs()
    assert sum(len(vn.find_quantities(p)) for p in paragraphs) > 20
    for p in paragraphs:
        assert vn.find_quantities(p) == ref.find_quantities(p)
        assert vn.find_years(p) == ref.find_years(p)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("预算执行率100%，截至2024年12月1日，覆盖16个区", [(100.0, "%", None), (16.0, "个", "区")]),
        ("开展2023-2025年规划，1-2万人参加", [(10000.0, "人", None)]),
        ("全年开展不少于60场次。", [(60.0, "场次", None)]),
        ("资金1,234.5万元，约十六个村", [(1234.5, "万元", None), (16.0, "个", "村")]),
    ],
)
def test_find_quantities_examples(text: str, expected: list) -> None:
    assert [(q.value, q.unit, q.noun) for q in vn.find_quantities(text)] == expected


_OLD_UNIT = re.compile("|".join(re.escape(u) for u in KNOWN_UNITS))
_NEW_UNIT = re.compile(UNIT_ALT)
_OLD_UNIT_BEFORE_SIGN = re.compile("(?:" + "|".join(re.escape(u) for u in KNOWN_UNITS) + ")[-至]")
_NEW_UNIT_BEFORE_SIGN = re.compile(f"(?:{UNIT_ALT})[-至]")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*KNOWN_UNITS, "-", "至", "x", "方", "作日"]), max_size=6).map("".join))
def test_grouped_units_match_like_the_flat_alternation(text: str) -> None:
    """The same unit at every place, also where the engine must back off to a shorter one."""
    for pos in range(len(text)):
        a, b = _OLD_UNIT.match(text, pos), _NEW_UNIT.match(text, pos)
        assert (a and a.span()) == (b and b.span())
        a, b = _OLD_UNIT_BEFORE_SIGN.match(text, pos), _NEW_UNIT_BEFORE_SIGN.match(text, pos)
        assert (a and a.span()) == (b and b.span())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789,.-万一十") + ["1,234", ",567"]), max_size=10).map("".join))
def test_number_token_matches_like_the_plain_one(text: str) -> None:
    old_arabic = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    old = re.compile(rf"(?:{old_arabic}|[{CN_CHARS}]+)")
    new = re.compile(NUM)
    for pos in range(len(text)):
        a, b = old.match(text, pos), new.match(text, pos)
        assert (a and a.span()) == (b and b.span())
    assert re.fullmatch(ARABIC, "1,234.5") and not re.fullmatch(ARABIC, "1,2345")
