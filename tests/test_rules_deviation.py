"""D rules and ``deviation_gaps``: a deviation must be explained, concretely, and only where needed."""

from __future__ import annotations

import re

import pytest
from _forms import form, hits, ind
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from jixiao.rules.deviation import _MEASURE, _WHEN, _WHEN_FIRST, _WHO, _WHO_FIRST, CAUSE, VAGUE_CAUSE, deviation_gaps

GOOD = "受汛期影响两场活动取消；由活动部负责，2025年6月前补办并建立进度台账。"


def row(target: str, actual: str, score: float, deviation: str, weight: float = 10):  # type: ignore[no-untyped-def]
    return form(ind("培训场次", target, actual, weight, score, deviation=deviation))


@pytest.mark.parametrize(
    ("target", "actual", "score", "deviation", "expected"),
    [
        ("≥60(场)", "50(场)", 8.33, "", 1),          # target missed, box empty
        ("≥60(场)", "50(场)", 8.33, "无", 1),
        ("≥60(场)", "50(场)", 8.33, "/", 1),
        ("≥60(场)", "50(场)", 8.33, GOOD, 0),
        ("≥90(%)", "90(%)", 7, "—", 1),              # points deducted
        ("健全", "部分达成指标并具有一定效果", 7, "", 1),  # tier below 达成
        ("≥60(场)", "65(场)", 10, "", 0),            # nothing deviates
    ],
)
def test_d001_required_deviation(target: str, actual: str, score: float, deviation: str, expected: int) -> None:
    found = hits("D001", row(target, actual, score, deviation))
    assert len(found) == expected
    assert all(f.severity == "error" and f.field == "deviation" for f in found)


def test_d001_guangxi_requires_a_reason_for_large_over_achievement() -> None:
    f = row("≥20(次)", "29(次)", 10, "")
    assert hits("D001", f) == []
    assert len(hits("D001", f, profile="guangxi")) == 1


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        (GOOD, []),
        ("长效管理机制需进一步完善，后续加强机制管理。", ["原因", "时间", "责任"]),
        ("满意度未留存相关存档文件，后续加强存档管理。", ["时间", "责任"]),
        ("由于客观原因未完成。", ["措施"]),
        ("客观原因。由办公室负责，2025年起加强管理。", ["原因"]),
        ("", ["未填写"]),
        ("问卷未归档；自2025年起每次活动后发放问卷并由综合科归档。", []),
    ],
)
def test_deviation_gaps(text: str, missing: list[str]) -> None:
    gaps = deviation_gaps(text)
    assert len(gaps) == len(missing), gaps
    for word, gap in zip(missing, gaps):
        assert word in gap


@pytest.mark.parametrize(
    ("deviation", "expected"),
    [("长效管理机制需进一步完善，后续加强机制管理。", 1), (GOOD, 0), ("", 0)],
)
def test_d002_boilerplate(deviation: str, expected: int) -> None:
    assert len(hits("D002", row("≥60(场)", "50(场)", 8.33, deviation))) == expected


@pytest.mark.parametrize(
    ("actual", "score", "deviation", "expected"),
    [
        ("65(场)", 10, "活动延期。", 1),     # nothing deviates
        ("65(场)", 10, "", 0),
        ("50(场)", 8.33, GOOD, 0),            # needed here
        ("120(场)", 10, "社区需求增加。", 0),  # a large over-achievement may be explained
    ],
)
def test_d003_text_without_deviation(actual: str, score: float, deviation: str, expected: int) -> None:
    assert len(hits("D003", row("≥60(场)", actual, score, deviation))) == expected


def _first_chars(pattern: re.Pattern[str]) -> set[str]:
    """Every character a match of ``pattern`` can begin with, read from its parsed branches."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser

    out: set[str] = set()
    for branch in _parser.parse(pattern.pattern)[0][1][1]:
        op, av = branch[0]
        if op is c.LITERAL:
            out.add(chr(av))
        elif op is c.IN:
            for kind, arg in av:
                out |= {chr(arg)} if kind is c.LITERAL else {"0", "٣", "０"} if arg is c.CATEGORY_DIGIT else {"?"}
        elif op is c.MAX_REPEAT and av[2][0][0] is c.IN:  # \d{4}
            out |= {"0", "٣", "０"}
        else:
            out.add("?")  # a branch this test cannot read: fail loudly below
    return out


@pytest.mark.parametrize(("first", "pattern"), [(_WHEN_FIRST, _WHEN), (_WHO_FIRST, _WHO)])
def test_every_branch_begins_with_a_character_of_its_first_class(first: re.Pattern[str], pattern: re.Pattern[str]) -> None:
    chars = _first_chars(pattern)
    assert "?" not in chars
    assert all(first.fullmatch(ch) for ch in chars), sorted(ch for ch in chars if not first.fullmatch(ch))


def _gaps_reference(text: str) -> list[str]:
    """deviation_gaps as first written: every pattern searched from the start (the fast one must agree)."""
    from jixiao.rules._common import compact, is_blank_text

    t = compact(text)
    if is_blank_text(t):
        return ["未填写偏差原因分析及改进措施"]
    gaps: list[str] = []
    if not CAUSE.search(VAGUE_CAUSE.sub("", t)):
        gaps.append("未说明具体原因（如政策调整、资金到位晚、记录未留存），仅有笼统表述或没有原因"
                    if VAGUE_CAUSE.search(t) else "未说明偏差的具体原因")
    if not _MEASURE.search(t):
        gaps.append("未提出改进措施")
    else:
        if not _WHEN.search(t):
            gaps.append("改进措施未说明完成时间（如“2025年6月前”“下一年度预算编制时”）")
        if not _WHO.search(t):
            gaps.append("改进措施未说明责任主体（由谁负责，如“由项目实施科室负责”）")
    return gaps


@hyp_settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="由于客观原因因素加强建立2025年6月下度前负责科室本单位中心，。 无", max_size=16))
def test_deviation_gaps_agrees_with_plain_searches(text: str) -> None:
    assert deviation_gaps(text) == _gaps_reference(text)
