"""The finding: its JSON is a stable contract, read back into an equal finding; it is frozen."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from jixiao.check import check_forms
from jixiao.finding import Finding, Location
from jixiao.readers import read_path
from jixiao.report.machine import finding_json

SEED = Path(__file__).resolve().parents[1] / "examples" / "shanghai-kepu-2024.txt"


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    return check_forms(read_path(SEED))


def test_a_finding_reads_back_from_its_json(findings: list[Finding]) -> None:
    assert len(findings) > 50
    adapter = TypeAdapter(Finding)
    for f in findings:
        again = adapter.validate_json(finding_json(f))
        assert again == f
        assert type(again.location) is Location and again.location == f.location


def test_a_finding_read_from_json_is_validated() -> None:
    adapter = TypeAdapter(Finding)
    with pytest.raises(ValidationError, match="severity"):
        adapter.validate_json('{"rule": "Q005", "name": "n", "severity": "fatal", "form": "f", "message": "m"}')
    with pytest.raises(ValidationError, match="colour"):
        adapter.validate_json('{"rule": "Q005", "name": "n", "severity": "info", "form": "f", "message": "m", '
                              '"colour": "red"}')


def test_engine_findings_stay_frozen(findings: list[Finding]) -> None:
    with pytest.raises(FrozenInstanceError):
        findings[0].message = "改过"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        findings[0].location.line = 1  # type: ignore[misc]


@pytest.mark.parametrize("severity, floor, expected", [
    ("error", "warning", True),
    ("info", "warning", False),
    ("warning", "warning", True),
])
def test_at_least(findings: list[Finding], severity: str, floor: str, expected: bool) -> None:
    f = replace(findings[0], severity=severity)
    assert f.at_least(floor) is expected  # type: ignore[arg-type]
