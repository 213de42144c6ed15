"""Shared test configuration; mostly the VCR setup for the LLM cassettes.

Cassettes live in the top-level ``cassettes/<test module>/<test>.yaml``. They are recorded
against the real local model, never written or edited by hand, and replayed with no network
(pytest's addopts: ``--block-network --record-mode=none``). To re-record:

    ../shared/llm/local-model.sh start
    .venv/bin/python -m pytest -m llm --record-mode=rewrite
    ../shared/llm/local-model.sh stop

(the tests talk to ``LOCAL_MODEL`` below, the address ``local-model.sh`` serves on.)

Matching includes the request body, so a changed prompt fails replay until re-recorded.
Secrets and client fingerprints are filtered before anything is written; JSON bodies are stored
with readable Chinese (re-serialized with ``ensure_ascii=False``: the same JSON value, so the
body matcher, which normalizes live requests the same way, still compares like for like).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CASSETTES = ROOT / "cassettes"

FILTERED_HEADERS = ("authorization", "openai-organization", "openai-project", "cookie", "user-agent",
                    "api-key", "x-api-key")
_DROPPED_RESPONSE_HEADERS = ("set-cookie", "openai-organization", "openai-project")

LOCAL_MODEL = {
    "base_url": "http://127.0.0.1:8011/v1",
    "model": "qwen2.5-coder-1.5b-instruct",
    "api_key": "jixiao-test-key-must-never-be-recorded",
}
"""What ``local-model.sh env`` exports; replay needs the same host, path and model name."""


class _UnicodeYaml:
    """vcrpy's YAML serializer, but Chinese stays Chinese (``allow_unicode=True``)."""

    @staticmethod
    def deserialize(cassette_string: str) -> Any:
        from vcr.serializers import yamlserializer

        return yamlserializer.deserialize(cassette_string)

    @staticmethod
    def serialize(cassette_dict: Any) -> str:
        return yaml.safe_dump(cassette_dict, allow_unicode=True, sort_keys=False, width=100)


def _readable_json(body: Any) -> Any:
    if not body:
        return body
    raw = body.decode("utf-8") if isinstance(body, bytes) else body
    try:
        return json.dumps(json.loads(raw), ensure_ascii=False, sort_keys=True).encode("utf-8")
    except (ValueError, TypeError, AttributeError):
        return body


def _scrub_request(request: Any) -> Any:
    for name in list(request.headers):
        low = name.lower()
        if low.startswith("x-stainless") or low in FILTERED_HEADERS:
            del request.headers[name]
    request.body = _readable_json(request.body)
    return request


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in _DROPPED_RESPONSE_HEADERS:
            del headers[name]
    body = response.get("body", {})
    if isinstance(body, dict) and body.get("string"):
        new = _readable_json(body["string"])
        if new is not body["string"]:
            body["string"] = new
            for name in list(headers):
                if name.lower() == "content-length":
                    headers[name] = [str(len(new))]
    return response


def pytest_recording_configure(config: Any, vcr: Any) -> None:
    vcr.register_serializer("yaml", _UnicodeYaml())


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / Path(str(request.node.fspath)).stem)


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    return {
        "serializer": "yaml",
        "filter_headers": list(FILTERED_HEADERS),
        "before_record_request": _scrub_request,
        "before_record_response": _scrub_response,
        "match_on": ["method", "scheme", "host", "port", "path", "query", "body"],
        "decode_compressed_response": True,
    }


@pytest.fixture(autouse=True)
def _isolated_llm_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's cache, log, prompts override or endpoint by accident."""
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(tmp_path / "jixiao-cache"))
    monkeypatch.delenv("JIXIAO_PROMPTS", raising=False)
    for name in ("JIXIAO_LLM_STYLE", "JIXIAO_LLM_TIMEOUT", "JIXIAO_LLM_GRANULARITY"):
        monkeypatch.delenv(name, raising=False)
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "JIXIAO_MODEL", "JIXIAO_LLM_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
