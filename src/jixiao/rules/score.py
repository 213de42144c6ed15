"""S: the totals, the weights, the grade and leftovers of the template."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..config import Settings
from ..model import Area, Form
from . import Hit, rule
from ._common import EPS, NO_FUNDS_SCORE, compact, fmt, funds_part, is_blank_text, rounded
from ._facts import FormFacts

GRADES = (("优", 90.0), ("良", 80.0), ("中", 60.0), ("差", float("-inf")))


def grade_of(total: float) -> str:
    """优 ≥ 90; 良 80 ≤ s < 90; 中 60 ≤ s < 80; 差 < 60."""
    for name, floor in GRADES:
        if total >= floor - 1e-9:
            return name
    return "差"


@rule("S001", "total-score-mismatch", "error", "总分 ≠ 执行率得分 + 各指标得分之和", doc="""
检查：总分是否等于项目资金的执行率得分加上全部三级指标得分（±0.02）。"其中"子项的得分已含在其上级指标中，
不重复相加；没有执行率得分的模板（宁夏 40/40/20、100 分制的决策/管理/产出/效益表把预算执行率列为指标），
执行率得分按 0 计；全表没有得分的（转移支付表等），不检查。
原因：总分决定评分等级，加错会改变等级。
示例：执行率得分 10.00，指标得分合计 83.00，总分却填 94.00。
修正：重新加总；若某项得分有误，先改正该项。
""", facts=True, reads=("funds", "indicators", "total"))
def s001(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    printed = form.total_score
    total = facts.total
    if printed is None or total is None:
        return
    if abs(printed - total) > 0.02 + 1e-9:
        funds = funds_part(form, "score") or 0.0
        yield Hit(f"总分填 {fmt(printed)}，但执行率得分 {fmt(funds)} + 指标得分之和 {fmt(total - funds)} = {fmt(total)}："
                  f"总分应改为 {fmt(total)}（或先改正有误的得分）",
                  field="total_score", evidence={"printed": printed, "recomputed": total})


def _weights(form: Form, facts: FormFacts) -> tuple[float | None, str]:
    """Σ indicator weights and where they came from: the 分值 column, or (forms without one)
    the points printed in the section headers (产出指标(40分)); None when neither is complete."""
    weights = [r.weight for r in facts.rows if not r.ind.parent]
    if weights and None not in weights:
        return rounded(sum(weights), 4), "各指标分值"  # type: ignore[arg-type]
    if all(w is None for w in weights) and form.section_weights:
        return rounded(sum(form.section_weights.values()), 4), "各一级指标标题中的分值"
    return None, ""


def _doubted(form: Form, area: Area) -> bool:
    """Whether the reading doubts ``area`` (a blank there may be the reader's, not the unit's)."""
    return form.reading is not None and area in form.reading.doubtful


def _truncated(form: Form) -> bool:
    """The form stops before its end (a page cut short): its missing tail is not the unit's doing."""
    return form.reading is not None and form.reading.truncated


