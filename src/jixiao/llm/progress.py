"""A progress bar on stderr for the slow model steps (``draft``, ``check --llm``).

Requests done / total, elapsed time and an estimate of the rest, drawn by rich. Quiet when stderr
is not a terminal (a pipe, a CI log) or when the user asked for ``--quiet``.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["Progress", "progress"]


class Progress:
    """Count of finished steps; draws a bar when one was started, else just counts."""

    def __init__(self, bar: Any = None, task: Any = None) -> None:
        self._bar = bar
        self._task = task
        self._lock = threading.Lock()
        self.done = 0

    def advance(self) -> None:
        """One more step done (thread-safe: forms are drafted concurrently)."""
        with self._lock:
            self.done += 1
            if self._bar is not None:
                self._bar.advance(self._task)


@contextmanager
def progress(label: str, total: int, *, quiet: bool = False, stream: Any = None) -> Iterator[Progress]:
    """A ``Progress`` for ``total`` steps, drawn on ``stream`` (stderr) when it is a terminal."""
    stream = stream if stream is not None else sys.stderr
    if quiet or total <= 0 or not getattr(stream, "isatty", lambda: False)():
        yield Progress()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("已用"),
              TimeElapsedColumn(), TextColumn("预计剩余"), TimeRemainingColumn(),
              console=Console(file=stream), transient=True)
    with bar:
        yield Progress(bar, bar.add_task(label, total=total))
