"""F: the funds table (项目资金): 执行率 = B/A and its score, and the money columns' sums."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..config import Settings
from ..model import Form
from . import Hit, rule
from ._common import EPS, computed_rate, execution_rate, fmt, has_funds_explanation
from ._facts import FormFacts

ROW_CN = {"total": "年度资金总额", "appropriation": "当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}
COL_CN = {"initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数"}


@rule("F001", "funds-rate-mismatch", "error", "执行率与 全年执行数/全年预算数 不符", doc="""
检查：每一行资金的执行率(%) 是否等于 全年执行数(B) ÷ 全年预算数(A) × 100，允许 ±0.01 个百分点；
执行率印成整数（如 98%）时允许 ±0.5 个百分点。
原因：执行率是项目资金得分的唯一依据，算错会直接改变总分。
示例：全年预算数 100.00、全年执行数 85.00，执行率却填 95.00%。
修正：按 B/A 重新计算执行率，保留两位小数。
""", facts=True)
def f001(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for key, row in facts.funds_rows:
        budget, executed, rate = row.budget, row.executed, row.rate
        expected = execution_rate(budget, executed)
        if expected is None or rate is None:
            continue
        off = abs(rate - expected)
        if off <= EPS:  # within the smaller tolerance: the usual case, decided before rounding anything
            continue
        tol = 0.5 if abs(rate - round(rate)) < 1e-9 and abs(expected - round(expected)) > EPS else EPS
        if off > tol:
            yield Hit(
                f"{ROW_CN[key]}执行率填 {fmt(rate)}%，但 全年执行数 {fmt(executed)} ÷ 全年预算数 "
                f"{fmt(budget)} = {expected:.2f}%",
                field=f"funds.{key}.rate",
                evidence={"rate": rate, "budget": budget, "executed": executed, "expected": round(expected, 4)},
            )


@rule("F002", "funds-score-mismatch", "error", "执行率得分 ≠ min(执行率, 1) × 分值", doc="""
检查：年度资金总额的得分是否等于 min(B/A, 100%) × 分值（±0.01）。
原因：执行率得分按公式计算，没有自由裁量空间。
示例：执行率 85%，分值 10，得分却填 10.00（应为 8.50）。
修正：按公式重算得分；超过 100% 的执行率按 100% 计。
""")
def f002(form: Form, settings: Settings) -> Iterator[Hit]:
    w, row = form.funds.weight, form.funds.total
    score = row.score
    if w is None or score is None or score > w + EPS:
        return
    rate = execution_rate(row.budget, row.executed)
    if rate is None:
        return
    expected = min(rate / 100, 1.0) * w
    if abs(score - expected) > EPS:
        yield Hit(
            f"执行率得分填 {fmt(score)}，但 min({rate:.2f}%, 100%) × 分值 {fmt(w)} = {expected:.2f}",
            field="funds.total.score",
            evidence={"score": score, "weight": w, "rate": round(rate, 4), "expected": round(expected, 4)},
        )


@rule("F003", "funds-score-over-weight", "error", "执行率得分超过分值", doc="""
检查：年度资金总额的得分是否大于其分值。
原因：执行率超过 100% 时也只能得满分。
示例：分值 10.00，得分 10.50。
修正：得分不超过分值。
""")
def f003(form: Form, settings: Settings) -> Iterator[Hit]:
    row, w = form.funds.total, form.funds.weight
    if w is not None and row.score is not None and row.score > w + EPS:
        yield Hit(f"执行率得分 {fmt(row.score)} 超过分值 {fmt(w)}", field="funds.total.score",
                  evidence={"score": row.score, "weight": w})


@rule("F004", "funds-no-budget", "error", "全年预算数为 0 或空白，却有执行数", doc="""
检查：某一行全年预算数为 0 或未填写，而全年执行数大于 0。
原因：没有预算就无法计算执行率，也说明资金来源没有如实填写。
示例：上年结转资金 全年预算数 0.00，全年执行数 12.00。
修正：补填全年预算数，或把支出归入正确的资金来源行。
""", facts=True)
def f004(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for key, row in facts.funds_rows:
        budget, executed = row.budget, row.executed
        if not budget and executed and executed > 0:
            yield Hit(f"{ROW_CN[key]}全年预算数为 {fmt(budget)}，全年执行数却为 {fmt(executed)}",
                      field=f"funds.{key}.budget", evidence={"budget": budget, "executed": executed})


@rule("F005", "funds-overspent", "warning", "全年执行数大于全年预算数", doc="""
检查：全年执行数是否超过全年预算数。
原因：超预算支出需要调整预算的依据，评审会要求说明。
示例：全年预算数 30.00，全年执行数 31.20。
修正：核对执行数；确有超支的，说明资金来源和调整程序。
""", facts=True)
def f005(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for key, row in facts.funds_rows:
        budget, executed = row.budget, row.executed
        if budget and executed is not None and executed > budget + EPS:
            yield Hit(f"{ROW_CN[key]}全年执行数 {fmt(executed)} 大于全年预算数 {fmt(budget)}",
                      field=f"funds.{key}.executed", evidence={"budget": budget, "executed": executed})


@rule("F006", "funds-sum-mismatch", "error", "年度资金总额不等于其中各行之和", doc="""
检查：年初预算数、全年预算数、全年执行数三列中，年度资金总额是否等于 当年财政拨款 + 上年结转资金 +
其他资金（±0.01×行数）。
原因：总额与分项不一致，至少有一个数字填错。
示例：年度资金总额 170.00，当年财政拨款 150.00，上年结转资金 0.00，其他资金 0.00。
修正：核对分项，使总额等于各分项之和。
""", facts=True)
def f006(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    rows = facts.funds_rows
    if len(rows) == 1:
        return
    # each row's cells in COL_CN order, read as attributes (cheaper than a view's ``__dict__``)
    totals, *subs = [(r.initial, r.budget, r.executed) for _, r in rows]
    for (col, cn), total, parts in zip(COL_CN.items(), totals, zip(*subs)):  # parts: one column of the 其中 rows
        known = parts if None not in parts else [p for p in parts if p is not None]
        if total is None or not known:
            continue
        s = sum(known)
        if abs(total - s) > EPS * len(known):
            detail = " + ".join(f"{ROW_CN[k]} {fmt(getattr(r, col))}" for k, r in rows[1:])
            yield Hit(f"{cn}：年度资金总额 {fmt(total)} ≠ {detail} = {fmt(round(s, 4))}",
                      field=f"funds.total.{col}", evidence={"total": total, "parts": list(parts), "sum": round(s, 4)})


@rule("F007", "low-execution-unexplained", "warning", "执行率低于 90% 而表中没有任何说明", doc="""
检查：年度资金总额的执行率低于门槛（默认 90%，见 execution-floor）时，年度总体目标或任何偏差原因中
是否说明了资金执行的原因。四川等地要求此时必须说明原因（profile = "sichuan" 时为错误）。
原因：执行率偏低是评审首先追问的问题。
示例：执行率 72.5%，全表没有提到预算、资金或执行率。
修正：在偏差原因分析中写明未执行的原因（如合同尚未到付款节点）和改进措施。
""")
def f007(form: Form, settings: Settings) -> Iterator[Hit]:
    rate = computed_rate(form.funds.total)
    if rate is None and form.funds.total.rate is not None:
        rate = form.funds.total.rate
    if rate is None or rate >= settings.execution_floor * 100 - 1e-9:
        return
    if has_funds_explanation(form):
        return
    yield Hit(
        f"执行率 {rate:.2f}% 低于 {fmt(settings.execution_floor * 100)}%，表中没有说明资金未执行的原因",
        field="funds.total.rate", evidence={"rate": round(rate, 4), "floor": settings.execution_floor},
        severity="error" if settings.execution_reason_required else None,
    )


_ADJUST = re.compile(r"调整|调减|调增|追加|核减|压减|收回|调剂|变更")


@rule("F008", "budget-adjusted-unexplained", "info", "年初预算数 ≠ 全年预算数，且未说明调整", doc="""
检查：年初预算数与全年预算数不同（年中调整了预算），而表中没有提到预算调整。
原因：预算调整会改变执行率的分母，评审需要知道调整的依据。
示例：年初预算数 100.00，全年预算数 80.00，文字中没有"调整""调减"等说明。
修正：在年度总体目标或偏差原因中说明调整的原因和金额。
""")
def f008(form: Form, settings: Settings) -> Iterator[Hit]:
    row = form.funds.total
    if row.initial is None or row.budget is None or abs(row.initial - row.budget) <= EPS:
        return
    if has_funds_explanation(form, _ADJUST):
        return
    yield Hit(f"年初预算数 {fmt(row.initial)} 调整为全年预算数 {fmt(row.budget)}，表中没有说明调整原因",
              field="funds.total.budget", evidence={"initial": row.initial, "budget": row.budget})


@rule("F009", "budget-fitted-to-spending", "warning", "全年预算数被调成恰好等于执行数，或得分填在分项行", doc="""
检查：(1) 年初预算数与全年预算数不同，而全年预算数恰好等于全年执行数（执行率被"调"成 100%）；
(2) 得分填在"其中"分项行，而不是年度资金总额行。
原因：按执行数倒推预算会掩盖执行偏差；分项行不计分。
示例：年初预算数 100.00，全年预算数 76.30，全年执行数 76.30。
修正：如实反映预算调整；把分值和得分填在年度资金总额行。
""", facts=True)
def f009(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    rows = facts.funds_rows
    total = rows[0][1]
    initial, budget, executed = total.initial, total.budget, total.executed
    if (initial is not None and budget is not None and executed is not None
            and abs(initial - budget) > EPS and abs(budget - executed) <= EPS):
        yield Hit(f"全年预算数由年初的 {fmt(initial)} 调整为恰好等于全年执行数 {fmt(executed)}，执行率因此为 100%",
                  field="funds.total.budget", evidence={"initial": initial, "budget": budget, "executed": executed})
    for key, sub in rows[1:]:
        score = sub.score
        if score is not None:
            yield Hit(f"得分 {fmt(score)} 填在{ROW_CN[key]}行，应填在年度资金总额行",
                      field=f"funds.{key}.score", evidence={"score": score})
