"""A reviewer's folder, end to end: the five seed forms in four formats, a broken file and a
legacy .xls, checked by the real command in a subprocess, as a person would run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.catalog import CASES, build_case

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "shanghai-kepu-2024.txt"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reviewer") / "2024自评表"
    (root / "word").mkdir(parents=True)
    shutil.copy(EXAMPLE, root / "科普中心-文本.txt")
    build_case(CASES["seed"], "xlsx", root)
    build_case(CASES["seed"], "docx", root / "word")
    build_case(CASES["seed"], "pdf", root)
    (root / "损坏的表.xlsx").write_bytes(b"PK\x03\x04 this zip was cut short")
    (root / "旧表.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (root / "说明.png").write_bytes(b"\x89PNG\r\n")
    return root


def jixiao(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, cwd=ROOT, timeout=600
    )


def test_the_folder_summary_lists_every_form_and_the_unreadable_files(folder: Path) -> None:
    done = jixiao("check", str(folder))
    assert done.returncode == 0, done.stderr  # the seed has no error-level finding
    out, err = done.stdout, done.stderr
    assert "Traceback" not in out + err
    assert "汇总" in out
    # 4 readable files × 5 forms; the broken .xlsx and the legacy .xls are named with their reason.
    assert out.count("基层科普服务") >= 4
    summary = out[out.index("汇总") :]
    assert "无法读取的文件\t2" in summary
    assert "损坏的表.xlsx" in summary and "旧表.xls" in summary and "另存为 .xlsx" in summary
    assert "说明.png" not in out + err


def test_the_exit_status_follows_the_findings_not_the_broken_files(folder: Path) -> None:
    strict = jixiao("check", str(folder), "--fail-on", "warning")
    assert strict.returncode == 1
    quiet = jixiao("check", str(folder), "--select", "F")
    assert quiet.returncode == 0


def test_every_format_yields_the_same_findings_for_the_same_forms(folder: Path) -> None:
    done = jixiao("check", str(folder), "--format", "json", "--select", "Q,L,E,D")
    findings = json.loads(done.stdout)
    by_file: dict[str, list[tuple[str, str, str | None]]] = {}
    for f in findings:
        key = Path(f["location"]["file"]).suffix
        by_file.setdefault(key, []).append((f["rule"], f["form"], f["indicator"]))
    assert set(by_file) == {".txt", ".xlsx", ".docx", ".pdf"}
    expected = sorted(by_file[".txt"])
    assert expected and all(sorted(v) == expected for v in by_file.values())
