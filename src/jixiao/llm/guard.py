"""The facts guard: a drafted text is kept only if the rules accept it.

Design: "llm drafts → guard (rules again) → drafts". A small model invents figures ("满意度提升至
95%"), calls a met target missed, or writes boilerplate; each of those is caught here with a
Chinese reason the user sees. The guard never asks a model anything.
"""

from __future__ import annotations

import re
from copy import deepcopy

from ..finding import Finding
from ..model import Form
from ._facts import IndicatorFacts, form_numbers
from .evidence import PLACEHOLDER_MARK, Evidence, clauses, grounded, overlap

__all__ = ["GUARD_RULES", "numbers_in", "unknown_numbers", "status_contradiction", "structure_problems",
           "direction_problem", "cause_problems", "notes_problems", "guard_draft"]

GUARD_RULES: frozenset[str] = frozenset({"D001", "D002", "D003"})
"""Checker findings on the drafted indicator that reject a draft when the checker is re-run."""

MAX_CHARS = 200
"""Provinces cap the box at 100 to 200 characters (rules.md §5)."""

_SCAFFOLD = ("事实句", "检查发现", "编号", "<<<", ">>>", "表内文字", "单位原来填写", "要写的", "原因类型", "单位材料", "要解释的")
"""Words of the prompt's own layout: a draft that contains them parroted the prompt."""

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
_NUM = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
_DATE_PART = re.compile(
    r"(?<![\d.])(\d{4})\s*年(?:度)?|(?<![\d.])(\d{1,2})\s*月|(?<![\d.])(\d{1,2})\s*日|(?<=月)(\d{1,2})(?![\d.%])"
)
_ENUM = re.compile(r"(?:^|[。；;：:\s])\s*[（(]?([1-9])[)）、.．]")
_QUARTER = re.compile(r"第\s*([1-4])\s*季度")

_MISS = re.compile(
    r"(?:未|没有|没能|未能|尚未)(?:完全|全部)?(?:达到|达成|完成|实现)(?:了)?(?:年度|预期|既定)?(?:指标|目标)"
    r"|未达标|低于(?:年度|预期)?(?:指标|目标)|(?:未|没有|未能|尚未)(?:达到|达)预期"
)
_MET = re.compile(r"(?:达到|达成|完成|实现)(?:了)?(?:年度|预期|既定)?(?:指标|目标)")
_MET_NEGATORS = ("未", "没有", "没能", "未能", "尚未", "部分", "未完全", "未全部", "未能完全", "尚未完全")
_STRONG_MET = re.compile(r"(?<![未不没])(?:全面完成|圆满完成|超额完成|全部完成|完全达到|完全达成)")


def _normalize(text: str) -> str:
    text = text.translate(_FULLWIDTH)
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


def numbers_in(text: str, *, year: int | None = None) -> list[float]:
    """Numbers a reader would take as claims: dates of a deadline and list numbering are not.

    Digits only (ASCII and full-width). ``values.find_quantities`` also reads Chinese numerals,
    but it takes the 一 of 下一年度 for a quantity, which every good draft contains."""
    text = _normalize(text)
    skip: set[int] = set()
    for m in _DATE_PART.finditer(text):
        y, mo, d, d2 = m.groups()
        d = d or d2
        ok = (y is not None and year is not None and int(y) in (year, year + 1)) or (
            mo is not None and 1 <= int(mo) <= 12) or (d is not None and 1 <= int(d) <= 31)
        if ok:
            skip.add(m.start(1) if y else m.start(2) if mo else m.start(3) if m.group(3) else m.start(4))
    for rx in (_ENUM, _QUARTER):
        for m in rx.finditer(text):
            skip.add(m.start(1))
    return [float(m.group()) for m in _NUM.finditer(text) if m.start() not in skip]


def unknown_numbers(form: Form, text: str, given: str = "") -> list[str]:
    """Numbers in ``text`` that are neither facts of the form nor derived from them, nor in
    ``given`` (what the unit told us: notes, owner, deadline)."""
    facts = form_numbers(form)
    for extra in (form.project or "", *(i.name for i in form.indicators), given):
        facts.update(round(x, 4) for x in numbers_in(extra))
    bad: list[str] = []
    for x in numbers_in(text, year=form.year):
        if not any(abs(x - f) <= 0.011 for f in facts):
            shown = f"{x:g}"
            if shown not in bad:
                bad.append(shown)
    return bad


