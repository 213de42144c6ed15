"""How good are the drafts? Runs ``jixiao draft`` on the example and scores every drafted row.

    .venv/bin/python benchmarks/eval_drafts.py            # replays the recorded cassettes
    .venv/bin/python benchmarks/eval_drafts.py --live     # asks the model in OPENAI_BASE_URL / JIXIAO_MODEL

Two cases: the five forms of examples/shanghai-kepu-2024.txt as filed (no notes), and the form
科技会客厅 with the unit's notes (tests/data/llm/kepu-notes.yaml). Replay uses the cassettes of
tests/test_llm_cassettes.py, so it shows exactly what the recorded model wrote.

Per row: who wrote the text (model / template); guard accepted (a model draft passed the guard);
grounded (the cause is one the unit gave, or a placeholder); direction agrees (the cause explains
this row's kind of deviation); loop closed (re-checking the drafted form reports no D001, D002,
Q005 or Q006 on the row); restates (the model's cause and measure add nothing to what the prompt
gave it).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
CASSETTES = ROOT / "cassettes" / "test_llm_cassettes"
NOTES = TESTS / "data" / "llm" / "kepu-notes.yaml"
LOOP_RULES = ("D001", "D002", "Q005", "Q006")

CASES = {
    "example": ("test_seed_drafts_ask_only_rows_with_a_stated_cause_and_promise_nothing.yaml", None, None),
    "notes": ("test_notes_become_drafts_that_keep_every_fact_and_the_given_owner_and_deadline.yaml", 1, NOTES),
}
"""Case → (cassette, the one form drafted or None for all, notes file)."""


@dataclass
class Score:
    form: str
    indicator: str
    origin: str
    asked: bool
    accepted: bool
    grounded: bool
    direction: bool
    loop: bool
    left: str
    """The loop rules still reported on the row after drafting."""
    restates: bool


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def _score_case(name: str, live: bool, granularity: str) -> tuple[list[Score], int, float]:
    sys.path.insert(0, str(TESTS))
    from _llm_seed import seed_forms
    from conftest import LOCAL_MODEL
    from jixiao.check import check_form, check_forms
    from jixiao.llm._session import open_client
    from jixiao.llm.config import LLMSettings, settings_from_env
    from jixiao.llm.draft import apply_drafts, draft_forms, plan_rows, prompt_item
    from jixiao.llm.evidence import grounded, overlap
    from jixiao.llm.guard import direction_problem
    from jixiao.llm.notes import load_notes

    cassette, only, notes_file = CASES[name]
    forms = seed_forms()
    if only is not None:
        forms = [forms[only]]
    notes = load_notes(notes_file) if notes_file else None
    found = check_forms(forms)
    findings = [[f for f in found if f.form == form.label] for form in forms]
    if live:
        settings = settings_from_env(use_cache=False).model_copy(
            update={"concurrency": 1, "max_retries": 0, "timeout": 600.0, "granularity": granularity})
    else:
        settings = LLMSettings.model_validate(dict(LOCAL_MODEL, concurrency=1, max_retries=0, use_cache=False,
                                                   timeout=600.0, granularity=granularity))
    client, why = open_client(settings)
    if client is None:
        raise SystemExit(f"eval_drafts: {why}")
    started = time.monotonic()
    if live:
        drafts = draft_forms(forms, findings, client, settings, notes=notes)
    else:
        drafts = _replay(CASSETTES / cassette, lambda: draft_forms(forms, findings, client, settings, notes=notes))
    seconds = time.monotonic() - started

    scores: list[Score] = []
    for form, ds, found, drafted in zip(forms, drafts, findings, apply_drafts(forms, drafts)):
        rows = {r.facts.name: r for r in plan_rows(form, found, notes=notes)}
        again = {(f.indicator, f.rule) for f in check_form(drafted)}
        for d in ds:
            row = rows[d.indicator]
            cause, _, rest = d.text.partition("原因：")[2].partition("。改进措施：")
            measure = rest.partition("。")[0]
            given = "\n".join(str(x) for x in prompt_item(row)["evidence"])  # type: ignore[union-attr]
            scores.append(Score(
                form=form.label, indicator=d.indicator, origin=d.origin, asked=row.asks_model,
                accepted=d.origin == "model",
                grounded=grounded(cause, row.evidence),
                direction=direction_problem(row.facts, cause) is None,
                loop=not any((d.indicator, rule) in again for rule in LOOP_RULES),
                left="、".join(rule for rule in LOOP_RULES if (d.indicator, rule) in again),
                restates=d.origin == "model" and overlap(cause + measure, given) >= 0.9,
            ))
    return scores, client.requests_sent, seconds


def _replay(cassette: Path, run):  # type: ignore[no-untyped-def]
    import vcr as vcrpy

    from conftest import _scrub_request, _scrub_response, _UnicodeYaml

    recorder = vcrpy.VCR(record_mode="none", serializer="yaml", before_record_request=_scrub_request,
                         before_record_response=_scrub_response, decode_compressed_response=True,
                         match_on=["method", "scheme", "host", "port", "path", "query", "body"])
    recorder.register_serializer("yaml", _UnicodeYaml())
    with recorder.use_cassette(str(cassette)):
        return run()


def _table(name: str, scores: list[Score], requests: int, seconds: float, live: bool) -> str:
    lines = [f"### {name}（{'live' if live else 'replay'}：{requests} 次请求，{seconds:.0f} 秒）", "",
             "| 表单 | 指标 | 起草 | 校验通过 | 有据或占位 | 方向一致 | 复查通过 | 仅复述 |",
             "|---|---|---|---|---|---|---|---|"]
    for s in scores:
        who = ("模型" if s.origin == "model" else "模板（模型稿被拒）") if s.asked else "模板（无原因，占位）"
        lines.append(f"| {s.form} | {s.indicator} | {who} | {_mark(s.accepted) if s.asked else '—'} | "
                     f"{_mark(s.grounded)} | {_mark(s.direction)} | {_mark(s.loop)}{(' ' + s.left) if s.left else ''} | "
                     f"{(_mark(s.restates) if s.origin == 'model' else '—')} |")
    asked = [s for s in scores if s.asked]
    model = [s for s in scores if s.origin == "model"]
    lines.append(f"| 合计 | {len(scores)} 行 | 模型 {len(model)} / 问模型 {len(asked)} | "
                 f"{sum(s.accepted for s in asked)}/{len(asked)} | {sum(s.grounded for s in scores)}/{len(scores)} | "
                 f"{sum(s.direction for s in scores)}/{len(scores)} | {sum(s.loop for s in scores)}/{len(scores)} | "
                 f"{sum(s.restates for s in model)}/{len(model)} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--live", action="store_true", help="ask the configured model instead of replaying")
    ap.add_argument("--case", choices=[*CASES, "all"], default="all")
    ap.add_argument("--granularity", choices=["row", "form"], default="row",
                    help="one request per row or per form (replay: only what was recorded, row)")
    args = ap.parse_args()
    names = list(CASES) if args.case == "all" else [args.case]
    for name in names:
        scores, requests, seconds = _score_case(name, args.live, args.granularity)
        print(_table(name, scores, requests, seconds, args.live))
        print()


if __name__ == "__main__":
    main()
