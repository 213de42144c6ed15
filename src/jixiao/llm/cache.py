"""Answers cached by the hash of the full request, and a readable log of every exchange.

A repeat of the same request (model, prompt text, parameters, schema) costs nothing: drafting a
40-form file twice should not wait on a slow model twice. The log is JSONL so a reviewer can read
exactly what the model was asked and what it said. Requests never carry the key (the openai
client puts it in a header), so neither the cache nor the log can leak it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import LLMError, LLMUnavailable
from .client import ChatClient, ChatRequest, ChatResponse

__all__ = ["ResponseCache", "LoggingClient"]

_SCHEMA = """CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY, model TEXT, prompt TEXT, content TEXT, finish_reason TEXT,
    created TEXT)"""


class ResponseCache:
    """SQLite file; one short connection per call so worker threads never share one."""

    def __init__(self, path: Path, *, endpoint: str = "") -> None:
        self.path = path
        self.endpoint = endpoint
        """Part of the key: one model name served by two endpoints may answer differently."""
        self._lock = threading.Lock()

    def _key(self, request: ChatRequest) -> str:
        import hashlib

        return hashlib.sha256(f"{self.endpoint}\n{request.key()}".encode()).hexdigest()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        conn.execute(_SCHEMA)
        return conn

    def get(self, request: ChatRequest) -> ChatResponse | None:
        try:
            with self._lock, self._connect() as conn:
                row = conn.execute(
                    "SELECT content, finish_reason, model FROM answers WHERE key = ?", (self._key(request),)
                ).fetchone()
        except sqlite3.Error:
            return None  # a broken cache must never stop drafting
        if row is None:
            return None
        return ChatResponse(content=row[0], finish_reason=row[1], model=row[2], cached=True)

    def put(self, request: ChatRequest, response: ChatResponse) -> None:
        try:
            with self._lock, self._connect() as conn:
                conn.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        self._key(request),
                        request.model,
                        request.prompt,
                        response.content,
                        response.finish_reason,
                        datetime.now(UTC).isoformat(timespec="seconds"),
                    ),
                )
        except sqlite3.Error:
            pass


_FATAL = ("无法连接模型服务", "模型服务拒绝了密钥")
"""Failures that will not heal within one run (unlike a timeout or a 429)."""


class LoggingClient:
    """Wraps any ``ChatClient`` with the cache, the JSONL log and an optional prompt echo."""

    def __init__(
        self,
        inner: ChatClient,
        *,
        cache: ResponseCache | None = None,
        log_path: Path | None = None,
        show: Callable[[str], None] | None = None,
    ) -> None:
        self.inner = inner
        self.cache = cache
        self.log_path = log_path
        self.show = show
        self.requests_sent = 0
        self._lock = threading.Lock()
        self._down: LLMUnavailable | None = None
        """Once the endpoint proved unreachable, later forms fail fast instead of each waiting
        through its own retries (a 40-form file must not take 40 × timeout)."""

    def complete(self, request: ChatRequest) -> ChatResponse:
        if self.show is not None:
            self.show(_render_prompt(request))
        if self.cache is not None:
            hit = self.cache.get(request)
            if hit is not None:
                self._log(request, hit, 0.0, None)
                return hit
        if self._down is not None:
            raise LLMUnavailable(str(self._down))
        started = time.monotonic()
        with self._lock:
            self.requests_sent += 1
        try:
            response = self.inner.complete(request)
        except LLMError as exc:
            if isinstance(exc, LLMUnavailable) and str(exc).startswith(_FATAL):
                self._down = exc
            self._log(request, None, time.monotonic() - started, str(exc))
            raise
        self._log(request, response, time.monotonic() - started, None)
        if self.cache is not None and response.finish_reason != "length" and response.content.strip():
            self.cache.put(request, response)
        return response

    def _log(self, request: ChatRequest, response: ChatResponse | None, secs: float, error: str | None) -> None:
        if self.log_path is None:
            return
        entry: dict[str, Any] = {
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "prompt": request.prompt,
            "model": request.model,
            "key": request.key()[:16],
            "messages": request.messages,
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "response": response.content if response else None,
            "finish_reason": response.finish_reason if response else None,
            "cached": bool(response and response.cached),
            "seconds": round(secs, 2),
            "error": error,
        }
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock, open(self.log_path, "a", encoding="utf-8") as fh:
                fh.write(line)
        except OSError:
            pass


def _render_prompt(request: ChatRequest) -> str:
    parts = [f"===== 提示词 {request.prompt}（模型 {request.model}）====="]
    for m in request.messages:
        parts.append(f"--- {m['role']} ---\n{m['content']}")
    return "\n".join(parts) + "\n"