def _met_claims(text: str) -> tuple[bool, bool]:
    """(claims met, claims missed) as the text words it."""
    missed = bool(_MISS.search(text))
    met = bool(_STRONG_MET.search(text))
    for m in _MET.finditer(text):
        before = text[max(0, m.start() - 4) : m.start()]
        if not any(before.endswith(neg) for neg in _MET_NEGATORS):
            met = True
    return met, missed


def status_contradiction(facts: IndicatorFacts, text: str) -> str | None:
    """Why the text contradicts the table's verdict on this indicator, or None."""
    met, missed = _met_claims(text)
    if facts.met is True and missed and not facts.qualitative:
        return f"称未达到目标，但实际完成值 {facts.indicator.actual.text} 已达到年度指标值 {facts.indicator.target.text}"
    if facts.met is False and met:
        return f"称已完成或达成目标，但表中为「{facts.indicator.actual.text}」，未达到年度指标值 {facts.indicator.target.text}"
    if facts.lost and facts.lost > 0.005 and _STRONG_MET.search(text):
        return f"称「{_STRONG_MET.search(text).group()}」，但该指标扣了 {facts.lost:g} 分"  # type: ignore[union-attr]
    return None


_OVER_CAUSE = re.compile(
    r"(?:指标值|目标值?|目标任务)(?:设定|设置|定得|制定)?(?:偏低|过低|较低)|设定(?:偏低|过低)|超额|超出|超过(?:了)?(?:年度|预期)?(?:指标|目标)"
    r"|高于(?:年度|预期)?(?:指标|目标|预期)|需求(?:增加|增长|旺盛|大于)|(?:参与|报名)(?:人数)?(?:增加|踊跃)")
"""A cause that explains doing more than planned."""
_SHORT_CAUSE = re.compile(
    r"(?:未|没有|未能|尚未)(?:完全)?(?:达到|完成|达成|实现)|未达标|低于(?:年度|预期)?(?:指标|目标|预期)|滞后|延迟|推迟|延期|"
    r"取消|暂停|减少|下降|(?:指标值|目标值?)(?:设定|设置|定得)?(?:偏高|过高)|设定(?:偏高|过高)")
"""A cause that explains doing less than planned."""


def direction_problem(facts: IndicatorFacts, cause: str) -> str | None:
    """Why the cause explains the wrong thing for this row, or None: an over-target cause never
    explains a miss or a deduction, a shortfall cause never explains an over-achievement."""
    over, short = _OVER_CAUSE.search(cause), _SHORT_CAUSE.search(cause)
    if facts.direction == "miss" and over:
        return f"原因「{over.group()}」解释的是超额完成，而该指标未达到年度指标值"
    if facts.direction == "deducted" and over:
        return f"原因「{over.group()}」解释的是超额完成，不能说明已达标指标为何扣分"
    if facts.direction == "over" and short:
        return f"原因「{short.group()}」解释的是未完成，而该指标超额完成"
    return None


_COMMITMENT = re.compile(r"由.{1,12}(?:负责|牵头)|负责人|\d{4}\s*年\s*(?:\d{1,2}\s*月)?(?:底|末)?(?:之?前)|年底前|年内完成|月底前")
"""An owner or a deadline: only the unit can give these, and the code adds them, never the model."""


def cause_problems(facts: IndicatorFacts, cause: str, measure: str, evidence: Evidence) -> list[str]:
    """Checks of the model's cause and measure against the unit's own words: the cause must be
    one the unit gave (or a placeholder), explain this row's kind of deviation, and neither part
    may promise an owner or a deadline."""
    problems: list[str] = []
    if not grounded(cause, evidence):
        given = "；".join(evidence.causes) or "（无）"
        problems.append(f"原因「{cause}」不是单位给出的原因（单位写的原因：{given}）")
    wrong = direction_problem(facts, cause)
    if wrong:
        problems.append(wrong)
    for label, part in (("原因", cause), ("改进措施", measure)):
        m = _COMMITMENT.search(part)
        if m:
            problems.append(f"{label}自行写了责任单位或期限「{m.group()}」，这只能由单位提供")
    return problems


def notes_problems(notes: str, cause: str, measure: str, *, share: float = 0.6) -> list[str]:
    """The unit's notes for a row against the model's text: every clause of the notes survives
    (most of its characters, and all its numbers, are there), and the text adds no fact (most of
    the cause and of the measure is made of the notes' words)."""
    if not notes.strip():
        return []
    written = cause + "。" + measure
    problems = []
    for clause in clauses(notes):
        lost = [f"{x:g}" for x in numbers_in(clause) if x not in numbers_in(written)]
        if overlap(clause, written) < share or lost:
            problems.append(f"单位说明中的「{clause}」没有写进草稿")
    for label, part in (("原因", cause), ("改进措施", measure)):
        if PLACEHOLDER_MARK not in part and overlap(part, notes) < 0.3:
            problems.append(f"{label}「{part}」加入了单位说明中没有的内容")
    return problems


