"""The one seam between jixiao and a model: a tiny protocol plus the openai adapter.

Everything above this module speaks ``ChatRequest`` → ``ChatResponse``; tests swap in a fake
client for fault cases, and the cassettes exercise the real adapter below. Every failure leaves
here as an ``LLMError`` with a Chinese message that never contains the key.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import LLMResponseError, LLMUnavailable
from .config import LLMSettings

__all__ = ["ChatRequest", "ChatResponse", "ChatClient", "OpenAIChatClient", "response_format"]


@dataclass(frozen=True)
class ChatRequest:
    """Everything that determines an answer; its hash is the cache key."""

    model: str
    messages: list[dict[str, str]]
    schema: dict[str, Any]
    schema_name: str
    max_tokens: int
    temperature: float
    style: str
    prompt: str = ""
    """Versioned prompt name (``draft_deviation_v1``), for logs; part of the key via messages."""

    def payload(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "messages": self.messages,
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
            "response_format": response_format(self.style, self.schema_name, self.schema),
        }

    def key(self) -> str:
        blob = json.dumps(self.payload(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass
class ChatResponse:
    content: str
    finish_reason: str | None = None
    model: str | None = None
    usage: dict[str, Any] = field(default_factory=dict)
    cached: bool = False


class ChatClient(Protocol):
    """Anything that turns a request into an answer or raises ``LLMError``."""

    def complete(self, request: ChatRequest) -> ChatResponse: ...


def response_format(style: str, name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """Structured output as each provider family accepts it (see config.STYLES)."""
    if style == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": False}}
    if style == "json_object":
        return {"type": "json_object"}
    return {"type": "json_object", "schema": schema}


class OpenAIChatClient:
    """The openai package against any OpenAI-compatible endpoint.

    ``http_client`` lets tests hand in an ``httpx2.Client`` on a ``MockTransport``.
    """

    def __init__(self, settings: LLMSettings, *, http_client: Any = None) -> None:
        if not settings.configured:
            raise LLMUnavailable(
                "未配置模型：请设置 OPENAI_BASE_URL 与 JIXIAO_MODEL（或 --base-url / --model）"
            )
        import openai

        self.settings = settings
        key = settings.api_key.get_secret_value() if settings.api_key else "not-needed"
        self._client = openai.OpenAI(
            base_url=settings.base_url,
            api_key=key,
            timeout=settings.timeout,
            max_retries=settings.max_retries,
            http_client=http_client,
        )

    def complete(self, request: ChatRequest) -> ChatResponse:
        import openai

        where = self.settings.describe()
        try:
            result = self._client.chat.completions.create(**request.payload())
        except openai.APITimeoutError:
            raise LLMUnavailable(
                f"模型请求超时（{self.settings.timeout:g} 秒，已重试 {self.settings.max_retries} 次）：{where}"
            ) from None
        except openai.APIConnectionError:
            raise LLMUnavailable(f"无法连接模型服务（已重试 {self.settings.max_retries} 次）：{where}") from None
        except openai.RateLimitError:
            raise LLMUnavailable(f"模型服务限流（HTTP 429），重试 {self.settings.max_retries} 次后仍失败：{where}") from None
        except openai.AuthenticationError:
            raise LLMUnavailable(f"模型服务拒绝了密钥（HTTP 401），请检查 OPENAI_API_KEY：{where}") from None
        except openai.APIStatusError as exc:
            raise LLMResponseError(f"模型服务返回 HTTP {exc.status_code}：{where}") from None
        except openai.APIError as exc:
            raise LLMResponseError(f"模型服务返回无法使用的应答（{type(exc).__name__}）：{where}") from None
        if not result.choices:
            raise LLMResponseError(f"模型应答中没有内容：{where}")
        choice = result.choices[0]
        usage = result.usage.model_dump() if getattr(result, "usage", None) else {}
        return ChatResponse(
            content=choice.message.content or "",
            finish_reason=choice.finish_reason,
            model=result.model,
            usage=usage,
        )
