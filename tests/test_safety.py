"""Safety: inputs are never modified, outputs are written whole or not at all, keys never leak.

Each case runs a command the way a user would, on a copy of the example in every input format
(the binary ones built by the test fixtures), and compares checksums before and after.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from _cli import run_jixiao

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "shanghai-kepu-2024.txt"
KINDS = ("txt", "yaml", "xlsx", "docx", "pdf")
SECRET = "sk-test-SECRET"


jixiao = run_jixiao


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    """sha256 and mtime of every file under ``folder``: a modified or added file shows."""
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example's five forms as .txt, .yaml, .xlsx, .docx and .pdf, each alone in a folder."""
    from fixtures.catalog import CASES, build_case

    from jixiao.readers import read_path
    from jixiao.readers.canonical import dump_forms

    base = tmp_path_factory.mktemp("inputs")
    made: dict[str, Path] = {}
    for kind in KINDS:
        folder = base / kind
        folder.mkdir()
        if kind == "txt":
            made[kind] = Path(shutil.copy(SEED, folder / "表.txt"))
        elif kind == "yaml":
            made[kind] = folder / "表.yaml"
            made[kind].write_text(dump_forms(read_path(SEED), "yaml"), encoding="utf-8")
        else:
            made[kind] = build_case(CASES["seed"], kind, folder)
    return made


@pytest.fixture(autouse=True)
def _quiet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "JIXIAO_MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(tmp_path / "cache"))


COMMANDS = [
    ("parse",),
    ("parse", "-f", "yaml", "-o", "{out}.yaml"),
    ("parse", "-o", "{out}.json"),
    ("check",),
    *(("check", "--format", fmt, "-o", f"{{out}}.{fmt}") for fmt in ("text", "json", "jsonl", "github", "html", "xlsx")),
    ("check", "{folder}", "--format", "jsonl", "-o", "{out}.jsonl"),
    ("draft", "--no-llm"),
    ("draft", "--no-llm", "-o", "{out}.yaml"),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c).replace("{out}", "out"))
def test_no_command_modifies_its_input(monkeypatch, capsys, tmp_path: Path, inputs: dict[str, Path],  # type: ignore[no-untyped-def]
                                       kind: str, command: tuple[str, ...]) -> None:
    path = inputs[kind]
    before = fingerprint(path.parent)
    args = [a.format(out=tmp_path / "out", folder=path.parent) for a in command]
    if "{folder}" not in command:
        args.insert(1, str(path))
    code, out, err = jixiao(monkeypatch, capsys, *args)
    assert code in (0, 1), err
    assert fingerprint(path.parent) == before
    written = [p.name for p in tmp_path.iterdir() if p.name.startswith("out")]
    assert written == ([Path(args[-1]).name] if "-o" in args else [])
    assert out or written  # something was produced, so the command really ran


# --- outputs are replaced whole, and never over an input --------------------------------------

@pytest.mark.parametrize(
    "args",
    [
        ("check", "--format", "json"),
        ("check", "--format", "jsonl", "--select", "L002"),
        ("check", "--format", "jsonl", "--select", "X"),       # an empty report empties the old file
        ("check", "--format", "github"),
        ("check", "--format", "text"),
        ("check", "--format", "html"),
        ("check", "--format", "xlsx"),
        ("parse", "--format", "yaml"),
        ("draft", "--no-llm", "--format", "json"),
    ],
)
def test_output_onto_an_existing_file_replaces_it_whole(monkeypatch, capsys, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        inputs: dict[str, Path], args: tuple[str, ...]) -> None:
    if "X" in args:
        args = ("check", "--format", "jsonl", "--select", "Q", "--ignore", "Q")  # every rule off: no findings
    old = tmp_path / "old" / "报告.out"
    old.parent.mkdir()
    old.write_bytes(b"OLD CONTENT " * 100_000)
    fresh = tmp_path / "fresh" / "报告.out"
    for target in (old, fresh):
        code, out, err = jixiao(monkeypatch, capsys, args[0], inputs["txt"], *args[1:], "-o", target)
        assert code in (0, 1), err
    assert b"OLD CONTENT" not in old.read_bytes()
    assert sorted(p.name for p in old.parent.iterdir()) == ["报告.out"]  # no temporary file left
    if "xlsx" in args:  # a workbook records when it was written: compare what it holds
        with zipfile.ZipFile(old) as a, zipfile.ZipFile(fresh) as b:
            assert a.namelist() == b.namelist()
            assert a.read("xl/workbook.xml") == b.read("xl/workbook.xml")
    else:
        assert old.read_bytes() == fresh.read_bytes()


