"""S: how the indicator table is built: 其中 children against their parent, rows under the right heading."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..config import Settings
from ..model import Form, Indicator
from . import Hit, rule
from ._common import EPS, compact, fmt, is_satisfaction
from ._facts import FormFacts


def _place(ind: Indicator) -> str:
    """The row as the form shows it: 一级/二级/三级指标."""
    return "/".join(p for p in (ind.level1, ind.level2, ind.name) if p)


@rule("S009", "parent-children-mismatch", "error", "上级指标的分值或得分不等于其下“其中”子项之和", doc="""
检查：带"其中"子项的上级指标（安徽衔接/扶贫表的 ★ 指标等），其分值、得分是否等于各子项之和（±0.02）。
子项的分值、得分已含在上级指标中，总分和分值合计都不再重复计入（见 S001、S002）。
原因：上级指标是子项的合计；对不上说明子项漏算或重复计分。
示例：上级指标分值 10，其中两个子项分值 5 和 10。
修正：按子项之和改正上级指标的分值和得分，或把独立计分的行改为不带"其中"的指标。
""", facts=True)
def s009(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    by_name = {compact(i.name): i for i in form.indicators if not i.parent}
    children: dict[str, list[Indicator]] = {}
    for i in form.indicators:
        if i.parent:
            children.setdefault(compact(i.parent), []).append(i)
    for key, kids in children.items():
        parent = by_name.get(key)
        if parent is None:
            continue
        for attr, cn in (("weight", "分值"), ("score", "得分")):
            printed = getattr(parent, attr)
            values: list[float] = [v for k in kids if (v := getattr(k, attr)) is not None]
            if printed is None or len(values) < len(kids):
                continue
            total = round(sum(values), 4)
            if abs(printed - total) > 0.02 + 1e-9:
                names = "、".join(f"「{k.name}」" for k in kids)
                yield Hit(f"「{_place(parent)}」{cn} {fmt(printed)}，其中 {names} 合计 {fmt(total)}：把上级指标的{cn}"
                          f"改为 {fmt(total)}，或把子项改为独立指标", indicator=parent, field=attr,
                          evidence={"printed": printed, "children": total})


_COST = re.compile(r"成本|费|单价|造价|价格|资金|支出|预算|节约|元|补贴|补助|奖补|标准")
"""Words of a cost row; under 成本指标 a 标准 is a cost standard (补贴标准, 抽验平均标准: r054, r025)."""
_BENEFIT_COST = re.compile(r"成本|费用|经费|单价|造价")


@rule("S010", "indicator-wrong-level", "warning", "指标放错了层级", doc="""
检查：满意度指标放在效益指标下；成本控制类指标放在效益指标下；成本指标下的指标与成本无关（名称和单位都
不是金额、费用）；效益类二级指标（经济效益、社会效益）放在产出指标下。
原因：一级、二级指标决定权重分配和评审口径；放错层级会让产出、效益的分值失真。
示例："奖补资金兑付率"以"经济效益指标"列在产出指标(50分)下（r029）；"成本节约率"列在生态效益指标下。
修正：把该指标移到对应的一级/二级指标下，并相应调整分值。
含义变更：以"元/人"等金额单位计的行，以及名称含补贴、补助、标准的行，视为与成本有关（r054 补贴标准 3000元/人）。
""", facts=True)
def s010(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.rows:
        ind = row.ind
        l1, l2, name = compact(ind.level1), compact(ind.level2), compact(ind.name)
        unit = row.target.unit or row.actual.unit
        if "效益" in l1 and "满意" not in l1 + l2 and is_satisfaction(ind):
            why, to = "满意度指标放在效益指标下", "满意度指标/服务对象满意度指标"
        elif "效益" in l1 and _BENEFIT_COST.search(name) and "效益" not in name:
            why, to = "成本控制类指标放在效益指标下", "成本指标"
        elif "成本" in l2 + l1 and not _COST.search(name) and (unit or "").split("/")[0] not in ("元", "万元", "亿元"):
            why, to = "成本指标下的指标与成本无关", "产出或效益指标下相应的二级指标"
        elif "产出" in l1 and "效益" in l2:
            why, to = f"「{ind.level2}」是效益指标，却放在产出指标下", "效益指标"
        else:
            continue
        yield Hit(f"列在「{ind.level1}/{ind.level2}」下，{why}：把该指标移到{to}下，并调整分值", indicator=ind, field="level1",
                  evidence={"level1": ind.level1, "level2": ind.level2})


@rule("S011", "weight-applied-twice", "error", "各指标得分都等于 分值 × 分值 ÷ 100（权重被乘了两次）", doc="""
检查：两项以上有分值、得分的指标中，是否每一项的得分都等于 分值 × 分值 ÷ 100（±0.01），且都低于分值。
原因：河北等地的表按 单项得分 × 权重占比 折算；单项得分已按权重给分时再乘一次权重，折算得分就只剩
分值的几分之一，完成的指标也拿不到满分，总分远低于实际。
示例：四项指标全部"完成"，权重 25/25/30/10，折算得分却是 6.25/6.25/9.00/1.00，合计 22.50（r021）。
修正：按 分值 × 完成比例 重算得分（完成的指标得满分），或把单项得分改为百分制再折算。
""", facts=True)
def s011(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    scored: list[tuple[float, float]] = []
    for r in facts.rows:
        w, s = r.weight, r.score
        if not w or s is None:
            continue
        if w >= 100 or abs(s - w * w / 100) > EPS:
            return  # most forms leave here, at their first scored row
        scored.append((w, s))
    if len(scored) < 2:
        return
    example = ", ".join(f"{fmt(w)} × {fmt(w)}% = {fmt(s)}" for w, s in scored[:2])
    total = sum(s for _, s in scored)
    yield Hit(f"每项指标的得分都等于 分值 × 分值 ÷ 100（{example}…），合计只有 {fmt(total)}，像是把权重乘了两次："
              f"按 分值 × 完成比例 重算各项得分", field="score",
              evidence={"rows": len(scored), "total": round(total, 4)})
