"""Parse and check throughput per input format: txt, yaml, json, xlsx, docx, pdf.

One file per format holds ``--copies`` × the seed's five forms, laid out by the test fixtures
(reusing ``bench_readers._build``; yaml and json are the canonical dump of the same forms). Each
file is read through ``read_path`` and its forms checked with ``check_forms``, ``--repeat``
times; the best run counts. Wall and CPU (this process) times are both printed: on a shared
machine CPU time is the fairer figure. Also prints the start-up time of `jixiao --help`.
Then one form with 1,000 and 5,000 indicator rows (text and xlsx, the generators of
tests/test_limits.py), to show time per row stays flat. A script, not a test: run it by hand.

    .venv/bin/python benchmarks/bench_formats.py [--copies 20] [--repeat 3] [--formats txt,yaml,...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_readers import _build  # noqa: E402  (also puts tests/ on sys.path for the fixtures)


def build(fmt: str, copies: int, out: Path) -> Path:
    if fmt not in ("yaml", "json"):
        return _build(fmt, copies, out)
    from fixtures.seed import seed_forms
    from jixiao.readers.canonical import dump_forms

    path = out / f"bench.{fmt}"
    path.write_text(dump_forms(seed_forms() * copies, fmt), encoding="utf-8")
    return path


def best(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The fastest (wall, CPU) pair of ``repeat`` runs, by CPU time."""
    runs = []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        runs.append((time.perf_counter() - w0, time.process_time() - c0))
    return min(runs, key=lambda r: r[1])


def long_forms(sizes: str, repeat: int) -> None:
    """One form with thousands of indicator rows (the tests' generator), read and checked at
    each size: time per row should stay flat if reading and checking are linear."""
    from test_limits import long_text_form, long_xlsx_form

    from jixiao.check import check_forms
    from jixiao.readers import read_path

    print(f"{'long form':<10} {'rows':>6} | {'parse CPU s':>11} {'µs/row':>7} | {'check CPU s':>11} {'µs/row':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for shape in ("txt", "xlsx"):
            for rows in map(int, sizes.split(",")):
                path = Path(tmp) / f"long{rows}.{shape}"
                if shape == "txt":
                    path.write_text(long_text_form(rows), encoding="utf-8")
                else:
                    long_xlsx_form(path, rows)
                forms = read_path(path)
                _, pc = best(lambda: read_path(path), repeat)
                _, cc = best(lambda: check_forms(forms), repeat)
                print(f"{shape:<10} {rows:>6} | {pc:>11.3f} {pc / rows * 1e6:>7.0f} | {cc:>11.3f} {cc / rows * 1e6:>7.0f}")


def help_time() -> tuple[float, float]:
    exe = Path(sys.executable).with_name("jixiao")
    cmd = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "jixiao", "--help"]
    runs = []
    for _ in range(7):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs), min(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=20, help="copies of the five seed forms per file")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--formats", default="txt,yaml,json,xlsx,docx,pdf")
    ap.add_argument("--rows", default="1000,5000", help="indicator rows of the one long form, per size")
    args = ap.parse_args()

    from jixiao.check import check_forms
    from jixiao.readers import read_path

    print(f"cpus: {os.cpu_count()}, load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'format':<6} {'forms':>6} {'size':>8} | {'parse CPU s':>11} {'forms/s':>8} | {'check CPU s':>11} "
          f"{'forms/s':>8} | {'parse+check forms/s':>19} {'(wall)':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            path = build(fmt, args.copies, Path(tmp))
            forms = read_path(path)
            n = len(forms)
            if n != 5 * args.copies:
                raise SystemExit(f"{fmt}: read {n} forms, expected {5 * args.copies}")
            check_forms(forms)  # warm the rule registry and regexes
            pw, pc = best(lambda: read_path(path), args.repeat)
            cw, cc = best(lambda: check_forms(forms), args.repeat)
            size = path.stat().st_size / 1024
            print(f"{fmt:<6} {n:>6} {size:>6.0f}KB | {pc:>11.3f} {n / pc:>8.0f} | {cc:>11.3f} {n / cc:>8.0f} | "
                  f"{n / (pc + cc):>19.0f} {n / (pw + cw):>8.0f}")
    long_forms(args.rows, args.repeat)
    median, fastest = help_time()
    print(f"jixiao --help: median {median:.3f} s, best {fastest:.3f} s (goal < 0.3 s)")


if __name__ == "__main__":
    main()
