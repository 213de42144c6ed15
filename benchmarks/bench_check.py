"""Throughput of parse + check on the bundled example replicated to 5,000 forms, and the start-up
time of `jixiao --help`. A script, not a test: run it on a quiet machine.

    .venv/bin/python benchmarks/bench_check.py [--forms 5000] [--repeat 3]

Goals: ≥ 2,000 forms/s on one core (parse + check), `jixiao --help` under 0.3 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "shanghai-kepu-2024.txt"
SEED_FORMS = 5


def _time(fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--forms", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from jixiao.check import check_forms
    from jixiao.readers import read_path

    copies = max(1, args.forms // SEED_FORMS)
    text = SEED.read_text(encoding="utf-8")
    # Each copy differs (project names, the reporting date in every narrative) so that no cache
    # keyed on text content can make the replicated forms cheaper than distinct ones would be.
    variants = [
        text.replace("项目名称 ", f"项目名称 第{i}组").replace("12月 31日", f"12月 {1 + i % 28}日")
        for i in range(copies)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "replicated.txt"
        big.write_text("\n".join(variants), encoding="utf-8")
        forms = read_path(big)
        n = len(forms)
        check_forms(forms)  # warm caches (regexes, rule registry)
        parse_t = min(_time(lambda: read_path(big)) for _ in range(args.repeat))
        check_t = min(_time(lambda: check_forms(forms)) for _ in range(args.repeat))
        findings = len(check_forms(forms))
    total = parse_t + check_t
    print(f"forms: {n} ({copies} copies of the example), findings: {findings}")
    print(f"parse: {parse_t:.3f} s ({n / parse_t:,.0f} forms/s)")
    print(f"check: {check_t:.3f} s ({n / check_t:,.0f} forms/s)")
    print(f"parse+check: {total:.3f} s → {n / total:,.0f} forms/s (goal ≥ 2,000)")

    exe = Path(sys.executable).with_name("jixiao")
    cmd = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "jixiao", "--help"]
    runs = []
    for _ in range(7):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        runs.append(time.perf_counter() - t0)
    print(f"jixiao --help: median {statistics.median(runs):.3f} s, best {min(runs):.3f} s (goal < 0.3 s)")


if __name__ == "__main__":
    main()
