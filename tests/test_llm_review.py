"""`check --llm`: model findings are extra, marked source="llm", and never move the exit status."""

from __future__ import annotations

import json

import httpx2
import pytest
from _llm_seed import seed_forms

from jixiao.check import check_forms, exit_status
from jixiao.llm.review import review_for_check


def _answer(items: list[dict]) -> httpx2.MockTransport:
    body = {"id": "x", "object": "chat.completion", "created": 0, "model": "m",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": json.dumps({"items": items}, ensure_ascii=False)}}]}
    return httpx2.MockTransport(lambda request: httpx2.Response(200, json=body))


@pytest.fixture
def endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://llm.test/v1")
    monkeypatch.setenv("JIXIAO_MODEL", "m")


@pytest.mark.parametrize(
    ("item", "rule", "severity", "indicator"),
    [
        ({"kind": "contradiction", "id": 6, "message": "满意度90%已达标却扣3分，文字未说明扣分依据"}, "LLM001", "warning", "受众群体满意度"),
        ({"kind": "weak_reason", "id": 5, "message": "“后续加强机制管理”没有说明谁在何时做什么"}, "LLM002", "info", "长效管理制度健全性"),
        ({"kind": "contradiction", "id": 0, "message": "实际完成情况称有效提升，但未给出依据"}, "LLM001", "warning", None),
    ],
)
def test_model_items_become_llm_findings(endpoint: None, item: dict, rule: str, severity: str,
                                         indicator: str | None) -> None:
    forms = seed_forms()[:1]
    client = httpx2.Client(transport=_answer([item]))
    found, notices = review_for_check(forms, use_cache=False, http_client=client)
    assert notices == []
    [f] = found
    assert (f.rule, f.severity, f.indicator, f.source) == (rule, severity, indicator, "llm")
    assert f.location.file == "examples/shanghai-kepu-2024.txt"


@pytest.mark.parametrize("fail_on", ["error", "warning", "info"])
def test_model_findings_never_change_the_exit_status(endpoint: None, fail_on: str) -> None:
    forms = seed_forms()
    rules = check_forms(forms)
    item = {"kind": "contradiction", "id": 6, "message": "满意度已达标却扣分，文字未说明依据"}
    found, _ = review_for_check(forms, use_cache=False, http_client=httpx2.Client(transport=_answer([item])))
    assert found and all(f.source == "llm" for f in found)
    assert exit_status(rules + found, fail_on) == exit_status(rules, fail_on)


def test_without_an_endpoint_check_llm_only_says_why() -> None:
    found, notices = review_for_check(seed_forms())
    assert found == []
    assert notices and "未配置模型" in notices[0] and "只输出规则检查结果" in notices[0]


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ({"kind": "contradiction", "id": 1, "message": "实际完成情况与表中数字不一致，预算执行率应为100%，但实际为100%。"}, False),
        ({"kind": "contradiction", "id": 6, "message": "受众群体满意度90%未达到目标90%"}, False),
        ({"kind": "contradiction", "id": 6, "message": "满意度90%已达标却扣3分，文字未说明扣分依据"}, True),
        ({"kind": "contradiction", "id": 0, "message": "实际完成情况称满意度95%，但表中为90%"}, True),
    ],
)
def test_a_contradiction_the_table_refutes_is_dropped(endpoint: None, item: dict, kept: bool) -> None:
    """The model's "应为100%，但实际为100%" is no contradiction: a deterministic post-check drops it."""
    client = httpx2.Client(transport=_answer([item]))
    found, _ = review_for_check(seed_forms()[:1], use_cache=False, http_client=client)
    assert bool(found) is kept


@pytest.mark.parametrize(
    ("item", "indicator"),
    [
        ({"kind": "weak_reason", "id": 1, "message": "受众群体满意度的偏差原因没有具体措施"}, "受众群体满意度"),
        ({"kind": "weak_reason", "id": 8, "message": "长效管理机制需进一步完善，后续加强机制管理。"}, "长效管理制度健全性"),
        ({"kind": "weak_reason", "id": 5, "message": "措施空泛，没有说明谁在何时做什么"}, "长效管理制度健全性"),
    ],
)
def test_a_weak_reason_lands_on_the_indicator_it_names_or_quotes(endpoint: None, item: dict,
                                                                  indicator: str) -> None:
    client = httpx2.Client(transport=_answer([item]))
    [f] = review_for_check(seed_forms()[:1], use_cache=False, http_client=client)[0]
    assert (f.rule, f.indicator) == ("LLM002", indicator)
