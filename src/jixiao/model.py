"""The typed form: the one shape every reader produces and every rule consumes.

The JSON keys are a public contract (scripts, reports, the LLM side and the canonical YAML all
rely on them), so fields are only ever added, never renamed. Missing cells are ``None``, never 0:
a rule must be able to tell "printed 0" from "not printed".

Design: plain slotted dataclasses inside, pydantic at the edges. Readers build forms from cells
they have already read into numbers and texts, and rules read the fields many times per form, so
inside the program a form is an ordinary object that validates nothing (readers give each field
its declared type, a float never an int: ``tests/test_model.py``). What comes from outside
is validated where it enters: a canonical YAML/JSON file (``validate_form``) and a value cell
(``validate_value``) refuse unknown keys, wrong types, NaN and infinity; ``form_data`` writes the
JSON. Measured against pydantic models throughout (valgrind, the example's forms): reading costs
8% less and checking 13% less, for a ``BaseModel`` costs ~28k instructions to build and its
``__getattr__`` keeps Python 3.11 from specialising the rules' attribute reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ConfigDict, SerializerFunctionWrapHandler, TypeAdapter, model_serializer, with_config

__all__ = [
    "Op",
    "Tier",
    "Value",
    "FundsRow",
    "Funds",
    "Goal",
    "Indicator",
    "Source",
    "Area",
    "Reading",
    "Form",
    "validate_form",
    "validate_value",
    "form_data",
]

Op = Literal[">=", ">", "<=", "<", "=", "range", "±"]
"""Comparison operator of a value. ``range`` uses ``value``..``upper``; ``±`` is a tolerance."""

Tier = Literal["achieved", "partial", "unachieved"]
"""The three qualitative tiers: 达成 / 部分达成并具有一定效果 / 未达成且效果较差."""


_EDGE = ConfigDict(extra="forbid", allow_inf_nan=False)
"""How the adapters validate: unknown keys are refused, and NaN and infinity are never a printed
amount or score, so a canonical file with ".nan" or 1e309 is an input error, not a crash in a
rule's arithmetic."""


@with_config(_EDGE)
@dataclass(frozen=True, slots=True)
class Value:
    """A cell of 年度指标值 or 实际完成值: the printed text plus what the value grammar read.

    ``text`` is kept verbatim so that reports quote what the unit printed, not our reading of it.
    Frozen: a ``Value`` is the reading of one cell text, so readers share one instance between
    the cells that print the same text (``values.cell_value``); replace it, never mutate it.
    """

    text: str = ""
    op: Op | None = None
    value: float | None = None
    upper: float | None = None
    unit: str | None = None
    approx: bool = False
    tier: Tier | None = None

    @property
    def is_blank(self) -> bool:
        return self.value is None and self.tier is None and not self.text.strip()

    @property
    def is_quantitative(self) -> bool:
        return self.value is not None


