"""Memoised ``fmt`` and ``fmt_value`` for the messages of findings.

A finding's message spells out one or two values ("≥90%", "16个"); ``fmt_value`` reads six
attributes of a pydantic model, builds a dict and formats floats, some 8,000 instructions a call,
more than most rules spend deciding that they fire. Both are pure functions of plain data (a
float; a ``Value``'s fields), and the same few values (≥90%, 100%, =0) recur form after form,
so a dict keyed by that data answers most calls. Equal keys give equal text: the fields are
str, bool, None or float, and the only equal keys of different types, 1 and 1.0, print alike.
"""

from __future__ import annotations

from ..model import Value
from ._common import fmt as _fmt_number
from ._common import fmt_value as _fmt_value

__all__ = ["fmt", "fmt_value"]

_LIMIT = 20_000
"""Entries kept before a cache is emptied: far more than the distinct values of a large run."""

_NUMBERS: dict[float | None, str] = {}
_VALUES: dict[tuple, str] = {}


def fmt(x: float | None) -> str:
    """``_common.fmt``, memoised."""
    out = _NUMBERS.get(x)
    if out is None:
        if len(_NUMBERS) > _LIMIT:
            _NUMBERS.clear()
        out = _NUMBERS[x] = _fmt_number(x)
    return out


def fmt_value(v: Value) -> str:
    """``_common.fmt_value``, memoised on the value's fields (one model read: its ``__dict__``).

    Pydantic keeps a model's fields in its ``__dict__`` in declaration order, whether validated or
    built by ``model_construct``, so the tuple of the values names each field by its place.
    """
    key = tuple(v.__dict__.values())
    out = _VALUES.get(key)
    if out is None:
        if len(_VALUES) > _LIMIT:
            _VALUES.clear()
        out = _VALUES[key] = _fmt_value(v)
    return out
