"""Small facts about indicators that several rule families share.

Kept in one place so that "is this target met?", "is this row quantitative?" and "is this
deviation box empty?" have one answer across the catalogue; two rules disagreeing on whether a
target was met would be worse than either being wrong.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Form, FundsRow, Indicator, Value
from ..values import bare_multiplied, unit_family
from ._direction import direction, effective_op

__all__ = [
    "EPS",
    "MONEY",
    "PLACEHOLDERS",
    "fmt",
    "fmt_value",
    "rounded",
    "is_blank_text",
    "is_quantitative",
    "is_qualitative",
    "is_reverse",
    "convert",
    "units_compatible",
    "target_met",
    "met_by",
    "ratio",
    "ratio_of",
    "deducted",
    "full_score",
    "score_in_range",
    "score_state",
    "tier_of_indicator",
    "is_satisfaction",
    "is_rate",
    "scored",
    "compact",
    "computed_rate",
    "rate_percent",
    "has_funds_explanation",
    "texts_unseen",
    "form_texts",
    "actual_in_target_unit",
    "infer_tier",
    "is_subtotal",
    "leaves",
    "recomputed_total",
    "NO_FUNDS_SCORE",
    "execution_row",
    "funds_part",
    "counted",
    "money_spelling",
    "unit_in_name",
]

EPS = 0.01 + 1e-9
"""Scores and rates are printed to two decimals; systems round half-up or truncate."""

MONEY = {"元": 1.0, "千元": 1e3, "万元": 1e4, "亿元": 1e8}
PLACEHOLDERS = {"", "-", "—", "–", "/", "／", "*", "无", "不适用", "n/a", "na", "无偏差", "——", "\\"}


@lru_cache(maxsize=20_000)
def compact(text: str) -> str:
    """Text with all whitespace removed: PDF extraction breaks words at arbitrary places."""
    return "".join(text.split())


@lru_cache(maxsize=4096)
def fmt(x: float | None) -> str:
    """A number as people print it: 90 rather than 90.0, 0.5 rather than 0.50."""
    if x is None:
        return "空"
    if abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    return f"{x:.2f}".rstrip("0").rstrip(".")


def rounded(x: float, ndigits: int) -> float:
    """``round(x, ndigits)``; a whole float is returned as it is (``round`` would return it
    unchanged, after a costly conversion to decimal and back)."""
    return x if type(x) is float and x.is_integer() else round(x, ndigits)


@lru_cache(maxsize=4096)
def fmt_value(v: Value) -> str:
    """A value in the normal notation (≥90%, 16个), falling back to the printed text."""
    if v.value is None:
        return compact(v.text) or "空"
    unit = v.unit or ""
    if not unit and bare_multiplied(v.text):
        return compact(v.text)  # "150万" as printed, not 1500000
    if v.op == "range" and v.upper is not None:
        return f"{fmt(v.value)}{unit}-{fmt(v.upper)}{unit}"
    if v.op == "±" and v.upper is not None:
        return f"{fmt(v.value)}{unit}±{fmt(v.upper)}{unit}"
    sign = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}.get(v.op or "", "")
    return f"{sign}{'约' if v.approx else ''}{fmt(v.value)}{unit}"


def computed_rate(row: FundsRow) -> float | None:
    """B/A in percent, as the 执行率(%) column prints it; None when A is 0 or missing."""
    return rate_percent(row.budget, row.executed)


def rate_percent(budget: float | None, executed: float | None) -> float | None:
    """``executed / budget`` in percent; None when the budget is 0 or either is missing."""
    if not budget or executed is None:
        return None
    return executed / budget * 100


@lru_cache(maxsize=4096)
def is_blank_text(text: str | None) -> bool:
    """Whether a cell says nothing ("", "-", "无", "不适用。").

    Memoised: a pure function of the cell, asked of the same deviation and actual cells by a
    dozen rules in turn.
    """
    return compact(text or "").strip("。.，,").lower() in PLACEHOLDERS


def is_quantitative(ind: Indicator) -> bool:
    """A row scored by formula: a numeric target and no tier label as the actual."""
    return ind.target.value is not None and ind.actual.tier is None


def is_qualitative(ind: Indicator) -> bool:
    return not is_quantitative(ind) and not (ind.target.is_blank and ind.actual.is_blank)


def is_reverse(v: Value) -> bool:
    return v.op in ("<=", "<")


def convert(value: float, unit: str | None, to_unit: str | None) -> float | None:
    """``value`` expressed in ``to_unit``; None when the units are not the same quantity."""
    if (unit or "") == (to_unit or ""):
        return value
    if unit in MONEY and to_unit in MONEY:
        return value * MONEY[unit] / MONEY[to_unit]
    return None


def units_compatible(a: str | None, b: str | None) -> bool:
    return convert(1.0, a, b) is not None


def actual_in_target_unit(ind: Indicator) -> float | None:
    """The actual in the target's unit; as printed when one side has no unit, except a bare
    multiplied amount against money ("24亿" against ≥1亿元 is 24 亿元, not 2400000000)."""
    actual = ind.actual
    value, unit, to_unit = actual.value, actual.unit, ind.target.unit
    if value is None or unit == to_unit:
        return value  # the common case: no conversion
    if unit is None:
        if to_unit not in MONEY or not bare_multiplied(actual.text):
            return value
        unit = "元"
    elif to_unit is None:
        if unit not in MONEY or not bare_multiplied(ind.target.text):
            return value
        to_unit = "元"
    return convert(value, unit, to_unit)


def target_met(ind: Indicator) -> bool | None:
    """Whether a quantitative target is met, in the row's direction; None when it cannot be judged."""
    return met_by(ind.target, actual_in_target_unit(ind), effective_op(ind, direction(ind)[0]))


