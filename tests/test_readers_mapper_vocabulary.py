"""The vocabulary: which header words name which field, and which must not."""

from __future__ import annotations

import pytest

from jixiao.readers.vocabulary import (
    ALL_WORDS,
    FUNDS_FIELDS,
    INDICATOR_FIELDS,
    field_of,
    funds_row_kind,
    is_header_word,
    is_placeholder,
    is_section_title,
    key,
    level1_of,
    nature_op,
    parse_number,
    section_weight,
)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("年度指标值", "target"),
        ("指标值", "target"),
        ("年初目标值(A)", "target"),
        ("预期指标值", "target"),
        ("年初指标值", "target"),
        ("实际完成值", "actual"),
        ("完成值", "actual"),
        ("全年实际值(B)", "actual"),
        ("全年完成值", "actual"),
        ("年终完成值", "actual"),
        ("全年实际完成值", "actual"),
        ("分值", "weight"),
        ("权重", "weight"),
        ("参考分值", "weight"),
        ("指标权重(分)", "weight"),
        ("得分", "score"),
        ("自评得分", "score"),
        ("自评分", "score"),
        ("偏差原因分析及改进措施", "deviation"),
        ("未完成原因分析", "deviation"),
        ("未完成原因及拟采取的改进措施", "deviation"),
        ("原因", "deviation"),
        ("得分计算方法", "method"),
        ("指标性质", "nature"),
        ("度量单位", "unit"),
        ("三级指标", "name"),
        ("一级 指标", "level1"),
    ],
)
def test_indicator_headers_name_their_field(header: str, field: str) -> None:
    assert field_of(header, INDICATOR_FIELDS) == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("年初预算数", "initial"),
        ("全年预算数(A)", "budget"),
        ("调整后预算数", "budget"),
        ("全年执行数(B)", "executed"),
        ("预算执行数", "executed"),
        ("执行率", "rate"),
        ("预算执行率", "rate"),
        ("执行率(B/A)", "rate"),
        ("分值", "weight"),
        ("权重", "weight"),
        ("得分", "score"),
        ("原因", "reason"),
    ],
)
def test_funds_headers_name_their_field(header: str, field: str) -> None:
    assert field_of(header, FUNDS_FIELDS) == field


@pytest.mark.parametrize(
    ("header", "table"),
    [
        ("实际完成情况", INDICATOR_FIELDS),  # the goal's column, not 实际完成值
        ("单位名称", INDICATOR_FIELDS),  # the filing unit, not 度量单位
        ("权重占比(%)", INDICATOR_FIELDS),
        ("原因是资金到位较晚，后续将加快进度，确保按时完成", INDICATOR_FIELDS),  # a sentence, not a header
    ],
)
def test_words_that_must_not_be_taken_for_a_field(header: str, table: dict) -> None:
    assert field_of(header, table) is None


def test_keys_drop_every_kind_of_space_and_colon() -> None:
    assert key("项目 名称：") == "项目名称"
    assert key("年\u3000度\t:\n") == "年度"
    assert key("三级\u00a0指标\u2003（二）") == "三级指标(二)"


def test_traditional_characters_read_as_the_simplified_words() -> None:
    assert key("實際完成值") == "实际完成值"
    assert field_of("預算數(A)", FUNDS_FIELDS) == "budget"
    assert field_of("執行數(B)", FUNDS_FIELDS) == "executed"


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("年度资金总额：", "total"),
        ("年度财政资金总额", "total"),
        ("其中：当年财政拨款", "appropriation"),
        ("其中:本年财政拨款", "appropriation"),
        ("其中：财政资金", "appropriation"),
        ("上年结转资金", "carryover"),
        ("其他资金", "other"),
        ("财政专户管理资金", "more"),
        ("单位资金", "more"),
        ("其中:中央财政资金", "more"),
        ("本级资金(包括结转结余)", "more"),  # a bracketed note after the label
        ("农村部分计划生育家庭奖励扶助制度补助资金(万元)", None),  # a sub-programme title, not a row
        ("目标1：完成年度任务", None),
    ],
)
def test_funds_row_labels(label: str, kind: str | None) -> None:
    assert funds_row_kind(label) == kind


def test_section_weight_headers() -> None:
    assert section_weight("产出指标(40分)") == ("产出指标", 40.0)
    assert section_weight("效益指标（30分）") == ("效益指标", 30.0)
    assert section_weight("(50分)") == ("", 50.0)
    assert section_weight("产出指标") is None
    assert section_weight("完成50分") is None
    assert level1_of("满意度指标(10分)") == "满意度指标"


def test_placeholders_and_numbers() -> None:
    for text in ("", "-", "—", "/", "无", "……", "指标1:", "指标2："):
        assert is_placeholder(text), text
    assert not is_placeholder("指标1:完成数量")
    assert parse_number("1,200.00") == (1200.0, True)
    assert parse_number("100%") == (100.0, True)
    assert parse_number("150万") == (150.0, True)
    assert parse_number("—") == (None, True)
    assert parse_number("约100") == (None, False)


def test_nature_cells_give_an_operator() -> None:
    assert nature_op("≥") == "≥"
    assert nature_op("004 >=") == "≥"
    assert nature_op("定性") == ""


def test_header_words_are_recognised_and_listed_longest_first() -> None:
    assert is_header_word("三级指标")
    assert is_header_word("年度指标值")
    assert not is_header_word("开展培训次数")
    assert ALL_WORDS.index("实际完成值") < ALL_WORDS.index("完成值")


def test_section_titles_are_told_from_values() -> None:
    assert is_section_title("年度绩效指标完成情况") and is_section_title("四、年度绩效指标完成情况")
    assert is_section_title("项目支出绩效指标表")
    assert not is_section_title("完成年度绩效指标") and not is_section_title("全部完成")


def test_nfkc_is_unicode_nfkc_on_real_form_texts_and_odd_characters() -> None:
    import unicodedata
    from pathlib import Path

    from jixiao.readers.vocabulary import nfkc

    real = Path(__file__).parent / "data" / "real"
    texts = [p.read_text(encoding="utf-8") for p in sorted(real.glob("*.txt"))]
    pieces = [t[i : i + n] for t in texts for i in range(0, len(t), 211) for n in (1, 7, 60, 400)]
    pieces += ["ＡＢＣ１２３（９０％）　，：", "，\u0301", "e\u0301，", "①②㎡㎏", "﹙≥９０﹚", "臺灣省（財政廳）"]
    assert [nfkc(p) for p in pieces] == [unicodedata.normalize("NFKC", p) for p in pieces]
