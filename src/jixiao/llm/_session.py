"""Build the client a command uses: the openai adapter behind the cache and the log, or None
(with the reason) when no model is configured, so callers fall back to templates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import LLMUnavailable
from .cache import LoggingClient, ResponseCache
from .client import ChatClient, OpenAIChatClient
from .config import LLMSettings, cache_dir

__all__ = ["open_client", "default_log_path"]


def default_log_path() -> Any:
    return cache_dir() / "llm-log.jsonl"


def open_client(
    settings: LLMSettings,
    *,
    show: Callable[[str], None] | None = None,
    http_client: Any = None,
    inner: ChatClient | None = None,
) -> tuple[LoggingClient | None, str | None]:
    """(client, None), or (None, Chinese reason) when the model cannot be used at all."""
    if inner is None:
        try:
            inner = OpenAIChatClient(settings, http_client=http_client)
        except LLMUnavailable as exc:
            return None, str(exc)
    cache = None
    if settings.use_cache and settings.cache_path:
        cache = ResponseCache(settings.cache_path, endpoint=settings.base_url or "")
    log = settings.log_path or default_log_path()
    return LoggingClient(inner, cache=cache, log_path=log, show=show), None
