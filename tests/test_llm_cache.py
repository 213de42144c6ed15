"""A repeated request costs nothing; every exchange is in a readable JSONL log; no key anywhere."""

from __future__ import annotations

import json
from pathlib import Path

from _llm_seed import seed_forms

from jixiao.llm._session import open_client
from jixiao.llm.client import ChatRequest, ChatResponse
from jixiao.llm.config import LLMSettings
from jixiao.llm.draft import draft_forms

KEY = "sk-cache-test-secret"


class FakeClient:
    """Answers every draft request the same careful way and counts requests."""

    def __init__(self) -> None:
        self.calls = 0

    def complete(self, request: ChatRequest) -> ChatResponse:
        self.calls += 1
        user = request.messages[1]["content"]
        ids = [int(x) for x in user.split("请为编号 ")[1].split(" 各写一条")[0].split("、")]
        drafts = [{"id": i, "cause": "满意度调查问卷未按要求留存归档，评分依据不足",
                   "measure": "建立问卷归档制度，每次活动后收集问卷并存档"} for i in ids]
        return ChatResponse(content=json.dumps({"drafts": drafts}, ensure_ascii=False), finish_reason="stop")


def _settings(tmp_path: Path, **kw: object) -> LLMSettings:
    base: dict[str, object] = dict(base_url="http://x/v1", model="m", api_key=KEY, concurrency=1,
                                   cache_path=tmp_path / "c.sqlite3", log_path=tmp_path / "log.jsonl")
    base.update(kw)
    return LLMSettings.model_validate(base)


def test_a_repeat_is_answered_from_the_cache(tmp_path: Path) -> None:
    fake = FakeClient()
    settings = _settings(tmp_path)
    forms = seed_forms()[:2]
    for _ in range(2):
        client, _ = open_client(settings, inner=fake)
        drafts = draft_forms(forms, None, client, settings)
    assert fake.calls == 2
    assert [d.origin for ds in drafts for d in ds] == ["template", "model"] * 2  # 长效管理 names no cause


def test_no_cache_asks_again(tmp_path: Path) -> None:
    fake = FakeClient()
    settings = _settings(tmp_path, use_cache=False)
    for _ in range(2):
        client, _ = open_client(settings, inner=fake)
        draft_forms(seed_forms()[:1], None, client, settings)
    assert fake.calls == 2
    assert not (tmp_path / "c.sqlite3").exists()


def test_the_log_holds_prompt_and_answer_and_never_the_key(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    client, _ = open_client(settings, inner=FakeClient())
    draft_forms(seed_forms()[:1], None, client, settings)
    client, _ = open_client(settings, inner=FakeClient())
    draft_forms(seed_forms()[:1], None, client, settings)
    entries = [json.loads(line) for line in (tmp_path / "log.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["cached"] for e in entries] == [False, True]
    assert entries[0]["prompt"] == "draft_deviation_v2"
    assert "受众群体满意度" in entries[0]["messages"][1]["content"]
    assert "drafts" in entries[0]["response"]
    for path in tmp_path.iterdir():
        assert KEY.encode() not in path.read_bytes()


def test_show_prompt_echoes_every_request(tmp_path: Path) -> None:
    shown: list[str] = []
    settings = _settings(tmp_path, use_cache=False)
    client, _ = open_client(settings, inner=FakeClient(), show=shown.append)
    draft_forms(seed_forms()[:1], None, client, settings)
    assert len(shown) == 1 and "draft_deviation_v2" in shown[0] and "--- system ---" in shown[0]


def test_the_same_model_name_on_another_endpoint_is_not_a_cache_hit(tmp_path: Path) -> None:
    fake = FakeClient()
    for url in ("http://a/v1", "http://b/v1", "http://a/v1"):
        settings = _settings(tmp_path, base_url=url)
        client, _ = open_client(settings, inner=fake)
        draft_forms(seed_forms()[:1], None, client, settings)
    assert fake.calls == 2
