"""F: the funds table (项目资金): 执行率 = B/A and its score, and the money columns' sums."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..config import Settings
from ..model import Form, Funds, FundsRow, Value
from . import Hit, rule
from ._common import (
    EPS,
    compact,
    computed_rate,
    execution_row,
    fmt,
    has_funds_explanation,
    is_blank_text,
    rate_percent,
    texts_unseen,
)
from ._facts import FormFacts

ROW_CN = {"total": "年度资金总额", "appropriation": "当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}
COL_CN = {"initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数"}


def _is_empty(row: FundsRow) -> bool:
    return not row.budget and not row.executed and not row.initial


def effective_total(funds: Funds) -> tuple[FundsRow, bool]:
    """年度资金总额 as the funds rules read it, and whether it was summed from the 其中 rows.

    A known export defect prints 年度资金总额 as 0/0/0 (or leaves it blank) above 其中 rows that
    hold the money: the rules then read the sum of those rows (F006 reports the total itself),
    with the printed rate and score of the total row.
    """
    total = funds.total
    if not _is_empty(total):
        return total, False
    subs = [r for r in funds.sub_rows().values() if not _is_empty(r)]
    if not subs:
        return total, False

    def column(name: str) -> float | None:
        values = [getattr(r, name) for r in subs]
        return None if None in values else round(sum(values), 6)

    return FundsRow(initial=column("initial"), budget=column("budget"), executed=column("executed"),
                    rate=total.rate, score=total.score), True


def execution_rate(form: Form) -> float | None:
    """The project's 执行率 in percent: B/A of the funds table (summed from the 其中 rows when
    the total is printed 0/0/0), else its printed rate, else the 预算执行率 indicator row's actual."""
    total, _ = effective_total(form.funds)
    rate = computed_rate(total)
    if rate is None and total.rate is not None:
        as_fraction = 0 < total.rate <= 1
        rate = total.rate * 100 if as_fraction else total.rate
    if rate is None:
        row = execution_row(form)
        if row is not None and row.actual.value is not None and row.actual.unit == "%":
            rate = row.actual.value
    return rate


def _decimals(rate: float) -> int:
    """Decimals the rate was printed with, as far as the number shows them (86.5 → 1, 98.0 → 0)."""
    frac = repr(float(rate)).partition(".")[2]
    return 0 if frac in ("", "0") or "e" in frac else len(frac)


def rate_agrees(printed: float, expected: float) -> bool:
    """Whether a printed 执行率 is B/A to the precision it is printed with (86.5% for 86.47%, 98%
    for 97.6%), or within ±0.01 pp; a rate printed as a fraction (0.958) is read as a percent.

    The model keeps the number, not the cell text, so "31.00%" reads as 31 (whole-percent
    precision): a rate printed with trailing zeros is checked to the precision its digits show."""
    decimals = _decimals(printed)
    if printed <= 1 + 1e-9 and expected > 1.5:
        printed, decimals = printed * 100, max(decimals - 2, 0)
    if abs(printed - expected) <= EPS or abs(printed - round(expected, decimals)) <= 1e-6:
        return True
    # Truncated to one decimal or more (95.86% as 95.8), the score moves by at most 0.01 per 10 points.
    step = 10.0 ** -decimals
    return decimals >= 1 and abs(printed - int(expected / step) * step) <= 1e-6


