"""The shared memo: answers as the function does, keeps what it may, and stays bounded."""

from __future__ import annotations

import pytest

from jixiao.values._memo import Memo


def _counting(calls: list[object]):  # type: ignore[no-untyped-def]
    def func(key: object) -> str:
        calls.append(key)
        return f"<{key}>"

    return func


def test_a_repeated_key_is_answered_from_the_memo() -> None:
    calls: list[object] = []
    memo = Memo(_counting(calls))
    assert [memo["a"], memo["a"], memo[("b", 1)], memo[None]] == ["<a>", "<a>", "<('b', 1)>", "<None>"]
    assert calls == ["a", ("b", 1), None]


@pytest.mark.parametrize(("key", "kept"), [
    ("短", True),
    ("x" * 4, True),
    ("x" * 5, False),  # answered, not kept: a sentence in a value column is read afresh
    (None, True),  # None has no length and is always kept
])
def test_keys_longer_than_max_len_are_answered_but_not_kept(key: str | None, kept: bool) -> None:
    calls: list[object] = []
    memo = Memo(_counting(calls), max_len=4)
    assert memo[key] == memo[key] == f"<{key}>"
    assert (key in memo) is kept
    assert len(calls) == (1 if kept else 2)


def test_the_memo_starts_afresh_at_max_count_and_keeps_answering() -> None:
    calls: list[object] = []
    memo = Memo(_counting(calls), max_count=3)
    for i in list(range(10)) * 2:
        assert memo[i] == f"<{i}>"
        assert len(memo) <= 3
    assert memo[9] == "<9>" and calls.count(9) == 2  # kept after it was asked again
