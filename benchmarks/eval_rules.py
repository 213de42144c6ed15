"""How many of a reviewer's findings on real forms the rules catch: a report, not a test.

    .venv/bin/python benchmarks/eval_rules.py [--findings PATH] [-v]

``shared/realforms/findings.yaml`` (beside the repository) lists problems a careful reviewer found
in the real published forms. For each one this checks the form's hand-typed canonical copy in
``tests/data/rules/`` (files named ``rNNN-*.yaml``, so the reader plays no part) and says whether
a rule catches it: a finding of one of the codes its ``kind`` maps to (``KIND_CODES``), on an
indicator the reviewer names (where the rule's finding is about an indicator). A finding whose
form has no canonical copy counts as missed.

Recall is printed overall, over the findings judged correct (``JUDGED``: where the reviewer's
finding looks wrong or unprovable from the form, with why), and per kind; then every miss.
``-v`` also lists what caught each finding.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]

from jixiao.check import check_forms  # noqa: E402 - after the path set-up above
from jixiao.finding import Finding  # noqa: E402
from jixiao.readers import read_path  # noqa: E402

CANONICAL = ROOT / "tests" / "data" / "rules"
FINDINGS = ROOT.parent / "shared" / "realforms" / "findings.yaml"

KIND_CODES: dict[str, frozenset[str]] = {
    kind: frozenset(codes.split())
    for kind, codes in {
        "year_inconsistency": "S008",
        "missing_values": "S007",
        "missing_values_full_score": "S007",
        "exec_rate_missing": "S007 F001",
        "placeholder_left": "S007",
        "satisfaction_100": "E002",
        "satisfaction_equals_target": "Q008 E002",
        "exec_score_mismatch": "F002 F003",
        "exec_rate_wrong": "F001 F011 F012",
        "met_target_points_lost": "Q005 D001",
        "score_lost_no_reason": "D001",
        "miss_full_score": "Q004",
        "vague_target_full_score": "L003",
        "vague_actual": "L001 Q008",
        "weighting_error": "S011 Q005",
        "total_mismatch": "S001 S002",
        "subtotal_mismatch": "F006 S004",
        "inconsistent_actual": "F011 F006",
        "unsupported_value": "F011 E001",
        "unit_mismatch": "Q007 Q010",
        "misclassified_indicator": "S010",
        "low_execution_targets_met": "N006",
        "narrative_inconsistency": "N008 N006 N003 D004",
        "narrative_copied": "N005",
    }.items()
}
"""Each kind of reviewer finding → the rule codes that report that problem."""

FUNDS_KINDS = frozenset({"exec_rate_missing", "exec_score_mismatch", "subtotal_mismatch"})
"""Kinds about the funds table: only a finding on the funds table (``field`` funds…) catches them."""

JUDGED: dict[tuple[str, str], str] = {
    ("r010", "year_inconsistency"):
        "the 2022 is in the sharing site's document title, not in the form; the form says 2023 throughout",
    ("r036", "exec_score_mismatch"):
        "PDF text with scrambled columns: 分值 10 / 执行率 100 read the other way round is a sound row",
    ("r031", "unit_mismatch"):
        "not a unit problem: a non-numeric actual (好) against a quantitative target (Q008, L001)",
    ("r055", "satisfaction_equals_target"):
        "the copied ≥80% is a real problem, but the 'no execution component' half is the template's design",
}
"""Findings judged wrong or not provable from the form (also in tests/data/rules/NOTES.md).

