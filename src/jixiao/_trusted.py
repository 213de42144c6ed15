"""Models built from values jixiao itself produced, without validating them a second time.

Validation is what makes a model trustworthy when its values come from outside (a canonical
file, a user's script). The text reader and the engine build theirs from their own typed
records: every number already went through ``parse_number`` (finite floats), every cell is a
``str``, every ``Value`` came from the value grammar. Validating those again was the largest
single cost of reading a form (30 of ~200 µs) and a tenth of checking one; pydantic's
``model_construct`` skips validation too, but generically, and costs more than validation.

The price is a duty on the callers: values of the declared types, and for :func:`trusted`
every field, in declaration order. tests/test_trusted.py holds what the reader and the engine
build equal to the validated twin (fields, types, JSON, ``model_fields_set``) over the seed
and thousands of mutated forms.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["trusted", "with_defaults"]

_M = TypeVar("_M", bound=BaseModel)

_new = object.__new__
# Pydantic keeps an instance's state in four slots of ``BaseModel``; its own ``__setattr__``
# refuses writes to frozen models, so they are written through the slots' descriptors. Calling
# a descriptor's ``__set__`` skips the attribute look-up ``object.__setattr__`` makes each time:
# about a fifth of building a finding, which the engine does a dozen times per form.
_set_dict, _set_fields_set, _set_extra, _set_private = (
    vars(BaseModel)[slot].__set__
    for slot in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"))


def trusted(model: type[_M], fields: dict[str, Any], fields_set: set[str] | None = None) -> _M:
    """An instance of ``model`` holding ``fields`` (every field, declaration order) as given.

    ``fields_set``: the fields pydantic counts as set (``model_fields_set``), all of them by
    default, as when the constructor got every field.
    """
    obj = _new(model)
    _set_dict(obj, fields)
    _set_fields_set(obj, set(fields) if fields_set is None else fields_set)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


_DEFAULTS: dict[type[BaseModel], dict[str, Any]] = {}


def with_defaults(model: type[_M], given: dict[str, Any]) -> _M:
    """``model(**given)`` without validation: the fields not given take their defaults and are
    not counted as set, as the constructor would have it.

    Only for models whose defaults are immutable values (no ``default_factory``): one dict of
    them, in declaration order, is merged with ``given``.
    """
    defaults = _DEFAULTS.get(model)
    if defaults is None:
        defaults = _DEFAULTS[model] = _immutable_defaults(model)
    return trusted(model, {**defaults, **given}, set(given))


def _immutable_defaults(model: type[BaseModel]) -> dict[str, Any]:
    out = {}
    for name, info in model.model_fields.items():
        if info.default_factory is not None or info.is_required():
            raise TypeError(f"{model.__name__}.{name} has no immutable default")
        out[name] = info.default
    return out
