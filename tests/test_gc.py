"""paused_gc: the collector waits during a batch, and the batch leaves nothing behind for it."""

from __future__ import annotations

import gc
import weakref

import pytest

from jixiao._gc import paused_gc


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector can free it


@pytest.fixture(autouse=True)
def _restore_gc():
    was = gc.isenabled()
    yield
    gc.unfreeze()
    (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_previous_state_is_restored(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled() is enabled


def test_the_batch_does_not_leave_a_young_generation_to_walk() -> None:
    gc.enable()
    passes: list[int] = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            passes.append(info["generation"])

    gc.callbacks.append(record)
    try:
        with paused_gc():
            kept = [[i] for i in range(50_000)]
            assert gc.get_count()[0] >= 50_000
        more = [[i] for i in range(100)]  # allocations that would set off the overdue pass
    finally:
        gc.callbacks.remove(record)
    assert passes == []  # promoted in one step, not by a pass over 50,000 lists
    assert gc.get_count()[0] < 1_000
    assert len(kept) + len(more) == 50_100


def test_cycles_built_in_a_batch_are_still_collected() -> None:
    gc.enable()
    with paused_gc():
        ref = weakref.ref(_Node())
    assert ref() is not None  # the cycle keeps it alive until a collection
    gc.collect()
    assert ref() is None


def test_objects_the_caller_froze_stay_frozen() -> None:
    gc.enable()
    gc.freeze()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    with paused_gc():
        [[i] for i in range(1_000)]
    assert gc.get_freeze_count() == frozen
