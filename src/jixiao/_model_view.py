"""A plain-object snapshot of a ``Form``, for the checker's hot loop.

Why it exists: pydantic's ``BaseModel`` defines ``__getattr__`` (for private and extra
attributes), and any class with ``__getattr__`` in its MRO gets CPython's generic attribute hook,
which the 3.11+ interpreter cannot specialise. Every ``ind.target.value`` in forty rules then
takes the slow path: measured with valgrind, about a sixth of a check. The rules only read, so
the engine hands them a snapshot made of plain classes with the same fields, properties and
methods, built once per form in about 12 microseconds.

A view is not a model: it is not validated, cannot be dumped, and is read only by rules during
one check (findings name indicators by ``name`` and ``line``, which a view has). Views compare
equal when their type and fields are equal, as pydantic models do, so a rule behaves the same
on a view as on the form. Fields are copied wholesale, so a field added to the model later
appears in the view by itself; only nested models need a line in ``view_form``.
"""

from __future__ import annotations

from typing import Any, cast

from pydantic import BaseModel

from .model import Form, Funds, FundsRow, Goal, Indicator, Reading, Source, Value

__all__ = ["view_form", "view_class"]

class _View:
    """Base of the view classes: field equality like a model's, and a readable repr."""

    # Unhashable, like the mutable models; a frozen Value is hashable but no rule hashes one
    # (every rule runs on views in the tests, so one that did would fail there).
    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({fields})"


def _make_class(model: type[BaseModel]) -> type[_View]:
    """A plain class with ``model``'s own properties and methods (not pydantic's)."""
    own = {}
    for klass in reversed(model.__mro__[: model.__mro__.index(BaseModel)]):
        for name, attr in vars(klass).items():
            if isinstance(attr, property) or (callable(attr) and not name.startswith("__")
                                              and not isinstance(attr, (type, classmethod, staticmethod))):
                own[name] = attr
    return type(f"{model.__name__}View", (_View,), {**own, "__module__": __name__})


_CLASSES: dict[type[BaseModel], type[_View]] = {
    m: _make_class(m) for m in (Value, FundsRow, Funds, Goal, Indicator, Source, Reading, Form)
}


def view_class(model: type[BaseModel]) -> type:
    """The view class standing in for ``model``."""
    return _CLASSES[model]


def _plain(obj: Any, cls: type) -> Any:
    out = object.__new__(cls)
    out.__dict__ = dict(obj.__dict__)
    return out


def _leaf(obj: Any, cls: type) -> Any:
    """A view of a model without nested models, sharing its field dict: nothing is replaced
    in it, and nobody writes through a view."""
    out = object.__new__(cls)
    out.__dict__ = obj.__dict__
    return out


_VALUE_VIEWS: dict[int, tuple[Value, Any]] = {}
"""Views of frozen ``Value`` objects by identity, each beside its value (held, so the id cannot
be reused while the entry lives). The text reader shares one ``Value`` per distinct cell text,
so most cells of a batch (≥90%, 100%, 达成年度指标) are viewed once, not once per form."""
_VALUE_VIEWS_MAX = 8192


def _new_value_view(value: Value) -> Any:
    """The view of a ``Value`` not in ``_VALUE_VIEWS`` yet, kept there (``view_form`` looks up)."""
    if len(_VALUE_VIEWS) >= _VALUE_VIEWS_MAX:
        _VALUE_VIEWS.clear()
    view = _leaf(value, _VALUE)
    _VALUE_VIEWS[id(value)] = (value, view)
    return view


_VALUE, _ROW, _FUNDS = _CLASSES[Value], _CLASSES[FundsRow], _CLASSES[Funds]
_IND, _GOAL, _SOURCE, _FORM = _CLASSES[Indicator], _CLASSES[Goal], _CLASSES[Source], _CLASSES[Form]
_READING = _CLASSES[Reading]


def view_form(form: Form) -> Form:
    """A snapshot of ``form`` made of plain objects, typed as the ``Form`` it reads like.

    The form and its indicators are copied field by field; the models without nested models
    (values, funds rows, goal, source) share their field dict with the form, which costs
    nothing and is safe because nothing writes through a view. Values are frozen, so the view
    of one is kept and reused for the next form that holds the same object.
    """
    d = dict(form.__dict__)
    funds = _plain(form.funds, _FUNDS)
    fd = funds.__dict__
    for key in ("total", "appropriation", "carryover", "other"):
        row = fd[key]
        if row is not None:
            fd[key] = _leaf(row, _ROW)
    if fd["more"]:
        fd["more"] = {label: _leaf(row, _ROW) for label, row in fd["more"].items()}
    d["funds"] = funds
    d["goal"] = _leaf(form.goal, _GOAL)
    if form.reading is not None:
        d["reading"] = _leaf(form.reading, _READING)
    d["source"] = _leaf(form.source, _SOURCE)
    inds = []
    views = _VALUE_VIEWS
    for ind in form.indicators:
        v = object.__new__(_IND)
        vd = v.__dict__ = dict(ind.__dict__)
        # the cache is looked up here, not in a function: two calls per row of every form
        value = vd["target"]
        hit = views.get(id(value))
        vd["target"] = hit[1] if hit is not None and hit[0] is value else _new_value_view(value)
        value = vd["actual"]
        hit = views.get(id(value))
        vd["actual"] = hit[1] if hit is not None and hit[0] is value else _new_value_view(value)
        inds.append(v)
    d["indicators"] = inds
    out = object.__new__(_FORM)
    out.__dict__ = d
    return cast(Form, out)
