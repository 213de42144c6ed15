"""L rules: tiers, their score bands (80% belongs to 达成), and vague targets."""

from __future__ import annotations

import pytest
from _forms import form, hits, ind

PARTIAL = "部分达成指标并具有一定效果"


def one(code: str, target: str, actual: str, weight: float = 20, score: float = 20, **settings):  # type: ignore[no-untyped-def]
    row = ind("长效管理制度健全性", target, actual, weight, score, level1="效益指标", level2="可持续影响指标",
              deviation="制度修订未完成，由办公室于2025年6月前完成修订。")
    return hits(code, form(row), **settings)


@pytest.mark.parametrize(
    ("actual", "expected", "inferred"),
    [
        ("达成年度指标", 0, None),
        ("达成指标", 0, None),
        (PARTIAL, 0, None),
        ("未达成年度指标且效果较差", 0, None),
        ("及时", 1, "achieved"),
        ("基本完成", 1, "partial"),
        ("未完成", 1, "unachieved"),
    ],
)
def test_l001_tier_labels(actual: str, expected: int, inferred: str | None) -> None:
    found = one("L001", "及时", actual)
    assert len(found) == expected
    if expected:
        assert found[0].evidence["inferred_tier"] == inferred


@pytest.mark.parametrize(
    ("actual", "weight", "score", "profile", "expected"),
    [
        (PARTIAL, 20, 16, "national", 1),     # exactly 80% belongs to 达成
        (PARTIAL, 10, 6, "national", 0),      # 60% is inside 部分达成
        (PARTIAL, 15, 12, "national", 1),
        (PARTIAL, 10, 5, "national", 1),
        (PARTIAL, 10, 5, "jiangxi", 0),       # 80/50 bands
        ("达成指标", 20, 20, "national", 0),
        ("达成指标", 20, 16, "national", 0),
        ("达成指标", 20, 15, "national", 1),
        ("未达成年度指标且效果较差", 10, 6, "national", 1),
        ("未达成年度指标且效果较差", 10, 5.9, "national", 0),
    ],
)
def test_l002_score_band_of_the_tier(actual: str, weight: float, score: float, profile: str, expected: int) -> None:
    assert len(one("L002", "健全", actual, weight, score, profile=profile)) == expected


def test_l002_message_names_tier_and_share() -> None:
    (f,) = one("L002", "健全", PARTIAL, 20, 16)
    assert "16/20 = 80%" in f.message and "部分达成" in f.message and f.evidence["share"] == 0.8


@pytest.mark.parametrize(
    ("target", "score", "expected"),
    [("有效提升", 20, 1), ("效果明显", 20, 1), ("有效提升", 18, 0), ("制度健全率100%", 20, 0), ("健全", 20, 0)],
)
def test_l003_vague_target_scored_full(target: str, score: float, expected: int) -> None:
    assert len(one("L003", target, "达成指标", 20, score)) == expected
