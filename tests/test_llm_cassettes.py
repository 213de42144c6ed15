"""The real adapter against recorded answers of the real local model (Qwen2.5-Coder-1.5B).

Re-record (server up, see tests/conftest.py and README "重新录制 LLM 磁带"):

    .venv/bin/python -m pytest -m llm --record-mode=rewrite

Fresh generations differ run to run, so these tests assert structure and the guard's verdicts,
never wording.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from _llm_seed import seed_forms
from conftest import CASSETTES, LOCAL_MODEL, ROOT

from jixiao.check import check_forms
from jixiao.finding import Finding
from jixiao.llm._session import default_log_path, open_client
from jixiao.llm.config import LLMSettings
from jixiao.llm.draft import Row, _verdict, draft_forms, plan_rows
from jixiao.llm.evidence import PLACEHOLDER_MARK
from jixiao.llm.guard import notes_problems
from jixiao.llm.notes import load_notes
from jixiao.llm.review import LLM_RULES_CODES, form_text, review_forms
from jixiao.llm.schema import IndicatorDraft
from jixiao.model import Form

pytestmark = pytest.mark.llm

LOOSE = Path(__file__).parent / "llm_prompts"


def _settings(**kw: object) -> LLMSettings:
    base = dict(LOCAL_MODEL, concurrency=1, max_retries=0, use_cache=False, timeout=600.0)
    base.update(kw)
    return LLMSettings.model_validate(base)


def _client(settings: LLMSettings):  # type: ignore[no-untyped-def]
    client, why = open_client(settings)
    assert client is not None, why
    return client


SEED_TEST = "test_seed_drafts_ask_only_rows_with_a_stated_cause_and_promise_nothing"
NOTES = Path(__file__).parent / "data" / "llm" / "kepu-notes.yaml"


def _findings(forms: list[Form]) -> list[list[Finding]]:
    found = check_forms(forms)
    return [[f for f in found if f.form == form.label] for form in forms]


@pytest.mark.vcr
def test_seed_drafts_ask_only_rows_with_a_stated_cause_and_promise_nothing() -> None:
    forms = seed_forms()
    settings = _settings()
    client = _client(settings)
    findings = _findings(forms)
    drafts = draft_forms(forms, findings, client, settings)
    flat = [d for ds in drafts for d in ds]
    assert [len(ds) for ds in drafts] == [2, 3, 2, 3, 5]
    # Only the five 满意度 rows carry a cause the unit wrote ("未留存…"): one request each, plus
    # one regeneration for each rejected answer.
    assert 5 <= client.requests_sent <= 10
    for form, ds, found in zip(forms, drafts, findings):
        rows = {r.facts.name: r for r in plan_rows(form, found)}
        for d in ds:
            row = rows[d.indicator]
            assert "由【请补充：责任科室】负责，于【请补充：完成时间】前完成" in d.text
            assert "上海市科普事业中心负责" not in d.text
            if not row.asks_model:
                assert d.origin == "template" and PLACEHOLDER_MARK + "针对原因的改进措施】" in d.text
            elif d.origin == "model":
                assert _verdict(form, row, _parts(d.text, row), "") == [], d.text
            else:
                assert any("拒绝" in n for n in d.notes), d.notes
    asked = [d for d in flat if "满意度" in d.indicator]
    assert sum(d.origin == "model" for d in asked) >= 3, [d.notes for d in asked]


@pytest.mark.vcr
def test_notes_become_drafts_that_keep_every_fact_and_the_given_owner_and_deadline() -> None:
    form = seed_forms()[1]  # 科技会客厅: an over-achievement, a miss and a deduction
    notes = load_notes(NOTES)
    settings = _settings()
    client = _client(settings)
    [drafts] = draft_forms([form], _findings([form]), client, settings, notes=notes)
    assert [d.indicator for d in drafts] == ["受众人数", "长效管理制度健全性", "受众群体满意度"]
    assert client.requests_sent >= 3
    for d in drafts:
        assert d.text.endswith("由科普部负责，于2025年6月前完成。"), d.text
        note = notes.for_row(form.project, d.indicator)
        cause, _, measure = d.text.partition("原因：")[2].partition("。改进措施：")
        assert notes_problems(note, cause, measure.split("。")[0]) == [], d.text
    assert any(d.origin == "model" for d in drafts), [d.notes for d in drafts]


@pytest.mark.vcr
def test_a_loose_prompt_needs_a_repair_turn_and_the_guard_rejects_a_cause_of_the_wrong_direction() -> None:
    form = seed_forms()[0]
    settings = _settings(granularity="form")
    client = _client(settings)
    notes = load_notes(NOTES)  # gives both rows a cause, so both are asked in one request
    [drafts] = draft_forms([form], None, client, settings, notes=notes, prompt="draft_loose_test_v1",
                           folder=LOOSE)
    assert client.requests_sent >= 2
    sent = [json.loads(line) for line in default_log_path().read_text(encoding="utf-8").splitlines()]
    repairs = [e for e in sent if e["messages"][-1]["content"].startswith("上一次的回答无法使用")]
    for e in repairs:
        assert [m["role"] for m in e["messages"]] == ["system", "user", "assistant", "user"]
    rejected = [d for d in drafts if d.notes and d.notes[0].startswith("模型草稿被事实校验拒绝")]
    assert rejected, [d.notes for d in drafts]
    assert any("解释的是超额完成" in d.notes[0] for d in rejected), [d.notes[0] for d in rejected]
    for d in rejected:
        if d.origin == "model":
            assert d.notes[-1] == "重写后通过校验"
        else:
            assert d.notes[-1] == "已改用模板草稿"


@pytest.mark.vcr
def test_check_llm_on_the_seed_quotes_the_form_and_repeats_no_rule_finding() -> None:
    forms = seed_forms()
    settings = _settings()
    client = _client(settings)
    rules = check_forms(forms)
    findings, notices = review_forms(forms, client, settings, rule_findings=rules)
    assert notices == []
    assert 5 <= client.requests_sent <= 10  # one per form, plus a repair turn for an unusable answer
    flagged = {(f.form, f.indicator) for f in rules if f.indicator and f.severity != "info"}
    texts = {form.label: form_text(form) for form in forms}
    for f in findings:
        assert f.source == "llm" and f.rule in LLM_RULES_CODES
        assert f.evidence["quote"] in texts[f.form]
        assert (f.form, f.indicator) not in flagged or f.indicator is None
        assert not any(m in f.message for m in ("<<<", ">>>", "‹", "›"))


def _parts(text: str, row: Row) -> IndicatorDraft:
    """The model's cause and measure, cut back out of a kept draft's text."""
    body = text.partition("原因：")[2]
    cause, _, rest = body.partition("。改进措施：")
    return IndicatorDraft(id=row.id, cause=cause, measure=rest.partition("。")[0])


def test_a_changed_prompt_no_longer_matches_its_cassette(tmp_path: Path, vcr_config: dict) -> None:
    """Replays the seed cassette with one word of the prompt changed: VCR finds no recording for
    it and refuses to go to the network. Uses VCR directly so that re-recording never rewrites it."""
    import vcr as vcrpy
    from conftest import _UnicodeYaml
    from vcr.errors import CannotOverwriteExistingCassetteException

    prompts = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", prompts)
    target = prompts / "draft_deviation_v2.md.j2"
    target.write_text(target.read_text(encoding="utf-8").replace("文字助手", "文字专家"), encoding="utf-8")
    recorder = vcrpy.VCR(record_mode="none", **vcr_config)
    recorder.register_serializer("yaml", _UnicodeYaml())
    cassette = CASSETTES / "test_llm_cassettes" / (SEED_TEST + ".yaml")
    form = seed_forms()[0]
    settings = _settings()
    with recorder.use_cassette(str(cassette)) as cass:
        [unchanged] = draft_forms([form], _findings([form]), _client(settings), settings, folder=ROOT / "prompts")
        played = cass.play_count
        assert played >= 1  # the recorded prompt still matches
        with pytest.raises(CannotOverwriteExistingCassetteException, match="closest differ in body"):
            draft_forms([form], _findings([form]), _client(settings), settings, folder=prompts)
        assert cass.play_count == played
    assert len(unchanged) == 2


def test_no_cassette_holds_a_key_or_a_client_fingerprint() -> None:
    files = sorted(CASSETTES.rglob("*.yaml"))
    assert len(files) >= 4
    for path in files:
        text = path.read_text(encoding="utf-8").lower()
        for needle in ("authorization", "bearer", LOCAL_MODEL["api_key"], "x-stainless", "user-agent",
                       "openai-organization", "openai-project", "cookie"):
            assert needle not in text, f"{path.name} contains {needle}"
        assert "偏差" in text or "审核" in text  # Chinese is stored readably, not as \\u escapes
