"""X: what only shows when the forms of one file are read together."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from ..config import Settings
from ..model import Form
from . import Hit, rule
from ._common import compact, fmt, is_subtotal, rounded
from ._facts import FormFacts

_MAX_SUBSET = 12
_WINDOW = 20


def _parts(budgets: list[tuple[Form, float]], k: int) -> tuple[tuple[Form, float], ...] | None:
    """Other forms whose budgets add up to form ``k``'s: any subset in a small file, else a run
    of neighbours (an umbrella form usually stands just before or after its parts)."""
    form, total = budgets[k]
    if len(budgets) <= _MAX_SUBSET:
        others = [(f, b) for f, b in budgets if f is not form and b < total]
        for size in range(2, len(others) + 1):
            for combo in combinations(others, size):
                if abs(sum(b for _, b in combo) - total) <= 0.01:
                    return combo
        return None
    for run in (budgets[k + 1 : k + 1 + _WINDOW], budgets[max(0, k - _WINDOW) : k][::-1]):
        acc = 0.0
        for n, (_, b) in enumerate(run, 1):
            acc += b
            if acc > total + 0.01:
                break
            if n >= 2 and abs(acc - total) <= 0.01:
                return tuple(run[:n])
    return None


def _target_names(forms: list[Form], among: set[str] | None = None) -> set[str]:
    """Names of the leaf rows with a numeric target (the cheap test first: most subtotals have none);
    with ``among``, only those in it: a child's row is tested only when its name could be shared."""
    names = set()
    for f in forms:
        for i in f.indicators:
            name = compact(i.name)
            if (among is None or name in among) and i.target.value is not None and not is_subtotal(i):
                names.add(name)
    return names


@rule("X001", "umbrella-project", "info", "一张表的资金等于其他几张表之和（总项目）", scope="file", doc="""
检查：同一文件中，某张表的全年预算数恰好等于另外至少两张表全年预算数之和（一个总项目及其子项目），并对比
总项目的定量目标与子项目的目标。表多于 12 张时，只看紧挨着它前后的表。
原因：总项目与子项目分别自评时，数量目标应当对得上，也要避免同一笔钱、同一批活动被重复计算。
示例：基层科普服务 170 万元 = 科学咖啡馆 30 + 直通车 30 + 大型活动 30 + 资源配送 80。
修正：在总项目的文字中说明其构成；核对总项目与子项目的目标是否一致。
""")
def x001(forms: list[Form], settings: Settings) -> Iterator[Hit]:
    budgets = [(f, b) for f in forms if (b := f.funds.total.budget)]  # a model's attribute: read once
    if len(budgets) < 3:
        return
    for k, (form, total) in enumerate(budgets):
        found = _parts(budgets, k)
        if not found:
            continue
        parts = " + ".join(f"{f.label} {fmt(b)}" for f, b in found)
        children = [f for f, _ in found]
        own = _target_names([form])
        shared = sorted(_target_names(children, among=own))
        note = (f"；与子项目同名的定量指标：{'、'.join(shared)}" if shared
                else "；总项目的定量指标与子项目没有同名项，请核对目标是否对应")
        yield Hit(f"全年预算数 {fmt(total)} = {parts}，本表可能是总项目{note}：确认总项目与子项目的资金和指标不重复计算",
                  form=form, field="funds.total.budget",
                  evidence={"budget": total, "parts": {f.label: b for f, b in found}, "shared_indicators": shared})


@rule("X002", "same-figure-twice", "info", "同一张表中两个不同指标报告了相同的数", doc="""
检查：同一张表中，两个不同的三级指标的实际完成值相同（同一数值、同一单位；不含 0、100% 和定性档次）。
原因：常见于同一批成果被算进两个指标（如推送文章既算"推送数"又算"媒体报告"），即重复计算。
示例：微信公众号推送数 52 篇；媒体报告影响力提升情况 52 篇。
修正：确认两个指标统计的是不同对象；否则调整指标设置。
""", facts=True)
def x002(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    seen: dict[tuple[float, str], list] = {}
    for row in facts.rows:
        a = row.actual
        value, unit = a.value, a.unit
        if value is None or value == 0 or not unit or unit == "%":  # no unit, or a rate: never counted twice
            continue
        seen.setdefault((rounded(value, 6), unit), []).append(row.ind)
    for (value, unit), inds in seen.items():
        if len(inds) < 2:
            continue
        others = "、".join(f"「{i.name}」" for i in inds[:-1])
        yield Hit(f"与{others}的实际完成值都是 {fmt(value)}{unit}，是否重复计算：核对两项的统计口径", indicator=inds[-1],
                  field="actual", evidence={"value": value, "unit": unit, "indicators": [i.name for i in inds]})
