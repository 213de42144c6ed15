"""Models built without validation are the models validation would have built.

``_trusted`` builds models without a second validation (the checker's findings). Every form the
text reader reads, from the seed, the test texts of every shape and a thousand mutated seeds, is
held here equal to its validated twin: the same fields in the same order, values of the same
types, the same JSON.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from _mutate import mutate_text
from _text_shapes import pipe_to_csv
from pydantic import BaseModel

from jixiao._trusted import trusted, with_defaults
from jixiao.errors import JixiaoError
from jixiao.model import Form, Funds, FundsRow, Source
from jixiao.readers.text import read_text

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "examples" / "shanghai-kepu-2024.txt").read_text(encoding="utf-8")
TEXTS = sorted((ROOT / "tests" / "data" / "text").glob("*.txt"))


def _assert_same(got: Any, want: Any, path: str = "form", *, fields_set: bool = True) -> None:
    """``got`` and ``want`` alike down to the types of the leaves (and the fields counted as set)."""
    assert type(got) is type(want), path
    if isinstance(want, BaseModel):
        assert list(got.__dict__) == list(type(want).model_fields), path
        if fields_set:
            assert got.model_fields_set == want.model_fields_set, path
        assert got.__pydantic_extra__ is None and got.__pydantic_private__ is None, path
        for name in type(want).model_fields:
            _assert_same(getattr(got, name), getattr(want, name), f"{path}.{name}", fields_set=fields_set)
    elif isinstance(want, list):
        assert len(got) == len(want), path
        for i, (g, w) in enumerate(zip(got, want)):
            _assert_same(g, w, f"{path}[{i}]", fields_set=fields_set)
    else:
        assert got == want, path


def _validated(form: Form) -> Form:
    """The form pydantic would have built from what the reader gave."""
    return Form.model_validate(form.model_dump())


def _check(forms: list[Form]) -> None:
    for form in forms:
        twin = _validated(form)
        _assert_same(form, twin, fields_set=False)
        assert form == twin
        assert form.model_dump_json() == twin.model_dump_json()


def _texts() -> list[tuple[str, str]]:
    texts = [("seed.txt", SEED)]
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        texts.append((path.name, text))
        if path.name.startswith("pipe"):
            texts.append((path.stem + ".csv", pipe_to_csv(text)))
    return texts


@pytest.mark.parametrize("name, text", _texts(), ids=[n for n, _ in _texts()])
def test_every_shape_reads_into_validated_forms(name: str, text: str) -> None:
    forms = read_text(text.encode("utf-8"), name=name)
    assert forms
    _check(forms)


def test_mutated_seeds_read_into_validated_forms() -> None:
    read = 0
    for seed in range(1000):
        text = mutate_text(SEED, random.Random(seed))
        try:
            forms = read_text(text.encode("utf-8"), name=f"m{seed}.txt")
        except JixiaoError:
            continue
        read += len(forms)
        _check(forms)
    assert read > 2000  # most mutations still yield forms, so this covered the gaps' paths too


def test_a_form_with_missing_parts_is_a_valid_form_with_blanks() -> None:
    form = read_text("财政项目支出绩效自评表\n项目名称 只有名称\n".encode(), name="bare.txt")[0]
    assert form.funds.total == FundsRow() and form.indicators == []
    _check([form])


def test_with_defaults_is_the_constructor_without_validation() -> None:
    row = with_defaults(FundsRow, {"budget": 170.0, "executed": 170.0})
    _assert_same(row, FundsRow(budget=170.0, executed=170.0))
    _assert_same(with_defaults(Source, {"file": "a.txt"}), Source(file="a.txt"))


def test_with_defaults_refuses_a_model_with_a_default_factory() -> None:
    with pytest.raises(TypeError, match="Funds.total"):
        with_defaults(Funds, {})


def test_trusted_counts_every_field_as_set_unless_told() -> None:
    full = trusted(FundsRow, {"initial": 1.0, "budget": 2.0, "executed": 2.0, "rate": 100.0, "score": 10.0})
    _assert_same(full, FundsRow(initial=1.0, budget=2.0, executed=2.0, rate=100.0, score=10.0))
    bare = trusted(FundsRow, dict.fromkeys(FundsRow.model_fields), set())
    _assert_same(bare, FundsRow())
