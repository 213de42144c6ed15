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
from typing import Any

from ..config import Settings
from ..model import Form
from ..values import Quantity
from . import Hit, rule
from ._align import (
    STRONG,
    _core_pairs,
    clause_before,
    core_grams,
    grams_of,
    pairs_of,
    similarity,
    similarity_in,
)
from ._common import compact, fmt, fmt_value
from ._facts import FormFacts, Row
from ._narr_align import (
    Aligned,
    align_rows,
    comparable,
    convertible,
    family,
    normal_unit,
    prepared,
    quantities,
    rank,
    same_value,
)
from .funds import execution_rate

__all__ = ["Aligned", "align_achieved", "align_rows", "quantities"]


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
含义变更：以万、亿计的金额按数值比较："24亿元"与指标表中不带单位的"24亿"（单位栏为元）是同一个数，不再报告（r056）。
""", facts=True)
def n001(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for a in facts.aligned:
        if a.kind == "contradiction" and a.indicator is not None:
            yield Hit(f"实际完成情况写「{a.context}{_qtext(a.q)}」，指标「{a.indicator.name}」的实际完成值却是 "
                      f"{fmt_value(a.indicator.actual)}：核对台账，统一两处数字", indicator=a.indicator, field="goal.achieved",
                      evidence={"narrative": a.q.value, "narrative_unit": a.q.unit, "table": a.expected})
        elif a.kind == "funds-contradiction":
            what = "执行率" if a.q.unit == "%" else "资金"
            shown = f"{fmt(a.expected)}%" if a.q.unit == "%" else f"{fmt(a.expected)}{form.funds.unit}"
            yield Hit(f"实际完成情况写「{a.context}{_qtext(a.q)}」，资金表的{what}却是 {shown}：按资金表改正文字中的数",
                      field="goal.achieved",
                      evidence={"narrative": a.q.value, "narrative_unit": a.q.unit, "table": a.expected})


_PEOPLE = {"people", "person_times"}


@rule("N002", "narrative-unit-differs", "warning", "文字与指标表的单位不同（人次/人为警告，场/次等措辞为提示）", doc="""
检查：与指标对应上的数字，文字中的单位与指标表的单位是否相同。含义不同（人次与人、金额与数量）为警告；
只是措辞不同（场与次、个与区、篇与次）为提示。
原因：人次统计的是参与次数，人统计的是人数，二者不能混用；措辞不一也会让读者疑惑。
示例：文字"受众人数 3000人次"，指标"受众人数 ≥2000(人) 3000(人)"。
修正：统一口径；人次和人要按实际统计口径填写。
""", facts=True)
def n002(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for a in facts.aligned:
        if a.kind != "indicator" or a.indicator is None or a.q.unit == a.indicator.actual.unit:
            continue
        qu, tu = normal_unit(a.q.unit), normal_unit(a.indicator.actual.unit)
        noun = getattr(a.q, "noun", None)
        if not qu or not tu or qu == tu or (noun or "").startswith(tu) or convertible(qu, tu):
            continue
        fq, ft = family(qu), family(tu)
        wording = fq is not None and fq == ft and fq not in _PEOPLE
        kind = "只是措辞不同" if wording else "含义不同"
        yield Hit(f"实际完成情况写「{_qtext(a.q)}」（{qu}），指标「{a.indicator.name}」为 {fmt_value(a.indicator.actual)}"
                  f"（{tu}）：单位{kind}，按实际统计口径统一单位", indicator=a.indicator, field="goal.achieved",
                  evidence={"narrative_unit": qu, "table_unit": tu}, severity="info" if wording else None)


_COST_CLAIM = re.compile(r"成本节约|节约成本|节省成本|降低成本|成本降低|节约资金|节约经费")
"""Every match holds 节 or 成本."""
_ALL_DONE = re.compile(r"全面完成|全部完成|均已完成|均完成|圆满完成|顺利完成|全面达成|全部达成|均已达成|均达到|全部达到|均超额完成")
"""Every match opens with 全, 均, 圆 or 顺."""
_DEGREE, _RISE = "(?:有效|明显|显著|大幅)", "(?:提升|提高|改善|增强)"
_IMPROVED = re.compile(f"得到{_DEGREE}{_RISE}|获得{_DEGREE}{_RISE}|" + "|".join(f"{w}{_RISE}" for w in ("有效", "明显", "显著", "大幅")))
"""(得到|获得)?(有效|明显|显著|大幅)(提升|提高|改善|增强), spelt as alternatives that each open with
a literal, so that the regex engine skips to their first characters instead of trying the
pattern at every position of the paragraph; the matches are the same. Every match holds one of
提, 改, 增 and one of 有, 明, 显, 大."""


@rule("N003", "narrative-claim-contradicts", "warning", "文字中的定性说法与指标表矛盾", doc="""
检查：实际完成情况中没有数字的说法，与对应指标是否矛盾："成本节约"而成本节约率为 0%；"全面完成"而有目标
未达到或定性指标未完全达成；"有效提升"而对应指标低于"达成"档或未达到目标。
原因：文字夸大、表中扣分，评审会认为自评不实。
示例："成本节约"，指标"成本节约率 ≥0.00(%) 0.00(%)"。
修正：删除或改写与表不符的说法，或在文字中给出依据。
""", facts=True)
def n003(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    flat = facts.achieved
    if not flat:
        return
    # Each phrase search below runs only when the characters all its matches hold occur: a scan of
    # the paragraph by a one-character ``in`` costs a fraction of the alternation's.
    m = _COST_CLAIM.search(flat) if "节" in flat or "成本" in flat else None
    if m:
        for ind in facts.leaves:
            if ("节约" in ind.name or "成本" in ind.name) and ind.actual.value is not None and ind.actual.value <= 0:
                yield Hit(f"实际完成情况称「{m.group(0)}」，但「{ind.name}」的实际完成值为 {fmt_value(ind.actual)}："
                          f"删除该说法，或给出依据",
                          indicator=ind, field="goal.achieved", evidence={"claim": m.group(0), "actual": ind.actual.value})
    m = _ALL_DONE.search(flat) if "全" in flat or "均" in flat or "圆" in flat or "顺" in flat else None
    low = facts.lows
    if m and low:
        names = "、".join(f"「{r.ind.name}」" for r in low)
        yield Hit(f"实际完成情况称「{m.group(0)}」，但 {names} 未达到目标或未完全达成：改写为如实的完成情况",
                  field="goal.achieved",
                  evidence={"claim": m.group(0), "shortfalls": [r.ind.name for r in low]})
    if not (("提" in flat or "改" in flat or "增" in flat) and ("有" in flat or "明" in flat or "显" in flat or "大" in flat)):
        return
    if not low:  # a claim contradicts only a row below target or tier
        return
    for m in _IMPROVED.finditer(flat):
        ctx = clause_before(flat, m.start())
        words = compact(ctx)
        # The best row counts only if it is below and scores STRONG: when no row below scores that
        # much, no row can be both. ``similarity_in`` of the compacted clause is ``similarity``
        # (same bigrams, counted by substring search), without building the clause's bigram set.
        if all(similarity_in(words, r.ind.name) < STRONG for r in low):
            continue
        grams = grams_of(words)
        # The first of the best, as max() would pick; rows sharing nothing score 0 and can only be
        # that best when every row scores 0, which is below STRONG anyway.
        score, best = 0.0, None
        for r in facts.rows:
            sim = similarity(ctx, r.ind.name, _ctx=grams)
            if sim > score:
                score, best = sim, r
        if best is not None and score >= STRONG and best.below:
            ind = best.ind
            yield Hit(f"实际完成情况称「{ctx}{m.group(0)}」，但「{ind.name}」为 {fmt_value(ind.actual)}，"
                      f"得分 {fmt(ind.score)}/{fmt(ind.weight)}：删除或改写该说法", indicator=ind, field="goal.achieved",
                      evidence={"claim": ctx + m.group(0)})


@rule("N004", "promise-without-indicator", "info", "预期目标中承诺的数量没有对应指标，或与指标目标不同", doc="""
检查：预期目标中带数的承诺（如"全年开展不少于 60场次"）是否有目标值相同的指标；按名称能对应上但目标值不同
的，也报告。同一文件中另一张表有目标值相同（数值相等、单位可比）的指标时不报告：总项目的预期目标常逐段
照录子项目的承诺，这些承诺由子项目表中的指标衡量。
含义变更：此前逐表检查，总项目表上照录的子项目承诺每条都被报告（示例文件的 5 张表，全部为"优"，有 3 条
这样的提示）；现在按文件检查，只有整个文件中都找不到对应指标的承诺才报告。
原因：预期目标与指标是同一件事的两种写法，对不上说明指标设置遗漏或改了目标没改文字。
示例：预期目标"不少于 80次"，本表和同一文件的其他表都没有 80 次的目标。
修正：补设指标，或统一预期目标与指标值。
""", scope="file", facts=True)
def n004(forms: list[Form], settings: Settings, facts: list[FormFacts]) -> Iterator[Hit]:
    targets: dict[float, list[tuple[int, str | None]]] | None = None  # value → (form, unit), built when needed
    for k, (form, form_facts) in enumerate(zip(forms, facts)):
        for hit, q in _promises(form, form_facts):
            if len(forms) > 1:
                if targets is None:
                    targets = _targets_by_value(forms)
                if any(j != k and comparable(q, unit) for j, unit in targets.get(round(q.value, 6), ())):
                    continue  # measured on another form of the file (an umbrella's sub-project)
            yield hit


def _targets_by_value(forms: list[Form]) -> dict[float, list[tuple[int, str | None]]]:
    """Every numeric 年度指标值 of the file's forms, by value: a promise is looked up, not compared
    with every row of every form (a file may hold thousands of forms)."""
    out: dict[float, list[tuple[int, str | None]]] = {}
    for j, f in enumerate(forms):
        for i in f.indicators:
            if (t := i.target).value is not None:
                out.setdefault(round(t.value, 6), []).append((j, t.unit))
    return out


def _promises(form: Form, facts: FormFacts) -> Iterator[tuple[Hit, Quantity]]:
    """N004 on one form: each promise of 预期目标 with no indicator of the same target, and the
    quantity promised."""
    flat = facts.planned
    targets: list[tuple[float, str | None, Row]] | None = None
    rows: list[Any] | None = None
    for q in facts.planned_quantities:
        if not q.unit or q.unit == "%" and q.value in (0, 100):
            continue
        if targets is None:  # (value, unit, row) read once per form, and only when a promise counts
            targets = [(t.value, t.unit, r) for r in facts.rows if (t := r.target).value is not None]
        if any(same_value(q, v, u) and comparable(q, u) for v, u, _r in targets):
            continue
        ctx = clause_before(flat, q.start)
        if rows is None:
            rows = prepared([r for _v, _u, r in targets], target=True)  # once per form, when needed
        cands = rank(ctx, rows, q.noun, STRONG)
        if cands:
            ind = cands[0][1][2]
            yield Hit(f"预期目标承诺「{ctx}{_qtext(q)}」，指标「{ind.name}」的目标却是 {fmt_value(ind.target)}："
                      f"统一预期目标与年度指标值", indicator=ind, field="goal.planned", form=form,
                      evidence={"planned": q.value, "target": ind.target.value}), q
        else:
            yield Hit(f"预期目标承诺「{ctx}{_qtext(q)}」，指标表中没有目标值相同的指标：补设指标，或改正预期目标",
                      field="goal.planned", form=form, evidence={"planned": q.value, "unit": q.unit}), q


_NUMBERING = re.compile(r"目标[0-9一二三四五六七八九十]+[：:]|[（(]?[0-9一二三四五六七八九十]+[)）.、．]|[，。；;：:、,.！!]")
_NUMBERING_CHARS = frozenset("目标0123456789一二三四五六七八九十：:（()）.、．，。；;,！!")
"""Every character a ``_NUMBERING`` match can hold: stripping removes no other."""


def _strip_numbering(text: str) -> str:
    """A paragraph without its item numbers and punctuation ("目标1：", "1.", "（一）"), so that a
    copy that renumbered the items reads as the copy it is."""
    return _NUMBERING.sub("", text)


@rule("N005", "narrative-empty-or-copied", "warning", "预期目标或实际完成情况空白，或完成情况照抄预期目标", doc="""
检查：年度总体目标的预期目标、实际完成情况是否为空；实际完成情况与预期目标是否（几乎）相同（字符二元组
重合 ≥ 80%，长度相差不超过 25%）；或实际完成情况只是预期目标中的一段（如照抄了预期目标的末句），编号和
标点不计。
含义变更：增加了"照抄预期目标的一段"的情形；表在中途被截断（Reading.truncated）而两栏都没有读到时，
不报空白（可能截在目标之前，或该模板没有这一栏）。
原因：完成情况应写实际做了什么、做到多少，照抄目标等于没有自评。
示例：实际完成情况与预期目标一字不差；或预期目标末句"发挥文物的宣传教育价值。"被当作完成情况。
修正：按实际完成的数量、质量、时效写完成情况。
""", facts=True)
def n005(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    planned, achieved = facts.planned, facts.achieved
    unseen = not (planned or achieved) and form.reading is not None and form.reading.truncated
    for text, cn, field in ((planned, "预期目标", "goal.planned"), (achieved, "实际完成情况", "goal.achieved")):
        if not text and not unseen:
            yield Hit(f"年度总体目标的{cn}空白：填写{cn}", field=field)
    if not (planned and achieved):
        return
    if abs(len(planned) - len(achieved)) <= 0.25 * max(len(planned), len(achieved)):
        a, b = pairs_of(planned), pairs_of(achieved)
        overlap = len(a & b) / max(1, min(len(a), len(b)))
        if overlap >= 0.8 and abs(len(a) - len(b)) <= 0.25 * max(len(a), len(b)):
            yield Hit(f"实际完成情况与预期目标几乎相同（重合 {overlap * 100:.0f}%），像是照抄：按实际完成的数量、"
                      f"质量、时效改写实际完成情况", field="goal.achieved", evidence={"overlap": round(overlap, 4)})
            return
    if len(achieved) >= len(planned):
        return  # a part of 预期目标 is shorter than the whole
    if any(c not in planned for c in achieved if c not in _NUMBERING_CHARS):
        return  # a character that stripping keeps is missing from 预期目标: no part of it (the usual case)
    bare_planned, bare_achieved = _strip_numbering(planned), _strip_numbering(achieved)
    if len(bare_achieved) >= 8 and len(bare_achieved) < len(bare_planned) and bare_achieved in bare_planned:
        yield Hit(f"实际完成情况「{achieved[:30]}」只是照抄了预期目标中的一段：按实际完成的数量、质量、时效改写"
                  f"实际完成情况", field="goal.achieved", evidence={"overlap": 1.0, "part_of_planned": True})


_DONE_CLAIM = re.compile(_ALL_DONE.pattern + r"|已完成(?=[。，；;,]|$|(?:年度|全年|全部|各项|既定|预期)?(?:目标|任务))"
                         r"|完成(?:了)?(?:年度|全年|既定|预期)(?:目标|任务)|达到预期(?:目标|效果)?")
"""A claim that everything was done: 全面完成, 均已完成, 已完成。, 完成年度目标, 达到预期."""


@rule("N006", "low-execution-full-claims", "warning", "执行率偏低，文字或全部产出指标却称全部完成", doc="""
检查：执行率低于 execution-floor（默认 90%）时，实际完成情况是否称"全面完成""已完成""完成年度目标"之类；
执行率低于 low-execution（默认 60%）时，全部产出指标是否都已达到目标或得满分（没有分值列的表，按一级指标
标题中的分值判断满分）。
执行率取资金表（年度资金总额为 0 时取其中各行之和），没有资金表得分的模板取"预算执行率"指标行。
含义变更：此前只在执行率低于 60% 时检查文字，且不认"已完成"；现在 90% 以下就检查（与 F007 同一门槛）。
原因：钱没花完，产出却全部完成，要么预算编得过大，要么产出不实。
示例：执行率 86.5%，实际完成情况"各项任务全面完成"，而两项指标未达到目标。
修正：核实产出数据，在实际完成情况中如实写明未完成的部分和资金结余的原因。
""", facts=True, reads=("funds", "indicators"))
def n006(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    rate = execution_rate(form)
    if rate is None or rate >= settings.execution_floor * 100 - 1e-9:
        return
    m = _DONE_CLAIM.search(facts.achieved)
    outputs = [r for r in facts.rows if "产出" in r.ind.level1]
    all_full = (rate < settings.low_execution * 100 and bool(outputs)
                and all(facts.full(r) or r.met or r.tier == "achieved" for r in outputs))
    if not (m or all_full):
        return
    why = f"实际完成情况称「{m.group(0)}」" if m else f"全部 {len(outputs)} 项产出指标均已完成或得满分"
    missed = [r.ind.name for r in facts.lows]
    also = f"，且{'、'.join(f'「{n}」' for n in missed)}未达到目标" if m and missed else ""
    yield Hit(f"执行率仅 {fmt(round(rate, 2))}%，{why}{also}：核实产出，在实际完成情况中写明未完成的部分和资金结余的原因",
              field="goal.achieved",
              evidence={"rate": round(rate, 4), "claim": m.group(0) if m else None, "outputs_full": all_full,
                        "missed": missed})


@lru_cache(maxsize=4096)
def _probes(name: str) -> tuple[tuple[str, ...], int, tuple[str, ...], int] | None:
    """What :func:`_named_in` looks for in a text, worked out once per name: the core's distinct
    bigrams, how many of them make half (``2 * found >= len``, which is ``found / len >= 0.5``
    for these small counts), the core's four-character runs, and the fewest distinct bigrams
    any run has; ``None`` for a one-character core, which :func:`similarity_in` compares by its
    grams instead."""
    pairs = _core_pairs(name)
    if pairs is None:
        return None
    core = core_grams(name)[0]
    quads = tuple(core[i : i + 4] for i in range(len(core) - 3))
    fewest = min((len({q[:2], q[1:3], q[2:]}) for q in quads), default=len(core))
    return pairs, (len(pairs) + 1) // 2, quads, fewest


def _named_in(flat: str, name: str) -> bool:
    """Whether the compacted text speaks of the indicator: half its core words, or four
    characters in a row of it ("长效管理机制需进一步完善" speaks of 长效管理制度健全性).

    ``similarity_in(flat, name) >= 0.5``, counting found bigrams only until half are found; a
    four-character run occurs only if its distinct bigrams all do, so with fewer found than any
    run has, no run is looked for."""
    probes = _probes(name)
    if probes is None or len(flat) < 2:
        if similarity_in(flat, name) >= 0.5:
            return True
        core = core_grams(name)[0]
        return any(core[i : i + 4] in flat for i in range(len(core) - 3))
    pairs, half, quads, fewest = probes
    left = half
    for g in pairs:
        if g in flat:
            left -= 1
            if not left:
                return True
    return half - left >= fewest and any(q in flat for q in quads)


@rule("N007", "narrative-unaligned", "info", "文字中的数字找不到对应指标，或指标在文字中从未提及", doc="""
检查：实际完成情况中无法对应到任何指标或资金数的数字；以及实际完成情况从未提及（既无数字也无名称）的
三级指标。
原因：对不上的数字无法核实；完全不提的指标，完成情况是否属实只能看表。
示例：文字"建设 8个科技小院"而表中没有相应指标；满意度指标在文字中从未出现。
修正：在完成情况中按指标逐项写明完成的数量，删除无从核实的数字。
""", facts=True)
def n007(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    mentioned = set()
    for a in facts.aligned:
        if a.kind == "unmatched" and not (a.q.unit is None and _ITEM_WORD.search(a.context)):
            yield Hit(f"实际完成情况中的「{a.context}{_qtext(a.q)}」找不到对应的指标或资金数：补设指标，或删去无从核实的数字",
                      field="goal.achieved",
                      evidence={"value": a.q.value, "unit": a.q.unit})
        if a.indicator is not None:
            mentioned.add(id(a.indicator))
    flat = facts.achieved
    if not flat:
        return
    silent = [i for i in facts.leaves if id(i) not in mentioned and not _named_in(flat, i.name)]
    if silent:
        names = "、".join(f"「{i.name}」" for i in silent)
        yield Hit(f"实际完成情况没有提及 {names}：在实际完成情况中写明这些指标的完成情况", field="goal.achieved",
                  evidence={"indicators": [i.name for i in silent]})


_ITEM_WORD = re.compile(r"(?:目标|指标|任务|措施|问题|第)$")
"""A bare number after these words numbers the text's items (目标1, 指标2): not a quantity."""


