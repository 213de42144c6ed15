"""The finding: its JSON is a stable contract, read back into an equal finding; it is frozen."""

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


def test_a_finding_reads_back_from_its_json(findings: list[Finding]) -> None:
    assert len(findings) > 50
    for f in findings:
        again = Finding.model_validate_json(f.model_dump_json())
        assert again == f
        assert type(again.location) is Location and again.location == f.location


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
