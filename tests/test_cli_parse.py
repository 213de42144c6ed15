"""`jixiao parse`, run the way a user runs it (``python -m jixiao``), errors included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from _text_shapes import pipe_to_csv

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples/shanghai-kepu-2024.txt"
PROJECTS = ["基层科普服务", "科技会客厅-科学咖啡馆", "惠民科普直通车", "大型科普活动", "科普资源配送"]


def jixiao(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jixiao", *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_json_array_of_five_forms_in_file_order() -> None:
    run = jixiao("parse", "examples/shanghai-kepu-2024.txt", "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert [f["project"] for f in data] == PROJECTS
    assert [len(f["indicators"]) for f in data] == [6, 9, 8, 10, 13]
    assert data[0]["source"]["file"] == "examples/shanghai-kepu-2024.txt"


def test_yaml_output() -> None:
    run = jixiao("parse", SEED, "--format", "yaml")
    assert run.returncode == 0, run.stderr
    data = yaml.safe_load(run.stdout)
    assert [f["project"] for f in data] == PROJECTS
    assert data[3]["indicators"][9]["deviation"] == "满意度未留存相关存档资料，后续加强存档资料管理。"


def test_output_file_is_written_whole_and_stdout_stays_empty(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "out.json"
    run = jixiao("parse", SEED, "tests/data/text/pipe-2024.txt", "-o", out)
    assert (run.returncode, run.stdout) == (0, "")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["project"] for f in data] == PROJECTS + ["老年人智能技术科普培训", "科普志愿者队伍建设"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["out.json"]  # no temporary file left


@pytest.mark.parametrize(
    ("name", "content", "projects"),
    [
        ("gbk.txt", SEED.read_text(encoding="utf-8").encode("gbk"), PROJECTS),
        ("bom.txt", SEED.read_text(encoding="utf-8").encode("utf-8-sig"), PROJECTS),
        ("oneline.txt", (ROOT / "tests/data/text/oneline-2023.txt").read_bytes(), ["社区科普大学运行", "青少年科技创新大赛"]),
        ("pipe.md", (ROOT / "tests/data/text/pipe-2024.txt").read_bytes(), ["老年人智能技术科普培训", "科普志愿者队伍建设"]),
        ("excel.csv", pipe_to_csv((ROOT / "tests/data/text/pipe-2024.txt").read_text(encoding="utf-8")).encode("gbk"),
         ["老年人智能技术科普培训", "科普志愿者队伍建设"]),
    ],
)
def test_other_encodings_and_shapes(tmp_path: Path, name: str, content: bytes, projects: list[str]) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    run = jixiao("parse", path)
    assert run.returncode == 0, run.stderr
    assert [f["project"] for f in json.loads(run.stdout)] == projects
    assert path.read_bytes() == content  # the input is never modified


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.txt", b"", "文件为空"),
        ("garbage.txt", b"\x00\x01\x02\x03" * 64, "二进制"),
        ("notes.txt", "会议纪要：讨论预算。\n".encode(), "没有找到自评表"),
        ("broken.json", b'{"project": ', "语法错误"),
    ],
)
def test_errors_are_one_chinese_line_naming_the_file(tmp_path: Path, name: str, content: bytes, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    run = jixiao("parse", path)
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and words in lines[0], run.stderr
    assert "Traceback" not in run.stderr


def test_missing_file(tmp_path: Path) -> None:
    run = jixiao("parse", tmp_path / "nowhere.txt")
    assert run.returncode == 2 and "nowhere.txt" in run.stderr and "Traceback" not in run.stderr


def test_output_format_follows_the_output_suffix(tmp_path: Path) -> None:
    out = tmp_path / "forms.yml"
    run = jixiao("parse", "tests/data/text/oneline-2023.txt", "-o", out)
    assert run.returncode == 0, run.stderr
    assert [f["project"] for f in yaml.safe_load(out.read_text(encoding="utf-8"))] == ["社区科普大学运行", "青少年科技创新大赛"]
    assert not out.read_text(encoding="utf-8").lstrip().startswith("[")


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    form = tmp_path / "forms.json"
    form.write_bytes(jixiao("parse", "tests/data/text/pipe-2024.txt").stdout.encode())
    before = form.read_bytes()
    run = jixiao("parse", form, "-o", form)
    assert run.returncode == 2 and "输入文件" in run.stderr and "Traceback" not in run.stderr
    assert form.read_bytes() == before
