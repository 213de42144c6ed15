"""Holding off Python's cycle collector while a batch of objects is built.

Reading and checking allocate tens of objects per form and keep most of them, so the
collector's generation-2 passes, each walking every live object, grow with the batch: 5,000
forms were read at 60 % of the per-form speed of 100. Nothing built there forms cycles that
need collecting (refcounting frees the temporaries), so the collector waits until the batch
is done. The previous state is always restored; not for use from several threads at once.

Re-enabling is not enough: the collector's young-generation count then stands at every object
the batch built, so the next allocation sets off a pass over all of them (about 0.17 s after
reading 5,000 forms), only to promote them. ``gc.freeze()`` followed
by ``gc.unfreeze()`` does that promotion in constant time: both splice lists, moving everything
tracked into the oldest generation and zeroing the young count. The batch's objects are
long-lived by construction, so that is where they would end anyway; the oldest generation is
still collected as usual, so nothing leaks. A caller that froze objects itself (a server before
it forks) keeps them frozen: the trick is skipped then.
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
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()
