"""D rules and ``deviation_gaps``: a deviation must be explained, concretely, and only where needed."""

from __future__ import annotations

import pytest
from _forms import form, hits, ind

from jixiao.rules.deviation import deviation_gaps

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
