"""The value grammar, by example: each row is a phrase as printed on real forms (most from the
Shanghai 2024 seed and domain rules §4) and what the grammar must read from it.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.values import (
    Quantity,
    cell_value,
    convert,
    find_quantities,
    find_years,
    infer_tier,
    is_placeholder,
    normalize_unit,
    parse_number,
    parse_value,
    tier_of,
    unit_family,
)

SEED = Path(__file__).resolve().parents[1] / "examples" / "shanghai-kepu-2024.txt"

# text, op, value, upper, unit, approx
CELLS = [
    # the seed's indicator cells
    ("≥16.00(个)", ">=", 16.0, None, "个", False),
    ("16.00(个)", None, 16.0, None, "个", False),
    ("=100.00(%)", "=", 100.0, None, "%", False),
    ("100.00(%)", None, 100.0, None, "%", False),
    ("≥90.00(%)", ">=", 90.0, None, "%", False),
    ("90.00(%)", None, 90.0, None, "%", False),
    ("≥0.00(%)", ">=", 0.0, None, "%", False),
    ("=0.00(%)", "=", 0.0, None, "%", False),
    ("≥5.00(次)", ">=", 5.0, None, "次", False),
    ("≥2000.00(人)", ">=", 2000.0, None, "人", False),
    ("3000.00(人)", None, 3000.0, None, "人", False),
    ("≥60.00(场)", ">=", 60.0, None, "场", False),
    ("≥40.00(篇)", ">=", 40.0, None, "篇", False),
    ("=16.00(区)", "=", 16.0, None, "区", False),
    ("=1.00(场)", "=", 1.0, None, "场", False),
    ("≥80(次)", ">=", 80.0, None, "次", False),
    ("95.00(次)", None, 95.0, None, "次", False),
    ("≥85.00(%)", ">=", 85.0, None, "%", False),
    # bare units and operator words
    ("≥80次", ">=", 80.0, None, "次", False),
    ("95%", None, 95.0, None, "%", False),
    ("≧95%", ">=", 95.0, None, "%", False),
    (">=95%", ">=", 95.0, None, "%", False),
    ("＞＝95％", ">=", 95.0, None, "%", False),
    ("不低于95%", ">=", 95.0, None, "%", False),
    ("不少于60场次", ">=", 60.0, None, "场次", False),
    ("至少3期", ">=", 3.0, None, "期", False),
    ("达到100%", ">=", 100.0, None, "%", False),
    ("80次以上", ">=", 80.0, None, "次", False),
    ("＞50家", ">", 50.0, None, "家", False),
    ("高于去年", None, None, None, None, False),
    ("超过1000人次", ">", 1000.0, None, "人次", False),
    ("多于5所", ">", 5.0, None, "所", False),
    ("大于0", ">", 0.0, None, None, False),
    ("≤5%", "<=", 5.0, None, "%", False),
    ("≦30天", "<=", 30.0, None, "天", False),
    ("<=10个工作日", "<=", 10.0, None, "工作日", False),
    ("不高于100万元", "<=", 100.0, None, "万元", False),
    ("不超过 3 次", "<=", 3.0, None, "次", False),
    ("不多于2起", "<=", 2.0, None, "起", False),
    ("30日以内", "<=", 30.0, None, "日", False),
    ("5‰以下", "<=", 5.0, None, "‰", False),
    ("控制在5%以内", "<=", 5.0, None, "%", False),
    ("5个工作日内", "<=", 5.0, None, "工作日", False),
    ("＜1%", "<", 1.0, None, "%", False),
    ("低于3次", "<", 3.0, None, "次", False),
    ("少于2件", "<", 2.0, None, "件", False),
    ("小于0.5‰", "<", 0.5, None, "‰", False),
    ("＝100%", "=", 100.0, None, "%", False),
    ("等于12个月", "=", 12.0, None, "个月", False),
    # ranges and tolerance
    ("90%-95%", "range", 90.0, 95.0, "%", False),
    ("90%~95%", "range", 90.0, 95.0, "%", False),
    ("90-95%", "range", 90.0, 95.0, "%", False),
    ("90%至95%", "range", 90.0, 95.0, "%", False),
    ("1-2万人", "range", 10000.0, 20000.0, "人", False),
    ("5-10万元", "range", 5.0, 10.0, "万元", False),
    ("±10%", "±", 10.0, None, "%", False),
    ("-5%", None, -5.0, None, "%", False),
    # full width, separators, Chinese numerals, 万/亿, approximations
    ("１２个", None, 12.0, None, "个", False),
    ("９５．５％", None, 95.5, None, "%", False),
    ("100.00（%）", None, 100.0, None, "%", False),
    ("215,457.6元", None, 215457.6, None, "元", False),
    ("1,200人次", None, 1200.0, None, "人次", False),
    ("十六个区", None, 16.0, None, "个", False),
    ("十六个", None, 16.0, None, "个", False),
    ("两千人", None, 2000.0, None, "人", False),
    ("一万二千", None, 12000.0, None, None, False),
    ("三场", None, 3.0, None, "场", False),
    ("1.2万人次", None, 12000.0, None, "人次", False),
    ("3万余人", None, 30000.0, None, "人", True),
    ("500多人", None, 500.0, None, "人", True),
    ("约500人", None, 500.0, None, "人", True),
    ("近百场", None, 100.0, None, "场", True),
    ("上千人", None, 1000.0, None, "人", True),
    ("1000+", None, 1000.0, None, None, True),
    ("3000人左右", None, 3000.0, None, "人", True),
    ("5.5万元", None, 5.5, None, "万元", False),
    ("3.5亿元", None, 3.5, None, "亿元", False),
    ("一万元", None, 1.0, None, "万元", False),
    ("2万平方米", None, 20000.0, None, "平方米", False),
    ("120㎡", None, 120.0, None, "平方米", False),
    ("5千米", None, 5.0, None, "公里", False),
    ("5千元", None, 5.0, None, "千元", False),
    ("3千万元", None, 3000.0, None, "万元", False),
    ("三千万元", None, 3000.0, None, "万元", False),
    ("近万人", None, 10000.0, None, "人", True),
    ("≤1次/年", "<=", 1.0, None, "次/年", False),
    ("100m²", None, 100.0, None, "平方米", False),
    ("95%及以上", ">=", 95.0, None, "%", False),
    ("不低于 98%（含）", ">=", 98.0, None, "%", False),
    ("百分之九十", None, 90.0, None, "%", False),
    # units in and out of brackets, and a word after the measure word
    ("5(人/次)", None, 5.0, None, "人次", False),
    ("3(万元)", None, 3.0, None, "万元", False),
    ("16个区", None, 16.0, None, "个", False),
    ("20家企业", None, 20.0, None, "家", False),
    ("12栋", None, 12.0, None, "栋", False),
    ("48学时", None, 48.0, None, "学时", False),
    ("≥ 90 %", ">=", 90.0, None, "%", False),
    ("≥16.00\n(个)", ">=", 16.0, None, "个", False),
]


@pytest.mark.parametrize(("text", "op", "value", "upper", "unit", "approx"), CELLS)
def test_cells(text: str, op, value, upper, unit, approx) -> None:
    v = parse_value(text)
    assert (v.op, v.value, v.upper, v.unit, v.approx, v.tier) == (
        op, value, upper, unit, approx, None
    )
    assert v.text == text


PLACEHOLDERS = ["-", "—", "/", "／", "*", "无", "不适用", "N/A", "", "  ", "--", "——", "n/a"]


@pytest.mark.parametrize("text", PLACEHOLDERS)
def test_placeholders_parse_to_nothing(text: str) -> None:
    v = parse_value(text)
    assert is_placeholder(text)
    assert (v.op, v.value, v.unit, v.tier, v.text) == (None, None, None, None, text)


@pytest.mark.parametrize("text", ["-5", "0", "0.00", "无锡", "0(%)", "达成"])
def test_not_placeholders(text: str) -> None:
    assert not is_placeholder(text)


TIERS = [
    ("达成年度指标", "achieved"),
    ("达成预期指标", "achieved"),
    ("达成指标", "achieved"),
    ("达成", "achieved"),
    ("部分达成年度指标并具有一定效果", "partial"),
    ("部分达成指标并具有一定效果", "partial"),
    ("部分达成指\n标并具有一\n定效果", "partial"),
    ("部分达成指\n\n标并具有一\n\n定效果", "partial"),
    ("部分达成", "partial"),
    ("未达成年度指标且效果较差", "unachieved"),
    ("未达成", "unachieved"),
    (" 达成指标 ", "achieved"),
]


@pytest.mark.parametrize(("text", "tier"), TIERS)
def test_tier_labels(text: str, tier: str) -> None:
    assert tier_of(text) == tier
    v = parse_value(text)
    assert (v.tier, v.value, v.op, v.text) == (tier, None, None, text)


FREE_TEXT = ["有效提升", "健全", "及时", "效果明显", "符合相关规定", "明显改善", "按时", "规范",
             "内容形式多\n样", "一定效果", "十分满意", "高于去年", "已完成", "（%）95",
             "万人", "完成5场", "100%完成", "2024.12.31", "1/2", "半年"]


@pytest.mark.parametrize("text", FREE_TEXT)
def test_qualitative_text_is_kept_as_text(text: str) -> None:
    v = parse_value(text)
    assert (v.op, v.value, v.upper, v.unit, v.tier, v.approx) == (None,) * 5 + (False,)
    assert v.text == text and not v.is_blank


INFERRED = [
    ("已完成", "achieved"), ("完成", "achieved"), ("及时", "achieved"), ("按时", "achieved"),
    ("效果明显", "achieved"), ("有效提升", "achieved"), ("健全", "achieved"), ("规范", "achieved"),
    ("内容形式多样", "achieved"), ("达成指标", "achieved"),
    ("基本完成", "partial"), ("部分完成", "partial"), ("有所提升", "partial"),
    ("长效管理机制需进一步完善", "partial"),
    ("未完成", "unachieved"), ("未达到", "unachieved"), ("滞后", "unachieved"),
    ("不及时", "unachieved"), ("未按时完成", "unachieved"),
    ("见附件", None), ("", None),
]


@pytest.mark.parametrize(("text", "tier"), INFERRED)
def test_infer_tier(text: str, tier) -> None:
    assert infer_tier(text) == tier


def test_tier_of_is_strict() -> None:
    assert tier_of("已完成") is None
    assert tier_of("达成指标，效果好") is None


NUMBERS = [
    ("170.00", (170.0, False)), ("100.00", (100.0, False)), ("0.00", (0.0, False)),
    ("215,457.6", (215457.6, False)), ("１２", (12.0, False)), ("1.2万", (12000.0, False)),
    ("约500人", (500.0, True)), ("1000+", (1000.0, True)), ("十六", (16.0, False)),
    ("-5", (-5.0, False)), ("90.00(%)", (90.0, False)),
    ("≥90%", None), ("90-95%", None), ("-", None), ("", None), ("及时", None),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number(text: str, expected) -> None:
    assert parse_number(text) == expected


# 309 digits and more overflow a float to inf, which the model refuses: such a cell is as
# unreadable as any other non-number, its text kept and no value read (from any path of the
# grammar: the plain-number shortcut, a multiplier, a range end, a Chinese numeral).
TOO_LARGE = [
    "1" * 320,
    "≥" + "1" * 400 + "(个)",
    "-" + "9" * 400,
    "9" * 305 + "亿人",
    "约" + "1" * 400 + "人",
    "1-" + "1" * 400,
    "一" * 400 + "个",
    "一" * 5000,
]


@pytest.mark.parametrize("text", TOO_LARGE)
def test_a_number_too_large_for_a_float_is_not_read(text: str) -> None:
    v = parse_value(text)
    assert (v.text, v.op, v.value, v.upper, v.unit) == (text, None, None, None, None)
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "value"), [("1" * 308, float("1" * 308)), ("0." + "0" * 400 + "1", 0.0)])
def test_a_long_number_that_fits_a_float_is_still_read(text: str, value: float) -> None:
    assert parse_number(text) == (value, False)


@pytest.mark.parametrize(
    ("unit", "normal", "family"),
    [
        ("㎡", "平方米", "area"), ("千米", "公里", "length"), ("％", "%", "percent"),
        ("%", "%", "percent"), ("场次", "场次", "count"), ("场", "场", "count"),
        ("人/次", "人次", "person_times"), ("人", "人", "people"), ("万元", "万元", "money"),
        ("（个）", "个", "count"), ("个工作日", "工作日", "duration"), ("吨", "吨", "mass"),
        ("瓶", "瓶", None), (None, None, None), ("", None, None),
    ],
)
def test_normalize_unit_and_family(unit, normal, family) -> None:
    assert normalize_unit(unit) == normal
    assert unit_family(unit) == family


@pytest.mark.parametrize(
    ("value", "unit", "to", "expected"),
    [
        (55000.0, "元", "万元", 5.5), (5.5, "万元", "元", 55000.0), (1.5, "亿元", "万元", 15000.0),
        (3.0, "次", "次", 3.0), (3.0, "％", "%", 3.0), (15.0, "‰", "%", 1.5),
        (1.0, "公顷", "平方米", 10000.0), (2.0, "千米", "公里", 2.0), (1.0, "年", "个月", 12.0),
        (100.0, "人", "人次", None), (6.0, "场", "次", None), (1.0, "元", "%", None),
    ],
)
def test_convert(value: float, unit: str, to: str, expected) -> None:
    got = convert(value, unit, to)
    assert got == pytest.approx(expected) if expected is not None else got is None


# text, [(value, unit, op, approx, noun), ...]
NARRATIVE = [
    ("截至 2024年 12月 31日，基层科 普服务项目覆盖 16个区", [(16.0, "个", None, False, "区")]),
    ("受众人数 3000人次，", [(3000.0, "人次", None, False, None)]),
    ("全年计划开展不少于 80次。", [(80.0, "次", ">=", False, None)]),
    ("预算执行率 100%，截至", [(100.0, "%", None, False, None)]),
    ("计划全年开展不少于 60\n\n场次。", [(60.0, "场次", ">=", False, None)]),
    ("开展不少于 60场次", [(60.0, "场次", ">=", False, None)]),
    ("1.2万人次", [(12000.0, "人次", None, False, None)]),
    ("十六个区", [(16.0, "个", None, False, "区")]),
    ("建设 8个科技小院，下乡服务 29次", [(8.0, "个", None, False, "科技小院"),
                                   (29.0, "次", None, False, None)]),
    ("重点做好 2024上海市”全国科普日“活动", []),
    ("（2024年度）", []),
    ("2024年度项目", []),
    ("截至 2024年 12月 31日，", []),
    ("约500人参加，近百场活动", [(500.0, "人", None, True, None), (100.0, "场", None, True, "活动")]),
    ("服务 3万余人", [(30000.0, "人", None, True, None)]),
    ("满意度 90%-95%", [(90.0, "%", "range", False, None)]),
    ("资金 5.5万元", [(5.5, "万元", None, False, None)]),
    ("10个以上社区", [(10.0, "个", ">=", False, "社区")]),
    ("活动受众人数 1230，", [(1230.0, None, None, False, None)]),
    ("进一步完善，一定效果，统一管理，千家万户，第一次，一次性补助，十四五规划", []),
    ("（2）重点开展，1、组织，第3批，5G网络", []),
    ("下一年度预算编制时完成，每一场活动都签到，同一指标", []),
    ("开展一场活动", [(1.0, "场", None, False, "活动")]),
    ("3个月完成", [(3.0, "个月", None, False, None)]),
    ("全年服务超过1万人次，覆盖全市16个区、215个街镇", [(10000.0, "人次", ">", False, None),
                                          (16.0, "个", None, False, "区"),
                                          (215.0, "个", None, False, "街镇")]),
    ("较上年提高 5个百分点。", [(5.0, "百分点", None, False, None)]),
    ("活动于2024年3月15日至2024年5月20日举办，历时2个月", [(2.0, "个月", None, False, None)]),
    ("2024年1-12月累计开展 36期", [(36.0, "期", None, False, None)]),
    ("受众人数达 3000人次以上", [(3000.0, "人次", ">=", False, None)]),
    ("参与人数约 2,000 人。", [(2000.0, "人", None, True, None)]),
]


@pytest.mark.parametrize(("text", "expected"), NARRATIVE)
def test_find_quantities(text: str, expected) -> None:
    found = find_quantities(text)
    assert [(q.value, q.unit, q.op, q.approx, q.noun) for q in found] == expected
    for q in found:
        assert text[q.start : q.end] == q.text


def test_quantity_offsets_and_operator_span() -> None:
    text = "全年计划开展不少于 80次。"
    (q,) = find_quantities(text)
    assert q == Quantity(value=80.0, unit="次", op=">=", approx=False, upper=None,
                         start=6, end=13, text="不少于 80次", noun=None)


YEARS = [
    ("截至 2024年 12月 31日，", [2024]),
    ("（2024年度）", [2024]),
    ("重点做好 2024上海市”全国科普日“活动", [2024]),
    ("2023-2025年三年行动", [2023, 2025]),
    ("二〇二四年", [2024]),
    ("财预〔2020〕10号", [2020]),
    ("2024-12-31前", [2024]),
    ("受众人数 2000人", []),
    ("资金 2000万元", []),
    ("受众人数 2000，", []),
]


@pytest.mark.parametrize(("text", "years"), YEARS)
def test_find_years(text: str, years: list[int]) -> None:
    assert find_years(text) == years


def _seed_cells() -> list[str]:
    import re

    return re.findall(r"[≥=]?\d+(?:\.\d+)?\([^()\s]+\)", SEED.read_text(encoding="utf-8"))


def test_every_seed_cell_is_quantitative() -> None:
    cells = _seed_cells()
    assert len(cells) >= 60
    for cell in cells:
        v = parse_value(cell)
        assert v.value is not None and v.unit in {"个", "%", "次", "人", "场", "篇", "区"}, cell
        assert v.op == {"≥": ">=", "=": "="}.get(cell[0]), cell


def test_seed_narrative_numbers() -> None:
    text = SEED.read_text(encoding="utf-8")
    start = text.index("预算执行率 100%，截至 2024年 12月 31日，开展配")
    para = text[start : text.index("完善。", start)]
    got = [(q.value, q.unit) for q in find_quantities(para)]
    assert got == [(100.0, "%"), (95.0, "次"), (6500.0, "人次"), (8.0, "个"), (29.0, "次"),
                   (52.0, "篇"), (100.0, "%"), (52.0, "篇")]
    assert find_years(para) == [2024]


@given(st.text(alphabet="≥≤=<>-~%（）()万亿千百十一二两三.,0123456789个人次场元区年月日 约余多+\n",
               max_size=24))
def test_never_raises_and_keeps_text(text: str) -> None:
    v = parse_value(text)
    assert v.text == text
    assert v.value is not None or (v.op is None and v.unit is None)
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize("text", ["≥16.00(个)", "达成指标", ""])
def test_cell_value_is_parse_value_shared_per_text(text: str) -> None:
    first, again = cell_value(text), cell_value(text.encode().decode())  # equal, not the same object
    assert first == parse_value(text) and again == parse_value(text)
    assert first is again


def test_a_value_is_frozen_so_sharing_it_is_safe() -> None:
    value = cell_value("≥90.00(%)")
    with pytest.raises(FrozenInstanceError):
        value.value = 80.0  # type: ignore[misc]
    assert cell_value("≥90.00(%)").value == 90.0


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF70), max_size=40))
def test_halfwidth_folds_like_translate(text: str) -> None:
    """``halfwidth`` searches for the characters to fold; ``str.translate`` is its definition."""
    from jixiao.values.lex import _FW, halfwidth

    assert halfwidth(text) == text.translate(_FW)