def met_by(t: Value, b: float | None, op: str | None = "printed") -> bool | None:
    """``target_met`` given the actual already in the target's unit (``FormFacts`` has it), judged
    by ``op`` (the row's ``_direction.effective_op``) or else by the printed operator."""
    a = t.value
    if a is None or b is None:
        return None
    if op == "printed":
        op = t.op
    if op == "=" and a == 0:
        return b <= 1e-9  # "=0" (零事故, 零投诉): any occurrence misses it
    if op in (">=", "=", None):
        return b >= a - 1e-9
    if op == ">":
        return b > a
    if op == "<=":
        return b <= a + 1e-9
    if op == "<":
        return b < a
    upper = t.upper
    if op == "range" and upper is not None:
        return a - 1e-9 <= b <= upper + 1e-9
    if op == "±" and upper is not None:
        return abs(b - a) <= abs(upper) + 1e-9
    return None


def ratio(ind: Indicator) -> float | None:
    """B / A for a quantitative row, in A's unit; None when A is 0 or missing."""
    return ratio_of(ind.target, actual_in_target_unit(ind))


def ratio_of(t: Value, b: float | None) -> float | None:
    """``ratio`` given the actual already in the target's unit."""
    a = t.value
    if a is None or a == 0 or b is None:
        return None
    return b / a


def scored(ind: Indicator) -> bool:
    return score_state(ind.weight, ind.score)[0]


_SAME = 1e-6
"""Scores are compared as printed: 4.99 of 5 is a deduction, however small."""

_UNSCORED = (False, False, False, False)


@lru_cache(maxsize=4096)
def score_state(weight: float | None, score: float | None) -> tuple[bool, bool, bool, bool]:
    """(scored, deducted, full marks, score in [0, weight] ±0.01) of a row's weight and score.

    The one definition of the four; ``FormFacts`` asks for all of them at once per row.
    """
    if weight is None or score is None:
        return _UNSCORED
    return True, score < weight - _SAME, -_SAME <= score - weight <= _SAME, -EPS <= score <= weight + EPS



def deducted(ind: Indicator) -> bool:
    return score_state(ind.weight, ind.score)[1]


def full_score(ind: Indicator) -> bool:
    return score_state(ind.weight, ind.score)[2]


def score_in_range(ind: Indicator) -> bool:
    """Scored, and the score lies in [0, weight] (±0.01)."""
    return score_state(ind.weight, ind.score)[3]


_ACHIEVED_WORDS = ("已完成", "完成", "及时", "按时", "达到", "达标", "健全", "明显", "有效", "提升",
                   "改善", "规范", "满足", "符合", "良好", "显著", "多样", "是", "已")
_PARTIAL_WORDS = ("部分", "基本", "一定", "有所", "较好", "初步")
_UNACHIEVED_WORDS = ("未", "没有", "较差", "不", "否", "滞后", "延迟", "差")


@lru_cache(maxsize=4096)
def infer_tier(text: str) -> str | None:
    """The tier a free-text actual (已完成, 基本完成, 未完成) most likely means.

    Memoised like ``is_blank_text``: a pure function of one cell, and the word scans cost
    several microseconds a row.
    """
    t = compact(text)
    if not t or is_blank_text(t):
        return None
    if any(w in t for w in _UNACHIEVED_WORDS) and not any(w in t for w in _PARTIAL_WORDS):
        return "unachieved"
    if any(w in t for w in _PARTIAL_WORDS):
        return "partial"
    if any(w in t for w in _ACHIEVED_WORDS):
        return "achieved"
    return None


def tier_of_indicator(ind: Indicator) -> str | None:
    """The printed tier, else one inferred from the actual's words."""
    return ind.actual.tier or infer_tier(ind.actual.text)


def is_satisfaction(ind: Indicator) -> bool:
    return "满意" in ind.name or "满意" in ind.level2 or "满意" in ind.level1


def is_rate(ind: Indicator) -> bool:
    return ind.name.endswith("率") or "满意度" in ind.name or ind.target.unit == "%"


def form_texts(form: Form) -> list[str]:
    """Every free text of a form a reviewer reads for explanations."""
    return [form.goal.planned, form.goal.achieved, *(i.deviation for i in form.indicators)]


_FUNDS_TOPIC = re.compile(r"执行率|预算|资金|经费|支出|拨付|结转|结余")
_CAUSE = re.compile(r"原因|由于|因为|因|导致|致使|影响|尚未|未能|推迟|延迟|滞后|调整|调减|追加|调增")


