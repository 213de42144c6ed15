"""Limits: what jixiao does with inputs too big, too long, too deep or looping back on themselves.

A finance office's disk holds anything; each case here is one a user could hand to `jixiao`:
an oversized export, a form with thousands of indicator rows, a folder 200 levels deep, a
symlink pointing back up, and a folder of many forms checked without keeping every form.
Timings live in benchmarks/, not here: these tests only say that each case finishes correctly.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from _cli import run_jixiao

from jixiao.cli.check import expand_paths, run_check
from jixiao.config import load_settings
from jixiao.readers import read_path
from jixiao.report import Checked, reporter_class
from jixiao.report.text import FormOutline

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "shanghai-kepu-2024.txt"
SEED_PROJECTS = ["基层科普服务", "科技会客厅-科学咖啡馆", "惠民科普直通车", "大型科普活动", "科普资源配送"]
ROWS = 5000


jixiao = run_jixiao


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # only the config files a test writes decide anything


# --- size limit -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("command", "config", "options", "refused"),
    [
        ("parse", None, (), False),                                   # 15 KB under the 50 MB default
        ("parse", None, ("--max-size", "0.01"), True),                # 10 KB limit
        ("check", None, ("--max-size", "0.01"), True),
        ("check", "max-size = 0.01\n", (), True),                     # from jixiao.toml
        ("parse", "max-size = 0.01\n", (), True),
        ("check", "max-size = 0.01\n", ("--max-size", "1"), False),   # the option wins over the file
        ("check", "[tool.jixiao]\nmax_size = 0.01\n", (), True),      # pyproject spelling
        ("check", None, ("--max-size", "inf"), False),                # no limit at all
    ],
)
def test_a_file_over_the_size_limit_is_refused_by_name(monkeypatch, capsys, tmp_path: Path, command: str,  # type: ignore[no-untyped-def]
                                                       config: str | None, options: tuple[str, ...], refused: bool) -> None:
    seed = tmp_path / "表.txt"
    shutil.copy(SEED, seed)
    if config is not None:
        (tmp_path / ("pyproject.toml" if "[tool.jixiao]" in config else "jixiao.toml")).write_text(config, encoding="utf-8")
    code, out, err = jixiao(monkeypatch, capsys, command, seed, *options)
    if refused:
        assert code == 2 and out == ""
        assert f"文件 {seed}" in err and "超过上限" in err and "--max-size" in err and "Traceback" not in err
        assert err.count("超过上限") == 1
    else:
        assert code == 0 and "超过上限" not in err


@pytest.mark.parametrize(
    ("where", "value", "words"),
    [
        ("option", "0", "须为正数"),
        ("option", "-3", "须为正数"),
        ("option", "很大", "--max-size"),
        ("config", "0", "须为正数"),
        ("config", '"big"', "max_size"),
    ],
)
def test_a_bad_size_limit_is_a_usage_error(monkeypatch, capsys, tmp_path: Path, where: str, value: str, words: str) -> None:  # type: ignore[no-untyped-def]
    args: tuple[str, ...] = ("--max-size", value) if where == "option" else ()
    if where == "config":
        (tmp_path / "jixiao.toml").write_text(f"max-size = {value}\n", encoding="utf-8")
    code, out, err = jixiao(monkeypatch, capsys, "check", SEED, *args)
    assert code == 2 and words in err and "Traceback" not in err


def test_a_folder_run_skips_the_oversized_file_and_goes_on(monkeypatch, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    (folder / "b.txt").write_bytes(SEED.read_bytes() * 6)  # 90 KB
    code, out, err = jixiao(monkeypatch, capsys, "check", folder, "--max-size", "0.05", "--format", "jsonl")
    assert code == 0  # a walked file that cannot be read does not fail the run
    assert f"文件 {folder / 'b.txt'}" in err and "超过上限" in err
    assert {json.loads(line)["location"]["file"] for line in out.splitlines()} == {str(folder / "a.txt")}
    assert "无法读取的文件\t1" in err


# --- thousands of indicator rows ---------------------------------------------------------------

def long_text_form(rows: int = ROWS) -> str:
    """The example's first form with its 覆盖面 row repeated ``rows`` times (distinct names).

    Also used by benchmarks/bench_formats.py to time reading it at several sizes."""
    text = SEED.read_text(encoding="utf-8")
    first = text[: text.index("总分", text.index("三级指标")) + len("总分 100.00 93.00")]
    row = "覆盖面 ≥16.00(个) 16.00(个) 10.00 10.00"
    assert first.count(row) == 1
    lines = "\n".join(f"覆盖面{i:04d} ≥16.00(个) {15 + i % 3}.00(个) 0.01 0.01" for i in range(rows))
    return first.replace(row, lines)


def long_xlsx_form(path: Path, rows: int = ROWS) -> Path:
    """The seed's first form with ``rows`` indicator rows, laid out by the fixtures as a ruled sheet.

    Cells and merges are written directly: the fixture builder's ``merge_cells`` checks each new
    merge against every earlier one, which would make building this file, not reading it, the
    slow part of the test.
    """
    import openpyxl
    from fixtures.layout import layout_form
    from fixtures.seed import seed_forms
    from openpyxl.worksheet.cell_range import CellRange

    form = seed_forms()[0]
    template = form.indicators[0]
    form.indicators[:1] = [replace(template, name=f"{template.name}{i:04d}") for i in range(rows)]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    for c in layout_form(form).cells:
        assert isinstance(c.value, str | int | float)  # the default style writes no formulas
        cell = ws.cell(row=1 + c.row, column=1 + c.col, value=c.value if c.value != "" else None)
        if isinstance(c.value, str) and c.value.startswith("="):  # "=100.00(%)" is text, not a formula
            cell.data_type = "s"
        if c.rowspan > 1 or c.colspan > 1:
            ws.merged_cells.ranges.add(CellRange(min_col=1 + c.col, min_row=1 + c.row,
                                                 max_col=c.col + c.colspan, max_row=c.row + c.rowspan))
    wb.save(path)
    return path


@pytest.mark.parametrize("shape", ["text", "xlsx"])
def test_a_form_with_thousands_of_indicator_rows_parses_and_checks(tmp_path: Path, shape: str) -> None:
    if shape == "text":
        path = tmp_path / "long.txt"
        path.write_text(long_text_form(), encoding="utf-8")
    else:
        path = long_xlsx_form(tmp_path / "long.xlsx")
    checked: list[Checked] = []
    run = run_check(expand_paths([path]), load_settings(), checked.append, keep_forms=True)
    assert run.unreadable == [] and run.form_count == 1
    (form,) = run.forms
    names = [i.name for i in form.indicators]
    assert sum(n.startswith("覆盖面") for n in names) == ROWS
    assert names[:2] == ["覆盖面0000", "覆盖面0001"]
    assert sum(run.counts.values()) == len(checked[0].findings) > 0


# --- deep folders and symlink loops -------------------------------------------------------------

def test_a_folder_200_levels_deep_is_walked(monkeypatch, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    deepest = tmp_path / "top"
    for i in range(200):
        deepest = deepest / f"{i % 10}"
    deepest.mkdir(parents=True)
    shutil.copy(SEED, deepest / "深处.txt")
    shutil.copy(SEED, tmp_path / "top" / "浅处.txt")
    assert [p.name for p, _ in expand_paths([tmp_path / "top"])] == ["深处.txt", "浅处.txt"]
    code, out, err = jixiao(monkeypatch, capsys, "check", tmp_path / "top", "--format", "json")
    assert code == 0 and len({f["location"]["file"] for f in json.loads(out)}) == 2
    assert "自评表\t10" in err


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this system")
def test_symlink_loops_are_not_followed(monkeypatch, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    top = tmp_path / "top"
    (top / "a" / "b").mkdir(parents=True)
    shutil.copy(SEED, top / "a" / "b" / "表.txt")
    (top / "a" / "b" / "回到上层").symlink_to(top, target_is_directory=True)   # loop back to the top
    (top / "a" / "自己").symlink_to(top / "a", target_is_directory=True)       # loop onto itself
    (top / "链接.txt").symlink_to(top / "a" / "b" / "表.txt")                   # a linked file is read
    (top / "断链.txt").symlink_to(top / "不存在.txt")                            # a dangling link is skipped
    assert [p.relative_to(top).as_posix() for p, _ in expand_paths([top])] == ["a/b/表.txt", "链接.txt"]
    code, out, err = jixiao(monkeypatch, capsys, "check", top, "--format", "jsonl")
    assert code == 0 and "自评表\t10" in err and "无法读取的文件\t0" in err


def test_an_unlistable_subfolder_is_reported_and_the_rest_is_checked(monkeypatch, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    top = tmp_path / "top"
    (top / "locked").mkdir(parents=True)
    shutil.copy(SEED, top / "表.txt")
    (top / "locked").chmod(0)
    if os.geteuid() == 0:  # root lists any folder: make the listing fail as it does for a user
        from jixiao import _io

        real_scandir = os.scandir

        def scandir(path):  # type: ignore[no-untyped-def]
            if Path(path) == top / "locked":
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(_io.os, "scandir", scandir)
    try:
        code, out, err = jixiao(monkeypatch, capsys, "check", top, "--format", "jsonl")
    finally:
        (top / "locked").chmod(0o755)
    assert code == 0 and f"无法读取文件夹 {top / 'locked'}：" in err and "自评表\t5" in err


# --- a big folder keeps only what its report needs ----------------------------------------------

@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Four files of the example's five forms, with an unreadable file among them."""
    folder = tmp_path / "forms"
    folder.mkdir()
    for i in range(4):
        (folder / f"表{i}.txt").write_text(SEED.read_text(encoding="utf-8").replace("项目名称 ", f"项目名称 {i}号"),
                                          encoding="utf-8")
    (folder / "坏.txt").write_text("这不是自评表\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("fmt", "kept"),
    [
        ("json", {}),                 # written as it goes: nothing kept
        ("jsonl", {}),
        ("github", {}),
        ("text", {"outlines": "FormOutline", "findings": "Finding"}),  # label and start of each form
        ("html", {"forms": "Form", "findings": "Finding"}),           # whole forms: the report shows them
        ("xlsx", {"forms": "Form", "findings": "Finding"}),
    ],
)
def test_a_report_keeps_only_what_it_shows(folder: Path, fmt: str, kept: dict[str, str]) -> None:
    written: list[str | bytes] = []
    reporter = reporter_class(fmt)(written.append)
    reporter.start()
    run = run_check(expand_paths([folder]), load_settings(), reporter.handle)
    assert (run.files, run.form_count, len(run.unreadable), run.forms) == (5, 20, 1, [])
    held = {name: items for name, items in vars(reporter).items() if isinstance(items, list) and items}
    assert {name: type(items[0]).__name__ for name, items in held.items()} == kept
    if held:
        assert len(held["findings"]) == sum(run.counts.values()) > 0
        assert len(held.get("forms", held.get("outlines", []))) == 20
    else:
        assert written and sum(run.counts.values()) > 0  # already written, file by file


