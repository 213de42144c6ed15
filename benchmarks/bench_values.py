"""parse_value throughput over the seed's value cells (run: python benchmarks/bench_values.py).

A 5,000-form check parses ~200,000 cells. Two figures: "cold" clears the parse cache before
every pass (each text seen for the first time, the worst case), "warm" lets it work (real forms
repeat 100.00(%), 达成指标, … a lot). find_quantities is timed over the seed's narratives.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from jixiao import values
from jixiao.values import find_quantities, parse_value

SEED = Path(__file__).resolve().parents[1] / "examples" / "shanghai-kepu-2024.txt"
_CELL = re.compile(r"[≥=]?\d+(?:\.\d+)?\([^()\s]+\)")
_EXTRA = ["达成指标", "部分达成指\n标并具有一\n定效果", "有效提升", "健全", "及时", "-", "—",
          "约500人", "1.2万人次", "十六个区", "90%-95%", "≥95%", "不少于60场次", "5.5万元"]


def _rate(fn, items: list[str], seconds: float, clear: bool) -> float:
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        if clear:
            values.cells._parse.cache_clear()
        for t in items:
            fn(t)
        n += len(items)
    return n / (time.perf_counter() - start)


def main(seconds: float = 2.0) -> None:
    text = SEED.read_text(encoding="utf-8")
    cells = _CELL.findall(text) + _EXTRA
    paras = [p for p in text.split("\n\n") if len(p) > 40]
    cold = _rate(parse_value, cells, seconds, clear=True)
    warm = _rate(parse_value, cells, seconds, clear=False)
    narr = _rate(find_quantities, paras, seconds, clear=False)
    print(f"cells: {len(cells)}, narrative paragraphs: {len(paras)}")
    print(f"parse_value cold: {cold:,.0f} calls/s")
    print(f"parse_value warm: {warm:,.0f} calls/s")
    print(f"find_quantities:  {narr:,.0f} paragraphs/s")
    print(f"200,000 cold cells: {200_000 / cold:.2f} s")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 2.0)