@with_config(_EDGE)
@dataclass(slots=True)
class FundsRow:
    """One row of the funds table (万元 unless ``Funds.unit`` says otherwise)."""

    initial: float | None = None
    budget: float | None = None
    executed: float | None = None
    rate: float | None = None
    score: float | None = None
    received: float | None = None
    """Money that arrived (资金到位数 / 收入), where a template prints it beside the money spent
    (河北 到位数, 四川 全年到位资金, 浙江 实际到位资金); 执行率 is spending over budget, never this."""

    @model_serializer(mode="wrap")
    def _without_unprinted_received(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Most templates print no 到位数: their rows dump as they always have, without the key.
        data: dict[str, Any] = handler(self)
        if self.received is None:
            data.pop("received", None)
        return data


@with_config(_EDGE)
@dataclass(slots=True)
class Funds:
    """项目资金: 年度资金总额 and its 其中 rows; only ``total`` carries a score."""

    unit: str = "万元"
    weight: float | None = None
    total: FundsRow = field(default_factory=FundsRow)
    appropriation: FundsRow | None = None
    carryover: FundsRow | None = None
    other: FundsRow | None = None
    more: dict[str, FundsRow] = field(default_factory=dict)
    """Other 其中 rows some templates print, by their printed label (四川: 财政专户管理资金, 单位资金)."""
    reason: str | None = None
    """The funds table's own 原因 / 偏差原因 cell (四川), ``None`` when the template has none."""

    def sub_rows(self) -> dict[str, FundsRow]:
        rows = {"appropriation": self.appropriation, "carryover": self.carryover, "other": self.other}
        return {**{k: v for k, v in rows.items() if v is not None}, **self.more}


@with_config(_EDGE)
@dataclass(slots=True)
class Goal:
    """年度总体目标: 预期目标 beside 实际完成情况, each as one clean paragraph."""

    planned: str = ""
    achieved: str = ""


@with_config(_EDGE)
@dataclass(slots=True)
class Indicator:
    """One leaf row of the indicator table."""

    level1: str = ""
    level2: str = ""
    name: str = ""
    target: Value = field(default_factory=Value)
    actual: Value = field(default_factory=Value)
    weight: float | None = None
    score: float | None = None
    deviation: str = ""
    line: int | None = None
    """1-based line (text) or row (grid) of the indicator in its source, for findings."""
    direction: Literal["positive", "negative"] | None = None
    """指标性质 as printed: 正向 (higher is better) or 反向 (lower is better); ``None`` when the
    form does not print it (rules then read the operator, or infer from the name and say so)."""
    core: bool = False
    """A ★ core indicator (安徽 衔接/扶贫 forms)."""
    parent: str | None = None
    """For a 其中 child row: the ``name`` of the row it belongs to; its weight and score are part
    of the parent's, never counted again in totals."""


@with_config(_EDGE)
@dataclass(slots=True)
class Source:
    """Where a form came from, so a finding can point a reviewer at the place."""

    file: str = ""
    start_line: int | None = None
    end_line: int | None = None
    sheet: str | None = None


Area = Literal["header", "funds", "goal", "indicators", "total"]
"""A part of a form, as a reading check can doubt it and a rule can depend on it."""


@with_config(_EDGE)
@dataclass(slots=True)
class Reading:
    """How a form was read, and what its structural cross-checks said of the reading.

    A reader that is unsure says so here instead of guessing: rules whose input lies in a
    ``doubtful`` area do not run, so a misreading never becomes a finding about the unit's form.
    Canonical YAML/JSON forms carry no ``Reading`` (``Form.reading is None``): they are taken
    as written.
    """

    template: str | None = None
    """The template recognised from the header words (``national``, ``sichuan``, ``anhui``…)."""
    shape: str | None = None
    """How the table reached us (``pdf-text``, ``pipe``, ``cell-per-line``, ``glued``, ``xlsx``…)."""
    doubtful: list[Area] = field(default_factory=list)
    """Areas whose reading failed a cross-check."""
    problems: list[str] = field(default_factory=list)
    """What could not be read and why, in Chinese, one entry per problem."""
    truncated: bool = False
    """The form stops before its end (a page cut short): read as far as it goes."""


@with_config(_EDGE)
@dataclass(slots=True)
class Form:
    """One 财政项目支出绩效自评表."""

    project: str | None = None
    year: int | None = None
    department: str | None = None
    implementer: str | None = None
    funds: Funds = field(default_factory=Funds)
    goal: Goal = field(default_factory=Goal)
    indicators: list[Indicator] = field(default_factory=list)
    total_weight: float | None = None
    total_score: float | None = None
    grade: str | None = None
    section_weights: dict[str, float] = field(default_factory=dict)
    """Points printed in a section header, by 一级指标 (产出指标(40分) → {"产出指标": 40}); the
    weights of forms without a 分值 column."""
    conclusion: str | None = None
    """评价结论 (四川 and others), ``None`` when the template has no such section."""
    shortcomings: str | None = None
    """存在问题, ``None`` when the template has no such section."""
    measures: str | None = None
    """改进措施 (the form-level section), ``None`` when the template has no such section."""
    reading: Reading | None = None
    source: Source = field(default_factory=Source)
    warnings: list[str] = field(default_factory=list)
    """Fields that could not be read: a form is never passed off as whole when it is not."""

    @property
    def label(self) -> str:
        return self.project or f"{self.source.file}:{self.source.start_line or '?'}"


_FORM: TypeAdapter[Form] = TypeAdapter(Form)
"""The edge of a whole form: validates a canonical file's mapping and writes a form's JSON."""

_VALUE: TypeAdapter[Value] = TypeAdapter(Value)
"""The edge of one value cell, for the value grammar's reading of a cell text."""


def validate_form(data: Any) -> Form:
    """A form from its JSON/YAML mapping, validated (``pydantic.ValidationError`` when it is not one)."""
    return _FORM.validate_python(data)


def validate_value(data: Any) -> Value:
    """A value from the mapping of its fields, validated."""
    return _VALUE.validate_python(data)


def form_data(form: Form) -> dict[str, Any]:
    """``form`` as JSON-ready data: the canonical file's mapping, the one ``validate_form`` reads."""
    data: dict[str, Any] = _FORM.dump_python(form, mode="json")
    return data