def test_outlines_label_forms_as_the_forms_do(folder: Path) -> None:
    forms = read_path(folder / "表0.txt")
    outlines = [FormOutline(f.project, f.source) for f in forms]
    assert [o.label for o in outlines] == [f.label for f in forms] == [f"0号{p}" for p in SEED_PROJECTS]
    nameless = replace(forms[0], project=None)
    assert FormOutline(None, nameless.source).label == nameless.label


@pytest.mark.parametrize("fmt", ["jsonl", "github", "json", "text"])
def test_a_folder_report_is_the_same_streamed_or_kept(monkeypatch, capsys, folder: Path, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """What reaches stdout equals what -o writes, and both equal one render of every finding."""
    from jixiao.check import check_forms
    from jixiao.report import render

    code, out, _ = jixiao(monkeypatch, capsys, "check", folder, "--format", fmt)
    target = tmp_path / f"report.{fmt}"
    code_o, out_o, _ = jixiao(monkeypatch, capsys, "check", folder, "--format", fmt, "-o", target)
    per_file = [read_path(p) for p, _ in expand_paths([folder]) if p.name != "坏.txt"]
    forms = [f for fs in per_file for f in fs]
    whole = render(fmt, forms, [x for fs in per_file for x in check_forms(fs)])  # checked file by file
    assert code == code_o == 0 and out_o == ""
    assert target.read_text(encoding="utf-8") == whole
    assert (out.split("汇总\n")[0] if fmt == "text" else out) == whole


@pytest.mark.parametrize("fmt", ["jsonl", "json", "text", "html", "xlsx"])
def test_the_command_keeps_whole_forms_only_for_the_model_review(monkeypatch, capsys, folder: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    import jixiao.cli.check as cli_check

    runs = []
    real = cli_check.run_check
    monkeypatch.setattr(cli_check, "run_check", lambda *a, **k: runs.append(real(*a, **k)) or runs[-1])
    code, _, err = jixiao(monkeypatch, capsys, "check", folder, "--format", fmt, "-o", f"r.{fmt}")
    (run,) = runs
    assert code == 0 and run.forms == [] and sum(run.counts.values()) > 0
