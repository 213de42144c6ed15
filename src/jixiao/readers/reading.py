"""The reading check: structural cross-checks that a correct reading of a form passes.

A reader that shifted a column, took a header for a row or glued two cells together produces a
form that looks like a form but breaks the table's own arithmetic and words: an indicator named
"年度指标值", a name holding "|", scores above their weights in row after row, 执行率 nowhere near
B/A. Such an area is put in ``Reading.doubtful`` with a Chinese problem, and the checker does not
run the rules that read it: a misreading must never become a finding about the unit's form.

The checks look for what misreading produces (many rows failing, or a value off by far more than
a slip), and leave a single slip by the unit (one score 0.5 over its weight, a rate printed
95.1% for 95.0%) to the rules that report it (Q003, F001, S002).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from ..model import Area, Form, Indicator, Reading
from .templates import OTHER, Template, by_name
from .vocabulary import LEVEL1, LEVEL2, is_header_word, is_placeholder

__all__ = ["check_reading", "attach_reading", "indicator_problem"]

_AREA_ORDER: tuple[Area, ...] = ("header", "funds", "goal", "indicators", "total")


def attach_reading(
    form: Form,
    *,
    template: Template | str | None,
    shape: str | None,
    truncated: bool = False,
    seen: Collection[str] = (),
    problems: Collection[tuple[Area, str]] = (),
) -> Form:
    """Set ``form.reading`` from how it was read and what the cross-checks say; returns ``form``.

    ``seen``: sections whose header the reader found ("goal" when a 年度总体目标 row was there),
    so an empty section that was printed is doubted while one the form lacks is not.
    ``problems``: what the reader itself could not place, as (area, message).
    """
    tpl = template if isinstance(template, Template) else by_name(template)
    strict = shape not in CELL_SHAPES
    found = list(problems) + check_reading(form, tpl, truncated=truncated, seen=seen, strict=strict)
    areas = {area for area, _ in found}
    doubtful = [a for a in _AREA_ORDER if a in areas]
    form.reading = Reading(
        template=tpl.name,
        shape=shape,
        doubtful=doubtful,
        problems=list(dict.fromkeys(message for _, message in found)),
        truncated=truncated,
    )
    return form


CELL_SHAPES = frozenset({"xlsx", "docx", "pdf"})
"""Shapes whose cells come with their places (a workbook, a Word table, a PDF table): an empty
cell there is empty in the form. In text the cells are recovered, so a part that came out empty
may just as well have been missed."""


def check_reading(
    form: Form, template: Template, *, truncated: bool = False, seen: Collection[str] = (), strict: bool = False
) -> list[tuple[Area, str]]:
    """Every failed cross-check of ``form`` as (area, Chinese problem), in area order.

    ``strict`` (text shapes): a goal or a total that the template prints but the reader did not
    find is doubted rather than taken as left blank by the unit, so "预期目标空白" or "总分空白" is
    never said of a form whose text was merely not understood.
    """
    out: list[tuple[Area, str]] = []
    out += _header(form)
    out += _funds(form)
    total = form.funds.total
    if strict and total.budget is None and total.executed is None and (total.rate is not None or total.score is not None):
        out.append(("funds", "年度资金总额只读到执行率或得分，没有读到预算数和执行数"))
    if not form.goal.planned and not form.goal.achieved:
        if "goal" in seen:
            out.append(("goal", "有“年度总体目标”一栏，但没有读到预期目标或实际完成情况的文字"))
        elif strict and _prints(template, "goal") and not (truncated and not form.indicators):
            # a form cut before its indicator table may have been cut before its goal too
            out.append(("goal", "没有读到年度总体目标（预期目标、实际完成情况）"))
    if "indicators" in seen and not form.indicators:
        out.append(("indicators", "有绩效指标表（一级指标、二级指标、三级指标），但认不出指标值、完成值等列，没有读取绩效指标"))
    out += _indicators(form)
    out += _weights(form, template, truncated=truncated)
    out += _total(form, template)
    if strict and not truncated and form.total_score is None and _prints(template, "total"):
        out.append(("total", "没有读到总分"))
    return out


def _prints(template: Template, part: str) -> bool:
    """Whether forms of ``template`` surely print ``part``: an unknown template may not (a table
    of 目标值 / 完成值 alone), so a part missing there is neither doubted nor the unit's omission."""
    return template is not OTHER and template.has(part)


