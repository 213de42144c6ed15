"""Text reader throughput: the seed (five forms) parsed N times (run: python benchmarks/bench_parse.py [N]).

Parse + check of the example must stay at or above 1,000 forms/s (``bench_check.py``). Printed:
forms/s over wall time and over this process's CPU time (the second is the fair figure on a
shared machine; the best of five rounds is the least disturbed), plus the share of the time
spent in each stage of the one pipeline: decode, text shape → rows of cells, mapper → forms.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from jixiao.readers.encoding import decode, normalize_text
from jixiao.readers.mapper import grid_to_forms
from jixiao.readers.shapes import text_to_grids
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

    text = normalize_text(decode(data, name="x"))
    grids = text_to_grids(text, file="x")
    stages = {
        "decode + normalise": lambda: normalize_text(decode(data, name="x")),
        "shape → rows of cells": lambda: text_to_grids(text, file="x"),
        "mapper → forms, reading": lambda: [grid_to_forms(g) for g in grids],
    }
    m = max(1, n // 5)
    costs = {name: _timed(fn, m)[1] / m for name, fn in stages.items()}
    total = sum(costs.values())
    for name, cost in costs.items():
        print(f"  {name:<26} {cost * 1e6:8.0f} µs/file  {cost / total:5.1%}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
