"""Fault cases at a fake transport (httpx2.MockTransport handed to the openai client).

Each ends the same way: the deterministic findings are untouched, the form still gets drafts
(template ones), and the user reads a clear Chinese reason. No cassettes here: faults are
written down, not recorded.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx2
import pytest
from _llm_seed import seed_forms

from jixiao.errors import LLMResponseError, LLMUnavailable
from jixiao.llm._session import open_client
from jixiao.llm.client import ChatRequest, OpenAIChatClient, response_format
from jixiao.llm.config import LLMSettings
from jixiao.llm.draft import draft_forms
from jixiao.llm.review import review_forms

KEY = "sk-test-secret-0123456789"


def _settings(**kw: object) -> LLMSettings:
    base: dict[str, object] = dict(base_url="http://llm.test/v1", model="m", api_key=KEY, max_retries=1,
                                   timeout=5.0, concurrency=1, use_cache=False)
    base.update(kw)
    return LLMSettings.model_validate(base)


def _completion(content: str, finish: str = "stop") -> httpx2.Response:
    body = {
        "id": "x", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "finish_reason": finish, "message": {"role": "assistant", "content": content}}],
    }
    return httpx2.Response(200, json=body)


def _good_answer(request: httpx2.Request) -> httpx2.Response:
    """A valid answer for whatever ids the prompt asks for, in the words of a careful drafter."""
    sent = json.loads(request.content)
    user = sent["messages"][1]["content"]
    ids = [int(x) for x in user.split("请为编号 ")[1].split(" 各写一条")[0].split("、")]
    drafts = [{"id": i, "cause": "满意度调查问卷未按要求留存归档，评分依据不足",
               "measure": "建立问卷归档制度，每次活动后收集问卷并存档"} for i in ids]
    return _completion(json.dumps({"drafts": drafts}, ensure_ascii=False))


class Recorder:
    """A MockTransport handler that answers from a script and counts calls."""

    def __init__(self, *steps: Callable[[httpx2.Request], httpx2.Response]) -> None:
        self.steps = list(steps)
        self.calls = 0

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        assert "authorization" in {k.lower() for k in request.headers}  # the key goes in a header only
        step = self.steps[min(self.calls, len(self.steps) - 1)]
        self.calls += 1
        return step(request)


def _raise(exc: type[Exception]) -> Callable[[httpx2.Request], httpx2.Response]:
    def step(request: httpx2.Request) -> httpx2.Response:
        raise exc("boom", request=request)  # type: ignore[call-arg]

    return step


def _status(code: int, **headers: str) -> Callable[[httpx2.Request], httpx2.Response]:
    return lambda request: httpx2.Response(code, json={"error": {"message": "x"}}, headers=headers)


def _content(text: str, finish: str = "stop") -> Callable[[httpx2.Request], httpx2.Response]:
    return lambda request: _completion(text, finish)


def _check_forms():  # type: ignore[no-untyped-def]
    from jixiao.check import check_forms

    return check_forms


@pytest.mark.parametrize(
    ("name", "steps", "calls", "message"),
    [
        ("timeout", [_raise(httpx2.ReadTimeout)], 2, "模型请求超时"),
        ("connection refused", [_raise(httpx2.ConnectError)], 2, "无法连接模型服务"),
        ("500 twice", [_status(500)], 2, "模型服务返回 HTTP 500"),
        ("429 twice", [_status(429, **{"retry-after-ms": "5"})], 2, "限流"),
        ("invalid JSON twice", [_content("{不是 JSON")], 2, "不是合法的 JSON"),
        ("empty content twice", [_content("")], 2, "回答为空"),
        ("cut off at max_tokens", [_content('{"drafts": [', "length")], 2, "截断"),
        ("401", [_status(401)], 1, "拒绝了密钥"),
    ],
)
def test_a_failing_model_leaves_template_drafts_and_a_chinese_reason(
    name: str, steps: list, calls: int, message: str
) -> None:
    forms = seed_forms()[:1]
    check_forms = _check_forms()
    before = check_forms(forms)
    handler = Recorder(*steps)
    settings = _settings()
    client, why = open_client(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))
    assert client is not None and why is None
    [drafts] = draft_forms(forms, None, client, settings)
    assert handler.calls == calls
    assert [d.origin for d in drafts] == ["template", "template"]
    no_cause, asked = drafts  # 长效管理 names no cause, so only 满意度 was asked
    assert no_cause.notes == ["单位没有写明原因，原因与措施留待单位补充"]
    assert message in asked.notes[0], asked.notes
    assert all(KEY not in n for d in drafts for n in d.notes)
    assert check_forms(forms) == before


def test_429_then_success_retries_once_and_keeps_the_model_drafts() -> None:
    handler = Recorder(_status(429, **{"retry-after-ms": "5"}), _good_answer)
    settings = _settings()
    client, _ = open_client(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))
    [drafts] = draft_forms(seed_forms()[:1], None, client, settings)
    assert handler.calls == 2
    assert [d.origin for d in drafts] == ["template", "model"]


def test_invalid_json_then_a_good_answer_is_repaired_in_one_turn() -> None:
    seen: list[dict] = []

    def capture(step: Callable[[httpx2.Request], httpx2.Response]) -> Callable[[httpx2.Request], httpx2.Response]:
        def run(request: httpx2.Request) -> httpx2.Response:
            seen.append(json.loads(request.content))
            return step(request)

        return run

    handler = Recorder(capture(_content("{不是 JSON")), capture(_good_answer))
    settings = _settings()
    client, _ = open_client(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))
    [drafts] = draft_forms(seed_forms()[:1], None, client, settings)
    assert [d.origin for d in drafts] == ["template", "model"]
    repair = seen[1]["messages"]
    assert [m["role"] for m in repair] == ["system", "user", "assistant", "user"]
    assert "不是合法的 JSON" in repair[-1]["content"]


def test_no_endpoint_means_template_drafts_with_the_reason() -> None:
    settings = LLMSettings(model=None, base_url=None)
    client, why = open_client(settings)
    assert client is None and why is not None and "OPENAI_BASE_URL" in why
    drafts = draft_forms(seed_forms(), None, None, settings, unavailable=why)
    assert sum(len(ds) for ds in drafts) == 9
    assert all(d.origin == "template" and d.text.startswith("（模板草稿）") for ds in drafts for d in ds)


def test_the_adapter_refuses_to_start_without_an_endpoint() -> None:
    with pytest.raises(LLMUnavailable, match="未配置模型"):
        OpenAIChatClient(LLMSettings())


def test_a_failing_review_adds_no_findings_and_says_why_per_form() -> None:
    handler = Recorder(_status(500))
    settings = _settings(max_retries=0)
    client, _ = open_client(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))
    findings, notices = review_forms(seed_forms()[:2], client, settings)
    assert findings == []
    assert len(notices) == 2 and all("未能获得模型审读" in n and "HTTP 500" in n for n in notices)


def test_direct_client_errors_are_llm_errors_without_the_key() -> None:
    handler = Recorder(_status(503))
    client = OpenAIChatClient(_settings(max_retries=0),
                              http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))
    req = ChatRequest(model="m", messages=[{"role": "user", "content": "hi"}], schema={}, schema_name="X",
                      max_tokens=8, temperature=0, style="json_object")
    with pytest.raises(LLMResponseError) as err:
        client.complete(req)
    assert KEY not in str(err.value) and "HTTP 503" in str(err.value)


@pytest.mark.parametrize(
    ("style", "expected_type", "has_schema"),
    [
        ("json_schema", "json_schema", True),
        ("json_object", "json_object", False),
        ("json_object+schema", "json_object", True),
    ],
)
def test_structured_output_per_provider_style(style: str, expected_type: str, has_schema: bool) -> None:
    fmt = response_format(style, "DraftAnswer", {"type": "object"})
    assert fmt["type"] == expected_type
    assert ("schema" in json.dumps(fmt)) is has_schema


def test_an_unreachable_endpoint_is_tried_once_not_once_per_form() -> None:
    handler = Recorder(_raise(httpx2.ConnectError))
    settings = _settings(max_retries=0)
    client, _ = open_client(settings, http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))
    drafts = draft_forms(seed_forms(), None, client, settings)
    assert handler.calls == 1
    assert all(d.origin == "template" for ds in drafts for d in ds)
    assert all("无法连接模型服务" in d.notes[0] for ds in drafts for d in ds if "满意度" in d.indicator)
