"""`check --llm`: model findings quote the form, add only what rules did not say, are marked
source="llm", sort in by line, and never move the exit status."""

from __future__ import annotations

import json

import httpx2
import pytest
from _llm_seed import seed_forms

from jixiao.check import check_forms, exit_status
from jixiao.finding import Finding, Location
from jixiao.llm.review import merge_findings, review_for_check
from jixiao.model import Form


def _answer(items: list[dict]) -> httpx2.MockTransport:
    body = {"id": "x", "object": "chat.completion", "created": 0, "model": "m",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": json.dumps({"items": items}, ensure_ascii=False)}}]}
    return httpx2.MockTransport(lambda request: httpx2.Response(200, json=body))


@pytest.fixture
def endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://llm.test/v1")
    monkeypatch.setenv("JIXIAO_MODEL", "m")


def _form_with_a_cause_on_a_clean_row() -> Form:
    """The first seed form, with a 偏差原因 on 长效管理 that rules accept (so only reading can
    judge it) and the unit's 满意度 text as filed."""
    form = seed_forms()[0]
    form.indicators[4].deviation = ("因场地调整，管理办法未及时印发。由办公室负责，2025年6月前完成制度修订并印发。")
    form.indicators[4].score = 14.0  # inside the 部分达成 band: no L002
    return form


CLEAN = "因场地调整，管理办法未及时印发"
NARRATIVE = "基层科普服务能力有效提升"


@pytest.mark.parametrize(
    ("item", "rule", "severity", "indicator"),
    [
        ({"kind": "cause_mismatch", "id": 5, "quote": CLEAN, "message": "场地调整与制度未印发无关"}, "LLM002", "info",
         "长效管理制度健全性"),
        ({"kind": "measure_mismatch", "id": 5, "quote": CLEAN, "message": "措施没有针对场地调整"}, "LLM003", "info",
         "长效管理制度健全性"),
        ({"kind": "self_contradiction", "id": 0, "quote": NARRATIVE, "message": "称有效提升，又称长效机制需完善"},
         "LLM001", "warning", None),
    ],
)
def test_model_items_become_llm_findings_with_their_quote(endpoint: None, item: dict, rule: str, severity: str,
                                                          indicator: str | None) -> None:
    forms = [_form_with_a_cause_on_a_clean_row()]
    rules = [f for f in check_forms(forms) if f.indicator == "长效管理制度健全性" and f.severity != "info"]
    assert not [f for f in rules if f.rule.startswith(("D", "Q", "L", "E", "N"))], rules
    client = httpx2.Client(transport=_answer([item]))
    found, notices = review_for_check(forms, use_cache=False, http_client=client, rule_findings=check_forms(forms))
    assert notices == []
    [f] = found
    assert (f.rule, f.severity, f.indicator, f.source) == (rule, severity, indicator, "llm")
    assert f.evidence["quote"] == item["quote"] and f"「{item['quote']}」" in f.message
    assert f.location.file == "examples/shanghai-kepu-2024.txt"


@pytest.mark.parametrize(
    ("item", "why"),
    [
        ({"kind": "cause_mismatch", "id": 6, "quote": "满意度未留存相关存档文件", "message": "原因与扣分无关"},
         "D002/Q005 already speak about this row"),
        ({"kind": "cause_mismatch", "id": 5, "quote": "因场地调整，管理制度未印发", "message": "原因与指标无关"},
         "the quote is not in the form"),
        ({"kind": "cause_mismatch", "id": 5, "quote": CLEAN, "message": "偏差原因<<<因场地调整>>>与指标无关"},
         "prompt markup"),
        ({"kind": "self_contradiction", "id": 0, "quote": "预算执行率 100%", "message": "预算执行率应为100%，但实际为100%"},
         "refuted by the table"),
    ],
)
def test_an_answer_that_restates_misquotes_or_leaks_is_dropped(endpoint: None, item: dict, why: str) -> None:
    forms = [_form_with_a_cause_on_a_clean_row()]
    client = httpx2.Client(transport=_answer([item]))
    found, _ = review_for_check(forms, use_cache=False, http_client=client, rule_findings=check_forms(forms))
    assert found == [], why


@pytest.mark.parametrize("fail_on", ["error", "warning", "info"])
def test_model_findings_never_change_the_exit_status(endpoint: None, fail_on: str) -> None:
    forms = [_form_with_a_cause_on_a_clean_row()]
    rules = check_forms(forms)
    item = {"kind": "self_contradiction", "id": 0, "quote": NARRATIVE, "message": "称有效提升，又称长效机制需完善"}
    found, _ = review_for_check(forms, use_cache=False, http_client=httpx2.Client(transport=_answer([item])),
                                rule_findings=rules)
    assert found and all(f.source == "llm" for f in found)
    assert exit_status(rules + found, fail_on) == exit_status(rules, fail_on)


def test_without_an_endpoint_check_llm_only_says_why() -> None:
    found, notices = review_for_check(seed_forms())
    assert found == []
    assert notices and "未配置模型" in notices[0] and "只输出规则检查结果" in notices[0]


def test_model_findings_are_sorted_in_by_line() -> None:
    forms = seed_forms()[:2]
    rules = check_forms(forms)
    model = Finding(rule="LLM002", name="llm-cause-mismatch", severity="info", form=forms[0].label,
                    indicator="长效管理制度健全性", message="x", location=Location(line=forms[0].indicators[4].line),
                    source="llm")
    merged = merge_findings(rules, [model])
    at = merged.index(model)
    assert merged[at - 1].form == forms[0].label and (merged[at - 1].location.line or 0) <= model.location.line
    assert (merged[at + 1].location.line or 0) > model.location.line or merged[at + 1].form != forms[0].label
    assert [f for f in merged if f is not model] == rules
