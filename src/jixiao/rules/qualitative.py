"""L: qualitative indicators, scored within the band of their tier."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..config import Settings
from ..model import Form
from . import Hit, rule
from ._common import compact, fmt, infer_tier
from ._facts import FormFacts

TIER_CN = {"achieved": "达成年度指标", "partial": "部分达成年度指标并具有一定效果", "unachieved": "未达成年度指标且效果较差"}
_LABEL = re.compile(r"^(?:未达成(?:年度|预期)?指标(?:且效果较差)?|部分达成(?:年度|预期)?指标(?:并具有一定效果)?|达成(?:年度|预期)?指标)$")


@lru_cache(maxsize=4096)
def _is_label(text: str) -> bool:
    """Whether a compacted actual is one of the labels."""
    return _LABEL.match(text) is not None


def band(tier: str, settings: Settings) -> tuple[float, float]:
    """[low, high) share of the weight for a tier; 80% belongs to 达成 (national wording)."""
    if tier == "achieved":
        return 0.8, 1.0
    if tier == "partial":
        return settings.partial_floor, 0.8
    if tier == "unachieved":
        return 0.0, settings.partial_floor
    raise KeyError(tier)


@rule("L001", "tier-label-missing", "warning", "定性指标的实际完成值不是三档标准表述", doc="""
检查：定性指标的实际完成值是否是"达成年度指标""部分达成年度指标并具有一定效果""未达成年度指标且效果较差"
之一（也接受"达成预期指标""达成指标"等）。写成"已完成""及时""效果明显"时，按字面推断档次并提示。
原因：定性指标按档次确定得分区间，没有档次就无法核对得分。
示例：时效指标实际完成值写"及时"。
修正：改为三档标准表述之一。
""", facts=True)
def l001(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.qual_rows:
        actual = row.actual
        text = compact(actual.text)
        if not text or _is_label(text) or row.answered:
            continue
        ind = row.ind
        tier = actual.tier or row.tier or infer_tier(text)
        guess = f"，按字面推断为「{TIER_CN[tier]}」" if tier else "，无法推断档次"
        yield Hit(f"实际完成值「{text}」不是三档标准表述{guess}：改为三档标准表述之一（如「达成年度指标」）", indicator=ind, field="actual",
                  evidence={"actual": text, "inferred_tier": tier})


@rule("L002", "score-outside-tier-band", "warning", "定性指标得分不在其档次的分数区间内", doc="""
检查：达成 80%–100%（含 80%）；部分达成 60%–80%（不含 80%）；未达成 60% 以下。得分/分值落在档次区间外即
报告。江西旧规以 50% 为部分达成下限（partial-floor）。
原因：全国模板原文"100-80%（含80%）、80-60%（含60%）、60-0%"：恰好 80% 属于"达成"档。
示例：部分达成，分值 20，得分 16（80%，已属达成档）。
修正：按档次区间重新打分，或改正档次。
""", facts=True)
def l002(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.qual_rows:
        tier = row.tier
        if tier is None or not row.scored or not row.weight:
            continue
        ind = row.ind
        share = row.score / row.weight  # type: ignore[operator]
        low, high = band(tier, settings)
        inside = low - 1e-9 <= share <= 1 + 1e-9 if tier == "achieved" else low - 1e-9 <= share < high - 1e-9
        if not inside:
            top = "100%" if tier == "achieved" else f"{high * 100:.0f}%（不含）"
            yield Hit(f"实际完成值为「{TIER_CN[tier]}」，得分 {fmt(ind.score)}/{fmt(ind.weight)} = {share * 100:.0f}%，"
                      f"不在该档 {low * 100:.0f}%–{top} 的区间内：按档次区间改正得分，或改正档次",
                      indicator=ind, field="score",
                      evidence={"tier": tier, "score": ind.score, "weight": ind.weight, "share": round(share, 4),
                                "band": [low, min(high, 1.0)]})


_VAGUE = re.compile(r"有效|显著|明显|逐步|进一步|较高|高效|良好|较好|提升|提高|改善|增强|加大|加强|不断|持续|有所|"
                    r"符合相关|符合要求|效果好|高$")
"""Words that make a target unmeasurable when no figure stands beside them (效果明显, 有效提升,
逐步完善, 满意度高)."""


@rule("L003", "vague-target-full-score", "info", "笼统、无法衡量的目标得满分", doc="""
检查：年度指标值没有数字，只是"效果明显""有效提升""进一步完善""良好""较好""逐步提高"之类无法衡量的表述，而
得分为满分。没有分值列的表，一级指标标题中的分值（如"效益指标(10分)"）全部得到时视为满分。
含义变更：词表扩大到 有效、显著、明显、逐步、进一步、较高、良好、较好、提升、加大、加强 等（此前只认十几个固定短语）。
原因：表中没有任何数据能证明这样的目标已经达成，满分缺乏依据。
示例：基层科普服务能力提升情况，目标"有效提升"，实际"达成指标"，20/20。
修正：改用可衡量的目标（如培训人次、覆盖率），或在文字中给出支撑数据。
""", facts=True)
def l003(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.rows:
        t = row.target
        if t.value is not None or row.answered or not facts.full(row):
            continue
        target = compact(t.text)
        if target and _VAGUE.search(target):
            ind = row.ind
            points = f"{fmt(ind.score)}/{fmt(ind.weight)}" if ind.weight is not None else f"{fmt(ind.score)} 分"
            yield Hit(f"年度指标值「{target}」无法衡量，却得满分 {points}：把年度指标值改为可衡量的数值（如人次、"
                      f"覆盖率），或在实际完成情况中写出支撑的数据", indicator=ind, field="target",
                      evidence={"target": target, "score": ind.score})
