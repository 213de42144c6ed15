"""Time and size of the HTML and XLSX reports for a finance bureau's batch: the bundled example
replicated to many forms (text input → national-layout sheets), and the same forms as one
workbook with a sheet per form (XLSX input → annotated copy). A script, not a test: run it on a
quiet machine.

    .venv/bin/python benchmarks/bench_report.py [--forms 1000] [--repeat 1]

Goal: linear in forms; a 1,000-form batch in seconds, not minutes, per format.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "shanghai-kepu-2024.txt"
sys.path.insert(0, str(ROOT / "tests"))


def _best(fn: Any, repeat: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--forms", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()

    from fixtures.build_xlsx import write_xlsx
    from fixtures.layout import layout_form
    from fixtures.seed import seed_forms

    from jixiao.check import check_forms
    from jixiao.readers import read_path
    from jixiao.report.html import render_html
    from jixiao.report.xlsx import render_xlsx

    copies = max(1, args.forms // 5)
    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "batch.txt"
        text.write_text("\n".join([SEED.read_text(encoding="utf-8")] * copies), encoding="utf-8")
        layouts = [layout_form(f) for f in seed_forms() * copies]
        book = write_xlsx(Path(tmp) / "batch.xlsx", [(f"表{i + 1}", [lay]) for i, lay in enumerate(layouts)])
        cases = [("txt", text), ("xlsx", book)]
        for name, path in cases:
            forms = read_path(path)
            findings = check_forms(forms)
            sources = {str(path): path.read_bytes()}
            print(f"{name} input: {len(forms)} forms, {len(findings)} findings")
            for fmt, fn in (("html", lambda: render_html(forms, findings)),
                            ("xlsx", lambda: render_xlsx(forms, findings, sources=sources))):
                best, out = _best(fn, args.repeat)
                size = len(out.encode("utf-8")) if isinstance(out, str) else len(out)
                print(f"  {fmt}: {best:.2f} s ({len(forms) / best:,.0f} forms/s), {size / 1048576:.1f} MB")


if __name__ == "__main__":
    main()
