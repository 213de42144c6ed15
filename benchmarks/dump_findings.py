"""Dump the findings on the seed and on bench_check's varied forms as JSON lines, so that a
refactoring can be shown not to change behaviour: run it against the old tree and the new one
and diff the outputs.

    PYTHONPATH=/tmp/old/src .venv/bin/python benchmarks/dump_findings.py > old.jsonl
    .venv/bin/python benchmarks/dump_findings.py > new.jsonl && cmp old.jsonl new.jsonl
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "shanghai-kepu-2024.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--forms", type=int, default=5000)
    args = ap.parse_args()

    from jixiao.check import check_form, check_forms
    from jixiao.readers import read_path

    text = SEED.read_text(encoding="utf-8")
    variants = [
        text.replace("项目名称 ", f"项目名称 第{i}组").replace("12月 31日", f"12月 {1 + i % 28}日")
        for i in range(max(1, args.forms // 5))
    ]
    out = sys.stdout
    seed = read_path(SEED)
    for f in check_forms(seed):
        out.write(f.model_dump_json() + "\n")
    for form in seed:  # the per-form entry point the LLM guard uses
        for f in check_form(form):
            out.write(f.model_dump_json() + "\n")
    # A fixed path: file names end up in every form and finding, so two runs must share it.
    big = Path(tempfile.gettempdir()) / "jixiao-dump-findings" / "replicated.txt"
    big.parent.mkdir(exist_ok=True)
    big.write_text("\n".join(variants), encoding="utf-8")
    forms = read_path(big)
    for form in forms:
        out.write(form.model_dump_json() + "\n")
    for f in check_forms(forms):
        out.write(f.model_dump_json() + "\n")


if __name__ == "__main__":
    main()
