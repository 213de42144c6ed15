"""A bounded dict memo, ``memo[key]`` is ``func(key)``: what the old text reader
(``readers/_text_*``) looks its cells up in, through ``values.cell_memo``. It goes away with that
reader; everything else memoises with ``functools.lru_cache``.

Bounded two ways: keys longer than ``max_len`` are answered but not kept, and the memo starts
afresh once it holds ``max_count`` answers.
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
