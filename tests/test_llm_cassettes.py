"""The real adapter against recorded answers of the real local model (Qwen2.5-Coder-1.5B).

Re-record (server up, see tests/conftest.py and README "重新录制 LLM 磁带"):

    .venv/bin/python -m pytest -m llm --record-mode=rewrite

Fresh generations differ run to run, so these tests assert structure and the guard's verdicts,
never wording.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _llm_seed import seed_forms
from conftest import CASSETTES, LOCAL_MODEL, ROOT

from jixiao.finding import Draft
from jixiao.llm._session import open_client
from jixiao.llm.config import LLMSettings
from jixiao.llm.draft import draft_forms
from jixiao.llm.guard import guard_draft
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
    assert sum(d.origin == "model" for d in flat) >= 5, [d.notes for d in flat]


@pytest.mark.vcr
def test_loose_prompt_needs_a_repair_turn_and_the_guard_rejects_its_drafts() -> None:
    form = seed_forms()[0]
    settings = _settings()
    client = _client(settings)
    [drafts] = draft_forms([form], None, client, settings, prompt="draft_loose_test_v1", folder=LOOSE)
    assert client.requests_sent >= 3  # first answer, repair turn, regeneration after the guard
    rejected = [d for d in drafts if any(n.startswith("模型草稿被事实校验拒绝") for n in d.notes)]
    assert rejected, [d.notes for d in drafts]
    for d in rejected:
        assert d.notes[0].count("：") >= 1
    assert all(isinstance(d, Draft) for d in drafts)


@pytest.mark.vcr
def test_check_llm_reads_the_seed_narrative_into_info_or_warning_findings() -> None:
    forms = seed_forms()
    settings = _settings()
    client = _client(settings)
    findings, notices = review_forms(forms, client, settings)
    assert notices == []
    assert client.requests_sent >= 5
    for f in findings:
        assert f.source == "llm"
        assert f.rule in ("LLM001", "LLM002")
        assert f.severity in ("info", "warning")
        assert f.message.startswith("（模型意见")


def test_a_changed_prompt_no_longer_matches_its_cassette(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, vcr_config: dict
) -> None:
    """Replays the seed cassette with one word of the prompt changed: nothing matches, so the
    form falls back to templates. Uses VCR directly so that recording never rewrites it."""
    import vcr as vcrpy

    from conftest import _UnicodeYaml

    prompts = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", prompts)
    target = prompts / "draft_deviation_v1.md.j2"
    target.write_text(target.read_text(encoding="utf-8").replace("审核助手", "审核专家"), encoding="utf-8")
    monkeypatch.setenv("JIXIAO_PROMPTS", str(prompts))
    recorder = vcrpy.VCR(record_mode="none", **vcr_config)
    recorder.register_serializer("yaml", _UnicodeYaml())
    cassette = CASSETTES / "test_llm_cassettes" / (SEED_TEST + ".yaml")
    form = seed_forms()[0]
    settings = _settings()
    with recorder.use_cassette(str(cassette)) as cass:
        [unchanged] = draft_forms([form], None, _client(settings), settings, folder=ROOT / "prompts")
        played = cass.play_count
        assert played >= 1  # the recorded prompt still matches
        [changed] = draft_forms([form], None, _client(settings), settings)
        assert cass.play_count == played  # the changed one found no recording
    assert {d.origin for d in unchanged} <= {"model", "template"}
    assert [d.origin for d in changed] == ["template", "template"]
    assert all("模板草稿" in d.notes[-1] for d in changed)


def test_no_cassette_holds_a_key_or_a_client_fingerprint() -> None:
    files = sorted(CASSETTES.rglob("*.yaml"))
    assert len(files) >= 3
    for path in files:
        text = path.read_text(encoding="utf-8").lower()
        for needle in ("authorization", "bearer", LOCAL_MODEL["api_key"], "x-stainless", "user-agent",
                       "openai-organization", "openai-project", "cookie"):
            assert needle not in text, f"{path.name} contains {needle}"
        assert "偏差" in text or "审核" in text  # Chinese is stored readably, not as \\u escapes
