"""Text reader throughput: the seed (five forms) parsed N times (run: python benchmarks/bench_parse.py [N]).

The reader should manage >= 5,000 forms/s on one core so that parse + check stays well above
2,000 forms/s. Printed: forms/s over wall time and over this process's CPU time (the second is
the fair figure on a shared machine; the best of five rounds is the least disturbed), plus the
share of the time spent in each stage.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from jixiao.readers._text_assemble import assemble
from jixiao.readers._text_common import clean_lines
from jixiao.readers._text_pdf import parse_pdf_form, split_pdf_forms
from jixiao.readers.encoding import decode, normalize_newlines
from jixiao.readers.text import read_text

SEED = Path(__file__).resolve().parents[1] / "examples" / "shanghai-kepu-2024.txt"


def _timed(fn, n: int) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(n):
        fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(n: int = 1000) -> None:
    data = SEED.read_bytes()
    forms_per_file = len(read_text(data, name=SEED.name))
    rounds = [_timed(lambda: read_text(data, name=SEED.name), n // 5) for _ in range(5)]
    wall = sum(w for w, _ in rounds)
    cpu = sum(c for _, c in rounds)
    forms = 5 * (n // 5) * forms_per_file
    best = (n // 5) * forms_per_file / min(c for _, c in rounds)
    print(f"read_text: {5 * (n // 5)} × {SEED.name} = {forms} forms")
    print(f"  wall {wall:.3f} s → {forms / wall:,.0f} forms/s; cpu {cpu:.3f} s → {forms / cpu:,.0f} forms/s")
    print(f"  best of 5 rounds (cpu): {best:,.0f} forms/s")

    lines = clean_lines(normalize_newlines(decode(data, name="x")))
    spans = split_pdf_forms(lines)
    parts = [parse_pdf_form(lines, a, b, file="x") for a, b in spans]
    stages = {
        "decode + normalise": lambda: clean_lines(normalize_newlines(decode(data, name="x"))),
        "split + parse": lambda: [parse_pdf_form(lines, a, b, file="x") for a, b in split_pdf_forms(lines)],
        "assemble (values, model)": lambda: [assemble(p) for p in parts if p is not None],
    }
    m = max(1, n // 5)
    costs = {name: _timed(fn, m)[1] / m for name, fn in stages.items()}
    total = sum(costs.values())
    for name, cost in costs.items():
        print(f"  {name:<26} {cost * 1e6:8.0f} µs/file  {cost / total:5.1%}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
