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

from jixiao.llm._session import default_log_path, open_client
from jixiao.llm.config import LLMSettings
from jixiao.llm.draft import draft_forms
from jixiao.llm.guard import guard_draft, numbers_in
from jixiao.llm._facts import needs_draft
from jixiao.llm.review import review_forms

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


SEED_TEST = "test_seed_drafts_one_request_per_form_and_every_kept_draft_passes_the_guard"


@pytest.mark.vcr
def test_seed_drafts_one_request_per_form_and_every_kept_draft_passes_the_guard() -> None:
    forms = seed_forms()
    settings = _settings()
    client = _client(settings)
    drafts = draft_forms(forms, None, client, settings)
    flat = [d for ds in drafts for d in ds]
    assert [len(ds) for ds in drafts] == [2, 2, 1, 2, 2]
    assert client.requests_sent >= 5  # one per form, plus one regeneration per form with a rejected draft
    for form, ds in zip(forms, drafts):
        items = {it.name: it for it in needs_draft(form)}
        for d in ds:
            assert d.origin in ("model", "template")
            if d.origin == "model":
                assert guard_draft(form, items[d.indicator], d.text) == []
            else:
                assert any("拒绝" in n for n in d.notes), d.notes
    # Issue 4's bar: most rows get a model draft the guard accepts (8 of 9 when recorded); the
    # rest are templates that say why. A re-record below half is a regression of the prompt.
    assert sum(d.origin == "model" for d in flat) > len(flat) / 2, [d.notes for d in flat]


@pytest.mark.vcr
def test_loose_prompt_needs_a_repair_turn_and_the_guard_rejects_its_drafts() -> None:
    form = seed_forms()[0]
    settings = _settings()
    client = _client(settings)
    [drafts] = draft_forms([form], None, client, settings, prompt="draft_loose_test_v1", folder=LOOSE)
    assert client.requests_sent >= 3  # first answer, repair turn, regeneration after the guard
    sent = [json.loads(line) for line in default_log_path().read_text(encoding="utf-8").splitlines()]
    repairs = [e for e in sent if e["messages"][-1]["content"].startswith("上一次的回答无法使用")]
    assert repairs and "id 应恰好为 [5, 6]" in repairs[0]["messages"][-1]["content"]
    assert [m["role"] for m in repairs[0]["messages"]] == ["system", "user", "assistant", "user"]
    rejected = [d for d in drafts if d.notes and d.notes[0].startswith("模型草稿被事实校验拒绝")]
    assert rejected, [d.notes for d in drafts]
    # A rejected draft is either rewritten into one the guard accepts, or replaced by the template.
    items = {it.name: it for it in needs_draft(form)}
    for d in rejected:
        if d.origin == "model":
            assert d.notes[-1] == "重写后通过校验" and guard_draft(form, items[d.indicator], d.text) == []
        else:
            assert d.origin == "template" and d.notes[-1] == "已改用模板草稿"


@pytest.mark.vcr
def test_check_llm_reads_the_seed_narrative_into_info_or_warning_findings() -> None:
    forms = seed_forms()
    settings = _settings()
    client = _client(settings)
    findings, notices = review_forms(forms, client, settings)
    assert notices == []
    assert client.requests_sent == 5  # one per form
    assert findings
    for f in findings:
        assert f.source == "llm"
        assert f.rule in ("LLM001", "LLM002")
        assert f.severity in ("info", "warning")
        assert f.message.startswith("（模型意见")
        if f.rule == "LLM001":  # "应为100%，但实际为100%" is filtered out before it reaches anyone
            quoted = numbers_in(f.message, year=2024)
            assert len(quoted) < 2 or len(set(quoted)) > 1, f.message


def test_a_changed_prompt_no_longer_matches_its_cassette(tmp_path: Path, vcr_config: dict) -> None:
    """Replays the seed cassette with one word of the prompt changed: VCR finds no recording for
    it and refuses to go to the network. Uses VCR directly so that re-recording never rewrites it."""
    import vcr as vcrpy
    from vcr.errors import CannotOverwriteExistingCassetteException

    from conftest import _UnicodeYaml

    prompts = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", prompts)
    target = prompts / "draft_deviation_v1.md.j2"
    target.write_text(target.read_text(encoding="utf-8").replace("审核助手", "审核专家"), encoding="utf-8")
    recorder = vcrpy.VCR(record_mode="none", **vcr_config)
    recorder.register_serializer("yaml", _UnicodeYaml())
    cassette = CASSETTES / "test_llm_cassettes" / (SEED_TEST + ".yaml")
    form = seed_forms()[0]
    settings = _settings()
    with recorder.use_cassette(str(cassette)) as cass:
        [unchanged] = draft_forms([form], None, _client(settings), settings, folder=ROOT / "prompts")
        played = cass.play_count
        assert played >= 1  # the recorded prompt still matches
        with pytest.raises(CannotOverwriteExistingCassetteException, match="closest differ in body"):
            draft_forms([form], None, _client(settings), settings, folder=prompts)
        assert cass.play_count == played
    assert len(unchanged) == 2


def test_no_cassette_holds_a_key_or_a_client_fingerprint() -> None:
    files = sorted(CASSETTES.rglob("*.yaml"))
    assert len(files) >= 3
    for path in files:
        text = path.read_text(encoding="utf-8").lower()
        for needle in ("authorization", "bearer", LOCAL_MODEL["api_key"], "x-stainless", "user-agent",
                       "openai-organization", "openai-project", "cookie"):
            assert needle not in text, f"{path.name} contains {needle}"
        assert "偏差" in text or "审核" in text  # Chinese is stored readably, not as \\u escapes
