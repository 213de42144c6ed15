"""How well jixiao reads real published forms: a report, not a test.

    .venv/bin/python benchmarks/eval_reading.py [--shared PATH] [--diff]

Part 1 reads every form of ``tests/data/real/`` and compares it field by field with its
hand-checked ``expected/rNNN.yaml`` (as ``tests/test_real_forms.py`` does): fields right of
fields expected per form, and per shape and per template how many forms were read fully (every
field right), partly, or were declined (the reader refused the file or its reading check doubted
an area the expected reading does not). Shape and template are the expected ones: where the form
really is, not where the reader put it. ``--diff`` prints each form's differing fields.

Part 2 reads every form of the shared development set (``shared/realforms/forms`` beside the
repository) and gives each file's reading verdict and, for the forms whose reading check passed,
the number of findings ``jixiao check`` reports on them.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from _real_forms import (  # noqa: E402 - after the path set-up above
    EXPECTED,
    KNOWN_GAPS,
    REAL,
    comparable,
    differences,
    leaves,
    real_forms,
    shared_forms_folder,
    write_known_gaps,
)

from jixiao.check import check_forms  # noqa: E402
from jixiao.errors import InputError  # noqa: E402
from jixiao.model import Form  # noqa: E402
from jixiao.readers import read_path  # noqa: E402

VERDICTS = ("full", "partly", "declined")
SHARED_VERDICTS = ("passed", "doubted", "refused")


@dataclass
class Scored:
    """One copied form read against its expected reading."""

    name: str
    template: str
    shape: str
    right: int = 0
    total: int = 0
    extra: int = 0
    verdict: str = "partly"
    note: str = ""
    problems: list[str] = field(default_factory=list)
    by_field: Counter[tuple[str, bool]] = field(default_factory=Counter)


def field_name(path: str) -> str:
    """``[0].indicators[3].target`` → ``indicators.target``, ``[0].funds.total.rate`` →
    ``funds.total``, ``[0].section_weights.产出指标`` → ``section_weights``: a field across forms
    and rows, funds by row and labelled mappings as one."""
    parts = re.sub(r"\[\d+\]", "", path).lstrip(".").split(".")
    if parts[0] == "funds" and len(parts) > 2:
        return ".".join(parts[:2])
    if parts[0] == "section_weights":
        return parts[0]
    return ".".join(parts)


def plain(exc: InputError) -> str:
    """The error's message without the file it names (the table names the form)."""
    return re.sub(r"^文件 \S+?(?: 第 \d+ 行)?：", "", str(exc))


def doubted(forms: list[Form]) -> set[str]:
    return {area for f in forms if f.reading for area in f.reading.doubtful}


def score_form(name: str) -> Scored:
    expected = read_path(EXPECTED / f"{name}.yaml")
    first = expected[0].reading
    scored = Scored(name, (first.template if first else None) or "?", (first.shape if first else None) or "?")
    try:
        read = read_path(REAL / f"{name}.txt")
    except InputError as exc:
        read, scored.note = [], f"refused: {plain(exc)[:40]}"
    want, got = comparable(expected, read)
    want_leaves, got_leaves = leaves(want), leaves(got)
    for path, value in want_leaves.items():
        ok = path in got_leaves and got_leaves[path] == value
        scored.right += ok
        scored.by_field[field_name(path), ok] += 1
    scored.total = len(want_leaves)
    scored.extra = len(got_leaves.keys() - want_leaves.keys())
    scored.problems = differences(want, got)
    extra_doubts = doubted(read) - doubted(expected)
    if not scored.problems:
        scored.verdict = "full"
    elif scored.note or extra_doubts:
        scored.verdict = "declined"
        scored.note = scored.note or f"doubted {', '.join(sorted(extra_doubts))}"
    return scored


