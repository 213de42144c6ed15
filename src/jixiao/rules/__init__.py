"""The rule catalogue: every check is a small function with its metadata beside it.

Like flake8's plugins and ruff's rule table, a rule is registered by a decorator that carries its
stable code, kebab-case name, severity and Chinese doc; ``jixiao rules``, the docs and the
select/ignore engine are all built from this one registry, so a rule cannot exist without being
documented. Rule functions are pure: ``(form, settings) -> Iterable[Hit]``, or, registered with
``facts=True``, ``(form, settings, facts)`` for rules that read the form's derived facts
(``_facts.FormFacts``, built once per form by the engine), or, for the rules that read the forms
of one file together (``scope="file"``), ``(forms, settings)`` or ``(forms, settings, facts)``; the
engine in ``jixiao.check`` turns hits into ``Finding``s, so rules never repeat their own code,
severity or location.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from dataclasses import field as _field
from functools import lru_cache
from typing import Any, Literal

from ..errors import UsageError
from ..finding import Severity
from ..model import Area, Form, Indicator

__all__ = ["Rule", "Hit", "FAMILIES", "COLUMNS", "rule", "all_rules", "get_rule", "matching_rules", "form_place",
           "hit_place"]

FAMILIES: dict[str, str] = {
    "F": "项目资金",
    "S": "总分、权重与等级",
    "Q": "定量指标",
    "L": "定性指标",
    "D": "偏差原因分析及改进措施",
    "N": "年度总体目标与指标表的一致性",
    "E": "佐证与证据",
    "X": "同一文件中的多张表",
    "P": "文字规范",
    "R": "读取",
}
"""Family letter → what it is about, in the order the catalogue lists them."""

_MODULES = ("funds", "score", "structure", "quantitative", "qualitative", "deviation", "narrative", "evidence",
            "crossform", "hygiene", "reading")

Scope = Literal["form", "file"]


@dataclass(slots=True)
class Hit:
    """What a rule found; the engine adds the rule's code, name, form, location and place.

    Rules name the fields they pass (``field=``, ``evidence=``). The engine adds
    ``evidence["place"]`` (``hit_place``) unless the rule gave one: the row and column as the
    printed form shows them, so machine output can point someone holding a PDF or a workbook at
    the cell, beside the line.
    """

    message: str
    indicator: Indicator | None = None
    """The indicator concerned (its name and line end up in the finding), or None."""
    field: str | None = None
    evidence: dict[str, Any] = _field(default_factory=dict)
    severity: Severity | None = None
    """Overrides the rule's default severity (e.g. a profile that makes a reason mandatory)."""
    form: Form | None = None
    """For file-scope rules: the form the finding belongs to."""


COLUMNS: dict[str, str] = {
    "score": "得分", "weight": "分值", "actual": "实际完成值", "actual.unit": "实际完成值", "target": "年度指标值",
    "target.unit": "年度指标值", "deviation": "偏差原因分析及改进措施", "name": "三级指标", "level1": "一级指标",
    "goal.achieved": "年度总体目标·实际完成情况", "goal.planned": "年度总体目标·预期目标",
}
"""The column or box a finding's ``field`` names, as the form heads it."""


def hit_place(indicator: Indicator | None, field: str | None) -> str | None:
    """Where a hit sits on the printed form: its indicator row and column, or ``form_place`` of
    its field when it is on no row."""
    if indicator is None:
        return form_place(field)
    return _row_place(indicator.level1, indicator.level2, indicator.name, field)


@lru_cache(maxsize=4096)
def _row_place(level1: str, level2: str, name: str, field: str | None) -> str:
    """Where a finding on an indicator row sits, as someone holding the printed form finds it:
    一级指标/二级指标/三级指标, then the column ("产出指标/数量指标/培训场次 · 得分"). Memoised:
    forms of one template repeat their row headings."""
    row = "/".join(filter(None, (level1, level2, name)))
    column = COLUMNS.get(field or "", field or "")
    return f"{row} · {column}" if column else row


FUNDS_ROWS_CN: dict[str, str] = {"total": "年度资金总额", "appropriation": "当年财政拨款", "carryover": "上年结转资金",
                                 "other": "其他资金"}
