"""Forms per second of the grid readers (.xlsx, .docx, .pdf), with the text reader beside them.

The seed's five forms are laid out by the test fixtures (national template, merged cells) and
repeated: one file of ``--copies`` × 5 forms per format (one sheet per form in xlsx, one table per
form in docx, one page per form in pdf). Each file is read ``--repeat`` times through
``read_path``; the best time counts. A script, not a test: run it on a quiet machine.

    .venv/bin/python benchmarks/bench_readers.py [--copies 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def _build(fmt: str, copies: int, out: Path) -> Path:
    from fixtures.layout import layout_form
    from fixtures.seed import SEED_PATH, seed_forms

    forms = seed_forms() * copies
    layouts = [layout_form(f) for f in forms]
    path = out / f"bench.{fmt}"
    if fmt == "xlsx":
        from fixtures.build_xlsx import write_xlsx

        return write_xlsx(path, [(f"表{i + 1}", [lay]) for i, lay in enumerate(layouts)])
    if fmt == "docx":
        from fixtures.build_docx import write_docx

        return write_docx(path, layouts)
    if fmt == "pdf":
        from fixtures.build_pdf import write_pdf

        return write_pdf(path, layouts)
    text = SEED_PATH.read_text(encoding="utf-8")
    path.write_text("\n".join([text] * copies), encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=10, help="copies of the five seed forms per file")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--formats", default="txt,xlsx,docx,pdf")
    args = ap.parse_args()

    from jixiao.readers import read_path

    print(f"{'format':<6} {'forms':>6} {'size':>9} {'best s':>8} {'forms/s':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            path = _build(fmt, args.copies, Path(tmp))
            best = float("inf")
            n = 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                n = len(read_path(path))
                best = min(best, time.perf_counter() - t0)
            if n != 5 * args.copies:
                raise SystemExit(f"{fmt}: read {n} forms, expected {5 * args.copies}")
            size = path.stat().st_size
            print(f"{fmt:<6} {n:>6} {size / 1024:>7.0f}KB {best:>8.3f} {n / best:>9.1f}")


if __name__ == "__main__":
    main()
