"""Holding off Python's cycle collector while a batch of objects is built.

Reading and checking allocate tens of objects per form and keep most of them, so the
collector's generation-2 passes, each walking every live object, grow with the batch: 5,000
forms were read at 60 % of the per-form speed of 100. Nothing built there forms cycles that
need collecting (refcounting frees the temporaries), so the collector waits until the batch
is done. The previous state is always restored; not for use from several threads at once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
