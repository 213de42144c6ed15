"""The finding: the one record every rule emits and every report renders.

Small and flat on purpose (like flake8's ``Violation``): reports, JSON consumers and the LLM
guard all read the same fields, and the JSON keys are a documented, stable contract.

``Finding`` and ``Location`` are frozen dataclasses: the engine builds them from its own rules'
hits, which are trusted data, so building one validates nothing. pydantic stands at the edges
instead: ``report.machine`` serialises findings with a ``TypeAdapter``, and the same adapter
validates a finding read back from JSON (``validate_json`` checks every field, unknown keys are
refused).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, with_config

__all__ = ["Severity", "SEVERITY_ORDER", "Location", "Finding", "Draft"]

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@with_config(ConfigDict(extra="forbid"))
@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points: the file, the line (None when unknown) and the sheet of a workbook."""

    file: str = ""
    line: int | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        parts = [self.file or "?"]
        if self.sheet:
            parts.append(self.sheet)
        if self.line is not None:
            parts.append(str(self.line))
        return ":".join(parts)


@with_config(ConfigDict(extra="forbid"))
@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One problem found on a form, by a rule (``source="rules"``) or by the model (``"llm"``)."""

    rule: str
    name: str
    severity: Severity
    form: str
    indicator: str | None = None
    field: str | None = None
    message: str
    evidence: dict[str, Any] = _field(default_factory=dict)
    location: Location = _field(default_factory=Location)
    source: Literal["rules", "llm"] = "rules"
    """``llm`` marks model output (LLM0xx): shown, never counted for the exit status."""

    def at_least(self, severity: Severity) -> bool:
        return SEVERITY_ORDER[self.severity] >= SEVERITY_ORDER[severity]


class Draft(BaseModel):
    """A drafted 偏差原因分析及改进措施 for one indicator, as the reports show it.

    ``origin`` tells a reviewer whether a model wrote it or the template did; ``accepted`` is the
    facts guard's verdict and ``notes`` says why a model draft was replaced.
    """

    model_config = ConfigDict(extra="forbid")

    form: str
    indicator: str
    text: str
    origin: Literal["model", "template"]
    accepted: bool = True
    triggers: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
