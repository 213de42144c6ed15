"""The typed form: the one shape every reader produces and every rule consumes.

The JSON keys are a public contract (scripts, reports, the LLM side and the canonical YAML all
rely on them), so fields are only ever added, never renamed. Missing cells are ``None``, never 0:
a rule must be able to tell "printed 0" from "not printed".

Design: pydantic for the form. Readers build forms with the models' constructors and rules read
the ``Form`` itself, so every form in the program has been validated and there is one kind of
object per concept. Findings are different: the engine's own rules make them, so they are plain
frozen dataclasses with pydantic at their JSON edge (``finding.py``). What the models cost was
measured (2026-12-07, valgrind): building them is about 5% of reading, but ``BaseModel`` defines
``__getattr__``, which keeps Python 3.11 from specialising attribute reads, and the rules' reads
of ``Form``/``Indicator``/``Value`` cost about 11% of checking. Slotted dataclasses inside with a
pydantic ``TypeAdapter`` at the edges is the measured next step (``benchmarks/README.md``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

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
]

Op = Literal[">=", ">", "<=", "<", "=", "range", "±"]
"""Comparison operator of a value. ``range`` uses ``value``..``upper``; ``±`` is a tolerance."""

Tier = Literal["achieved", "partial", "unachieved"]
"""The three qualitative tiers: 达成 / 部分达成并具有一定效果 / 未达成且效果较差."""


class _Strict(BaseModel):
    # NaN and infinity are never a printed amount or score; refusing them at the model means a
    # canonical file with ".nan" or 1e309 is an input error, not a crash in a rule's arithmetic.
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Value(_Strict):
    """A cell of 年度指标值 or 实际完成值: the printed text plus what the value grammar read.

    ``text`` is kept verbatim so that reports quote what the unit printed, not our reading of it.
    Frozen: a ``Value`` is the reading of one cell text, so readers share one instance between
    the cells that print the same text (``values.cell_value``); replace it, never mutate it.
    """

    model_config = ConfigDict(frozen=True)

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


class FundsRow(_Strict):
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


class Funds(_Strict):
    """项目资金: 年度资金总额 and its 其中 rows; only ``total`` carries a score."""

    unit: str = "万元"
    weight: float | None = None
    total: FundsRow = Field(default_factory=FundsRow)
    appropriation: FundsRow | None = None
    carryover: FundsRow | None = None
    other: FundsRow | None = None
    more: dict[str, FundsRow] = Field(default_factory=dict)
    """Other 其中 rows some templates print, by their printed label (四川: 财政专户管理资金, 单位资金)."""
    reason: str | None = None
    """The funds table's own 原因 / 偏差原因 cell (四川), ``None`` when the template has none."""

    def sub_rows(self) -> dict[str, FundsRow]:
        rows = {"appropriation": self.appropriation, "carryover": self.carryover, "other": self.other}
        return {**{k: v for k, v in rows.items() if v is not None}, **self.more}


class Goal(_Strict):
    """年度总体目标: 预期目标 beside 实际完成情况, each as one clean paragraph."""

    planned: str = ""
    achieved: str = ""


class Indicator(_Strict):
    """One leaf row of the indicator table."""

    level1: str = ""
    level2: str = ""
    name: str = ""
    target: Value = Field(default_factory=Value)
    actual: Value = Field(default_factory=Value)
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


class Source(_Strict):
    """Where a form came from, so a finding can point a reviewer at the place."""

    file: str = ""
    start_line: int | None = None
    end_line: int | None = None
    sheet: str | None = None


Area = Literal["header", "funds", "goal", "indicators", "total"]
"""A part of a form, as a reading check can doubt it and a rule can depend on it."""


class Reading(_Strict):
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
    doubtful: list[Area] = Field(default_factory=list)
    """Areas whose reading failed a cross-check."""
    problems: list[str] = Field(default_factory=list)
    """What could not be read and why, in Chinese, one entry per problem."""
    truncated: bool = False
    """The form stops before its end (a page cut short): read as far as it goes."""


class Form(_Strict):
    """One 财政项目支出绩效自评表."""

    project: str | None = None
    year: int | None = None
    department: str | None = None
    implementer: str | None = None
    funds: Funds = Field(default_factory=Funds)
    goal: Goal = Field(default_factory=Goal)
    indicators: list[Indicator] = Field(default_factory=list)
    total_weight: float | None = None
    total_score: float | None = None
    grade: str | None = None
    section_weights: dict[str, float] = Field(default_factory=dict)
    """Points printed in a section header, by 一级指标 (产出指标(40分) → {"产出指标": 40}); the
    weights of forms without a 分值 column."""
    conclusion: str | None = None
    """评价结论 (四川 and others), ``None`` when the template has no such section."""
    shortcomings: str | None = None
    """存在问题, ``None`` when the template has no such section."""
    measures: str | None = None
    """改进措施 (the form-level section), ``None`` when the template has no such section."""
    reading: Reading | None = None
    source: Source = Field(default_factory=Source)
    warnings: list[str] = Field(default_factory=list)
    """Fields that could not be read: a form is never passed off as whole when it is not."""

    @property
    def label(self) -> str:
        return self.project or f"{self.source.file}:{self.source.start_line or '?'}"
