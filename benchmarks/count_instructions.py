"""Instructions per form for reading or checking, counted by valgrind: a figure that does not move
with the load of a shared machine (CPU seconds there wander by 10-30 %), for judging one
optimisation against another. Needs valgrind (Debian: ``apt-get install valgrind``).

    .venv/bin/python benchmarks/count_instructions.py parse|check|facts|rule:P001 [--forms 200]

Two runs under callgrind, one doing the work and one doing everything but, so start-up, imports
and building the input cancel out. Both first read and check five other copies, so that the
counted work is on forms never seen before, as in a user's run. ``rule:CODE`` times one per-form rule on the forms with their facts built in both runs; ``facts``
times building the forms' ``FormFacts`` (not the lazy alignment).
Hash seed and collector are fixed so that runs repeat to within ~1 %.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_check import variants  # the same varied copies of the example


_CHILD = """
import gc, sys
from jixiao.check import _DEFAULT, check_forms
from jixiao.readers import read_path
from jixiao.rules import get_rule
from jixiao.rules._facts import FormFacts
warm, path, what, work = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
check_forms(read_path(warm))  # registry, compiled patterns and imports warm in both runs, on other forms
forms = [] if what == "parse" else read_path(path)
views = forms
facts = [FormFacts(v) for v in views] if what.startswith("rule:") else None
gc.collect(); gc.disable()
if work:
    if what == "parse":
        read_path(path)
    elif what == "check":
        check_forms(forms)
    elif what == "facts":
        for v in views:
            FormFacts(v)
    else:
        rule = get_rule(what[5:])
        for f, x in zip(views, facts):
            for _ in (rule.func(f, _DEFAULT, x) if rule.wants_facts else rule.func(f, _DEFAULT)):
                pass
"""


def _count(path: Path, what: str, work: bool) -> int:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                           "-c", _CHILD, str(path.with_name("warm.txt")), str(path), what, "1" if work else "0"],
                          capture_output=True, text=True, env=env, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        raise SystemExit(done.stderr[-2000:])
    return int(found.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("what", help="parse, check, facts or rule:CODE")
    ap.add_argument("--forms", type=int, default=200)
    args = ap.parse_args()
    copies = max(1, args.forms // 5)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "replicated.txt"
        path.write_text("\n".join(variants(copies)), encoding="utf-8")
        path.with_name("warm.txt").write_text("\n".join(variants(5, start=copies)), encoding="utf-8")
        n = copies * 5
        per_form = (_count(path, args.what, True) - _count(path, args.what, False)) / n
    print(f"{args.what}: {per_form:,.0f} instructions per form ({n} forms)")


if __name__ == "__main__":
    main()