def _gaps(text: str) -> list[str]:
    """D002's boilerplate test, the checker's own: a draft is held to what a form is held to."""
    from ..rules.deviation import deviation_gaps

    return list(deviation_gaps(text))


def _checker_findings(form: Form, facts: IndicatorFacts, text: str) -> list[Finding]:
    """Re-run the checker on a copy of the form with the draft filled in."""
    from ..check import check_form

    copy = deepcopy(form)
    copy.indicators[facts.id - 1].deviation = text
    return [
        f
        for f in check_form(copy)
        if f.rule in GUARD_RULES and f.indicator == facts.name
    ]


_ACTION = re.compile(
    r"建立|制定|印发|修订|开展|组织|收集|归档|存档|留存|整理|落实|实行|执行|使用|纳入|设立|设置|调整|核定|测算|"
    r"细化|规范|完善|培训|督促|检查|考核|跟踪|复核|统计|调查|评估|报送|公示|签订|采购|配备|明确|设定"
)


def _similar(a: str, b: str) -> bool:
    """Nearly the same words (a copy of the unit's own text, or of another field)."""
    import difflib

    a, b = re.sub(r"\W", "", a), re.sub(r"\W", "", b)
    return bool(a and b) and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _copied(part: str, source: str, *, run: int = 12) -> bool:
    """``part`` carries a stretch of ``source`` (``run`` characters or more, punctuation aside)."""
    import difflib

    a, b = re.sub(r"\W", "", part), re.sub(r"\W", "", source)
    if len(a) < run or len(b) < run:
        return False
    m = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= run


def structure_problems(facts: IndicatorFacts, cause: str, measure: str, owner_when: str,
                       narrative: str = "") -> list[str]:
    """What the text check cannot see once the parts are joined: a measure that is no action,
    an owner copied into a measure, a cause that only restates the row's values, parts copied
    from 实际完成情况, a cause that repeats the unit's own sentence when the checker finds no
    cause in it (repeating a concrete cause the unit gave is fine)."""
    problems: list[str] = []
    ind = facts.indicator
    values = [v for v in (ind.target.text, ind.actual.text) if len(v) >= 4]
    if re.search(r"指标值\s*(?:为|是|：)|完成值\s*(?:为|是|：)", cause) or any(v in cause for v in values):
        problems.append("原因只是复述了指标值和完成值，没有分析原因")
    for label, part in (("原因", cause), ("改进措施", measure)):
        if narrative and _copied(part, narrative):
            problems.append(f"{label}照抄了“实际完成情况”的文字")
    if not _ACTION.search(measure):
        problems.append(f"改进措施「{measure}」没有具体做法（建立、制定、归档……）")
    if _similar(measure, owner_when):
        problems.append("改进措施只是重复了责任单位与时间")
    existing = facts.indicator.deviation
    if existing and _similar(cause, existing) and any("原因" in g for g in _gaps(existing)):
        problems.append("原因照抄了单位原填的偏差说明，而那句话本身没有具体原因")
    return problems


def guard_draft(form: Form, facts: IndicatorFacts, text: str, given: str = "") -> list[str]:
    """Reasons (Chinese) to reject ``text`` as the 偏差原因分析 of one indicator; empty = accept.
    ``given`` is what the unit told us (notes, owner, deadline): its numbers are facts too."""
    reasons: list[str] = []
    text = text.strip()
    if not text:
        return ["草稿为空"]
    if len(text) > MAX_CHARS:
        reasons.append(f"共 {len(text)} 字，超过 {MAX_CHARS} 字")
    leaked = [w for w in _SCAFFOLD if w in text]
    if leaked:
        reasons.append(f"照抄了提示词的格式用语：{'、'.join(leaked)}")
    bad = unknown_numbers(form, text, given)
    if bad:
        reasons.append(f"出现表中没有的数字：{'、'.join(bad)}")
    clash = status_contradiction(facts, text)
    if clash:
        reasons.append(clash)
    gaps = _gaps(text)
    if gaps:
        reasons.append("套话（D002）：" + "；".join(gaps))
    for f in _checker_findings(form, facts, text):
        if not (f.rule == "D002" and gaps):
            reasons.append(f"检查规则 {f.rule}：{f.message}")
    return reasons