FUNDS_COLUMNS_CN: dict[str, str] = {"initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数",
                                    "rate": "执行率", "score": "得分", "received": "到位数"}
FORM_PLACES: dict[str, str] = {
    "goal.planned": "年度总体目标 · 预期目标", "goal.achieved": "年度总体目标 · 实际完成情况",
    "total_score": "总分 · 得分", "total_weight": "总分 · 分值", "grade": "评分等级", "weights": "绩效指标 · 分值",
    "indicators": "绩效指标", "funds.reason": "项目资金 · 原因", "funds.weight": "项目资金 · 分值",
}
"""Places of the parts of a form that are not an indicator row, as the form heads them."""


@lru_cache(maxsize=256)
def form_place(field: str | None) -> str | None:
    """Where a finding on the funds table, the goal box or the closing rows sits, as the printed
    form shows it ("项目资金/年度资金总额 · 执行率"); ``None`` for a field that is no place on the
    form. Other 其中 rows (``Funds.more``) are named by their printed label."""
    if not field:
        return None
    if field in FORM_PLACES:
        return FORM_PLACES[field]
    parts = field.split(".")
    if parts[0] == "funds" and len(parts) == 3:
        row = FUNDS_ROWS_CN.get(parts[1], parts[1])
        return f"项目资金/{row} · {FUNDS_COLUMNS_CN.get(parts[2], parts[2])}"
    if field.isascii():
        return None
    return field  # S007 names the box itself (项目名称, 评价结论…)


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    func: Callable[..., Iterable[Hit]]
    scope: Scope = "form"
    wants_facts: bool = False
    """The function takes a third argument, the form's ``FormFacts`` (``@rule(..., facts=True)``)."""
    reads: frozenset[Area] | None = None
    """The parts of a form the rule relies on, when they differ from its family's
    (``check.FAMILY_AREAS``): it does not run on a form whose reading doubts one of them."""

    @property
    def family(self) -> str:
        return self.code[0]

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "family": self.family,
            "family_name": FAMILIES[self.family],
            "summary": self.summary,
            "doc": self.doc,
            "scope": self.scope,
        }


_REGISTRY: dict[str, Rule] = {}
_loaded = False


def rule(
    code: str, name: str, severity: Severity, summary: str, *, doc: str, scope: Scope = "form", facts: bool = False,
    reads: Collection[Area] | None = None,
) -> Callable[[Callable[..., Iterable[Hit]]], Callable[..., Iterable[Hit]]]:
    """Register a rule function under a stable code; codes and names must be unique.

    ``facts=True``: the function takes the form's ``FormFacts`` as a third argument.
    ``reads``: the parts of a form the rule relies on, where its family's default does not fit.
    """

    def deco(func: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        if code in _REGISTRY:
            raise RuntimeError(f"duplicate rule code {code}")
        if code[0] not in FAMILIES or not code[1:].isdigit():
            raise RuntimeError(f"bad rule code {code}")
        params = len(inspect.signature(func).parameters)
        if params != (3 if facts else 2):
            raise RuntimeError(f"rule {code} takes {params} arguments: (form(s), settings) or, with facts=True, "
                               "(form, settings, facts)")
        _REGISTRY[code] = Rule(code, name, severity, summary, doc.strip(), func, scope, facts,
                               None if reads is None else frozenset(reads))
        return func

    return deco


def _load() -> None:
    global _loaded
    if not _loaded:
        for mod in _MODULES:
            importlib.import_module(f"{__name__}.{mod}")
        _loaded = True


def all_rules() -> list[Rule]:
    """Every rule, sorted by family (catalogue order) then code."""
    _load()
    order = list(FAMILIES)
    return sorted(_REGISTRY.values(), key=lambda r: (order.index(r.family), r.code))


def get_rule(code: str) -> Rule:
    _load()
    key = code.strip().upper()
    if key not in _REGISTRY:
        raise UsageError(f"未知的规则代码 {code!r}（用 `jixiao rules` 查看全部规则）")
    return _REGISTRY[key]


def matching_rules(prefix: str) -> list[Rule]:
    """Rules whose code starts with ``prefix`` (``Q``, ``Q00``, ``P001``); empty if none."""
    key = prefix.strip().upper()
    return [r for r in all_rules() if r.code.startswith(key)]
