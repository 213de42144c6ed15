"""Findings as the engine builds them are the same objects validation would have built.

The engine skips pydantic validation for the findings it makes from its own records
(``_trusted.trusted``); every seed finding is checked here against the validated instance,
field by field, in JSON, and in the fields pydantic considers set.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from jixiao.check import check_forms
from jixiao.finding import Finding, Location
from jixiao.readers import read_path

SEED = Path(__file__).resolve().parents[1] / "examples" / "shanghai-kepu-2024.txt"


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    return check_forms(read_path(SEED))


def test_engine_findings_equal_validated_ones(findings: list[Finding]) -> None:
    assert len(findings) > 50
    for f in findings:
        validated = Finding.model_validate(f.model_dump())
        assert f == validated
        assert f.model_dump_json() == validated.model_dump_json()
        assert f.model_fields_set == validated.model_fields_set == set(Finding.model_fields)
        assert list(f.__dict__) == list(Finding.model_fields)
        assert type(f.location) is Location and f.location == Location.model_validate(f.location.model_dump())


def test_engine_findings_stay_frozen(findings: list[Finding]) -> None:
    with pytest.raises(ValidationError):
        findings[0].message = "改过"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        findings[0].location.line = 1  # type: ignore[misc]


@pytest.mark.parametrize("severity, floor, expected", [
    ("error", "warning", True),
    ("info", "warning", False),
    ("warning", "warning", True),
])
def test_at_least(findings: list[Finding], severity: str, floor: str, expected: bool) -> None:
    f = findings[0].model_copy(update={"severity": severity})
    assert f.at_least(floor) is expected  # type: ignore[arg-type]
