"""The finding: the one record every rule emits and every report renders.

Small and flat on purpose (like flake8's ``Violation``): reports, JSON consumers and the LLM
guard all read the same fields, and the JSON keys are a documented, stable contract.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Severity", "SEVERITY_ORDER", "Location", "Finding", "Draft"]

_M = TypeVar("_M", bound=BaseModel)

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


class Location(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

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


class Finding(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str
    name: str
    severity: Severity
    form: str
    indicator: str | None = None
    field: str | None = None
    message: str
    evidence: dict[str, Any] = Field(default_factory=dict)
    location: Location = Field(default_factory=Location)
    source: Literal["rules", "llm"] = "rules"
    """``llm`` marks model output (LLM0xx): shown, never counted for the exit status."""

    def at_least(self, severity: Severity) -> bool:
        return SEVERITY_ORDER[self.severity] >= SEVERITY_ORDER[severity]


def _trusted(model: type[_M], fields: dict[str, Any]) -> _M:
    """An instance of ``model`` holding ``fields`` as given, without validation.

    For the engine only, which builds a dozen findings per form from its own typed records
    (rule metadata checked at registration, ``Hit`` fields typed): validating them again was
    a tenth of a check, and pydantic's ``model_construct`` does the same as this but
    generically, slower than validation itself. ``fields`` must name every field of
    ``model``, in declaration order, with values of the declared types;
    tests/test_finding.py holds the result equal to the validated instance.
    """
    obj = _new(model)
    _set(obj, "__dict__", fields)
    _set(obj, "__pydantic_fields_set__", set(fields))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


_new, _set = object.__new__, object.__setattr__


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
