"""`jixiao check` end to end through the real entry point: output, files, folders, exit status."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from _cli import run_jixiao

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "shanghai-kepu-2024.txt"


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_jixiao(monkeypatch, capsys, "check", *args)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no stray config file decides anything


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    target = tmp_path / "shanghai.txt"
    shutil.copy(SEED, target)
    return target


@pytest.mark.parametrize(
    ("args", "status"),
    [
        ((), 0),                              # only warnings and info in the seed
        (("--fail-on", "warning"), 1),
        (("--fail-on", "info"), 1),
        (("--select", "P001", "--fail-on", "warning"), 0),
        (("--ignore", "Q,L,D,N,E,S", "--fail-on", "warning"), 0),
    ],
)
def test_exit_status_follows_fail_on(monkeypatch, capsys, seed_copy: Path, args: tuple, status: int) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(monkeypatch, capsys, str(seed_copy), *args)
    assert code == status


def test_text_report(monkeypatch, capsys, seed_copy: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(monkeypatch, capsys, str(seed_copy), "--statistics")
    assert "基层科普服务（" in out and "Q005 警告" in out and "共 5 张表：0 个错误" in out
    assert "met-but-deducted" in out
    assert "\x1b[" not in out and err == ""


def test_json_with_select(monkeypatch, capsys, seed_copy: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(monkeypatch, capsys, str(seed_copy), "--format", "json", "--select", "Q005")
    data = json.loads(out)
    assert [d["score"] for d in (x["evidence"] for x in data)] == [17, 12, 4, 12, 7]


def test_jsonl_streams_lines(monkeypatch, capsys, seed_copy: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(monkeypatch, capsys, str(seed_copy), "-f", "jsonl", "--select", "L002")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["form"] for r in rows] == ["基层科普服务", "科技会客厅-科学咖啡馆", "大型科普活动"]


def test_output_file_is_written(monkeypatch, capsys, seed_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out" / "findings.json"
    code, out, _ = run(monkeypatch, capsys, str(seed_copy), "-f", "json", "-o", str(target))
    assert out == "" and len(json.loads(target.read_text(encoding="utf-8"))) > 20


def test_github_format(monkeypatch, capsys, seed_copy: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(monkeypatch, capsys, str(seed_copy), "-f", "github", "--select", "P001")
    assert out.startswith("::notice file=") and out.count("\n") == 3


def test_html_needs_an_output_file(monkeypatch, capsys, seed_copy: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(monkeypatch, capsys, str(seed_copy), "-f", "html")
    assert code == 2 and "需要用 -o 指定输出文件" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--select", "Z1"), "未知的规则代码"),
        (("--profile", "hainan"), "未知的地区规则配置"),
    ],
)
def test_usage_errors_exit_2_in_chinese(monkeypatch, capsys, seed_copy: Path, args: tuple, message: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(monkeypatch, capsys, str(seed_copy), *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_profile_changes_the_verdict(monkeypatch, capsys, seed_copy: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(monkeypatch, capsys, str(seed_copy), "--profile", "guangxi", "-f", "json", "--select", "Q006")
    assert code == 1 and {d["severity"] for d in json.loads(out)} == {"error"}


def test_config_file_in_the_working_folder(monkeypatch, capsys, seed_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "jixiao.toml").write_text('select = ["P001"]\nfail-on = "info"\n', encoding="utf-8")
    code, out, _ = run(monkeypatch, capsys, str(seed_copy), "-f", "json")
    assert code == 1 and {d["rule"] for d in json.loads(out)} == {"P001"}


def test_missing_named_file_exits_2_but_others_are_checked(monkeypatch, capsys, seed_copy: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(monkeypatch, capsys, "nope.txt", str(seed_copy), "--select", "Q005")
    assert code == 2
    assert "nope.txt" in err and "Q005" in out


def test_folder_walk_reports_unreadable_files_and_goes_on(monkeypatch, capsys, seed_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "forms"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(seed_copy, folder / "sub" / "a.txt")
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "notes.png").write_bytes(b"\x89PNG")
    code, out, err = run(monkeypatch, capsys, str(folder), "--select", "Q005")
    assert code == 0 and err == ""
    summary = out[out.index("汇总"):]
    assert "无法读取的文件\t1" in summary and "文件\t2" in summary and "自评表\t5" in summary
    assert summary.count("另存为 .xlsx") == 1 and "notes.png" not in out  # said once, in the to-do list


def test_folder_summary_goes_to_stderr_for_machine_formats(monkeypatch, capsys, seed_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(seed_copy, folder / "a.txt")
    code, out, err = run(monkeypatch, capsys, str(folder), "-f", "json", "--select", "Q005")
    assert len(json.loads(out)) == 5 and "汇总" in err


def test_empty_jsonl_file_is_empty(monkeypatch, capsys, seed_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "none.jsonl"
    code, out, _ = run(monkeypatch, capsys, str(seed_copy), "-f", "jsonl", "--select", "F001", "-o", str(target))
    assert code == 0 and target.read_bytes() == b""


def test_xlsx_report_is_written_as_bytes(monkeypatch, capsys, seed_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "report.xlsx"
    code, out, _ = run(monkeypatch, capsys, str(seed_copy), "-f", "xlsx", "-o", str(target))
    assert code == 0 and out == "" and target.read_bytes()[:2] == b"PK"


# --- messages: said once, in Chinese, naming what is wrong ------------------------------------

def test_a_missing_file_is_said_once_in_chinese(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(monkeypatch, capsys, "nosuch.txt")
    assert (code, out, err) == (2, "", "jixiao: 无法读取文件 nosuch.txt：文件不存在\n")


def test_one_unreadable_file_among_good_ones_is_reported_once(monkeypatch, capsys, seed_copy: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(monkeypatch, capsys, str(seed_copy), "nosuch.txt", "--select", "Q005")
    assert code == 2 and "Q005" in out and "汇总" not in out + err
    assert err == "jixiao: 无法读取文件 nosuch.txt：文件不存在\n"


def _zip_of(member: str) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(member, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "表.xlsx", "这是一张 PNG 图片，不是 Excel 文件"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 64, "表.xlsx", "这是一张 JPEG 图片，不是 Excel 文件"),
        (_zip_of("photos/1.txt"), "表.xlsx", "这是一个 ZIP 压缩包，不是 Excel 文件"),
        (_zip_of("word/document.xml"), "表.xlsx", "这是一份 Word 文档（.docx），不是 Excel 文件"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "表.docx", "这是一张 PNG 图片，不是 Word 文件"),
        (b"PK\x03\x04 cut short", "表.xlsx", "无法作为 Excel (.xlsx) 文件打开，文件可能已损坏"),  # no telling what it was
    ],
)
def test_a_file_that_is_not_what_its_suffix_says_is_named_for_what_it_is(monkeypatch, capsys, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                          content: bytes, name: str, says: str) -> None:
    (tmp_path / name).write_bytes(content)
    code, out, err = run(monkeypatch, capsys, name)
    assert code == 2 and out == "" and err.startswith(f"jixiao: 文件 {name}：{says}")
    assert err.count("\n") == 1 and "Zip" not in err and "Error" not in err


def test_an_output_that_cannot_be_written_says_why_in_chinese(monkeypatch, capsys, seed_copy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, str(seed_copy), "-f", "json", "-o", "blocker/out.json")
    assert code == 2 and err == "jixiao: 无法写入 blocker/out.json：blocker 是一个文件，不是文件夹\n"


def test_help_names_the_arguments_plainly(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(monkeypatch, capsys, "--help")
    assert code == 0 and "check [OPTIONS] PATHS...\n" in out and "{" not in out


def _worker_pid(path: Path) -> int:
    import os

    return os.getpid()


@pytest.fixture
def reviewer_folder(tmp_path: Path) -> Path:
    """Twelve files as a finance office has them: example copies, two real forms, a broken file."""
    folder = tmp_path / "forms"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(9):
        (folder / f"{i:02d}.txt").write_text(text.replace("项目名称 ", f"项目名称 第{i}号"), encoding="utf-8")
    for real in sorted((ROOT / "tests" / "data" / "real").glob("r0[12]*.txt"))[:2]:
        shutil.copy(real, folder / real.name)
    (folder / "坏的.xlsx").write_bytes(b"PK\x03\x04 cut short")
    return folder


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_files_checked_in_parallel_give_the_same_report_in_the_same_order(monkeypatch, capsys, reviewer_folder: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    serial = run(monkeypatch, capsys, str(reviewer_folder), "-f", fmt, "--jobs", "1")
    parallel = run(monkeypatch, capsys, str(reviewer_folder), "-f", fmt, "--jobs", "3")
    assert parallel == serial
    code, out, err = parallel
    assert code == 0 and "坏的.xlsx" in out + err and "无法读取的文件\t1" in out + err


def test_jobs_spread_the_files_over_worker_processes(reviewer_folder: Path) -> None:
    import os

    from jixiao.cli.check import _checked_files

    paths = sorted(reviewer_folder.iterdir())
    with _checked_files(paths, _worker_pid, 3) as results:
        pids = list(results)
    assert len(pids) == len(paths) and os.getpid() not in pids
    with _checked_files(paths[:4], _worker_pid, 3) as results:  # too few files to pay for starting workers
        assert set(results) == {os.getpid()}