def texts_unseen(form: Form) -> bool:
    """Whether some of the form's explaining texts were not read: its goal or indicator texts
    were doubted, or the form is cut short (the rest of its rows and its closing sections were
    not printed). A finding that nothing in the form explains something cannot be made then,
    for the explanation may be in the text that was not read."""
    reading = form.reading
    return reading is not None and (reading.truncated or any(a in ("goal", "indicators") for a in reading.doubtful))


def has_funds_explanation(form: Form, extra: re.Pattern[str] | None = None) -> bool:
    """Whether any text of the form explains the funds (a topic word near a cause word)."""
    pattern = extra or _CAUSE
    for text in form_texts(form):
        t = compact(text)
        for sentence in re.split(r"[。；;！!]", t):
            if _FUNDS_TOPIC.search(sentence) and pattern.search(sentence):
                return True
    return False


def is_subtotal(ind: Indicator) -> bool:
    """A printed 小计/合计 row, or a row that only repeats its level's name."""
    raw = ind.name
    target = ind.target
    if target.value is not None or not target.is_blank:  # a value: not blank (read first, it is cheap)
        # the other two cases need a blank target; 小计/合计 needs a 计 before compacting too
        return "计" in raw and compact(raw) in ("小计", "合计")
    name = compact(raw)
    if name in ("小计", "合计"):
        return True
    if not name:
        return ind.weight is not None and ind.actual.is_blank
    return name in (compact(ind.level1), compact(ind.level2))


def leaves(form: Form) -> list[Indicator]:
    """The scored leaf indicators: every row but printed subtotals.

    Rules of one form read them from ``FormFacts.leaves``, worked out once per form.
    """
    return [i for i in form.indicators if not is_subtotal(i)]


NO_FUNDS_SCORE = frozenset({"ningxia", "points100", "transfer", "department"})
"""Templates whose funds table carries no execution score (宁夏 40/40/20, the 100-point
决策/管理/产出/效益 forms, 转移支付 and 部门整体 forms)."""
_EXECUTION_ROW = re.compile(r"预算执行率|资金执行率")


def execution_row(form: Form) -> Indicator | None:
    """The indicator row that scores budget execution (100-point forms print 预算执行率 as an
    indicator under 管理 instead of a funds score), if there is one."""
    for ind in form.indicators:
        if _scores_execution(ind.name):
            return ind
    return None


@lru_cache(maxsize=4096)
def _scores_execution(name: str) -> bool:
    """Whether an indicator's name says it scores budget execution (预算执行率, 资金执行率).
    Memoised: the rows' names recur form after form."""
    return _EXECUTION_ROW.search(compact(name)) is not None


def funds_part(form: Form, attr: str) -> float | None:
    """The execution score's ``weight`` or ``score`` as it counts in the total: as printed; 0 on a
    form whose template has no execution score, or that scores 预算执行率 as an indicator row;
    None when it should be there and was not read."""
    funds = form.funds
    value = funds.weight if attr == "weight" else funds.total.score
    if value is not None:
        return value
    if funds.weight is None and funds.total.score is None:
        template = form.reading.template if form.reading is not None else None
        if template in NO_FUNDS_SCORE or execution_row(form) is not None:
            return 0.0
    return None


def counted(rows: list[Indicator]) -> list[Indicator]:
    """The rows that count in totals: a 其中 child's weight and score are part of its parent's."""
    return [i for i in rows if not i.parent]


def recomputed_total(form: Form, rows: list[Indicator] | None = None) -> float | None:
    """执行率得分 + Σ leaf scores (其中 children not counted again); None when one is missing
    (``rows``: the leaves, if known). Here, not in ``score``, so that ``_facts`` (which ``score``
    imports) can import it."""
    parts = [funds_part(form, "score"), *(i.score for i in counted(leaves(form) if rows is None else rows))]
    known = [p for p in parts if p is not None]
    if len(known) < len(parts):
        return None
    return rounded(sum(known), 4)


_MONEY_ROW = re.compile(r"成本|费|资金|预算|支出|投资|金额|补助|补贴")


def money_spelling(ind: Indicator, v: Value) -> str | None:
    """How a bare multiplied amount on a money row reads with its unit ("150万" → "150万元"), for a
    fix that says what to write; None for any other cell."""
    text = compact(v.text)
    if v.unit or not bare_multiplied(text) or not text.endswith(("万", "亿")):
        return None
    if not _MONEY_ROW.search(ind.name + ind.level2):
        return None
    return f"{text}元"


_NAME_UNIT = re.compile(r"[(（][≥>≤<=]?[*＊]*([^()（）*＊≥>≤<=]{1,8})[)）]$")


@lru_cache(maxsize=4096)
def unit_in_name(name: str) -> str | None:
    """The unit a template prints in the indicator's name ("公猪舍(≥**平方米)", "保育栏(≥套)",
    "农村低保标准(≥**元/人·月)"), where a form has no unit column; None when there is none."""
    m = _NAME_UNIT.search(compact(name))
    if m is None:
        return None
    unit = m.group(1)
    return unit if unit_family(unit.split("/")[0]) is not None else None
