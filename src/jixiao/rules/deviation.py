"""D: the 偏差原因分析及改进措施 box: required where something deviates, and concrete.

``deviation_gaps`` is public: the LLM side's guard runs it on drafted text, so what counts as
"concrete" is decided here once (rules.md §5: the fact, the cause, the measure, who and when).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..config import Settings
from ..model import Form, Indicator
from . import Hit, rule
from ._common import compact, fmt, fmt_value, is_blank_text
from ._direction import inferred_note
from ._facts import FormFacts, Row

__all__ = ["deviation_gaps", "deviation_reasons", "states_cause", "explains_deduction", "CAUSE", "VAGUE_CAUSE"]

VAGUE_CAUSE = re.compile(r"(?:客观|主观|其他|多种|各种|诸多|一些|多方面|某些)(?:因素|原因)")
"""Phrases that name no cause ("客观原因"): dropped before looking for a cause word."""
CAUSE = re.compile(
    r"由于|因为|因(?!此)|原因|导致|致使|造成|受.{0,12}影响|未能|未按|未及时|未留存|未保留|未存档|未归档|未整理|未统计|"
    r"未记录|未落实|未开展|未进行|未到|未拨付|未签订|未启动|未出台|未印发|未制定|尚未|没有|遗失|丢失|损毁|"
    r"缺乏|缺少|不足|不够|滞后|延迟|推迟|延期|取消|暂停|调整|变更|减少|增加|下降|上升|偏低|偏高|过高|过低|偏少|偏多|"
    r"不到位|不完善|不规范|不充分|疫情|政策|天气|需求|招标|采购|合同|付款|审批|验收|结算|人员变动|人手")
"""Words that make a text state a cause; "需进一步完善" and "有待加强" state none. The one list
shared by the rules (D001, D002, Q005, Q006) and the drafts' evidence (``llm.evidence``), so a
unit's own words and a model's draft are held alike."""
_MEASURE = re.compile(
    r"加强|建立|完善|制定|落实|开展|调整|优化|健全|留存|存档|归档|规范|提高|改进|细化|合理|组织|做好|强化|督促|"
    r"跟踪|按期|重新|修订|采取|确保|实行|实施|定期|及时|增设|设立|补充|补办|补齐|补录|核实|测算|编制|引入|委托")
_WHEN = re.compile(
    r"\d{4}\s*年|\d{1,2}\s*月|下一?年度?|明年|次年|来年|年底|年末|年内|季度|月底|月末|上半年|下半年|之前|以前|"
    r"前完成|周内|日内|个月内|预算编制|编制.{0,6}预算|每年|每季|每月|每半年|即日起|立即|本周期|下一周期|下个周期")
_WHO = re.compile(
    r"由.{1,12}(?:负责|牵头|落实|承担)|负责|牵头|责任|[科处室部组股]负责|办公室|财务[科处部室]?|项目组|"
    r"[本我该]单位|[本我该]中心|[本我该]局|[本我该]部门|业务[科处部室]|综合[科处部室]|中心|协会")


# _WHEN and _WHO open with a digit, a class or a wildcard run, so the regex engine cannot skip
# ahead to candidates and tries each of their thirty branches at every character (four fifths of
# deviation_gaps' time). Every match of each begins with a character of its _FIRST class, and no
# match begins before the first such character: searching from there gives the same answer.
_WHEN_FIRST = re.compile(r"[\d下明次来年季月上之以前周日个预编每即立本]")
_WHO_FIRST = re.compile(r"[由负牵责科处室部组股办财项本我该业综中协]")


def _found(first: re.Pattern[str], pattern: re.Pattern[str], text: str) -> bool:
    """``pattern.search(text)`` is not None, when every match of ``pattern`` begins with ``first``."""
    m = first.search(text)
    return m is not None and pattern.search(text, m.start()) is not None


def deviation_gaps(text: str) -> list[str]:
    """What a deviation text lacks, in Chinese (empty list: it names cause, measure, who and when).

    Used by D002 and by the LLM side's guard on drafted text, so every message names one missing
    element a drafter can add.
    """
    t = compact(text)
    if is_blank_text(t):
        return ["未填写偏差原因分析及改进措施"]
    gaps: list[str] = []
    vague = ("因素" in t or "原因" in t) and VAGUE_CAUSE.search(t) is not None  # each match ends with one
    stripped = VAGUE_CAUSE.sub("", t) if vague else t
    if not CAUSE.search(stripped):
        gaps.append("未说明具体原因（如政策调整、资金到位晚、记录未留存），仅有笼统表述或没有原因"
                    if vague else "未说明偏差的具体原因")
    if not _MEASURE.search(t):
        gaps.append("未提出改进措施")
    else:
        if not _found(_WHEN_FIRST, _WHEN, t):
            gaps.append("改进措施未说明完成时间（如“2025年6月前”“下一年度预算编制时”）")
        if not _found(_WHO_FIRST, _WHO, t):
            gaps.append("改进措施未说明责任主体（由谁负责，如“由项目实施科室负责”）")
    return gaps


_PLACEHOLDER = re.compile(r"【(?:请|待)(?:补充|填写|确认)[^】]*】")
"""A visible placeholder a draft leaves for the unit (【请补充：未达到的具体原因】): S007 reports it."""
_POINTS = re.compile(r"扣|减分|\d分")
"""How a text speaks of the points a row lost: 扣 3 分, 扣分, 减分, 得分17分."""


def states_cause(text: str) -> bool:
    """Whether a deviation text gives a concrete cause: not blank, and a cause word is left once
    vague phrases ("客观原因") are dropped. A visible placeholder for the cause counts as given
    here, because S007 reports the placeholder itself and the unit's fix is the same (fill it in).

    The one test of "the row's 偏差原因 explains it" that D001, Q005 and Q006 share: any wording
    that names a cause passes, so a unit's own text and a model's draft are held alike.
    """
    t = compact(text)
    if is_blank_text(t):
        return False
    if _PLACEHOLDER.search(t):
        return True
    return CAUSE.search(VAGUE_CAUSE.sub("", t)) is not None


def explains_deduction(text: str) -> bool:
    """Whether a deviation text explains points deducted from a row whose target was met: it
    states a cause (``states_cause``) and speaks of the points lost ("扣 3 分", "得17分")."""
    return states_cause(text) and _POINTS.search(compact(text)) is not None


def deviation_reasons(ind: Indicator, settings: Settings) -> list[str]:
    """Why this indicator needs a deviation text (empty: nothing deviates)."""
    row = Row(ind)
    return _worded(row, _deviations(row, _far_at(settings)))


def _far_at(settings: Settings) -> float | None:
    """The ratio from which an actual is far over target where the profile wants a reason, else None.

    Each D rule reads it once: a settings attribute goes through pydantic's slow attribute hook,
    and ``_deviations`` is asked of nearly every row."""
    return settings.over_achievement_ratio - 1e-9 if settings.over_achievement_reason_required else None


def _deviations(row: Row, far_at: float | None) -> tuple[bool, bool, bool, bool]:
    """(target missed, qualitative tier short of 达成, points deducted, far over target where the
    profile wants a reason: ``_far_at``): the one definition of what calls for a deviation text.
    D002 and D003 only ask whether any holds; ``_worded`` words them."""
    met = row.met if row.quant else None
    far = False
    if far_at is not None and met and not row.reverse:
        r = row.ratio
        far = r is not None and r >= far_at
    return met is False, not row.quant and row.tier in ("partial", "unachieved"), row.deducted, far


def _worded(row: Row, deviations: tuple[bool, bool, bool, bool]) -> list[str]:
    """``deviation_reasons`` from the row's ``_deviations``."""
    missed, short, deducted, far = deviations
    reasons: list[str] = []
    if missed:
        reasons.append(f"目标 {fmt_value(row.target)} 未达到（实际 {fmt_value(row.actual)}）")
    if short:
        reasons.append("定性指标未完全达成")
    if deducted:
        reasons.append(f"扣 {fmt(row.weight - row.score)} 分（{fmt(row.score)}/{fmt(row.weight)}）")  # type: ignore[operator]
    if far:
        reasons.append(f"实际完成值为目标的 {row.ratio * 100:.0f}%（超额较多）")  # type: ignore[operator]
    return reasons