@pytest.mark.parametrize(
    ("command", "target"),
    [
        ("parse", "same"),
        ("parse", "dotted"),
        ("check", "same"),
        ("check", "dotted"),
        ("check", "linked"),
        ("draft", "same"),
        ("check-folder", "inside"),   # -o names a file the folder walk would read
    ],
)
def test_output_onto_an_input_is_refused(monkeypatch, capsys, tmp_path: Path, command: str, target: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "forms"
    folder.mkdir()
    seed = Path(shutil.copy(SEED, folder / "表.txt"))
    (tmp_path / "链接.txt").symlink_to(seed)
    before = fingerprint(folder)
    out = {"same": seed, "dotted": folder / "." / ".." / "forms" / "表.txt", "linked": tmp_path / "链接.txt",
           "inside": seed}[target]
    cmd = command.split("-")[0]
    given = folder if command == "check-folder" else seed
    extra = ["--no-llm"] if cmd == "draft" else []
    code, stdout, err = jixiao(monkeypatch, capsys, cmd, given, *extra, "-o", out)
    assert code == 2 and "输入文件" in err and "Traceback" not in err
    assert fingerprint(folder) == before


# --- no key in logs, cache, outputs or messages ------------------------------------------------

def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_api_key_appears_nowhere(tmp_path: Path) -> None:
    """Runs against a closed port, so every request fails: error paths are where keys leak."""
    seed = Path(shutil.copy(SEED, tmp_path / "表.txt"))
    cache = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "JIXIAO_"))}
    env.update(OPENAI_API_KEY=SECRET, OPENAI_BASE_URL=f"http://127.0.0.1:{_closed_port()}/v1",
               JIXIAO_MODEL="qwen-test", JIXIAO_CACHE_DIR=str(cache), JIXIAO_LLM_TIMEOUT="5")
    runs = [
        ["draft", seed, "--log", tmp_path / "draft-log.jsonl", "--retries", "0", "--show-prompt"],
        ["draft", seed, "-o", tmp_path / "drafted.yaml", "--retries", "0"],  # default log in the cache dir
        ["draft", seed, "--api-key", SECRET, "--format", "json", "--retries", "0"],
        ["check", seed, "--llm", "--log", tmp_path / "check-log.jsonl", "--show-prompt"],
        ["check", seed, "--llm", "--format", "json", "-o", tmp_path / "report.json"],
    ]
    said = []
    for args in runs:
        run = subprocess.run([sys.executable, "-m", "jixiao", *map(str, args)], cwd=tmp_path, env=env,
                             capture_output=True, timeout=300)
        assert run.returncode in (0, 1), run.stderr.decode()
        said.append(run.stdout + run.stderr)
    stderr = b"\n".join(said).decode("utf-8")
    assert "模板草稿" in stderr and "未能获得模型审读：无法连接模型服务" in stderr  # the model was tried and failed
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p != seed]
    assert {p.name for p in files} >= {"draft-log.jsonl", "check-log.jsonl", "drafted.yaml", "report.json"}
    assert any(p.is_relative_to(cache) for p in files)  # the cache dir was written to
    leaks = [p.name for p in files if SECRET.encode() in p.read_bytes()]
    assert leaks == [] and SECRET not in stderr and "SECRET" not in stderr


def test_the_xlsx_report_is_built_on_a_copy_of_the_input_workbook(monkeypatch, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The annotated workbook keeps what the office's file holds beyond the forms (here a notes
    sheet), which only the input's own bytes can give; the input itself stays as it was."""
    import openpyxl
    from fixtures.catalog import CASES, build_case

    path = build_case(CASES["seed"], "xlsx", tmp_path)
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("填表说明")["A1"] = "本表由财务科填报"
    wb.save(path)
    before = fingerprint(tmp_path)
    out = tmp_path / "out" / "批注.xlsx"
    code, _, err = jixiao(monkeypatch, capsys, "check", path, "--format", "xlsx", "-o", out)
    assert code in (0, 1), err
    assert {k: v for k, v in fingerprint(tmp_path).items() if not k.startswith("out/")} == before
    annotated = openpyxl.load_workbook(out)
    assert annotated["填表说明"]["A1"].value == "本表由财务科填报"
    assert set(openpyxl.load_workbook(path).sheetnames) <= set(annotated.sheetnames)
    assert any(c.comment is not None for ws in annotated.worksheets for row in ws.iter_rows() for c in row)
