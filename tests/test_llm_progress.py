"""The progress bar of `draft` and `check --llm`: drawn on a terminal, silent otherwise."""

from __future__ import annotations

import io

from jixiao.llm.progress import progress


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_with_done_and_total() -> None:
    err = Terminal()
    with progress("起草偏差说明", 3, stream=err) as bar:
        for _ in range(3):
            bar.advance()
        assert bar.done == 3
    assert "起草偏差说明" in err.getvalue() and "3/3" in err.getvalue()


def test_a_pipe_or_quiet_gets_nothing_but_the_count_still_runs() -> None:
    for err, quiet in ((io.StringIO(), False), (Terminal(), True)):
        with progress("模型审读", 2, stream=err, quiet=quiet) as bar:
            bar.advance()
            bar.advance()
        assert bar.done == 2
        assert err.getvalue() == ""
