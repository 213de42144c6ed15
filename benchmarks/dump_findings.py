"""Dump the findings on the seed and on bench_check's varied forms as JSON lines, so that a
refactoring can be shown not to change behaviour: run it against the old tree and the new one
and diff the outputs.

    PYTHONPATH=/tmp/old/src .venv/bin/python benchmarks/dump_findings.py > old.jsonl
    .venv/bin/python benchmarks/dump_findings.py > new.jsonl && cmp old.jsonl new.jsonl

`--mutants N` adds N fuzz mutations of the seed (tests/_mutate.py, fixed seeds): each one's
parsed forms (or its error message) and findings, under every profile. Optimising the reader or
the rules is only safe when all of that stays byte-identical.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from pydantic import TypeAdapter

from jixiao.model import Form

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "shanghai-kepu-2024.txt"
_FORM = TypeAdapter(Form)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--forms", type=int, default=5000)
    ap.add_argument("--mutants", type=int, default=0)
    args = ap.parse_args()

    from jixiao.check import check_form, check_forms
    from jixiao.readers import read_path
    from jixiao.report.machine import finding_json

    text = SEED.read_text(encoding="utf-8")
    variants = [
        text.replace("项目名称 ", f"项目名称 第{i}组").replace("12月 31日", f"12月 {1 + i % 28}日")
        for i in range(max(1, args.forms // 5))
    ]
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-dump-"))  # private: concurrent runs must not share files
    out = _Portable(sys.stdout, {str(ROOT): "<root>", str(tmp): "<tmp>"})
    seed = read_path(SEED)
    for f in check_forms(seed):
        out.write(finding_json(f) + "\n")
    for form in seed:  # the per-form entry point the LLM guard uses
        for f in check_form(form):
            out.write(finding_json(f) + "\n")
    # File names end up in every form and finding: _Portable writes them relative to <root> and
    # <tmp>, so two checkouts, or two runs at once, give the same bytes.
    big = tmp / "replicated.txt"
    big.write_text("\n".join(variants), encoding="utf-8")
    forms = read_path(big)
    for form in forms:
        out.write(_form_json(form) + "\n")
    for f in check_forms(forms):
        out.write(finding_json(f) + "\n")
    if args.mutants:
        _mutants(args.mutants, text, big.parent / "mutant.txt", out)
    shutil.rmtree(tmp, ignore_errors=True)


def _form_json(form: Form) -> str:
    """A form as compact JSON, in pydantic's own number and string spelling."""
    return _FORM.dump_json(form).decode("utf-8")


class _Portable:
    """A text stream that writes the checkout's and the temporary folder's paths as placeholders."""

    def __init__(self, stream, paths: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
        self.stream, self.paths = stream, paths

    def write(self, text: str) -> None:
        for path, name in self.paths.items():
            text = text.replace(path, name)
        self.stream.write(text)


def _mutants(n: int, text: str, path: Path, out) -> None:  # type: ignore[no-untyped-def]
    import random

    sys.path.insert(0, str(ROOT / "tests"))
    from _mutate import mutate_text

    from jixiao.check import check_forms
    from jixiao.config import PROFILES, Settings
    from jixiao.errors import JixiaoError
    from jixiao.readers import read_path
    from jixiao.report.machine import finding_json

    settings = [Settings(profile=name) for name in sorted(PROFILES)]
    for seed in range(n):
        path.write_text(mutate_text(text, random.Random(seed)), encoding="utf-8")
        try:
            forms = read_path(path)
        except JixiaoError as e:
            out.write(f"{seed} error {e}\n")
            continue
        for form in forms:
            out.write(_form_json(form) + "\n")
        for s in settings:
            for f in check_forms(forms, s):
                out.write(finding_json(f) + "\n")


if __name__ == "__main__":
    main()
