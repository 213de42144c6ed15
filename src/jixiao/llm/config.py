"""Where the model lives and how to talk to it, from options first, then the environment.

Like simonw/llm, the model is chosen by name (``JIXIAO_MODEL``) and the endpoint by the usual
OpenAI variables, so any OpenAI-compatible server works. Providers disagree on structured output,
hence ``style``; the key is kept in a ``SecretStr`` so no repr, log or error can print it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from ..errors import UsageError

__all__ = ["Style", "STYLES", "LLMSettings", "settings_from_env", "cache_dir"]

Style = Literal["json_schema", "json_object", "json_object+schema"]
STYLES: tuple[str, ...] = ("json_schema", "json_object", "json_object+schema")
"""json_schema: OpenAI, vLLM, Ollama. json_object: DeepSeek, Qwen compatible mode (no schema).
json_object+schema: llama.cpp server (the schema rides inside response_format)."""


class LLMSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    base_url: str | None = None
    api_key: SecretStr | None = None
    model: str | None = None
    style: Style = "json_object+schema"
    timeout: float = Field(180.0, gt=0)
    """Seconds per request; a 1.5B model on 2 cores needs ~60 s for a whole form."""
    max_retries: int = Field(2, ge=0, le=5)
    """Handed to the openai client, which backs off (0.5 s doubling, or Retry-After) on 408,
    409, 429, 5xx and connection errors. Bounded: a dead server must not stall a batch."""
    concurrency: int = Field(2, ge=1, le=16)
    granularity: Literal["row", "form"] = "row"
    """One drafting request per row, or one per form answered row by row (README: 请求粒度)."""
    max_tokens: int = Field(900, ge=16)
    temperature: float = 0.0
    use_cache: bool = True
    cache_path: Path | None = None
    log_path: Path | None = None

    @property
    def configured(self) -> bool:
        return bool(self.base_url and self.model)

    def describe(self) -> str:
        """A one-line, key-free description for messages and logs."""
        return f"{self.model or '?'} @ {self.base_url or '?'}（{self.style}）"


def cache_dir() -> Path:
    """The user's cache folder for jixiao; ``JIXIAO_CACHE_DIR`` overrides it (tests, CI)."""
    env = os.environ.get("JIXIAO_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("jixiao"))


def _env_float(name: str) -> float | None:
    raw = os.environ.get(name)
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise UsageError(f"环境变量 {name} 应为数字，实际为「{raw}」") from None


def settings_from_env(
    *,
    base_url: str | None = None,
    api_key: str | None = None,
    model: str | None = None,
    style: str | None = None,
    timeout: float | None = None,
    max_retries: int | None = None,
    concurrency: int | None = None,
    use_cache: bool = True,
    log_path: Path | None = None,
) -> LLMSettings:
    """Options win over ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY`` / ``JIXIAO_MODEL`` /
    ``JIXIAO_LLM_STYLE`` / ``JIXIAO_LLM_TIMEOUT`` / ``JIXIAO_LLM_CONCURRENCY`` /
    ``JIXIAO_LLM_GRANULARITY``."""
    style = style or os.environ.get("JIXIAO_LLM_STYLE") or "json_object+schema"
    if style not in STYLES:
        raise UsageError(f"未知的结构化输出方式「{style}」，可选：{'、'.join(STYLES)}")
    key = api_key or os.environ.get("OPENAI_API_KEY")
    conc = concurrency or _env_float("JIXIAO_LLM_CONCURRENCY")
    granularity = os.environ.get("JIXIAO_LLM_GRANULARITY") or "row"
    if granularity not in ("row", "form"):
        raise UsageError(f"环境变量 JIXIAO_LLM_GRANULARITY 应为 row 或 form，实际为「{granularity}」")
    cache_file = cache_dir() / "llm-cache.sqlite3"
    return LLMSettings(
        base_url=(base_url or os.environ.get("OPENAI_BASE_URL") or None),
        api_key=SecretStr(key) if key else None,
        model=model or os.environ.get("JIXIAO_MODEL") or None,
        style=style,
        timeout=timeout or _env_float("JIXIAO_LLM_TIMEOUT") or 180.0,
        max_retries=2 if max_retries is None else max_retries,
        concurrency=int(conc) if conc else 2,
        granularity=granularity,
        use_cache=use_cache,
        cache_path=cache_file,
        log_path=log_path,
    )