def _large_deviation(row: Row, settings: Settings) -> bool:
    r = row.ratio if row.quant else None
    return r is not None and not row.reverse and r >= settings.over_achievement_ratio - 1e-9


@rule("D001", "deviation-missing", "error", "有偏差（未达标、未完全达成或扣分）却未填写偏差原因", doc="""
检查：目标未达到、定性档次低于"达成"或得分低于分值时，偏差原因分析及改进措施是否为空、"无"或"/"。
广西（profile = "guangxi"）超额 130% 以上也必须说明。
原因：财预〔2011〕285号要求对未完成的目标分析原因并提出措施。
示例：目标 ≥60 场，完成 50 场，得分 8.33/10，偏差原因"无"。
修正：写明偏差事实、原因、改进措施、责任和时间（见 D002）。
是否"未达到"按指标方向判断（见 Q004）；方向是按名称推断的，只报警告。
""", facts=True)
def d001(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    far_at = _far_at(settings)
    for row in facts.rows:
        if not row.dev_blank:
            continue
        deviations = _deviations(row, far_at)
        if any(deviations):  # reasons are worded only then: most rows deviate in nothing
            reasons = _worded(row, deviations)
            ind = row.ind
            shown = compact(ind.deviation) or "空白"
            note = inferred_note(row.inferred) if deviations[0] else ""
            yield Hit(f"{'；'.join(reasons)}{note}，偏差原因分析及改进措施却为「{shown}」：在偏差原因中写明偏差的"
                      f"原因和改进措施", indicator=ind, field="deviation",
                      evidence={"reasons": reasons, "deviation": ind.deviation},
                      severity="warning" if note else None)


@rule("D002", "deviation-boilerplate", "warning", "偏差原因是套话：缺具体原因或具体措施（谁、做什么、何时）", doc="""
检查：需要说明偏差的指标，其偏差原因分析及改进措施是否写出了具体原因，以及改进措施的内容、责任主体和
完成时间。笼统的"客观原因""后续加强管理"不算。
原因：评审要据此判断偏差是否合理、措施能否落实；套话等于没写。
示例："长效管理机制需进一步完善，后续加强机制管理。"（没有原因，没有谁、何时）
修正：写明原因（如"满意度调查问卷未归档"），措施（如"每次活动后发放问卷并归档"），责任（如"由活动部负责"）
和时间（如"自2025年起"）。
""", facts=True)
def d002(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    far_at = _far_at(settings)
    for row in facts.rows:
        if row.dev_blank or not any(_deviations(row, far_at)):
            continue
        ind = row.ind
        if _PLACEHOLDER.search(ind.deviation):
            continue  # a draft's visible 【请补充…】 is left for the unit: S007 reports it
        gaps = deviation_gaps(ind.deviation)
        if gaps:
            yield Hit(f"偏差原因「{compact(ind.deviation)}」：{'；'.join(gaps)}。补写这些内容", indicator=ind, field="deviation",
                      evidence={"gaps": gaps})


@rule("D003", "deviation-without-deviation", "info", "没有偏差却填写了偏差原因", doc="""
检查：目标已达到、档次为"达成"、得满分且没有大幅超额，偏差原因栏却有文字。
原因：多半是从别的行或上一年复制来的，读表的人会以为有问题。
示例：目标 ≥5 场，完成 6 场，满分，偏差原因"活动延期"。
修正：删除，或改写到真正有偏差的指标下。
""", facts=True)
def d003(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    far_at = _far_at(settings)
    for row in facts.rows:
        if row.dev_blank or any(_deviations(row, far_at)) or _large_deviation(row, settings):
            continue
        ind = row.ind
        yield Hit(f"该指标没有偏差（{fmt_value(ind.actual)}，{fmt(ind.score)}/{fmt(ind.weight)}），偏差原因栏却写了"
                  f"「{compact(ind.deviation)[:40]}」：删除，或改写到真正有偏差的指标下", indicator=ind, field="deviation")


_SHORTFALL = re.compile(r"未完成|尚未|未达到|未达标|未实现|建设中|进行中|推进中|实施中|正在|延期|滞后|部分完成|未全部|剩余|结转下年")


@lru_cache(maxsize=4096)
def _shortfall(text: str) -> str | None:
    """The words of a cell that say part of the work is not done (建设中, 部分完成), if any.
    Memoised: a pure function of one cell, and the same cells (100%, 是, the rows' names) recur
    form after form."""
    m = _SHORTFALL.search(compact(text))
    return m.group(0) if m else None


@rule("D004", "shortfall-only-in-indicator", "warning", "未完成的情况只写在指标的实际完成值里，偏差原因却空白", doc="""
检查：实际完成值（或三级指标名称）里写着"建设中""尚未完成""部分完成""延期"之类，而偏差原因空白、得分也
没有扣。
原因：未完成的部分要在偏差原因中说明原因和措施，并相应扣分；只写在完成值里，读表的人和汇总系统都看不到。
示例：新建全民健身中心数量 目标 1 个，实际完成值"建设中"（r040）。
修正：在偏差原因中写明未完成的原因、改进措施和完成时间，并按完成程度扣分。
""", facts=True)
def d004(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.rows:
        if not row.dev_blank or row.deducted:
            continue
        ind = row.ind
        shortfall = _shortfall(row.actual.text) or _shortfall(ind.name)
        if shortfall is None:
            continue
        scored = f"，得分 {fmt(ind.score)}/{fmt(ind.weight)}" if row.full else ""
        yield Hit(f"实际完成值「{compact(row.actual.text)}」说明有未完成的部分（「{shortfall}」）{scored}，偏差原因却空白："
                  f"在偏差原因中写明未完成的原因和改进措施，并按完成程度扣分", indicator=ind, field="deviation",
                  evidence={"shortfall": shortfall})
