"""The rule catalogue: every check is a small function with its metadata beside it.

Like flake8's plugins and ruff's rule table, a rule is registered by a decorator that carries its
stable code, kebab-case name, severity and Chinese doc; ``jixiao rules``, the docs and the
select/ignore engine are all built from this one registry, so a rule cannot exist without being
documented. Rule functions are pure: ``(form, settings) -> Iterable[Hit]``, or
``(form, settings, facts)`` for rules that read the form's derived facts (``_facts.FormFacts``,
built once per form by the engine), or, for the cross-form X rules, ``(forms, settings)``; the
engine in ``jixiao.check`` turns hits into ``Finding``s, so rules never repeat their own code,
severity or location.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any, Literal

from ..errors import UsageError
from ..finding import Severity

__all__ = ["Rule", "Hit", "FAMILIES", "rule", "all_rules", "get_rule", "matching_rules"]

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

_MODULES = ("funds", "score", "quantitative", "qualitative", "deviation", "narrative", "evidence",
            "crossform", "hygiene", "reading")

Scope = Literal["form", "file"]


@dataclass(slots=True)
class Hit:
    """What a rule found; the engine adds the rule's code, name, form and location.

    Not frozen: a hit lives from a rule's ``yield`` to the engine's next line, and a frozen
    dataclass's ``__init__`` (``object.__setattr__`` per field) cost 2.5x a plain one, a dozen
    times per form. Rules name the fields they pass (``field=``, ``evidence=``): keywords cost
    about 1.8k instructions a hit more than positions (a class call packs them into a dict), a
    few tenths of a percent of a check, and ``Hit(msg, None, "total_score", {...})`` reads worse.
    """

    message: str
    indicator: Any = None
    """The ``Indicator`` concerned (its name and line end up in the finding), or None."""
    field: str | None = None
    evidence: dict[str, Any] = _field(default_factory=dict)
    severity: Severity | None = None
    """Overrides the rule's default severity (e.g. a profile that makes a reason mandatory)."""
    form: Any = None
    """For file-scope rules: the form the finding belongs to."""


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
    """The function takes a third argument, the form's ``FormFacts`` (see ``_facts``)."""

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
    code: str, name: str, severity: Severity, summary: str, *, doc: str, scope: Scope = "form"
) -> Callable[[Callable[..., Iterable[Hit]]], Callable[..., Iterable[Hit]]]:
    """Register a rule function under a stable code; codes and names must be unique."""

    def deco(func: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        if code in _REGISTRY:
            raise RuntimeError(f"duplicate rule code {code}")
        if code[0] not in FAMILIES or not code[1:].isdigit():
            raise RuntimeError(f"bad rule code {code}")
        wants_facts = func.__code__.co_argcount >= 3
        _REGISTRY[code] = Rule(code, name, severity, summary, doc.strip(), func, scope, wants_facts)
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
