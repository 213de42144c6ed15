"""The facts guard, on the seed's first form (长效管理 16/20 partial; 满意度 90% ≥90% met, 17/20)."""

from __future__ import annotations

import pytest
from _llm_seed import seed_forms

from jixiao.llm._facts import needs_draft
from jixiao.llm.guard import guard_draft, numbers_in, status_contradiction, structure_problems, unknown_numbers

FORM = seed_forms()[0]
LONG_TERM, SATISFACTION = needs_draft(FORM)
GOOD = ("原因：满意度调查问卷未按要求留存归档，评分依据不足。改进措施：由上海市科普事业中心负责，"
        "于2025年度预算编制前建立问卷归档制度，每次活动后收集问卷并存档。")


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("扣3分，得分17分", [3, 17]),
        ("于2025年6月底前完成", []),  # a deadline is not a claim about the form
        ("１．建立台账；2、按季度检查", []),  # list numbering
        ("满意度为９０％", [90]),
        ("受众 6,500 人次", [6500]),
        ("第3季度完成", []),
        ("2025年12月31前完成", []),
        ("提升至95%", [95]),
    ],
)
def test_numbers_in_skips_dates_and_numbering(text: str, numbers: list[float]) -> None:
    assert numbers_in(text, year=2024) == numbers


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("分值20分，得分17分，扣3分", []),
        ("满意度90%，达到年度指标值90%", []),
        ("得分率85%", []),  # 17/20 = 85%: derived from the row's weight and score
        ("明年满意度提升至95%", ["95"]),
        ("2030年完成", ["2030"]),
        ("2025年度预算编制前完成", []),
    ],
)
def test_unknown_numbers_are_those_not_among_the_forms_facts(text: str, unknown: list[str]) -> None:
    assert unknown_numbers(FORM, text) == unknown


@pytest.mark.parametrize(
    ("which", "text", "clash"),
    [
        ("satisfaction", "满意度未达到年度指标，原因是问卷未留存。", True),
        ("satisfaction", "满意度已达到年度指标值，但问卷未留存扣3分。", False),
        ("satisfaction", "问卷未留存，实际完成人数未达到预期。", True),
        ("satisfaction", "问卷未留存，佐证材料未达到要求。", False),
        ("long_term", "长效管理制度已全面完成，运行良好。", True),
        ("long_term", "长效管理制度部分达成年度指标，尚未印发配套办法。", False),
        ("long_term", "该指标已达成年度目标。", True),
        ("long_term", "该指标未完全达成年度指标。", False),
    ],
)
def test_status_contradiction_catches_met_called_missed_and_the_reverse(which: str, text: str, clash: bool) -> None:
    facts = SATISFACTION if which == "satisfaction" else LONG_TERM
    assert (status_contradiction(facts, text) is not None) is clash


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (GOOD, None),
        ("满意度未达到年度指标，明年提升到95%。", "表中没有的数字"),
        ("满意度未达到年度指标，原因是问卷未留存，后续加强管理。", "称未达到目标"),
        ("事实句：受众群体满意度……编号 6", "照抄了提示词"),
        ("", "草稿为空"),
        ("工作有待进一步提高。", "D002"),
    ],
)
def test_guard_draft_gives_chinese_reasons(text: str, fragment: str | None) -> None:
    reasons = guard_draft(FORM, SATISFACTION, text)
    if fragment is None:
        assert reasons == []
    else:
        assert any(fragment in r for r in reasons), reasons


@pytest.mark.parametrize(
    ("cause", "measure", "owner", "fragment"),
    [
        ("满意度调查问卷未按要求留存归档", "每次活动后收集问卷并整理归档", "科普事业中心，2025年度", None),
        ("满意度未留存相关存档文件，后续加强存档管理。", "每次活动后收集问卷并整理归档", "科普事业中心", None),
        ("满意度调查问卷未按要求留存归档", "上海市科普事业中心，2025年度", "上海市科普事业中心，2025年度预算编制", "没有具体做法"),
        ("满意度调查问卷未按要求留存归档", "科普事业中心2025年度起建立制度", "科普事业中心2025年度起建立制度", "重复了责任单位"),
    ],
)
def test_structure_problems_catch_what_the_joined_text_hides(cause: str, measure: str, owner: str,
                                                            fragment: str | None) -> None:
    problems = structure_problems(SATISFACTION, cause, measure, owner)
    if fragment is None:
        assert problems == []
    else:
        assert any(fragment in p for p in problems), problems


def test_a_copied_empty_cause_is_rejected_but_a_copied_concrete_one_is_not() -> None:
    copied = LONG_TERM.indicator.deviation  # "长效管理机制需进一步完善，后续加强机制管理。": no cause in it
    problems = structure_problems(LONG_TERM, copied, "制定并印发长效管理制度", "科普事业中心，2025年度")
    assert any("照抄了单位原填" in p for p in problems)


@pytest.mark.parametrize(
    ("cause", "measure", "fragment"),
    [
        ("参与人员满意度年度指标值为‘≥85.00(%)’，实际完成值为‘85.00(%)’，已达到", "每次活动后收集问卷并整理归档", "复述了指标值"),
        ("满意度调查问卷未按要求留存归档", "本项目预算执行率100%，截至2024年12月31日，项目质量达标率100%", "照抄了“实际完成情况”"),
        ("满意度调查问卷未按要求留存归档", "每次活动后收集问卷并整理归档", None),
        ("年度指标值设定偏低，未参考以往年度完成情况", "依据历史完成情况重新测算指标值", None),
    ],
)
def test_a_part_that_restates_the_table_or_copies_the_narrative_is_rejected(cause: str, measure: str,
                                                                           fragment: str | None) -> None:
    problems = structure_problems(SATISFACTION, cause, measure, "科普事业中心，2025年度", FORM.goal.achieved)
    if fragment is None:
        assert problems == []
    else:
        assert any(fragment in p for p in problems), problems
