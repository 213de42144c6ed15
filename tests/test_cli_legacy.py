"""A legacy .xls: refused with advice by default, read through LibreOffice when the user asks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.catalog import CASES, build_case

ROOT = Path(__file__).resolve().parents[1]

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) 未安装；.ci/run 会安装")


def jixiao(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def legacy_xls(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) 未安装；.ci/run 会安装")
    out = tmp_path_factory.mktemp("legacy")
    xlsx = build_case(CASES["seed"], "xlsx", out)
    profile = out / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xls",
                    "--outdir", str(out), str(xlsx)], check=True, capture_output=True, timeout=240)
    return out / "seed.xls"


@needs_soffice
def test_a_legacy_file_is_refused_with_advice_unless_conversion_is_asked(legacy_xls: Path) -> None:
    before = legacy_xls.read_bytes()
    refused = jixiao("check", str(legacy_xls))
    assert refused.returncode == 2 and "另存为 .xlsx" in refused.stderr and "Traceback" not in refused.stderr
    converted = jixiao("check", str(legacy_xls), "--convert-legacy", "--select", "Q005", "--format", "json")
    assert converted.returncode == 0, converted.stderr
    assert converted.stdout.count('"rule": "Q005"') == 5
    assert legacy_xls.read_bytes() == before


@needs_soffice
def test_parse_converts_too(legacy_xls: Path) -> None:
    done = jixiao("parse", str(legacy_xls), "--convert-legacy")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count('"project"') == 5
