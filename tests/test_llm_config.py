"""Settings come from options, then the environment; the key never shows."""

from __future__ import annotations

import pytest

from jixiao.errors import UsageError
from jixiao.llm.config import settings_from_env


@pytest.mark.parametrize(
    ("env", "options", "field", "expected"),
    [
        ({"OPENAI_BASE_URL": "http://a/v1"}, {}, "base_url", "http://a/v1"),
        ({"OPENAI_BASE_URL": "http://a/v1"}, {"base_url": "http://b/v1"}, "base_url", "http://b/v1"),
        ({"JIXIAO_MODEL": "qwen"}, {}, "model", "qwen"),
        ({"JIXIAO_LLM_STYLE": "json_object"}, {}, "style", "json_object"),
        ({}, {}, "style", "json_object+schema"),
        ({"JIXIAO_LLM_TIMEOUT": "30"}, {}, "timeout", 30.0),
        ({"JIXIAO_LLM_CONCURRENCY": "4"}, {}, "concurrency", 4),
        ({}, {"max_retries": 0}, "max_retries", 0),
        ({}, {}, "max_retries", 2),
    ],
)
def test_options_win_over_environment(monkeypatch: pytest.MonkeyPatch, env: dict, options: dict,
                                      field: str, expected: object) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert getattr(settings_from_env(**options), field) == expected


def test_the_key_is_secret_in_every_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret")
    s = settings_from_env(base_url="http://a/v1", model="m")
    assert "sk-very-secret" not in repr(s) + str(s) + s.describe() + s.model_dump_json()
    assert s.api_key is not None and s.api_key.get_secret_value() == "sk-very-secret"


@pytest.mark.parametrize(("env", "message"), [
    ({"JIXIAO_LLM_STYLE": "xml"}, "未知的结构化输出方式"),
    ({"JIXIAO_LLM_TIMEOUT": "soon"}, "JIXIAO_LLM_TIMEOUT"),
])
def test_bad_settings_are_usage_errors_in_chinese(monkeypatch: pytest.MonkeyPatch, env: dict, message: str) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(UsageError, match=message):
        settings_from_env()


def test_cache_file_lives_in_the_overridable_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(tmp_path))
    assert settings_from_env().cache_path == tmp_path / "llm-cache.sqlite3"


def test_request_granularity_is_per_row_unless_the_environment_says_form(monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.errors import UsageError
    from jixiao.llm.config import settings_from_env

    assert settings_from_env().granularity == "row"
    monkeypatch.setenv("JIXIAO_LLM_GRANULARITY", "form")
    assert settings_from_env().granularity == "form"
    monkeypatch.setenv("JIXIAO_LLM_GRANULARITY", "page")
    with pytest.raises(UsageError, match="JIXIAO_LLM_GRANULARITY"):
        settings_from_env()