_NO_DEVIATION = re.compile(_ALL_DONE.pattern + r"|无偏差|没有偏差|不存在偏差|不存在.{0,12}偏离|无未完成|已全部完成")


@rule("N008", "no-deviation-claim", "warning", "评价结论或原因栏称“无偏差”“全部完成”，而执行率低于 90% 或有指标未达到", doc="""
检查：评价结论、存在问题、资金表的原因栏（四川）或资金管理情况（转移支付表）中称"无偏差""全部完成"
"不存在执行数偏离预算数较多的问题"之类，而执行率低于 execution-floor（默认 90%）或有指标未达到目标。
原因：结论与表中的数字矛盾，评审会认为自评不实。
示例：执行率 85.75%，资金管理情况称"不存在执行数偏离预算数较多的问题"（r034）；执行率 57.89%（r040）。
修正：改写结论，如实说明未执行的资金和未达到的指标及其原因。
""", facts=True)
def n008(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    rate = execution_rate(form)
    low = rate is not None and rate < settings.execution_floor * 100 - 1e-9
    missed = [r.ind.name for r in facts.lows]
    if not (low or missed):
        return
    for where, text in (("评价结论", form.conclusion), ("存在问题", form.shortcomings), ("资金表的原因栏", form.funds.reason)):
        m = _NO_DEVIATION.search(compact(text or ""))
        if m is None:
            continue
        facts_cn = []
        if low:
            facts_cn.append(f"执行率仅 {fmt(round(rate, 2))}%")  # type: ignore[arg-type]
        if missed:
            facts_cn.append(f"{'、'.join(f'「{n}」' for n in missed)}未达到目标")
        yield Hit(f"{where}称「{m.group(0)}」，但{'，'.join(facts_cn)}：改写{where}，如实说明偏差及其原因",
                  field=where, evidence={"claim": m.group(0), "rate": rate, "missed": missed})