def _bad_text(text: str | None) -> bool:
    """A name that is no name: a header word, or cells glued with their "|" separators."""
    return text is not None and ("|" in text or is_header_word(text))


def _header(form: Form) -> list[tuple[Area, str]]:
    for label, text in (("项目名称", form.project), ("主管部门", form.department), ("实施单位", form.implementer)):
        if _bad_text(text):
            return [("header", f"{label}读成了“{_short(text or '')}”，不像是{label}")]
        if text is not None and len(text) > 80:
            return [("header", f"{label}读成了 {len(text)} 个字的一长段文字“{_short(text)}”，可能连着后面的单元格")]
    return []


def _funds(form: Form) -> list[tuple[Area, str]]:
    """执行率 ≈ B/A on every row that prints all three, and the score within its points."""
    funds = form.funds
    rows = {"年度资金总额": funds.total, **funds.sub_rows()}
    for label, row in rows.items():
        if row is not None and row.rate is not None and row.rate > 1000:
            return [("funds", f"项目资金「{_name(label)}」的执行率读成了 {row.rate:.0f}，几个数字可能连在了一起")]
        if row is None or row.rate is None or not row.budget or row.executed is None:
            continue
        ratio = row.executed / row.budget * 100
        if ratio <= 0:
            continue
        # a wrong rate the unit printed is F001's; a rate off by more than half is another column
        if not (0.5 <= row.rate / ratio <= 2 or 0.5 <= row.rate * 100 / ratio <= 2):
            return [("funds", f"项目资金「{_name(label)}」的执行率 {row.rate:g} 与 执行数/预算数（{ratio:.2f}%）相差太远，列可能没有对齐")]
    score, weight = funds.total.score, funds.weight
    if score is not None and weight is not None and score > weight * 1.5 + 0.01:
        return [("funds", f"项目资金的得分 {score:g} 远大于分值 {weight:g}，列可能没有对齐")]
    return []


def _name(label: str) -> str:
    return {"appropriation": "财政拨款", "carryover": "上年结转资金", "other": "其他资金"}.get(label, label)


def indicator_problem(ind: Indicator) -> str | None:
    """What shows that an indicator row was misread (a name that is no name, cells not parted),
    in Chinese; ``None`` when nothing does."""
    if _not_a_name(ind.name):
        return f"指标名称读成了“{_short(ind.name)}”，指标行可能错位"
    if "|" in ind.target.text or "|" in ind.actual.text:
        return f"指标「{_short(ind.name)}」的指标值或完成值含有“|”，单元格没有分开"
    if is_header_word(ind.target.text) or is_header_word(ind.actual.text):
        return f"指标「{_short(ind.name)}」的指标值或完成值读成了表头文字"
    if ind.target.is_blank and ind.actual.is_blank and (len(_AMOUNT.findall(ind.name)) >= 2 or _GLUED_END.search(ind.name)):
        return f"指标「{_short(ind.name)}」的名称里夹着几个数值，这一行的单元格没有分开"
    if _glued_rows(ind.name) or (len(ind.name) > _NAME_MAX and ind.target.is_blank and ind.actual.is_blank):
        return f"指标「{_short(ind.name)}」的名称里夹着别的行（一级、二级指标名或一长段文字）：几行指标可能连在了一起没有分开"
    return None


