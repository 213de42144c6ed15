"""One memo for the pure functions of short keys that reading and checking ask again and again.

A form's cells ("≥90.00(%)", "达成指标"), tokens, units, indicator names and numbers come from a
small set, form after form. A dict looked up by subscript answers a repeated key in C with no
Python frame; a function wrapping an ``lru_cache`` costs about twice as much, and the reader and
the rules each ask ~100 times a form. Only a miss runs Python (``__missing__``).

Bounded two ways, so a long run over thousands of distinct forms cannot grow it without end:
keys longer than ``max_len`` (a sentence typed into a value column) are answered but not kept,
and the memo starts afresh once it holds ``max_count`` answers. Answers are pure functions of
the key, so emptying the memo changes nothing but speed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["Memo"]


class Memo(dict[Any, Any]):
    """``memo[key]`` is ``func(key)``, kept after the first ask. Keys must be hashable; with
    ``max_len`` they must be ``None`` or have a length."""

    __slots__ = ("func", "max_len", "max_count")

    def __init__(self, func: Callable[[Any], Any], *, max_len: int | None = None, max_count: int = 20_000) -> None:
        super().__init__()
        self.func, self.max_len, self.max_count = func, max_len, max_count

    def __missing__(self, key: Any) -> Any:
        value = self.func(key)
        if self.max_len is None or key is None or len(key) <= self.max_len:
            if len(self) >= self.max_count:
                self.clear()
            self[key] = value
        return value