@rule("S002", "weights-sum-mismatch", "error", "各项分值之和 ≠ 总分值（通常为 100）", doc="""
检查：执行率分值加全部三级指标分值，是否等于表中印出的总分值（没有印出时按 100）。没有分值列的表（云南、
湖北的预算执行 20 分 + 绩效目标 80 分），按一级指标标题中的分值（如"产出指标(40分)"）相加；"其中"子项的
分值不重复相加；没有执行率分值的模板按 0 计。
原因：权重之和不等于 100，得分就失去可比性。
示例：分值合计 95，总分行分值 100。
修正：调整各指标分值，使合计等于总分值。
表在中途被截断（Reading.truncated）时不检查。
""", facts=True, reads=("indicators", "total"))
def s002(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    if not facts.rows or _truncated(form):
        return
    indicators, source = _weights(form, facts)
    funds = funds_part(form, "weight")
    if indicators is None or funds is None:
        return
    s = rounded(funds + indicators, 4)
    expected = form.total_weight if form.total_weight is not None else 100.0
    children = [r.weight for r in facts.rows if r.ind.parent and r.weight is not None]
    if abs(s - expected) > EPS and children and abs(s + sum(children) - expected) <= EPS:
        yield Hit(f"执行率分值与各指标分值合计 {fmt(s)}，只有把「其中」子项再算一次才等于总分值 {fmt(expected)}："
                  f"子项的分值已含在上级指标中，调整分值，使不重复计算时合计等于 {fmt(expected)}",
                  field="total_weight", evidence={"sum": s, "total_weight": expected, "children": sum(children)})
    elif abs(s - expected) > EPS:
        yield Hit(f"执行率分值 {fmt(funds)} 与{source}合计 {fmt(indicators)}，共 {fmt(s)}，不等于总分值 {fmt(expected)}："
                  f"调整分值，使合计等于 {fmt(expected)}",
                  field="total_weight", evidence={"sum": s, "total_weight": expected})


@rule("S003", "grade-mismatch", "error", "评分等级与总分不符", doc="""
检查：评分等级是否符合总分所在的区间：优 ≥ 90；良 80–90；中 60–80；差 < 60。若按各项得分重算的总分落在
另一个区间，也一并报告。
原因：等级是评审结论，必须与分数一致。
示例：总分 88.50，评分等级填"优"。
修正：按总分确定等级；先改正加总错误。
""", facts=True, reads={"total"})
def s003(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    if not form.grade or form.total_score is None:
        return
    printed = compact(form.grade)[:1]
    expected = grade_of(form.total_score)
    if printed != expected:
        yield Hit(f"总分 {fmt(form.total_score)} 对应等级「{expected}」，表中填「{form.grade}」：评分等级改为「{expected}」",
                  field="grade", evidence={"grade": form.grade, "total_score": form.total_score, "expected": expected})
        return
    total = facts.total
    if total is not None and grade_of(total) != printed:
        yield Hit(f"按各项得分重算的总分 {fmt(total)} 对应等级「{grade_of(total)}」，表中填「{form.grade}」："
                  f"先改正总分，再按总分确定等级",
                  field="grade", evidence={"grade": form.grade, "recomputed": total, "expected": grade_of(total)})


@rule("S004", "subtotal-mismatch", "error", "小计与其下各项之和不符", doc="""
检查：表中印出的一级或二级指标小计（名称为"小计""合计"或与所在层级同名的行）的分值、得分，是否等于其下
三级指标之和。
原因：小计错会误导读表的人，也常是漏算某一行的信号。
示例：产出指标小计得分 45，其下各项得分合计 40。
修正：重新加总小计。
""", facts=True)
def s004(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for sub in facts.subtotals:
        key = "level2" if compact(sub.level2) else "level1"
        group = compact(getattr(sub, key))
        children = [i for i in facts.leaves if compact(getattr(i, key)) == group]
        if not group or not children:
            continue
        for attr, cn in (("weight", "分值"), ("score", "得分")):
            printed = getattr(sub, attr)
            vals = [getattr(c, attr) for c in children]
            if printed is None or any(v is None for v in vals):
                continue
            s = round(sum(vals), 4)
            if abs(printed - s) > 0.02 + 1e-9:
                yield Hit(f"{group}小计{cn} {fmt(printed)}，其下 {len(children)} 项合计 {fmt(s)}：小计{cn}改为 {fmt(s)}",
                          indicator=sub, field=attr, evidence={"printed": printed, "sum": s})


_DEFAULT_SHARES = {"产出": 50.0, "效益": 30.0, "满意度": 10.0}


@rule("S005", "unusual-weights", "info", "一级指标权重不是通常的 50/30/10/10", doc="""
检查：执行率分值是否等于配置的 funds-weight（默认 10；预算执行 20 分模板为 20），以及产出（含列在一级的
成本指标）、效益、满意度指标分值合计是否为 50/30/10。没有执行率得分的模板（宁夏、100 分制、转移支付）和
中途被截断的表不检查。
原因：单位可以调整权重，但评审会留意偏离默认权重的表。
示例：满意度指标合计 15 分，产出指标 45 分。
修正：确认权重调整有依据；无依据时恢复默认权重。
""", facts=True)
def s005(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    diffs: list[str] = []
    template = form.reading.template if form.reading is not None else None
    if template in NO_FUNDS_SCORE or _truncated(form):
        return  # other shares by design (宁夏 40/40/20, 100-point forms): nothing usual to compare
    usual = 20.0 if template == "exec20" else settings.funds_weight
    if form.funds.weight is not None and abs(form.funds.weight - usual) > EPS:
        diffs.append(f"执行率 {fmt(form.funds.weight)}（通常 {fmt(usual)}）")
    sums: dict[str, float] = {}
    for row, kind in zip(facts.rows, facts.kinds):
        w = row.weight
        if w is None or kind is None:
            continue
        kind = "产出" if kind == "成本" else kind
        sums[kind] = sums.get(kind, 0.0) + w
    if abs(usual - 10.0) <= EPS and sums:
        for kind, share in _DEFAULT_SHARES.items():
            got = sums.get(kind, 0.0)
            if abs(got - share) > EPS:
                diffs.append(f"{kind}指标 {fmt(got)}（通常 {fmt(share)}）")
    if diffs:
        yield Hit("权重与通常分配不同：" + "；".join(diffs) + "。确认调整有依据，无依据时恢复通常的分配", field="weights",
                  evidence={"funds": form.funds.weight, **{k: rounded(v, 4) for k, v in sums.items()}})


@rule("S006", "missing-indicator-kind", "warning", "缺少产出或效益指标（缺满意度、成本指标为提示）", doc="""
检查：指标表中是否至少有一项产出指标和一项效益指标（缺少时为警告），以及满意度指标、成本指标（缺少时为
提示）。
原因：产出和效益是绩效目标的核心；满意度和成本指标是财预〔2021〕101号要求设置的核心指标。
示例：指标表只有数量指标和满意度指标，没有效益指标。
修正：补设缺少的指标。
表在中途被截断（Reading.truncated）时不检查。
""", facts=True)
def s006(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    if not facts.rows or _truncated(form):
        return
    kinds = set(facts.kinds)
    if "成本" not in kinds and any("成本" in r.ind.level2 for r in facts.rows):
        kinds.add("成本")  # older forms file 成本指标 under 产出指标
    for kind, sev in (("产出", None), ("效益", None), ("满意度", "info"), ("成本", "info")):
        if kind not in kinds:
            yield Hit(f"指标表中没有{kind}指标：补设{kind}指标", field="indicators", evidence={"missing": kind}, severity=sev)  # type: ignore[arg-type]


_TEMPLATE = re.compile(
    r"指标[1-9一二三四五六七八九]：|……|ＸＸ|XX|xx|\*\*|请填写|填写说明|（略）|【(?:请|待)(?:补充|填写|确认)[^】]*】|"
    r"（\d+字(?:以内|以下|左右)[）)]|\(\d+字(?:以内|以下|左右)[）)]|结合自评情况")
"""Template text a unit should have replaced: prompts (（100字以内）, 结合自评情况…),
placeholders (指标1：, XX, ≥**人) and a draft's visible 【请补充…】. A prompt that is the whole
text (说明…) is ``_PROMPT``'s: here every alternative opens with a literal, so a long 预期目标 is
searched quickly."""
_PROMPT = re.compile(r"(?:请)?(?:简要)?说明.{0,20}")
"""A whole text that is a prompt: 说明…, 请简要说明… (at most twenty characters after 说明)."""
_EMPTY_ITEMS = re.compile(r"(?:^|(?<=[。；;：:\s]))(\d{1,2})[.．、]\s*(?=\d{1,2}[.．、]\s*(?:\d{1,2}[.．、]\s*)*$)")
"""Numbered items left empty at the end of a text: "1.完成培训。2. 3."."""
_PLACES = ("项目名称", "预期目标", "实际完成情况", "评价结论", "存在问题", "改进措施")
_ROW_PLACES = ("三级指标", "年度指标值", "实际完成值", "偏差原因")


@lru_cache(maxsize=4096)
def _leftover(text: str) -> str | None:
    """The template text left in ``text``, if any (memoised: a pure function of one cell, and the
    same cells, ≥90%, 达成年度指标, recur form after form)."""
    flat = compact(text)
    m = _TEMPLATE.search(flat)
    if m is None or m.start() > 0:
        m = _PROMPT.fullmatch(flat) or m  # a prompt fills the whole text: it starts first
    if m:
        return m.group(0)
    text = text.strip()
    if text[-1:] not in (".", "．", "、"):
        return None  # empty numbered items stand at the end of a text
    m = _EMPTY_ITEMS.search(text)
    return f"{text[m.start():].strip()}（空的编号项）" if m else None


@rule("S007", "template-leftover", "warning", "模板文字未删除，或实际完成值、得分、总分等空白", doc="""
检查：名称、指标值和文字中是否残留模板文字或提示语（"指标1：""……""XX""≥**人""请填写""（100字以内）"
"结合自评情况……""说明……"、草稿中的"【请补充……】"），文字末尾是否留着空的编号项（"2. 3."）；三级指标的
实际完成值、得分，执行率、执行率得分和总分是否空白（执行率只在资金表有分值或得分列、且预算数和执行数
都印出时检查）；模板有评价结论、存在问题、改进措施栏的，是否空白。全表没有
任何得分的模板（转移支付表等）不检查得分和总分；表在中途被截断（Reading.truncated）的不检查总分。
含义变更：增加了提示语、空编号项、执行率空白（r017）、执行率得分空白和评价结论等栏空白的情形；没有扣分、没有
未达标指标的表，存在问题、改进措施栏写"无"是回答，不算空白（r048）。
原因：残留模板或空白说明表没有填完。
示例：三级指标名称仍是"指标1："；存在问题栏写"（100字以内）"；某项得分空白。
修正：删除模板文字，补填空白。
""", facts=True)
def s007(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    goal = form.goal
    for where, text in zip(_PLACES, (form.project or "", goal.planned, goal.achieved, form.conclusion or "",
                                     form.shortcomings or "", form.measures or "")):
        found = _leftover(text)
        if found:
            yield Hit(f"{where}中残留模板文字「{found}」：删除并填写实际内容", field=where, evidence={"text": found})
    for row in facts.rows:
        d = row.ind
        for where, text in zip(_ROW_PLACES, (d.name, row.target.text, row.actual.text, d.deviation)):
            found = _leftover(text)
            if found:
                yield Hit(f"{where}中残留模板文字「{found}」：删除并填写实际内容", indicator=d, field=where,
                          evidence={"text": found})
    for where, section in (("评价结论", form.conclusion), ("存在问题", form.shortcomings), ("改进措施", form.measures)):
        if section is not None and is_blank_text(section):
            if where != "评价结论" and compact(section).strip("。") == "无" and _flawless(facts):
                continue  # "无" is the answer of a form that lost no point (r048)
            yield Hit(f"{where}栏空白：填写{where}", field=where)
    for row in facts.rows:
        a = row.actual
        if a.value is None and a.tier is None and is_blank_text(a.text) and not row.answered:
            yield Hit("实际完成值空白：填写实际完成值", indicator=row.ind, field="actual")
        if row.score is None and row.weight is not None:
            yield Hit("得分空白：按完成情况填写得分", indicator=row.ind, field="score")
    total = form.funds.total
    if total.rate is None and total.budget and total.executed is not None and (
            form.funds.weight is not None or total.score is not None):
        rate = total.executed / total.budget * 100
        yield Hit(f"执行率空白：填写 全年执行数 ÷ 全年预算数 = {rate:.2f}%", field="funds.total.rate",
                  evidence={"expected": round(rate, 4)})
    if not facts.scored_any:
        return
    if form.funds.weight is not None and form.funds.total.score is None:
        yield Hit("执行率得分空白：按 min(执行率, 100%) × 分值 填写", field="funds.total.score")
    if form.total_score is None and form.indicators and not _truncated(form) and not _doubted(form, "total"):
        yield Hit("总分空白：填写总分（执行率得分加各指标得分）", field="total_score")


def _flawless(facts: FormFacts) -> bool:
    """Whether no row of the form lost a point or missed its target."""
    return not any(r.deducted or r.met is False for r in facts.rows)


_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
"""A year written with 年 (``_years`` drops one glued to a digit before it)."""


@rule("S008", "year-mismatch", "warning", "表头年度与年度总体目标所述年度不符", doc="""
检查：实际完成情况中提到的年份（如"截至 2023年 12月 31日"）是否包含表头的年度；预期目标提到的年份是否都
早于表头年度（照抄上一年的目标）。
含义变更：增加了预期目标中的年份。
原因：照抄上一年的自评表，最常见的痕迹就是年份没改。
示例：表头"（2024年度）"，实际完成情况写"截至 2023年 12月 31日"；或预期目标写"2023年计划开展……"。
修正：核对年度，更新实际完成情况或预期目标中的年份。
""", reads=("header", "goal"))
def s008(form: Form, settings: Settings) -> Iterator[Hit]:
    if form.year is None:
        return
    achieved = _years(form.goal.achieved)
    if achieved and form.year not in achieved:
        yield Hit(f"表头为 {form.year} 年度，实际完成情况提到的却是 {'、'.join(map(str, achieved))} 年：把年份改为 "
                  f"{form.year} 年，并核对完成情况是否是本年度的", field="goal.achieved",
                  evidence={"year": form.year, "narrative_years": achieved})
    planned = _years(form.goal.planned)
    if planned and max(planned) < form.year:
        yield Hit(f"表头为 {form.year} 年度，预期目标提到的却是 {'、'.join(map(str, planned))} 年：把预期目标改为 "
                  f"{form.year} 年度的目标", field="goal.planned", evidence={"year": form.year, "narrative_years": planned})


def _years(text: str) -> list[int]:
    """The distinct years ``text`` writes with 年, in order of value.

    The pattern opens with a literal, which the regex engine finds by a fast scan; a year glued
    to a digit before it (12024年) is part of another number and is dropped here.
    """
    return sorted({int(m[0][:4]) for m in _YEAR.finditer(text) if not text[m.start() - 1 : m.start()].isdecimal()})
