"""The form model: plain dataclasses inside, validated where a form enters from outside.

Nothing checks a form that a reader builds, so readers must give every field exactly its declared
type: an amount is a ``float`` even when printed "170" (a rule or a report would otherwise print
``170`` where it prints ``170.0`` for the same cell read from another file). A canonical file is
validated and coerced at its edge instead.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

import pytest
from _real_forms import shared_forms_folder
from fixtures.build_xlsx import write_xlsx
from fixtures.layout import layout_form
from fixtures.seed import seed_forms
from pydantic import ValidationError

import jixiao.model
from jixiao.model import Form, FundsRow, Value, form_data, validate_form, validate_value
from jixiao.readers import read_path

ROOT = Path(__file__).resolve().parents[1]
_SHARED = shared_forms_folder()
READ_FILES = [
    ROOT / "examples" / "shanghai-kepu-2024.txt",
    *sorted((ROOT / "tests" / "data" / "text").glob("*.txt")),
    *(sorted(_SHARED.glob("r*.txt")) if _SHARED is not None else []),
]


def mistyped(value: Any, declared: Any, where: str) -> list[str]:
    """Every place under ``value`` whose type is not exactly the ``declared`` one (no int for a
    float, no bool for an int), as "where: what"."""
    origin = get_origin(declared)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in get_args(declared):
            return []
        (declared,) = [a for a in get_args(declared) if a is not type(None)]
        return mistyped(value, declared, where)
    if origin is Literal:
        return [] if type(value) is str and value in get_args(declared) else [f"{where}: {value!r}"]
    if origin is list:
        if type(value) is not list:
            return [f"{where}: {type(value).__name__}"]
        return [m for i, x in enumerate(value) for m in mistyped(x, get_args(declared)[0], f"{where}[{i}]")]
    if origin is dict:
        if type(value) is not dict:
            return [f"{where}: {type(value).__name__}"]
        key_type, item_type = get_args(declared)
        return [m for k, x in value.items() for m in mistyped(k, key_type, where) + mistyped(x, item_type, f"{where}[{k}]")]
    if type(value) is not declared:
        return [f"{where}: {type(value).__name__} {value!r}, declared {declared.__name__}"]
    if dataclasses.is_dataclass(declared):
        hints = get_type_hints(declared, vars(jixiao.model))
        return [m for f in dataclasses.fields(declared) for m in mistyped(getattr(value, f.name), hints[f.name], f"{where}.{f.name}")]
    return []


@pytest.mark.parametrize("path", READ_FILES, ids=lambda p: p.name)
def test_text_readers_give_every_field_its_declared_type(path: Path) -> None:
    forms = read_path(path)
    assert forms
    assert [m for i, form in enumerate(forms) for m in mistyped(form, Form, f"[{i}]")] == []


def test_a_workbook_of_numeric_cells_gives_floats(tmp_path: Path) -> None:
    # openpyxl hands back a cell printed "170" as the int 170
    workbook = write_xlsx(tmp_path / "seed.xlsx", [(f"表{i}", [layout_form(f)]) for i, f in enumerate(seed_forms())])
    forms = read_path(workbook)
    assert len(forms) == 5
    assert [m for i, form in enumerate(forms) for m in mistyped(form, Form, f"[{i}]")] == []


def test_the_check_itself_catches_an_int_amount() -> None:
    assert mistyped(FundsRow(budget=170), FundsRow, "row") == ["row.budget: int 170, declared float"]  # type: ignore[arg-type]


def test_a_canonical_mapping_is_coerced_at_the_edge() -> None:
    form = validate_form({"year": "2024", "funds": {"total": {"budget": 170}}, "indicators": [{"weight": 10}]})
    assert (form.year, form.funds.total.budget, form.indicators[0].weight) == (2024, 170.0, 10.0)
    assert mistyped(form, Form, "form") == []


def test_form_data_is_what_validate_form_reads_back() -> None:
    (form, *_) = read_path(ROOT / "examples" / "shanghai-kepu-2024.txt")
    data = form_data(form)
    assert data["funds"]["total"] == {"initial": 170.0, "budget": 170.0, "executed": 170.0, "rate": 100.0, "score": 10.0}
    assert validate_form(data) == form


def test_money_received_is_written_only_when_printed() -> None:
    printed = form_data(Form(funds=dataclasses.replace(Form().funds, total=FundsRow(budget=6.84, received=6.84))))
    assert printed["funds"]["total"]["received"] == 6.84
    assert "received" not in form_data(Form())["funds"]["total"]


@pytest.mark.parametrize(
    ("data", "where"),
    [({"op": "about"}, "op"), ({"value": float("nan")}, "value"), ({"colour": "red"}, "colour")],
)
def test_a_value_from_outside_is_refused_when_it_is_no_value(data: dict[str, Any], where: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_value(data)
    assert info.value.errors()[0]["loc"] == (where,)


def test_a_value_is_hashable_and_equal_by_its_fields() -> None:
    read = validate_value({"text": "≥90%", "op": ">=", "value": 90, "unit": "%"})
    assert read == Value(text="≥90%", op=">=", value=90.0, unit="%")
    assert len({read, Value(text="≥90%", op=">=", value=90.0, unit="%"), Value(text="100%")}) == 2
