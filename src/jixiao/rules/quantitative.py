"""Q: quantitative indicators, scored by formula from target A and actual B."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..config import Settings
from ..model import Form, Indicator
from ..values import find_quantities
from . import Hit, rule
from ._common import (
    EPS,
    actual_in_target_unit,
    compact,
    convert,
    fmt,
    fmt_value,
    is_blank_text,
    is_rate,
    money_spelling,
    rounded,
    unit_in_name,
)
from ._direction import inferred_note
from ._facts import FormFacts
from ._reason import DEVIATION, write_in
from .deviation import explains_deduction, states_cause


def _gap(ind: Indicator) -> str:
    return f"实际完成值 {fmt_value(ind.actual)}，目标 {fmt_value(ind.target)}，得分 {fmt(ind.score)}/{fmt(ind.weight)}"


def forward_expected(ind: Indicator) -> float | None:
    """正向 / "=": w × min(1, B/A); with A = 0, B ≤ 0 gives w for "=" and any B ≥ 0 for ≥."""
    a, b, w = ind.target.value, actual_in_target_unit(ind), ind.weight
    if a is None or b is None or w is None:
        return None
    if a == 0:
        if ind.target.op == "=":
            return w if b <= 0 else 0.0
        return w if b >= 0 else 0.0
    return w * max(0.0, min(1.0, b / a))


def reverse_expected(ind: Indicator) -> dict[str, float]:
    """The two conventions for a missed 反向 target: ratio w×A/B and linear w×(1−(B−A)/A)."""
    a, b, w = ind.target.value, actual_in_target_unit(ind), ind.weight
    if a is None or b is None or w is None:
        return {}
    if b <= a:
        return {"ratio": w, "linear": w}
    out = {"ratio": w * a / b if b else w}
    out["linear"] = w * max(0.0, 1 - (b - a) / a) if a > 0 else 0.0
    return out


@rule("Q001", "forward-score-mismatch", "error", "正向/等于指标得分 ≠ 分值 × min(1, B/A)", doc="""
检查：未达到目标的正向（≥、不低于、达到……）或"="指标，得分是否等于 分值 × 实际完成值/目标值（±0.01）。
已达到目标而扣分的情形见 Q005（警告），满分而未达到目标见 Q004。
原因：定量指标按完成比例计分，是全国模板明确的公式。
示例：目标 ≥100 次，完成 80 次，分值 10，得分却填 6（应为 8）。
修正：按 分值 × B/A 计分，保留两位小数。
""", facts=True)
def q001(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.quant_rows:
        if row.met or row.full or not row.in_range or row.reverse or row.target.op in ("range", "±"):
            continue
        ind = row.ind
        expected = forward_expected(ind)
        if expected is not None and abs(ind.score - expected) > EPS:  # type: ignore[operator]
            r = row.ratio
            share = f"{r * 100:.2f}%" if r is not None else "—"
            yield Hit(f"{_gap(ind)}：得分应改为 {expected:.2f}（{share} × {fmt(ind.weight)}）",
                      indicator=ind, field="score",
                      evidence={"target": ind.target.value, "actual": ind.actual.value, "weight": ind.weight,
                                "score": ind.score, "expected": round(expected, 4)})


@rule("Q002", "reverse-score-mismatch", "error", "反向指标得分两种算法都不符", doc="""
检查：未达到目标的反向指标（≤、不高于、控制在……以内），得分是否符合 分值 × A/B 或 分值 × (1 − (B−A)/A)
之一（由 reverse-convention 决定接受哪种，默认两种都接受）。
原因：反向指标超出上限要按比例扣分；两种算法各地都在用，但总得符合其一。
示例：目标 ≤10 天，实际 12 天，分值 10：按比例应得 8.33，按线性应得 8.00，表中填 5。
修正：按单位采用的算法重算得分。
指标方向先看表中印出的指标性质，再看比较符（≤、不超过、…以内为反向），再看期限（"9月前"，提前完成即达到）；
都没有印出时才按名称推断（投诉率、结余率、事故、超支、资金类控制率、金额计的成本），推断出的反向指标只报警告，
并在消息中说明是推断的。是/否、有/无类目标按定性指标看待。
""", facts=True)
def q002(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.quant_rows:
        if row.met or row.full or not row.in_range or not row.reverse:
            continue
        ind = row.ind
        options = reverse_expected(ind)
        if settings.reverse_convention != "either":
            options = {k: v for k, v in options.items() if k == settings.reverse_convention}
        if options and all(abs(ind.score - v) > EPS for v in options.values()):  # type: ignore[operator]
            names = {"ratio": "比例法 A/B", "linear": "线性法 1−(B−A)/A"}
            alts = "，".join(f"{names[k]} 应得 {v:.2f}" for k, v in options.items())
            yield Hit(f"{_gap(ind)}；{alts}{inferred_note(row.inferred)}：按单位采用的算法把得分改为"
                      f"{'或'.join(f'{v:.2f}' for v in options.values())}", indicator=ind, field="score",
                      evidence={"score": ind.score, **{k: round(v, 4) for k, v in options.items()}},
                      severity="warning" if row.inferred else None)


@rule("Q003", "score-out-of-range", "error", "得分小于 0 或大于分值", doc="""
检查：每个三级指标的得分是否在 0 到分值之间。
原因：超额完成不加分，指标得分也不会为负。
示例：分值 10，得分 12。
修正：得分封顶为分值，最低为 0。
""", facts=True)
def q003(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.rows:
        if row.scored and not row.in_range:
            ind = row.ind
            yield Hit(f"得分 {fmt(ind.score)} 不在 0 到分值 {fmt(ind.weight)} 之间：得分改为 0 到 {fmt(ind.weight)} 之间的值",
                      indicator=ind, field="score",
                      evidence={"score": ind.score, "weight": ind.weight})


@rule("Q004", "full-score-unmet", "error", "目标未达到却得满分", doc="""
检查：定量指标的实际完成值没有达到目标值，得分却等于分值。
原因：未完成目标应按比例扣分；满分会虚高总分。
示例：目标 ≥90%，实际 85%，分值 10，得分 10。
修正：按公式扣分，并在偏差原因中说明未完成的原因。
含义变更：不带单位、以万或亿写的数（"24亿"）与金额目标（≥1亿元）按数值比较（r056），此前按 2400000000 亿元计。
没有偏差原因栏的模板（只印目标值、完成值，r054）：修正建议改为写在年度总体目标的实际完成情况中，两者都没有的不提说明。
指标方向先看表中印出的指标性质，再看比较符（≤、不超过、…以内为反向），再看期限（"9月前"，提前完成即达到）；
都没有印出时才按名称推断（投诉率、结余率、事故、超支、资金类控制率、金额计的成本），推断出的反向指标只报警告，
并在消息中说明是推断的。是/否、有/无类目标按定性指标看待。
含义变更：此前一律按比较符判断方向，"11月底前"10月完成、投诉率 3%（目标 5%）会被当成未达到。
""", facts=True)
def q004(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.quant_rows:
        if row.met is False and row.full:
            ind = row.ind
            if row.reverse:
                best = max(reverse_expected(ind).values(), default=0.0)
            else:
                best = forward_expected(ind) or 0.0
            if best >= ind.weight - EPS:  # type: ignore[operator]
                continue  # missed by so little that the formula itself rounds to full marks
            why = write_in(facts.reason_box, "未达到的原因")
            yield Hit(f"{_gap(ind)}：目标未达到却得满分{inferred_note(row.inferred)}；得分应改为 {best:.2f}"
                      f"{'，并' + why if why else ''}", indicator=ind, field="score",
                      evidence={"target": ind.target.value, "actual": ind.actual.value, "score": ind.score,
                                "expected": round(best, 4)},
                      severity="warning" if row.inferred else None)


@rule("Q005", "met-but-deducted", "warning", "已达到目标却扣分，偏差原因未说明扣分依据", doc="""
检查：定量指标的实际完成值已达到（或超过）目标，得分却低于分值，而偏差原因没有说明扣分依据。偏差原因写出了
具体原因并提到扣分或得分（如"问卷未归档，佐证不足，扣 3 分"）的，视为已说明，不再报告。
含义变更：此前只看得分、不读偏差原因，说明了依据也照样报告；现在说明了即不报。
原因：按公式应得满分；自行扣分（例如因为缺少佐证）可以，但偏差原因必须写明扣分依据。
示例：满意度目标 ≥90%，实际 90%，分值 20，得分 17，偏差原因"满意度未留存相关存档文件"（没说为何扣分）。
修正：有依据的，在偏差原因中写明扣分的原因和分数；没有依据的，改为满分。
没有偏差原因栏的模板（只印目标值、完成值，r054）：修正建议改为写在年度总体目标的实际完成情况中，两者都没有的不提说明。
""", facts=True)
def q005(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.quant_rows:
        if not (row.met and row.deducted and row.in_range) or explains_deduction(row.ind.deviation):
            continue
        weight, score = row.weight, row.score
        lost = weight - score  # type: ignore[operator]
        yield Hit(f"实际完成值 {fmt_value(row.actual)} 已达到目标 {fmt_value(row.target)}，但扣 {fmt(lost)} 分"
                  f"（{fmt(score)}/{fmt(weight)}）：{write_in(facts.reason_box, f'扣 {fmt(lost)} 分的依据，', '有依据的说明扣分依据，')}"
                  f"无依据的得分改为 {fmt(weight)}",
                  indicator=row.ind, field="score",
                  evidence={"target": row.target.value, "actual": row.actual.value, "weight": weight,
                            "score": score, "lost": rounded(lost, 4)})


@rule("Q006", "far-over-target", "warning", "实际完成值远超目标（≥130%）或 ≥ 2 倍仍得满分，偏差原因未说明", doc="""
检查：正向指标的实际完成值达到目标的 130%（over-achievement-ratio）以上，或达到 2 倍以上仍得满分（目标
可能定得过低），而偏差原因没有写出超额的具体原因。广西要求此时必须说明原因（profile = "guangxi" 时为错误）。
含义变更：此前 2 倍以上得满分时，偏差原因写了也照样报告；现在写出具体原因（如"目标按上年基数设定偏低"）即不报。
原因：大幅超额通常说明目标设定偏低，评审可酌情扣分。
示例：目标 ≥2 个，完成 8 个（400%），得满分，偏差原因空白。
修正：在偏差原因中说明超额原因；下一年度按历史完成情况设定目标。
含义变更：不带单位、以万或亿写的数（"24亿"）与金额目标（≥1亿元）按数值比较（r056），此前按 2400000000 亿元计。
没有偏差原因栏的模板（只印目标值、完成值，r054）：修正建议改为写在年度总体目标的实际完成情况中，两者都没有的不提说明；
这类表每一行都"未说明"，只报告 2 倍以上仍得满分的情形（r055）。
""", facts=True)
def q006(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    far = settings.over_achievement_ratio - 1e-9
    column = facts.reason_box == DEVIATION  # whether the form has a 偏差原因 column
    for row in facts.quant_rows:
        r, t = row.ratio, row.target
        if r is None or r < min(far, 2 - 1e-9) or row.reverse or t.value is None or t.value <= 0:
            continue
        if states_cause(row.ind.deviation):
            continue
        silent = row.dev_blank and column  # without the column every row is silent
        double = r >= 2 - 1e-9 and row.full
        if not (silent or double):
            continue
        parts = [f"实际完成值 {fmt_value(row.actual)} 为目标 {fmt_value(row.target)} 的 {r * 100:.0f}%"]
        if column:
            parts.append("偏差原因未说明超额原因" if silent else "偏差原因没有写出超额的具体原因")
        if double:
            parts.append("达到目标 2 倍以上仍得满分，目标可能定得过低")
        fix = write_in(facts.reason_box, "超额的原因（如目标按往年基数定得偏低）", "下一年度按往年完成情况设定目标")
        required = settings.over_achievement_reason_required and silent
        yield Hit("，".join(parts) + "：" + fix, indicator=row.ind, field="actual",
                  evidence={"ratio": round(r, 4), "deviation_empty": silent},
                  severity="error" if required else None)


@rule("Q007", "unit-mismatch", "warning", "年度指标值与实际完成值的单位不同", doc="""
检查：同一指标的目标值和实际完成值单位是否相同。元、万元、亿元可以换算，不算不同；人与人次是不同的量。
原因：单位不同的两个数不能相比，得分也就无从计算。
示例：目标 ≥2000 人，实际 3000 人次。
修正：统一口径和单位。
""", facts=True)
def q007(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.rows:
        t, u = row.target, row.actual
        a, b = t.unit, u.unit
        if not a or not b or t.value is None or u.value is None:
            continue
        if a != b and convert(1.0, b, a) is None:  # a unit is always convertible to itself
            yield Hit(f"目标 {fmt_value(row.target)} 的单位是「{a}」，实际完成值 {fmt_value(row.actual)} 的单位是「{b}」："
                      f"按同一口径统一单位",
                      indicator=row.ind, field="actual.unit", evidence={"target_unit": a, "actual_unit": b})


@rule("Q008", "malformed-quantity", "warning", "定量目标无单位、实际值带比较符或不是数字", doc="""
检查：定量指标的目标值是否带单位；实际完成值是否带了比较符（如"≥95%"，实际值应是一个确定的数）；
定量目标的实际完成值是否是数字。
原因：这些写法让计分无法核对。
示例：目标"≥500"（没有单位）；实际完成值"≥95%"；目标 ≥10 场而实际完成值写"已完成"。
修正：补单位；实际完成值写成确定的数。
含义变更：名称中印着单位（"公猪舍(≥**平方米)"，r028 的模板没有单位栏）的，不再报告目标没有单位；不带单位、以万或亿写的数（"150万"）按表中原样显示，不再显示为 1500000；成本、经费等金额指标的修正建议写出带单位的写法（"150万元"）。
""", facts=True)
def q008(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.rows:
        t = row.target
        if t.value is None:
            continue
        ind, a = row.ind, row.actual
        if not t.unit and not unit_in_name(ind.name):
            money = money_spelling(ind, t)
            yield Hit(f"定量目标 {fmt_value(t)} 没有单位：在年度指标值后补上单位{f'（如 {money}）' if money else ''}",
                      indicator=ind, field="target.unit",
                      evidence={"target": t.text})
        if a.value is not None and a.op not in (None, "="):
            yield Hit(f"实际完成值 {fmt_value(a)} 带比较符：改为实际完成的确定数值", indicator=ind, field="actual",
                      evidence={"actual": a.text, "op": a.op})
        if a.value is None and not is_blank_text(a.text):
            yield Hit(f"目标 {fmt_value(t)} 是定量的，实际完成值「{compact(a.text)}」却不是数字：填写实际完成的数值和单位",
                      indicator=ind, field="actual", evidence={"actual": a.text})


@rule("Q009", "rate-target-over-100", "info", "比率类目标高于 100% 或写成 ≥100%", doc="""
检查：率、满意度、覆盖率等以 % 计的指标，目标值是否超过 100%，或写成"≥100%"（应写"=100%"）。
原因：比率不会超过 100%，"≥100%"表述不严谨。
示例：活动质量完成率 ≥100%。
修正：改为"=100%"或合理的目标值。
""", facts=True)
def q009(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.rows:
        t = row.target
        value, unit = t.value, t.unit
        if value is None or unit not in (None, "%"):
            continue
        if not (value > 100 + 1e-9 or (t.op in (">=", ">") and abs(value - 100) < 1e-9)):
            continue
        if is_rate(row.ind):
            yield Hit(f"比率类目标写作 {fmt_value(t)}，比率不会超过 100%：年度指标值改为 =100%", indicator=row.ind,
                      field="target", evidence={"target": t.value, "op": t.op})


_COUNT_UNITS = frozenset({"个", "项", "次", "场", "期", "批", "件", "篇", "份", "人", "人次", "名", "户", "家", "所", "处",
                          "座", "台", "套", "头", "只", "株", "棵", "辆", "艘"})


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@lru_cache(maxsize=4096)
def _count_units(text: str) -> tuple[str, ...]:
    """The distinct count units of the quantities in ``text``, in order (none unless the text
    holds two numbers or more: one number has one unit). Memoised: a pure function of one cell,
    and the same cells (≥90%, 100%, 是) recur form after form."""
    if len(_NUMBER.findall(text)) < 2:
        return ()
    units: list[str] = []
    for q in find_quantities(text):
        if q.unit in _COUNT_UNITS and q.unit not in units:
            units.append(q.unit)
    return tuple(units)


@rule("Q010", "mixed-units", "warning", "同一指标中混用不同单位（头＋只、人与人次），或比率按人数计", doc="""
检查：年度指标值或实际完成值中把不同单位的数加在一起或并列（"50头+20只"、"2000人 / 3000人次"）；名称以"率"
结尾的指标却以人、个等计数单位填写；名称列出了多种计数（"慰问伤残军人50人；烈士家庭6户；驻保部队8家"），
指标值却是一个百分比。
原因：单位不同的数不能相加，也不能与一个总数相比；比率和人数是两种指标，混用后完成情况无从核对。
示例："慰问…50人；…6户；…8家"，年度指标值 100%，实际完成值 100%（r048）。
修正：按单位拆成几个指标，各写各的目标值和实际值；比率指标写成百分比。
""", facts=True)
def q010(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.rows:
        ind = row.ind
        for where, value in (("年度指标值", row.target), ("实际完成值", row.actual)):
            units = _count_units(value.text)
            if len(units) > 1:
                yield Hit(f"{where}「{compact(value.text)}」混用了 {'、'.join(units)}：按单位拆成几个指标分别填写",
                          indicator=ind, field="target" if where == "年度指标值" else "actual",
                          evidence={"units": list(units)})
        unit = row.target.unit or row.actual.unit
        name = compact(ind.name)
        if name.endswith("率") and unit in _COUNT_UNITS:
            yield Hit(f"「{ind.name}」是比率，年度指标值却以「{unit}」计：改用百分比填写目标值和实际完成值",
                      indicator=ind, field="target.unit", evidence={"unit": unit})
        elif unit == "%" and len(_count_units(ind.name)) > 1:
            yield Hit(f"三级指标名称列出了多种计数（{'、'.join(_count_units(ind.name))}），指标值却是百分比 "
                      f"{fmt_value(row.target)}：按单位拆成几个数量指标，分别写目标值和实际完成值",
                      indicator=ind, field="name", evidence={"units": list(_count_units(ind.name))})