def _indicators(form: Form) -> list[tuple[Area, str]]:
    out: list[tuple[Area, str]] = [
        ("indicators", problem) for ind in form.indicators if (problem := indicator_problem(ind)) is not None
    ]
    over = [i for i in form.indicators if _over(i)]
    scored = [i for i in form.indicators if i.score is not None and i.weight is not None]
    if len(over) >= 2 and len(over) * 3 >= len(scored):
        names = "、".join(_short(i.name, 12) for i in over[:3])
        out.append(("indicators", f"{len(over)} 个指标的得分大于分值（{names}），分值与得分列可能错位"))
    return out[:3]


_AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*(?:[%‰]|人次|万元|平方米|公里|小时|[件个人次台套项场元米吨户所天篇期])")
"""A number with its unit: a name holding two of them, with no target or actual beside it, is a
whole row whose cells were glued into the name (``…的音50件50件…100件``)."""


_GLUED_END = re.compile(r"\d\.\d+\.\d+%?$")
"""A name that ends in two decimal numbers run together (``…达成指标10.0010.00``): a glued row
whose values were not cut from it."""


_LABELS = re.compile("|".join(sorted({w for w in (*LEVEL1, *LEVEL2) if len(w) >= 4}, key=len, reverse=True)))
"""一级/二级 labels (产出指标, 数量指标…): a name holding two of them is several rows glued into
one cell."""


@lru_cache(maxsize=8192)
def _glued_rows(name: str) -> bool:
    """Whether ``name`` holds two 一级/二级 labels: rows run together."""
    return len(_LABELS.findall(name)) >= 2


_NAME_MAX = 60
"""Longer than any name printed alone: with no value beside it, such a "name" is rows run together."""


def _over(ind: Indicator) -> bool:
    return ind.score is not None and ind.weight is not None and ind.score > ind.weight + 0.01


def _weights(form: Form, template: Template, *, truncated: bool) -> list[tuple[Area, str]]:
    """Weights add up: to each section header's points, and with 执行率's to the total."""
    leaves = [i for i in form.indicators if i.parent is None]
    out: list[tuple[Area, str]] = []
    for level1, points in form.section_weights.items():
        rows = [i for i in leaves if i.level1 == level1]
        if truncated or not rows or any(i.weight is None for i in rows):
            continue
        total = sum(i.weight or 0.0 for i in rows)
        if abs(total - points) > max(0.5, points * 0.2):
            out.append(("indicators", f"{level1}各指标分值之和 {total:g} 与表头的 {points:g} 分相差太远，指标行可能读错"))
    weights = [i.weight for i in leaves]
    if truncated or not weights or None in weights or not template.has("weights"):
        return out
    expected = form.total_weight if form.total_weight is not None else template.total
    if expected is None:
        return out
    total = sum(w or 0.0 for w in weights) + (form.funds.weight or 0.0)
    if total > expected * 1.5 or total < expected * 0.5:
        out.append(("indicators", f"分值合计 {total:g} 与总分 {expected:g} 相差太远，分值列可能读错"))
    return out


def _total(form: Form, template: Template) -> list[tuple[Area, str]]:
    score, weight = form.total_score, form.total_weight
    ceiling = weight if weight is not None else template.total
    if score is not None and ceiling is not None and score > ceiling * 1.5 + 0.01:
        return [("total", f"总分 {score:g} 远大于满分 {ceiling:g}，总分行可能读错")]
    if weight is not None and template.total is not None and not (template.total * 0.5 <= weight <= template.total * 1.5):
        return [("total", f"总分的分值读成了 {weight:g}，不像是满分 {template.total:g}")]
    return []


@lru_cache(maxsize=8192)
def _not_a_name(name: str) -> bool:
    """An indicator's name that is no name: a header word, cells glued, a placeholder or a number."""
    return _bad_text(name) or is_placeholder(name) or _is_number(name)


def _is_number(text: str) -> bool:
    return text.replace(".", "", 1).replace("%", "").strip().isdigit()


def _short(text: str, limit: int = 20) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
