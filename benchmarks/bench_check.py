"""Throughput of parse + check on the bundled example replicated to 5,000 forms, and the start-up
time of `jixiao --help`. A script, not a test: run it on a quiet machine.

    .venv/bin/python benchmarks/bench_check.py [--forms 5000] [--repeat 3] [--against COMMIT]

Goals: ≥ 1,000 forms/s on one core (parse + check), `jixiao --help` under 0.3 s.

A machine's speed wanders (this one ran the same code at half the speed on different days), so
``--against COMMIT`` also times that commit's ``src/`` on the same forms, each side in its own
process, alternating round by round, and prints the ratio: a figure that carries from one day or
machine to another, where forms/s does not.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "shanghai-kepu-2024.txt"
SEED_FORMS = 5


def _time(fn, *args):  # type: ignore[no-untyped-def]
    """(wall, CPU) seconds of ``fn(*args)``, and its result: on a shared machine the CPU time of
    this process is the fairer measure of "one core"; both are printed."""
    w0, c0 = time.perf_counter(), time.process_time()
    result = fn(*args)
    return time.perf_counter() - w0, time.process_time() - c0, result


def _interpreter() -> str:
    """Which CPython ran: the same code ran about 15 % faster on Debian's python3.11 than on the
    pyenv build this machine's ``python3`` is (compiled from source with default options), so
    figures only compare on the same interpreter."""
    import platform

    return f"{sys.executable} ({platform.python_version()}, {platform.python_compiler()}, built {platform.python_build()[1]})"


def variants(copies: int, start: int = 0) -> list[str]:
    """``copies`` copies of the example's text (numbered from ``start``), each different in every
    text a cache could be keyed on: the project names, the 预期目标 (a group number in front), the
    实际完成情况 (a tag of CJK numerals, so that no figure is added) and its reporting date. Real
    forms share header words and value cells, never whole narratives, so replicated forms must
    not be cheaper than distinct ones would be. ``count_instructions.py`` builds its forms here too."""
    text = SEED.read_text(encoding="utf-8")
    return [
        text.replace("项目名称 ", f"项目名称 第{i}组")
        .replace("预期目标 实际完成情况\n\n", f"预期目标 实际完成情况\n\n第{i}组：")
        .replace("截至 2024年 12月 31日", f"{_numerals(i)}截至 2024年 12月 {1 + i % 28}日")
        for i in range(start, start + copies)
    ]


def _numerals(i: int) -> str:
    return "".join("〇一二三四五六七八九"[int(d)] for d in str(i))


def _measure(forms: int, repeat: int) -> dict[str, float]:
    """Parse and check the replicated example: wall and CPU seconds of the best of ``repeat``
    rounds of each (by CPU time, the least disturbed round on a shared machine). Every round reads
    and checks forms not seen before (the warm-up has its own), as a user's run does: a cache
    keyed on a whole text never serves the timed work."""
    from jixiao.check import check_forms
    from jixiao.readers import read_path

    copies = max(1, forms // SEED_FORMS)
    parse: list[tuple[float, float]] = []
    check: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        files = [Path(tmp) / f"replicated{r}.txt" for r in range(repeat + 1)]
        for r, big in enumerate(files):
            big.write_text("\n".join(variants(copies, start=r * copies)), encoding="utf-8")
        check_forms(read_path(files[0]))  # warm-up: regexes compiled, rule registry, imports
        for big in files[1:]:
            wall, cpu, read = _time(read_path, big)
            parse.append((wall, cpu))
            wall, cpu, _ = _time(check_forms, read)
            check.append((wall, cpu))
        (parse_w, parse_c), (check_w, check_c) = (min(t, key=lambda t: t[1]) for t in (parse, check))
        return {"forms": len(read), "findings": len(check_forms(read)), "parse_wall": parse_w,
                "parse_cpu": parse_c, "check_wall": check_w, "check_cpu": check_c}


def _against(commit: str, forms: int, repeat: int) -> None:
    """Time ``commit``'s code and this tree's alternately, one process per round and side (each
    the best of three runs); print each side's best round, their ratio, and the median of the
    rounds' ratios. On a shared machine a neighbour's load slows both sides of a round, but not
    equally (this tree touches more memory per form), so the median of the rounds says how
    steady the best-round ratio is."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        sides = {"this tree": str(ROOT / "src"), commit: str(Path(tmp) / "src")}
        rounds: list[dict[str, float]] = []
        for _ in range(repeat):
            times: dict[str, float] = {}
            for side, src in sides.items():
                out = subprocess.run([sys.executable, __file__, "--measure", "--forms", str(forms), "--repeat", "3"],
                                     check=True, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": src})
                m = json.loads(out.stdout)
                times[side] = (m["parse_cpu"] + m["check_cpu"]) / m["forms"]
            rounds.append(times)
    best = {side: min(r[side] for r in rounds) for side in sides}
    for side, per_form in best.items():
        print(f"{side:>11}: parse+check CPU {per_form * 1e3:.3f} ms/form = {1 / per_form:6,.0f} forms/s")
    ratios = sorted(r[commit] / r["this tree"] for r in rounds)
    print(f"this tree runs at {best[commit] / best['this tree']:.2f}× the speed of {commit} here "
          f"(best rounds; the {len(ratios)} rounds' ratios: median {statistics.median(ratios):.2f}, "
          f"{ratios[0]:.2f}–{ratios[-1]:.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--forms", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--against", metavar="COMMIT", help="also time this commit's code, alternately, and print the ratio")
    ap.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)  # one side of --against, as JSON
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(_measure(args.forms, args.repeat)))
        return
    if args.against:
        print(f"python: {_interpreter()}")
        _against(args.against, args.forms, args.repeat)
        return

    m = _measure(args.forms, args.repeat)
    n = m["forms"]
    print(f"python: {_interpreter()}")
    print(f"forms: {n:.0f} ({n / SEED_FORMS:.0f} copies of the example, each varied), findings: {m['findings']:.0f}")
    for label, w, c in (("parse", m["parse_wall"], m["parse_cpu"]), ("check", m["check_wall"], m["check_cpu"]),
                        ("parse+check", m["parse_wall"] + m["check_wall"], m["parse_cpu"] + m["check_cpu"])):
        print(f"{label:>11}: wall {w:7.3f} s = {n / w:6,.0f} forms/s | CPU {c:7.3f} s = {n / c:6,.0f} forms/s")
    print("goal: parse+check ≥ 1,000 forms/s on one core")

    exe = Path(sys.executable).with_name("jixiao")
    cmd = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "jixiao", "--help"]
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        runs.append(time.perf_counter() - t0)
    print(f"jixiao --help: median of 5 runs {statistics.median(runs):.3f} s, best {min(runs):.3f} s (goal < 0.3 s)")


if __name__ == "__main__":
    main()
