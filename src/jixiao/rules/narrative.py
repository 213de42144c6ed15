"""N: the 年度总体目标 narrative read against the table, deterministically.

Every quantity of 实际完成情况 and 预期目标 is found with the one value grammar
(``values.find_quantities``), aligned with the indicator it speaks of (``_align``), and compared
by value and unit; claims without numbers ("成本节约", "全面完成", "有效提升") are compared with
the matched indicators' values and tiers. Nothing is dropped silently: a figure that matches no
row, and rows the narrative never mentions, are reported as info (N007).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from ..config import Settings
from ..model import Form, Indicator
from . import Hit, rule
from ._align import STRONG, clause_before, core_grams, cores, grams_of, pairs_of, rank_cores, similarity, similarity_in
from ._common import compact, fmt, fmt_value, full_score
from ._facts import FormFacts, Row
from .funds import computed_rate

__all__ = ["Aligned", "align_achieved", "align_rows", "quantities"]

_MONEY_UNITS = frozenset({"元", "千元", "万元", "亿元"})


_VALUES: Any = None


def _values() -> Any:
    """The value grammar, imported on first use (it compiles large patterns)."""
    global _VALUES
    if _VALUES is None:
        from .. import values

        _VALUES = values
    return _VALUES


class Aligned(NamedTuple):
    """One narrative quantity and what it was matched with (a named tuple: one per figure of
    every form, built several times faster than a frozen dataclass)."""

    q: Any
    context: str
    kind: str
    """``indicator`` (value agrees), ``contradiction``, ``funds-rate``, ``funds-money``,
    ``funds-contradiction``, ``unmatched``."""
    indicator: Indicator | None = None
    expected: float | None = None


def quantities(flat: str) -> list[Any]:
    """The quantities of a compacted narrative (dates excluded by the grammar)."""
    out = []
    for q in _values().find_quantities(flat):
        if q.unit is None and 1900 <= q.value <= 2100 and float(q.value).is_integer():
            continue  # a year glued to a word ("2024上海市"), not a quantity
        out.append(q)
    return out


@lru_cache(maxsize=512)
def _family(unit: str | None) -> str | None:
    """Memoised, like :func:`_convertible` and :func:`_normal_unit`: pure functions of a unit
    word, asked for the same few units by every quantity of every form."""
    return _values().unit_family(unit) if unit else None


@lru_cache(maxsize=1024)
def _convertible(unit: str, to: str) -> bool:
    return _values().convert(1.0, unit, to) is not None


@lru_cache(maxsize=512)
def _normal_unit(unit: str | None) -> str | None:
    return _values().normalize_unit(unit)


def _same_value(q: Any, value: float | None, unit: str | None) -> bool:
    if value is None:
        return False
    qv = q.value
    if q.unit and unit and q.unit != unit:
        conv = _values().convert(q.value, q.unit, unit)
        if conv is not None:
            qv = conv
    tol = 0.5 if q.approx else 1e-6 * max(1.0, abs(value))
    if q.op == "range" and q.upper is not None:
        return q.value - tol <= value <= q.upper + tol
    return abs(qv - value) <= tol


def _comparable(q: Any, unit: str | None) -> bool:
    """Whether a differing number could be the same measure (same family or convertible)."""
    if not q.unit or not unit or q.unit == unit:
        return True
    if _convertible(q.unit, unit):
        return True
    fq, fu = _family(q.unit), _family(unit)
    return fq is not None and fq == fu


def _funds_rate(form: Form) -> float | None:
    return form.funds.total.rate if form.funds.total.rate is not None else computed_rate(form.funds.total)


def _funds_amounts(form: Form) -> list[float]:
    rows = [form.funds.total, *form.funds.sub_rows().values()]
    return [v for r in rows for v in (r.initial, r.budget, r.executed) if v is not None]


_SPENT = re.compile(r"执行|支出|使用|拨付")
_BUDGETED = re.compile(r"预算|资金|安排")


def _align_one(form: Form, flat: str, q: Any, rows: list[tuple[frozenset[str], int, Indicator]]) -> Aligned:
    ctx = clause_before(flat, q.start)
    if "执行率" in ctx and q.unit == "%":
        rate = _funds_rate(form)
        if rate is None or abs(rate - q.value) <= 0.5:
            return Aligned(q, ctx, "funds-rate", expected=rate)
        return Aligned(q, ctx, "funds-contradiction", expected=rate)
    if q.unit in _MONEY_UNITS:
        unit = form.funds.unit or "万元"
        amounts = _funds_amounts(form)
        if any(_same_value(q, a, unit) for a in amounts):
            return Aligned(q, ctx, "funds-money")
        if _SPENT.search(ctx) and form.funds.total.executed is not None:
            return Aligned(q, ctx, "funds-contradiction", expected=form.funds.total.executed)
        if _BUDGETED.search(ctx) and form.funds.total.budget is not None:
            return Aligned(q, ctx, "funds-contradiction", expected=form.funds.total.budget)
    cands = rank_cores(ctx, rows, noun=q.noun)
    for c in cands:
        actual = c.indicator.actual
        if _same_value(q, actual.value, actual.unit):
            return Aligned(q, ctx, "indicator", c.indicator)
    if cands and cands[0].score >= STRONG and _comparable(q, cands[0].indicator.actual.unit):
        best = cands[0].indicator
        return Aligned(q, ctx, "contradiction", best, best.actual.value)
    return Aligned(q, ctx, "unmatched")


def align_rows(facts: FormFacts) -> list[Aligned]:
    """The alignment of one form's 实际完成情况 (``FormFacts.aligned`` computes it once per form).

    The rows' name bigrams are prepared once here, not once per quantity.
    """
    rows = cores([i for i in facts.leaves if i.actual.value is not None])
    flat, form = facts.achieved, facts.form
    return [_align_one(form, flat, q, rows) for q in quantities(flat)]


def align_achieved(form: Form) -> list[Aligned]:
    """Every quantity of 实际完成情况 with what it was matched with, in text order."""
    return FormFacts(form).aligned


def _qtext(q: Any) -> str:
    return compact(getattr(q, "text", "")) or f"{fmt(q.value)}{q.unit or ''}"


@rule("N001", "narrative-number-contradicts", "error", "实际完成情况中的数字与指标表或资金表矛盾", doc="""
检查：实际完成情况中的每个数（如"开展配送和志愿服务数量 95次"），按其前面的文字对应到三级指标（或执行率、
资金数），数值是否与该指标的实际完成值一致。只有文字与指标名高度吻合、单位可比时才判为矛盾。
原因：同一张表前后数字不一，评审无法判断哪个是真的。
示例：文字"下乡服务 29次"，指标表"下乡服务完成次数 20.00(次)"。
修正：核对台账，统一两处数字。
""")
def n001(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for a in facts.aligned:
        if a.kind == "contradiction" and a.indicator is not None:
            yield Hit(f"实际完成情况写「{a.context}{_qtext(a.q)}」，指标「{a.indicator.name}」的实际完成值却是 "
                      f"{fmt_value(a.indicator.actual)}", indicator=a.indicator, field="goal.achieved",
                      evidence={"narrative": a.q.value, "narrative_unit": a.q.unit, "table": a.expected})
        elif a.kind == "funds-contradiction":
            what = "执行率" if a.q.unit == "%" else "资金"
            shown = f"{fmt(a.expected)}%" if a.q.unit == "%" else f"{fmt(a.expected)}{form.funds.unit}"
            yield Hit(f"实际完成情况写「{a.context}{_qtext(a.q)}」，资金表的{what}却是 {shown}", field="goal.achieved",
                      evidence={"narrative": a.q.value, "narrative_unit": a.q.unit, "table": a.expected})


_PEOPLE = {"people", "person_times"}


@rule("N002", "narrative-unit-differs", "warning", "文字与指标表的单位不同（人次/人为警告，场/次等措辞为提示）", doc="""
检查：与指标对应上的数字，文字中的单位与指标表的单位是否相同。含义不同（人次与人、金额与数量）为警告；
只是措辞不同（场与次、个与区、篇与次）为提示。
原因：人次统计的是参与次数，人统计的是人数，二者不能混用；措辞不一也会让读者疑惑。
示例：文字"受众人数 3000人次"，指标"受众人数 ≥2000(人) 3000(人)"。
修正：统一口径；人次和人要按实际统计口径填写。
""")
def n002(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for a in facts.aligned:
        if a.kind != "indicator" or a.indicator is None or a.q.unit == a.indicator.actual.unit:
            continue
        qu, tu = _normal_unit(a.q.unit), _normal_unit(a.indicator.actual.unit)
        noun = getattr(a.q, "noun", None)
        if not qu or not tu or qu == tu or (noun or "").startswith(tu) or _convertible(qu, tu):
            continue
        fq, ft = _family(qu), _family(tu)
        wording = fq is not None and fq == ft and fq not in _PEOPLE
        kind = "只是措辞不同" if wording else "含义不同"
        yield Hit(f"实际完成情况写「{_qtext(a.q)}」（{qu}），指标「{a.indicator.name}」为 {fmt_value(a.indicator.actual)}"
                  f"（{tu}）：单位{kind}", indicator=a.indicator, field="goal.achieved",
                  evidence={"narrative_unit": qu, "table_unit": tu}, severity="info" if wording else None)


_COST_CLAIM = re.compile(r"成本节约|节约成本|节省成本|降低成本|成本降低|节约资金|节约经费")
_ALL_DONE = re.compile(r"全面完成|全部完成|均已完成|均完成|圆满完成|顺利完成|全面达成|全部达成|均已达成|均达到|全部达到|均超额完成")
_DEGREE, _RISE = "(?:有效|明显|显著|大幅)", "(?:提升|提高|改善|增强)"
_IMPROVED = re.compile(f"得到{_DEGREE}{_RISE}|获得{_DEGREE}{_RISE}|" + "|".join(f"{w}{_RISE}" for w in ("有效", "明显", "显著", "大幅")))
"""(得到|获得)?(有效|明显|显著|大幅)(提升|提高|改善|增强), spelt as alternatives that each open with
a literal, so that the regex engine skips to their first characters instead of trying the
pattern at every position of the paragraph; the matches are the same."""


def _below(row: Row) -> bool:
    """Below target or tier, from the row's precomputed answers: ``Row.met`` is ``target_met``
    and ``Row.tier`` is ``tier_of_indicator`` (for rows not scored by formula)."""
    if row.quant:
        return row.met is False
    return row.tier in ("partial", "unachieved")


def _shortfalls(facts: FormFacts) -> list[Indicator]:
    return [r.ind for r in facts.rows if _below(r)]


@rule("N003", "narrative-claim-contradicts", "warning", "文字中的定性说法与指标表矛盾", doc="""
检查：实际完成情况中没有数字的说法，与对应指标是否矛盾："成本节约"而成本节约率为 0%；"全面完成"而有目标
未达到或定性指标未完全达成；"有效提升"而对应指标低于"达成"档或未达到目标。
原因：文字夸大、表中扣分，评审会认为自评不实。
示例："成本节约"，指标"成本节约率 ≥0.00(%) 0.00(%)"。
修正：删除或改写与表不符的说法，或在文字中给出依据。
""")
def n003(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    flat = facts.achieved
    if not flat:
        return
    m = _COST_CLAIM.search(flat)
    if m:
        for ind in facts.leaves:
            if ("节约" in ind.name or "成本" in ind.name) and ind.actual.value is not None and ind.actual.value <= 0:
                yield Hit(f"实际完成情况称「{m.group(0)}」，但「{ind.name}」的实际完成值为 {fmt_value(ind.actual)}",
                          indicator=ind, field="goal.achieved", evidence={"claim": m.group(0), "actual": ind.actual.value})
    m = _ALL_DONE.search(flat)
    short = _shortfalls(facts) if m else None
    if m and short:
        names = "、".join(f"「{i.name}」" for i in short)
        yield Hit(f"实际完成情况称「{m.group(0)}」，但 {names} 未达到目标或未完全达成", field="goal.achieved",
                  evidence={"claim": m.group(0), "shortfalls": [i.name for i in short]})
    for m in _IMPROVED.finditer(flat):
        ctx = clause_before(flat, m.start())
        grams = grams_of(compact(ctx))
        score, best = 0.0, None
        for r in facts.rows:  # the first of the best, as max() would pick
            sim = similarity(ctx, r.ind.name, _ctx=grams)
            if best is None or sim > score:
                score, best = sim, r
        if best is not None and score >= STRONG and _below(best):
            ind = best.ind
            yield Hit(f"实际完成情况称「{ctx}{m.group(0)}」，但「{ind.name}」为 {fmt_value(ind.actual)}，"
                      f"得分 {fmt(ind.score)}/{fmt(ind.weight)}", indicator=ind, field="goal.achieved",
                      evidence={"claim": ctx + m.group(0)})


@rule("N004", "promise-without-indicator", "info", "预期目标中承诺的数量没有对应指标，或与指标目标不同", doc="""
检查：预期目标中带数的承诺（如"全年开展不少于 60场次"）是否有目标值相同的指标；按名称能对应上但目标值不同
的，也报告。
原因：预期目标与指标是同一件事的两种写法，对不上说明指标设置遗漏或改了目标没改文字。
示例：预期目标"不少于 80次"，指标表没有 80 次的目标。
修正：补设指标，或统一预期目标与指标值。
""")
def n004(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    flat, qs = facts.planned, facts.planned_quantities
    targets = [i for i in facts.leaves if i.target.value is not None]
    rows = None
    for q in qs:
        if not q.unit or q.unit == "%" and q.value in (0, 100):
            continue
        if any(_same_value(q, i.target.value, i.target.unit) and _comparable(q, i.target.unit) for i in targets):
            continue
        ctx = clause_before(flat, q.start)
        if rows is None:
            rows = cores(targets)  # once per form, and only when a promise is left over
        cands = [c for c in rank_cores(ctx, rows, noun=q.noun) if c.score >= STRONG]
        if cands:
            ind = cands[0].indicator
            yield Hit(f"预期目标承诺「{ctx}{_qtext(q)}」，指标「{ind.name}」的目标却是 {fmt_value(ind.target)}",
                      indicator=ind, field="goal.planned", evidence={"planned": q.value, "target": ind.target.value})
        else:
            yield Hit(f"预期目标承诺「{ctx}{_qtext(q)}」，指标表中没有目标值相同的指标", field="goal.planned",
                      evidence={"planned": q.value, "unit": q.unit})


@rule("N005", "narrative-empty-or-copied", "warning", "预期目标或实际完成情况空白，或完成情况照抄预期目标", doc="""
检查：年度总体目标的预期目标、实际完成情况是否为空；实际完成情况与预期目标是否（几乎）相同（字符二元组
重合 ≥ 80%）。
原因：完成情况应写实际做了什么、做到多少，照抄目标等于没有自评。
示例：实际完成情况与预期目标一字不差。
修正：按实际完成的数量、质量、时效写完成情况。
""")
def n005(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    planned, achieved = facts.planned, facts.achieved
    for text, cn, field in ((planned, "预期目标", "goal.planned"), (achieved, "实际完成情况", "goal.achieved")):
        if not text:
            yield Hit(f"年度总体目标的{cn}空白", field=field)
    if planned and achieved and abs(len(planned) - len(achieved)) <= 0.25 * max(len(planned), len(achieved)):
        a, b = pairs_of(planned), pairs_of(achieved)
        overlap = len(a & b) / max(1, min(len(a), len(b)))
        if overlap >= 0.8 and abs(len(a) - len(b)) <= 0.25 * max(len(a), len(b)):
            yield Hit(f"实际完成情况与预期目标几乎相同（重合 {overlap * 100:.0f}%），像是照抄", field="goal.achieved",
                      evidence={"overlap": round(overlap, 4)})


@rule("N006", "low-execution-full-claims", "warning", "执行率很低，文字或全部产出指标却称全部完成", doc="""
检查：执行率低于 low-execution（默认 60%）时，实际完成情况是否称"全面完成"之类，或全部产出指标都得满分。
原因：钱只花了一半多一点，产出却全部完成，要么预算编得过大，要么产出不实。
示例：执行率 45%，实际完成情况"各项任务全面完成"。
修正：核实产出数据，说明资金结余的原因。
""")
def n006(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    rate = _funds_rate(form)
    if rate is None or rate >= settings.low_execution * 100:
        return
    m = _ALL_DONE.search(facts.achieved)
    outputs = [i for i in facts.leaves if "产出" in i.level1]
    all_full = bool(outputs) and all(full_score(i) for i in outputs)
    if m or all_full:
        why = f"实际完成情况称「{m.group(0)}」" if m else f"全部 {len(outputs)} 项产出指标均得满分"
        yield Hit(f"执行率仅 {fmt(rate)}%，{why}", field="goal.achieved",
                  evidence={"rate": rate, "claim": m.group(0) if m else None, "outputs_full": all_full})


def _named_in(flat: str, name: str) -> bool:
    """Whether the text speaks of the indicator: half its core words, or four characters in a
    row of it ("长效管理机制需进一步完善" speaks of 长效管理制度健全性)."""
    if similarity_in(compact(flat), name) >= 0.5:
        return True
    core = core_grams(name)[0]
    return any(core[i : i + 4] in flat for i in range(len(core) - 3))


@rule("N007", "narrative-unaligned", "info", "文字中的数字找不到对应指标，或指标在文字中从未提及", doc="""
检查：实际完成情况中无法对应到任何指标或资金数的数字；以及实际完成情况从未提及（既无数字也无名称）的
三级指标。
原因：对不上的数字无法核实；完全不提的指标，完成情况是否属实只能看表。
示例：文字"建设 8个科技小院"而表中没有相应指标；满意度指标在文字中从未出现。
修正：在完成情况中按指标逐项写明完成的数量，删除无从核实的数字。
""")
def n007(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    aligned = facts.aligned
    for a in aligned:
        if a.kind == "unmatched":
            yield Hit(f"实际完成情况中的「{a.context}{_qtext(a.q)}」找不到对应的指标或资金数", field="goal.achieved",
                      evidence={"value": a.q.value, "unit": a.q.unit})
    flat = facts.achieved
    if not flat:
        return
    mentioned = {id(a.indicator) for a in aligned if a.indicator is not None}
    silent = [i for i in facts.leaves if id(i) not in mentioned and not _named_in(flat, i.name)]
    if silent:
        names = "、".join(f"「{i.name}」" for i in silent)
        yield Hit(f"实际完成情况没有提及 {names}", field="goal.achieved",
                  evidence={"indicators": [i.name for i in silent]})