def tally(pairs: list[tuple[str, str]], title: str, verdicts: tuple[str, ...] = VERDICTS) -> list[str]:
    """A table of how many forms of each group got each verdict, from (group, verdict) pairs."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for group, verdict in pairs:
        counts[group][verdict] += 1
    lines = [f"  {title:<14} " + " ".join(f"{v:>8}" for v in verdicts)]
    for group in sorted(counts):
        lines.append(f"  {group:<14} " + " ".join(f"{counts[group][v]:>8}" for v in verdicts))
    return lines


def labels(name: str) -> tuple[str, str]:
    """(template, shape) of a shared form as its expected reading has them ("?" without one)."""
    path = EXPECTED / f"{name}.yaml"
    if path.is_file():
        reading = read_path(path)[0].reading
        if reading is not None:
            return reading.template or "?", reading.shape or "?"
    return "?", "?"


def report_copied(show_diff: bool) -> None:
    rows = [score_form(name) for name in real_forms()]
    print(f"Part 1: {len(rows)} copied forms against their hand-checked readings (tests/data/real)\n")
    print(f"  {'form':<6} {'template':<14} {'shape':<14} {'fields right':>13} {'extra':>6}  verdict")
    for r in rows:
        print(f"  {r.name:<6} {r.template:<14} {r.shape:<14} {r.right:>6}/{r.total:<6} {r.extra:>6}  "
              f"{r.verdict}{'  (' + r.note + ')' if r.note else ''}")
        if show_diff:
            print("\n".join(f"      {p}" for p in r.problems))
    print()
    print("\n".join(tally([(r.shape, r.verdict) for r in rows], "shape")))
    print()
    print("\n".join(tally([(r.template, r.verdict) for r in rows], "template")))
    right, total = sum(r.right for r in rows), sum(r.total for r in rows)
    print(f"\n  {right} of {total} fields right ({right / max(total, 1):.0%}); "
          f"{sum(r.extra for r in rows)} fields read that the expected readings do not have")
    by_field: Counter[tuple[str, bool]] = sum((r.by_field for r in rows), Counter())
    names = sorted({name for name, _ in by_field}, key=lambda n: (-(by_field[n, True] + by_field[n, False]), n))
    print("\n  per field (right/expected): " + ", ".join(
        f"{n} {by_field[n, True]}/{by_field[n, True] + by_field[n, False]}" for n in names))


def verdict_of(forms: list[Form]) -> str:
    """``passed`` / ``doubted funds, indicators`` for each form of a file."""
    parts = []
    for f in forms:
        doubts = f.reading.doubtful if f.reading else []
        parts.append(f"doubted {', '.join(doubts)}" if doubts else "passed")
    return "; ".join(parts) if parts else "no form"


def report_shared(folder: Path | None) -> None:
    if folder is None:
        print("\nPart 2: the shared development set (shared/realforms/forms) is not beside this repository")
        return
    files = sorted(folder.glob("r*.txt"))
    print(f"\nPart 2: {len(files)} forms of the shared set ({folder})\n")
    print(f"  {'form':<6} {'template':<14} {'shape':<14} {'forms':>5} {'rows':>5} {'findings':>9}  reading verdict")
    verdicts: list[tuple[str, str, str]] = []
    findings_total = 0
    for path in files:
        template, shape = labels(path.stem)
        where = f"  {path.stem:<6} {template:<14} {shape:<14}"
        try:
            forms = read_path(path)
        except InputError as exc:
            print(f"{where} {'-':>5} {'-':>5} {'-':>9}  refused: {plain(exc)[:50]}")
            verdicts.append((template, shape, "refused"))
            continue
        passed = [f for f in forms if not (f.reading and f.reading.doubtful)]
        findings = len(check_forms(passed)) if passed else 0
        findings_total += findings
        verdicts.append((template, shape, "passed" if len(passed) == len(forms) else "doubted"))
        rows = sum(len(f.indicators) for f in forms)
        print(f"{where} {len(forms):>5} {rows:>5} {findings:>9}  {verdict_of(forms)}")
    print("\n  (a file is passed when every form read from it passed its reading check)\n")
    print("\n".join(tally([(s, v) for _, s, v in verdicts], "shape", SHARED_VERDICTS)))
    print()
    print("\n".join(tally([(t, v) for t, _, v in verdicts], "template", SHARED_VERDICTS)))
    print(f"\n  findings on forms whose reading passed: {findings_total}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None, help="the shared set's forms folder")
    parser.add_argument("--diff", action="store_true", help="print each copied form's differing fields")
    parser.add_argument("--write-known-gaps", action="store_true",
                        help="record today's differing fields in tests/data/real/known-gaps.yaml and stop")
    args = parser.parse_args()
    if args.write_known_gaps:
        write_known_gaps()
        print(f"wrote {KNOWN_GAPS.relative_to(ROOT)}")
        return
    report_copied(args.diff)
    report_shared(args.shared or shared_forms_folder())


if __name__ == "__main__":
    main()
