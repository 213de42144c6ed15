"""Cost of drafting: template drafts and the facts guard without a model (per form), and, when a
model is configured, wall time per request and the cache's saving on a repeat.

    .venv/bin/python benchmarks/bench_draft.py [--forms 500] [--model-forms 0]

With ``--model-forms N`` (and OPENAI_BASE_URL / JIXIAO_MODEL set, e.g. the local model) it also
drafts the first N seed forms twice through a fresh cache: the first pass measures the model,
the second must send no request at all. A script, not a test: run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "shanghai-kepu-2024.txt"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=500)
    ap.add_argument("--model-forms", type=int, default=0)
    args = ap.parse_args()

    from jixiao.check import check_forms
    from jixiao.llm._facts import needs_draft
    from jixiao.llm._session import open_client
    from jixiao.llm.config import settings_from_env
    from jixiao.llm.draft import draft_forms
    from jixiao.llm.guard import guard_draft
    from jixiao.readers import read_path

    seed = read_path(SEED)
    forms = [seed[i % len(seed)] for i in range(args.forms)]
    findings = check_forms(forms)
    per_form = [[f for f in findings if f.form == form.label] for form in forms]

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JIXIAO_CACHE_DIR"] = tmp
        settings = settings_from_env(base_url="", model="")
        t0 = time.perf_counter()
        drafts = draft_forms(forms, per_form, None, settings, unavailable="基准测试")
        dt = time.perf_counter() - t0
        n = sum(len(d) for d in drafts)
        print(f"template drafts: {len(forms)} forms, {n} drafts in {dt:.2f} s "
              f"({len(forms) / dt:.0f} forms/s, {dt / n * 1000:.2f} ms per draft incl. guard)")

        items = [(f, it) for f in seed for it in needs_draft(f)]
        text = "原因：满意度调查问卷未按要求留存归档。改进措施：由实施单位于2025年度预算编制前建立问卷归档制度。"
        reps = 200
        t0 = time.perf_counter()
        for _ in range(reps):
            for form, it in items:
                guard_draft(form, it, text)
        dt = time.perf_counter() - t0
        print(f"guard: {dt / (reps * len(items)) * 1000:.2f} ms per draft (re-runs the checker on a copy)")

        if args.model_forms:
            settings = settings_from_env(concurrency=1)
            client, why = open_client(settings)
            if client is None:
                sys.exit(f"no model: {why}")
            subset = seed[: args.model_forms]
            for label in ("model", "cached repeat"):
                client, _ = open_client(settings)
                t0 = time.perf_counter()
                out = draft_forms(subset, None, client, settings)
                dt = time.perf_counter() - t0
                kept = sum(d.origin == "model" for ds in out for d in ds)
                total = sum(len(ds) for ds in out)
                print(f"{label}: {len(subset)} forms in {dt:.1f} s, {client.requests_sent} requests "
                      f"sent, {kept}/{total} model drafts kept by the guard")


if __name__ == "__main__":
    main()
