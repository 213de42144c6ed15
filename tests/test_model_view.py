"""The checker's plain snapshot of a form reads exactly like the form."""

from __future__ import annotations

from pathlib import Path

import pytest
from _forms import form, ind
from pydantic import BaseModel

from jixiao._model_view import view_class, view_form
from jixiao.check import check_form
from jixiao.model import Form, Funds, FundsRow, Goal, Indicator, Source, Value
from jixiao.readers import read_path
from jixiao.rules import all_rules
from jixiao.rules._facts import FormFacts

SEED = Path(__file__).resolve().parents[1] / "examples" / "shanghai-kepu-2024.txt"
MODELS = [Value, FundsRow, Funds, Goal, Indicator, Source, Form]


def _same(view: object, model: object) -> None:
    """Every field of ``model`` reads the same on ``view``, nested models recursively."""
    if isinstance(model, BaseModel):
        assert type(view) is view_class(type(model))
        for name in type(model).model_fields:
            _same(getattr(view, name), getattr(model, name))
    elif isinstance(model, list):
        assert isinstance(view, list) and len(view) == len(model)
        for v, m in zip(view, model):
            _same(v, m)
    else:
        assert view == model


@pytest.fixture(scope="module")
def seed() -> list[Form]:
    return read_path(SEED)


def test_view_reads_every_field_of_every_seed_form(seed: list[Form]) -> None:
    for f in seed:
        _same(view_form(f), f)


@pytest.mark.parametrize("model", MODELS)
def test_view_classes_carry_the_models_own_properties_and_methods(model: type[BaseModel]) -> None:
    own = {k for k, v in vars(model).items() if isinstance(v, property) or (callable(v) and not k.startswith("_"))}
    assert own <= set(dir(view_class(model)))


def test_properties_and_methods_answer_as_on_the_model(seed: list[Form]) -> None:
    f = seed[0]
    v = view_form(f)
    assert v.label == f.label
    assert v.funds.sub_rows().keys() == f.funds.sub_rows().keys()
    assert [(i.target.is_blank, i.actual.is_quantitative) for i in v.indicators] == \
        [(i.target.is_blank, i.actual.is_quantitative) for i in f.indicators]


def test_views_compare_by_fields_like_models() -> None:
    a = view_form(form(ind("覆盖面", "≥16个", "16个", 10, 10)))
    b = view_form(form(ind("覆盖面", "≥16个", "16个", 10, 10)))
    c = view_form(form(ind("覆盖面", "≥16个", "15个", 10, 9)))
    assert a.indicators[0].target == b.indicators[0].target
    assert a.indicators[0] == b.indicators[0]
    assert a.indicators[0] != c.indicators[0]
    with pytest.raises(TypeError):
        hash(a.indicators[0])


def test_the_form_and_its_rows_are_copied_not_shared() -> None:
    f = form(ind("覆盖面", "≥16个", "16个", 10, 10))
    v = view_form(f)
    v.indicators.append(v.indicators[0])
    assert len(f.indicators) == 1
    f.indicators[0].name = "改名"
    assert v.indicators[0].name == "覆盖面"  # the row itself was copied


@pytest.mark.parametrize("rule", [r for r in all_rules() if r.scope == "form"], ids=lambda r: r.code)
def test_every_rule_finds_the_same_on_the_view_as_on_the_form(seed: list[Form], rule) -> None:  # type: ignore[no-untyped-def]
    def hits(f: Form) -> list[tuple]:
        args = (f, _settings(), FormFacts(f)) if rule.wants_facts else (f, _settings())
        return [(h.message, getattr(h.indicator, "name", None), h.field, h.evidence, h.severity)
                for h in rule.func(*args)]

    for f in seed:
        assert hits(view_form(f)) == hits(f)


def _settings():  # type: ignore[no-untyped-def]
    from jixiao.check import _DEFAULT

    return _DEFAULT


def test_findings_of_a_check_name_the_rows_of_the_form(seed: list[Form]) -> None:
    lines = {i.line for i in seed[0].indicators}
    found = check_form(seed[0])
    assert found and {f.location.line for f in found if f.indicator} <= lines


def test_a_value_object_shared_by_forms_is_viewed_once_and_equal_values_are_not_confused() -> None:
    shared = Value(text="≥90%", op=">=", value=90.0, unit="%")
    a = form(ind("满意度", "≥90%", "95%", 10, 10))
    b = form(ind("满意度", "≥90%", "95%", 10, 10))
    a.indicators[0] = a.indicators[0].model_copy(update={"target": shared})
    b.indicators[0] = b.indicators[0].model_copy(update={"target": shared})
    va, vb = view_form(a), view_form(b)
    assert va.indicators[0].target is vb.indicators[0].target  # the same frozen object: one view
    assert va.indicators[0].actual is not vb.indicators[0].actual  # equal, but distinct objects
    assert va.indicators[0].actual == vb.indicators[0].actual
    assert va.indicators[0].target.value == 90.0