r055 is judged correct for its first half and stays counted; the entry only records the doubt."""
_COUNTED_ANYWAY = {("r055", "satisfaction_equals_target")}


@dataclass(frozen=True, slots=True)
class Outcome:
    form: str
    kind: str
    where: str
    caught_by: tuple[str, ...]
    has_copy: bool

    @property
    def caught(self) -> bool:
        return bool(self.caught_by)

    @property
    def judged_wrong(self) -> bool:
        key = (self.form, self.kind)
        return key in JUDGED and key not in _COUNTED_ANYWAY


def _words(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", text)


def mentions(name: str, text: str) -> bool:
    """The reviewer's text names the indicator: four characters of its name in a row appear there."""
    name, text = _words(re.sub(r"^指标\s*\d+\s*[:：.．、]", "", name)), _words(text)
    return len(name) >= 2 and any(name[i : i + 4] in text for i in range(max(1, len(name) - 3)))


def about_row(finding: Finding, where: str, about: str) -> bool:
    """The reviewer's finding is about the finding's indicator: its name is mentioned, or the
    reviewer's ``where`` is its 一级 or 二级指标 (满意度指标, 数量指标)."""
    levels = str(finding.evidence.get("place", "")).split(" · ")[0].split("/")[:-1]
    return mentions(finding.indicator or "", about) or where.strip() in levels


def findings_of(form: str) -> tuple[list[Finding], bool]:
    """The rules' findings on every canonical copy of ``form``, and whether there is one."""
    files = sorted(CANONICAL.glob(f"{form}-*.yaml"))
    found = [f for path in files for f in check_forms(read_path(path))]
    return found, bool(files)


def evaluate(entries: list[dict[str, str]]) -> list[Outcome]:
    out = []
    cache: dict[str, tuple[list[Finding], bool]] = {}
    for e in entries:
        form, kind = e["form"], e["kind"]
        found, has_copy = cache.setdefault(form, findings_of(form))
        about = f"{e.get('where', '')} {e.get('detail', '')}"
        codes = KIND_CODES.get(kind, frozenset())
        caught = tuple(
            f"{f.rule} {f.indicator or ''}".strip() for f in found
            if f.rule in codes and (f.indicator is None or about_row(f, e.get("where", ""), about))
            and (kind not in FUNDS_KINDS or (f.field or "").startswith("funds"))
        )
        out.append(Outcome(form, kind, e.get("where", ""), caught, has_copy))
    return out


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} = {100 * n / d:.1f}%" if d else "0/0"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--findings", type=Path, default=FINDINGS)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if not args.findings.is_file():
        sys.exit(f"找不到评审发现清单 {args.findings}（用 --findings 指定 findings.yaml 的位置）")
    entries = yaml.safe_load(args.findings.read_text(encoding="utf-8"))
    unknown = sorted({e["kind"] for e in entries} - set(KIND_CODES))
    if unknown:
        sys.exit(f"findings.yaml 中有未映射到规则的类型：{', '.join(unknown)}")
    outcomes = evaluate(entries)
    correct = [o for o in outcomes if not o.judged_wrong]
    print(f"召回（全部 {len(outcomes)} 条）：{_pct(sum(o.caught for o in outcomes), len(outcomes))}")
    print(f"召回（判断为正确的 {len(correct)} 条）：{_pct(sum(o.caught for o in correct), len(correct))}")
    print(f"有规范副本的：{sum(o.has_copy for o in outcomes)} 条")
    print("\n按类型（判断为正确的）：")
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for o in correct:
        by_kind[o.kind].append(o)
    for kind, group in sorted(by_kind.items()):
        print(f"  {kind:<28} {_pct(sum(o.caught for o in group), len(group)):<16} {' '.join(sorted(KIND_CODES[kind]))}")
    print("\n漏报：")
    for o in outcomes:
        if not o.caught:
            why = JUDGED.get((o.form, o.kind))
            note = "（无规范副本）" if not o.has_copy else f"（判断有误：{why}）" if o.judged_wrong else ""
            print(f"  {o.form} {o.kind}：{o.where}{note}")
    if args.verbose:
        print("\n命中：")
        for o in outcomes:
            if o.caught:
                print(f"  {o.form} {o.kind}：{', '.join(dict.fromkeys(o.caught_by))}")


if __name__ == "__main__":
    main()