@rule("F001", "funds-rate-mismatch", "error", "执行率与 全年执行数/全年预算数 不符", doc="""
检查：每一行资金的执行率(%) 是否等于 全年执行数(B) ÷ 全年预算数(A) × 100，精度按表中印出的小数位数：
印成 86.5% 的，B/A 四舍五入（或截尾）到一位小数应为 86.5；印成整数的，四舍五入到整数；任何情况下
±0.01 个百分点都算相符。印成小数（0.958）的执行率按百分比读（95.8%）。
含义变更：此前只分"整数"与"两位小数"两档，一位小数的执行率（86.5%）会被误报；表中印出到位数、执行率
恰好等于 到位数 ÷ 全年预算数 的，改报 F012（说明错在哪里），不再报 F001。
原因：执行率是项目资金得分的唯一依据，算错会直接改变总分。
示例：全年预算数 100.00、全年执行数 85.00，执行率却填 95.00%。
修正：按 B/A 重新计算执行率。
""", facts=True)
def f001(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for key, row in facts.funds_rows:
        budget, executed, rate = row.budget, row.executed, row.rate
        expected = rate_percent(budget, executed)
        if expected is None or rate is None or rate_agrees(rate, expected) or on_income(row) is not None:
            continue
        shown = f"{fmt(rate)}%"
        yield Hit(
            f"{ROW_CN.get(key, key)}执行率填 {shown}，但 全年执行数 {fmt(executed)} ÷ 全年预算数 "
            f"{fmt(budget)} = {expected:.2f}%：执行率应改为 {expected:.2f}%",
            field=f"funds.{key}.rate",
            evidence={"rate": rate, "budget": budget, "executed": executed, "expected": round(expected, 4)},
        )


@rule("F002", "funds-score-mismatch", "error", "执行率得分 ≠ min(执行率, 1) × 分值", doc="""
检查：年度资金总额的得分是否等于 min(B/A, 100%) × 分值（±0.01）。
原因：执行率得分按公式计算，没有自由裁量空间。
示例：执行率 85%，分值 10，得分却填 10.00（应为 8.50）。
修正：按公式重算得分；超过 100% 的执行率按 100% 计。
年度资金总额印为 0/0/0 而其中各行有金额时，按各行之和计算（见 F006）。预算执行 20 分的模板（云南、湖北）
按表中的分值 20 计算。
""")
def f002(form: Form, settings: Settings) -> Iterator[Hit]:
    w = form.funds.weight
    row, summed = effective_total(form.funds)
    score = row.score
    if w is None or score is None or score > w + EPS:
        return
    rate = rate_percent(row.budget, row.executed)
    if rate is None:
        return
    expected = min(rate / 100, 1.0) * w
    if abs(score - expected) > EPS:
        basis = "按其中各行之和计算，" if summed else ""
        yield Hit(
            f"执行率得分填 {fmt(score)}，但{basis or ' '}min({rate:.2f}%, 100%) × 分值 {fmt(w)} = {expected:.2f}：得分应改为 "
            f"{expected:.2f}",
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
        yield Hit(f"执行率得分 {fmt(row.score)} 超过分值 {fmt(w)}：得分改为不超过 {fmt(w)}", field="funds.total.score",
                  evidence={"score": row.score, "weight": w})


@rule("F004", "funds-no-budget", "error", "全年预算数为 0 或空白，却有执行数", doc="""
检查：某一行全年预算数为 0 或未填写，而全年执行数大于 0。
原因：没有预算就无法计算执行率，也说明资金来源没有如实填写。
示例：上年结转资金 全年预算数 0.00，全年执行数 12.00。
修正：补填全年预算数，或把支出归入正确的资金来源行。
""", facts=True)
def f004(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for key, row in facts.funds_rows:
        # a form whose only budget column is 年初预算数 (北京 variants) prints no 全年预算数 at all:
        # its 年初预算数 is the budget the money was spent against
        budget = row.initial if row.budget is None else row.budget
        executed = row.executed
        if not budget and executed and executed > 0:
            yield Hit(f"{ROW_CN.get(key, key)}全年预算数为 {fmt(budget)}，全年执行数却为 {fmt(executed)}："
                      f"补填全年预算数，或把支出归入正确的资金来源行",
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
            yield Hit(f"{ROW_CN.get(key, key)}全年执行数 {fmt(executed)} 大于全年预算数 {fmt(budget)}："
                      f"核对执行数；确有超支的，说明资金来源和调整程序",
                      field=f"funds.{key}.executed", evidence={"budget": budget, "executed": executed})


@rule("F006", "funds-sum-mismatch", "error", "年度资金总额不等于其中各行之和", doc="""
检查：年初预算数、全年预算数、全年执行数三列中，年度资金总额是否等于 当年财政拨款 + 上年结转资金 +
其他资金（及表中印出的其他分项行）。相差超过 0.01×行数 为错误；相差不到这个数但印出的数字加起来仍差
0.01 以上的，为提示（多半是各行隐藏的小数四舍五入所致，但公开的表应当自洽）。
含义变更：此前在 0.01×行数 以内的差额一律不报（r033 差 0.03、r053 差 0.01 的明细表漏报）。
原因：总额与分项不一致，至少有一个数字填错。
示例：年度资金总额 170.00，当年财政拨款 150.00，上年结转资金 0.00，其他资金 0.00。
修正：核对分项，使总额等于各分项之和。
年度资金总额印为 0/0/0 而其中各行有金额（常见的导出缺陷）时，报告一次，其他资金规则按各行之和计算。
""", facts=True)
def f006(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    rows = facts.funds_rows
    if len(rows) == 1:
        return
    # each row's cells in COL_CN order, read as attributes (cheaper than a view's ``__dict__``)
    if _is_empty(rows[0][1]) and any(not _is_empty(r) for _, r in rows[1:]):
        summed, _ = effective_total(form.funds)
        yield Hit(f"年度资金总额印为 0（或空白），其中各行合计全年预算数 {fmt(summed.budget)}、全年执行数 "
                  f"{fmt(summed.executed)}：把年度资金总额改为其中各行之和", field="funds.total.budget",
                  evidence={"budget": summed.budget, "executed": summed.executed})
        return
    totals, *subs = [(r.initial, r.budget, r.executed) for _, r in rows]
    for (col, cn), total, parts in zip(COL_CN.items(), totals, zip(*subs)):  # parts: one column of the 其中 rows
        known = parts if None not in parts else [p for p in parts if p is not None]
        if total is None or not known:
            continue
        s = sum(known)
        gap = abs(total - s)
        if gap < 0.005:
            continue
        detail = " + ".join(f"{ROW_CN.get(k, k)} {fmt(getattr(r, col))}" for k, r in rows[1:])
        evidence = {"total": total, "parts": list(parts), "sum": round(s, 4)}
        if gap > EPS * len(known):
            yield Hit(f"{cn}：年度资金总额 {fmt(total)} ≠ {detail} = {fmt(round(s, 4))}：核对各行，使总额等于各行之和",
                      field=f"funds.total.{col}", evidence=evidence)
        else:
            yield Hit(f"{cn}：年度资金总额 {fmt(total)} 与其中各行之和 {fmt(round(s, 4))} 相差 {gap:.2f}，多半是各行"
                      f"四舍五入所致：按表中显示的数字调整，使总额等于各行之和", field=f"funds.total.{col}",
                      evidence=evidence, severity="info")


@rule("F007", "low-execution-unexplained", "warning", "执行率低于 90% 而表中没有任何说明", doc="""
检查：年度资金总额的执行率低于门槛（默认 90%，见 execution-floor）时，年度总体目标或任何偏差原因中
是否说明了资金执行的原因。四川等地要求此时必须说明原因（profile = "sichuan" 时为错误）。
原因：执行率偏低是评审首先追问的问题。
示例：执行率 72.5%，全表没有提到预算、资金或执行率。
修正：在偏差原因分析中写明未执行的原因（如合同尚未到付款节点）和改进措施。
年度总体目标或指标表没有读准（读取存疑）时不报告：说明可能就在没有读准的文字里；表在中途被截断
（Reading.truncated）时也不报告：说明可能在没有印出的部分（其余指标的偏差原因、存在问题和改进措施）。
""")
def f007(form: Form, settings: Settings) -> Iterator[Hit]:
    rate = execution_rate(form)
    if rate is None or rate >= settings.execution_floor * 100 - 1e-9:
        return
    if has_funds_explanation(form) or texts_unseen(form):
        return
    yield Hit(
        f"执行率 {rate:.2f}% 低于 {fmt(settings.execution_floor * 100)}%，表中没有说明资金未执行的原因：在偏差原因或"
        f"年度总体目标中写明资金未执行的原因和改进措施",
        field="funds.total.rate", evidence={"rate": round(rate, 4), "floor": settings.execution_floor},
        severity="error" if settings.execution_reason_required else None,
    )


_ADJUST = re.compile(r"调整|调减|调增|追加|核减|压减|收回|调剂|变更")


@rule("F008", "budget-adjusted-unexplained", "info", "年初预算数 ≠ 全年预算数，且未说明调整", doc="""
检查：年初预算数与全年预算数不同（年中调整了预算），而表中没有提到预算调整。
原因：预算调整会改变执行率的分母，评审需要知道调整的依据。
示例：年初预算数 100.00，全年预算数 80.00，文字中没有"调整""调减"等说明。
修正：在年度总体目标或偏差原因中说明调整的原因和金额。
年初预算数为 0 或空白（年中新增的项目）时不报告；资金表自带的"原因"栏（四川）有说明的也不报告；
年度总体目标或指标表读取存疑、或表在中途被截断时也不报告：说明可能在没有读到的文字里。
""")
def f008(form: Form, settings: Settings) -> Iterator[Hit]:
    row, _ = effective_total(form.funds)
    if not row.initial or row.budget is None or abs(row.initial - row.budget) <= EPS:
        return  # 年初预算数 0 or blank: a project added in-year, not an adjustment
    if has_funds_explanation(form, _ADJUST) or form.funds.reason and not is_blank_text(form.funds.reason):
        return
    if texts_unseen(form):
        return
    yield Hit(f"年初预算数 {fmt(row.initial)} 调整为全年预算数 {fmt(row.budget)}，表中没有说明调整原因：在偏差原因或"
              f"年度总体目标中说明调整的原因和金额",
              field="funds.total.budget", evidence={"initial": row.initial, "budget": row.budget})


@rule("F009", "budget-fitted-to-spending", "warning", "全年预算数被调成恰好等于执行数，或得分填在分项行", doc="""
检查：(1) 年初预算数与全年预算数不同，而全年预算数恰好等于全年执行数（执行率被"调"成 100%）；
(2) 得分填在"其中"分项行，而不是年度资金总额行。
原因：按执行数倒推预算会掩盖执行偏差；分项行不计分。
示例：年初预算数 100.00，全年预算数 76.30，全年执行数 76.30。
修正：如实反映预算调整；把分值和得分填在年度资金总额行。
年初预算数为 0（年中新增的项目）时不报告 (1)。
""", facts=True)
def f009(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    rows = facts.funds_rows
    total, _ = effective_total(form.funds)
    initial, budget, executed = total.initial, total.budget, total.executed
    if (initial and budget is not None and executed is not None
            and abs(initial - budget) > EPS and abs(budget - executed) <= EPS):
        yield Hit(f"全年预算数由年初的 {fmt(initial)} 调整为恰好等于全年执行数 {fmt(executed)}，执行率因此为 100%：如实"
                  f"填报调整后的预算数，并说明调整依据",
                  field="funds.total.budget", evidence={"initial": initial, "budget": budget, "executed": executed})
    for key, sub in rows[1:]:
        score = sub.score
        if score is not None:
            yield Hit(f"得分 {fmt(score)} 填在{ROW_CN.get(key, key)}行：把得分移到年度资金总额行",
                      field=f"funds.{key}.score", evidence={"score": score})


@rule("F010", "execution-counted-twice", "warning", "预算执行率既有资金表得分，又作为绩效指标计分", doc="""
检查：资金表已经给执行率打分（执行率分值不为 0），指标表中又有"预算执行率""资金执行率"指标计分。
原因：同一个执行率计了两次分；全国模板中执行率只在资金表计分，100 分制的决策/管理表才把它列为指标。
示例：执行率分值 10，产出指标下又有"预算执行率 目标 100%，分值 20"（r035）。
修正：删除指标表中的预算执行率指标，把分值分给真正的产出、效益指标。
""", facts=True)
def f010(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    row = facts.execution_row
    if row is None or not form.funds.weight or row.weight is None:
        return
    yield Hit(f"资金表已按执行率计分（分值 {fmt(form.funds.weight)}），指标表「{row.level1}/{row.level2}」下又把"
              f"执行率作为指标计 {fmt(row.weight)} 分：删除该指标，把分值分给产出或效益指标", indicator=row,
              field="weight", evidence={"funds_weight": form.funds.weight, "indicator_weight": row.weight})


_LEFTOVER_RATE = re.compile(r"结转结余率|结余率|资金节约率|预算节约率")
_COST_NAME = re.compile(r"成本|费|支出|资金")


@lru_cache(maxsize=4096)
def _money_words(name: str) -> tuple[bool, bool]:
    """Whether a compacted indicator name names a leftover or saving rate (结余率, 资金节约率), and
    whether it names a cost or spending (成本, 费, 支出, 资金): what F011 compares with the funds
    table. Memoised: the rows' names recur form after form."""
    return _LEFTOVER_RATE.search(name) is not None, _COST_NAME.search(name) is not None


def _in_funds_unit(value: float, unit: str | None, text: str, funds_unit: str) -> float | None:
    """A money amount in the funds table's unit; "150万" without 元 (read as 1,500,000) counts as 元."""
    money = {"元": 1.0, "万元": 1e4, "亿元": 1e8}
    if unit is None and ("万" in text or "元" in text):
        unit = "元"
    if unit not in money or funds_unit not in money:
        return None
    return value * money[unit] / money[funds_unit]


def _printed_actual(a: Value) -> str:
    """实际完成值「…」 as F011's messages quote it (built only for a finding)."""
    return f"实际完成值「{compact(a.text) or fmt(a.value)}」"


@rule("F011", "indicator-contradicts-funds", "warning", "指标的实际完成值与资金表矛盾", doc="""
检查：(1) "预算执行率""资金执行率"指标的实际完成值与资金表的执行率（B/A）相差 0.5 个百分点以上；
(2) "结转结余率""结余率""资金节约率""预算节约率"的实际完成值与 100% − 执行率 相差 1 个百分点以上；(3) 成本、经费、费用类指标的
实际完成金额超过资金表的全年执行数。
原因：同一张表里的同一笔钱只能有一个数；对不上说明指标是按计划而不是按实际填的。
示例：执行率 76%，"结转结余率"实际完成值 0%；全年执行数 125.25 万元，"运行维护费"实际完成 150 万元（r035）；
预算 2960.00、实际支付 2798.30，"资金节约率"却填 15%（应为 5.46%，r031）。
含义变更：增加了"资金节约率""预算节约率"（按资金表算的节约就是结余）。
修正：按资金表的实际数填写该指标的实际完成值（或改正资金表）。
""", facts=True)
def f011(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    total, _ = effective_total(form.funds)
    rate = computed_rate(total)
    execution = facts.execution_row
    for row in facts.rows:
        ind, a = row.ind, row.actual
        if a.value is None:
            continue
        name = compact(ind.name)
        leftover, cost = _money_words(name)
        if rate is not None and a.unit == "%" and ind is execution and abs(a.value - rate) > 0.5:
            yield Hit(f"{_printed_actual(a)}，资金表的执行率却是 {rate:.2f}%：按资金表改为 {rate:.2f}%", indicator=ind,
                      field="actual", evidence={"actual": a.value, "funds_rate": round(rate, 4)})
        elif rate is not None and a.unit == "%" and leftover:
            left = max(0.0, 100 - rate)
            if abs(a.value - left) > 1:
                what = "节约" if "节约" in name else "结余"
                yield Hit(f"{_printed_actual(a)}，资金表执行率 {rate:.2f}%，{what}应为 {left:.2f}%：按资金表改为 {left:.2f}%",
                          indicator=ind, field="actual", evidence={"actual": a.value, "expected": round(left, 4)})
        elif total.executed and cost and not leftover:
            spent = _in_funds_unit(a.value, a.unit, a.text, form.funds.unit)
            if spent is not None and spent > total.executed + EPS:
                yield Hit(f"{_printed_actual(a)}，超过资金表的全年执行数 {fmt(total.executed)}{form.funds.unit}：按实际支出改正"
                          f"实际完成值", indicator=ind, field="actual",
                          evidence={"actual": spent, "executed": total.executed})


def on_income(row: FundsRow) -> float | None:
    """The money that arrived over the budget in percent, when the printed 执行率 is that figure
    and not B/A (到位数 ÷ 预算数 instead of 执行数 ÷ 预算数); ``None`` otherwise."""
    received, executed, rate = row.received, row.executed, row.rate
    if received is None or executed is None or rate is None or abs(received - executed) <= EPS:
        return None
    on_spending, on_received = rate_percent(row.budget, executed), rate_percent(row.budget, received)
    if on_spending is None or on_received is None or rate_agrees(rate, on_spending):
        return None
    return on_received if rate_agrees(rate, on_received) else None


@rule("F012", "rate-on-income", "error", "执行率按到位（收入）数计算，而不是按执行（支出）数", doc="""
检查：资金表同时印出到位数（收入、资金到位数）和执行数（支出）时，印出的执行率是否等于 到位数 ÷ 全年
预算数，而不等于 全年执行数 ÷ 全年预算数。这时不再另报 F001。
原因：执行率衡量的是钱花出去多少，不是钱到位多少；按到位数算会把未支出的资金算成已执行，抬高得分。
示例：全年预算数 52.80、全年到位资金 52.80、全年执行资金 30.80，执行率却填 100.00%（应为 58.33%）。
修正：执行率改为 全年执行数 ÷ 全年预算数，得分随之重算。
读取：到位数（FundsRow.received）由读取器从“全年到位资金”“实际到位资金”“到位数”等列读出，规范格式（YAML/JSON）的表可直接填写。
""", facts=True)
def f012(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for key, row in facts.funds_rows:
        income = on_income(row)
        if income is None:
            continue
        expected = rate_percent(row.budget, row.executed) or 0.0
        yield Hit(
            f"{ROW_CN.get(key, key)}执行率填 {fmt(row.rate or 0)}%，等于 到位数 {fmt(row.received)} ÷ 全年预算数 "
            f"{fmt(row.budget)}，而不是 全年执行数 {fmt(row.executed)} ÷ 全年预算数 = {expected:.2f}%：执行率应按支出"
            f"改为 {expected:.2f}%",
            field=f"funds.{key}.rate",
            evidence={"rate": row.rate, "budget": row.budget, "received": row.received, "executed": row.executed,
                      "expected": round(expected, 4)},
        )
