"""The three qualitative tiers: exact labels (and their synonyms) versus words that only hint.

``tier_of`` is strict because a reader stores its answer as fact; ``infer_tier`` guesses from
free text for rule L001, which only warns, so it may be generous.
"""

from __future__ import annotations

import re

from ..model import Tier

__all__ = ["tier_of", "infer_tier"]

_LABELS: dict[str, Tier] = {}
for _words, _tier in (
    (
        "达成年度指标 达成预期指标 达成指标 达成 达成目标 达成年度目标 达成预期目标 已达成 "
        "全部达成 完全达成 达成年度指标值",
        "achieved",
    ),
    (
        "部分达成年度指标并具有一定效果 部分达成指标并具有一定效果 部分达成预期指标并具有一定效果 "
        "部分达成年度指标且具有一定效果 部分达成指标且具有一定效果 部分达成年度指标 "
        "部分达成预期指标 部分达成指标 部分达成",
        "partial",
    ),
    (
        "未达成年度指标且效果较差 未达成指标且效果较差 未达成预期指标且效果较差 "
        "未达成年度指标并且效果较差 未达成年度指标 未达成预期指标 未达成指标 未达成",
        "unachieved",
    ),
):
    for _w in _words.split():
        _LABELS[_w] = _tier  # type: ignore[assignment]

# Blanks, line breaks (PDF wraps labels: "部分达成指\n标并具有一\n定效果") and punctuation.
_NOISE = re.compile(r"[\s\u3000，,。.、；;：:!！\"'“”‘’()（）]+")

# Order matters: negations first (未完成 contains 完成, 不及时 contains 及时), then hedges.
_HINTS: tuple[tuple[tuple[str, ...], Tier], ...] = (
    (
        (
            "未达成", "未完成", "未达到", "未按时", "未及时", "不及时", "未能", "没有完成",
            "尚未", "滞后", "延迟", "延期", "推迟", "不健全", "不规范", "不到位", "效果较差",
            "较差", "未实现", "未开展", "未建立", "无法",
        ),
        "unachieved",
    ),
    (
        (
            "部分达成", "基本达成", "基本完成", "部分完成", "大部分", "有所提升", "有所提高",
            "有所改善", "有所", "基本", "部分", "一定效果", "待完善", "有待", "需进一步",
            "进一步完善", "进一步加强",
        ),
        "partial",
    ),
    (
        (
            "达成", "已完成", "完成", "及时", "按时", "按期", "如期", "效果明显", "效果显著",
            "有效提升", "明显提升", "显著提升", "提升", "提高", "改善", "健全", "完善", "规范",
            "符合", "达到", "达标", "满意", "良好", "较好", "显著", "明显", "有效", "实现",
            "多样", "到位", "100%",
        ),
        "achieved",
    ),
)


def _key(text: str) -> str:
    return _NOISE.sub("", text)


def tier_of(text: str) -> Tier | None:
    """The tier named by an exact tier label or synonym; free text gives ``None``.

    Blanks, line breaks and punctuation inside the label are ignored.
    """
    if not text:
        return None
    return _LABELS.get(_key(text))


def infer_tier(text: str) -> Tier | None:
    """The tier suggested by a free-text actual (已完成 -> achieved, 基本完成 -> partial,
    未完成 -> unachieved); ``None`` when the words say nothing about completion.
    """
    if not text:
        return None
    key = _key(text)
    exact = _LABELS.get(key)
    if exact is not None:
        return exact
    for words, tier in _HINTS:
        for w in words:
            if w in key:
                return tier
    return None
