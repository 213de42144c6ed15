"""Fuzzing the readers and the checker: whatever sits on a finance office's disk, no traceback.

Every generated input either reads into forms that the checker can check, or fails with one of
jixiao's own ``InputError``s naming the file. The budget is small in the normal run (CI); the
full run is ``JIXIAO_FUZZ_BUDGET=10000 .venv/bin/python -m pytest tests/test_fuzz.py``.
A failing case prints its seed: rerun it with ``JIXIAO_FUZZ_SEED=<seed>``.
"""

from __future__ import annotations

import os
import random
from dataclasses import replace
from pathlib import Path

import pytest
from _mutate import ENCODINGS, mutate_bytes, mutate_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.check import check_forms
from jixiao.errors import InputError
from jixiao.model import Form, Source
from jixiao.readers import read_path
from jixiao.readers.canonical import dump_forms, read_canonical
from jixiao.readers.text import read_text

BUDGET = int(os.environ.get("JIXIAO_FUZZ_BUDGET", "150"))
ONLY_SEED = os.environ.get("JIXIAO_FUZZ_SEED")
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "shanghai-kepu-2024.txt"
SEED_TEXT = EXAMPLE.read_text(encoding="utf-8")


def _seeds() -> range | list[int]:
    return [int(ONLY_SEED)] if ONLY_SEED else range(BUDGET)


def _survives(read, data: bytes, name: str, seed: int) -> list[Form]:
    """Read and check; the only acceptable failure is an InputError that names the file."""
    try:
        forms = read(data, name=name)
    except InputError as exc:
        assert name in str(exc), f"seed {seed}: error does not name the file: {exc}"
        return []
    except Exception as exc:  # pragma: no cover - the assertion message is the point
        pytest.fail(f"seed {seed}: {type(exc).__name__} escaped the reader: {exc}")
    try:
        check_forms(forms)
    except Exception as exc:  # pragma: no cover
        pytest.fail(f"seed {seed}: {type(exc).__name__} escaped the checker: {exc}")
    return forms


def test_mutated_example_text_never_raises_a_traceback() -> None:
    read_some = 0
    for seed in _seeds():
        rng = random.Random(seed)
        text = mutate_text(SEED_TEXT, rng)
        data = text.encode(rng.choice(["utf-8", "utf-8-sig", "gb18030"]), "replace")
        read_some += bool(_survives(read_text, data, f"fuzz-{seed}.txt", seed))
    # Mutations are mostly local: most inputs must still yield forms, or the reader gives up too easily.
    assert read_some >= len(_seeds()) * 0.5


REAL_FORMS = sorted((Path(__file__).resolve().parent / "data" / "real").glob("r*.txt"))


def test_mutated_real_forms_never_raise_a_traceback() -> None:
    # the 36 real forms come in every text shape jixiao reads (pipe rows, one cell per line,
    # glued text, scrambled PDF columns, one line): a damaged copy of any of them still reads or
    # is refused with a message, whichever shape reader it reaches
    read_some = 0
    for seed in _seeds():
        rng = random.Random(seed)
        form = REAL_FORMS[seed % len(REAL_FORMS)]
        text = mutate_text(form.read_text(encoding="utf-8"), rng)
        read_some += bool(_survives(read_text, text.encode("utf-8"), f"fuzz-{form.stem}-{seed}.txt", seed))
    assert read_some >= len(_seeds()) * 0.5


def test_damaged_bytes_never_raise_a_traceback() -> None:
    raw = SEED_TEXT.encode("utf-8")
    for seed in _seeds():
        rng = random.Random(seed)
        _survives(read_text, mutate_bytes(raw, rng), f"bytes-{seed}.txt", seed)


@pytest.mark.parametrize("encoding", [e for e in ENCODINGS if e not in {"big5", "latin-1"}])
def test_every_supported_encoding_reads_the_same_forms(encoding: str) -> None:
    expected = read_text(SEED_TEXT.encode("utf-8"), name="seed.txt")
    got = read_text(SEED_TEXT.encode(encoding), name="seed.txt")
    assert [replace(f, source=Source()) for f in got] == [replace(f, source=Source()) for f in expected]


@settings(max_examples=BUDGET, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_arbitrary_text_never_raises_a_traceback(text: str) -> None:
    _survives(read_text, text.encode("utf-8"), "hypo.txt", -1)


@settings(max_examples=BUDGET, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SEED_TEXT.split("\n")), max_size=120))
def test_recombined_seed_lines_never_raise_a_traceback(lines: list[str]) -> None:
    _survives(read_text, "\n".join(lines).encode("utf-8"), "lines.txt", -1)


def test_mutated_canonical_files_never_raise_a_traceback() -> None:
    forms = read_text(SEED_TEXT.encode("utf-8"), name="seed.txt")
    for fmt in ("json", "yaml"):
        dumped = dump_forms(forms, fmt)
        for seed in _seeds():
            rng = random.Random(seed)
            _survives(read_canonical, mutate_text(dumped, rng).encode("utf-8"), f"fuzz-{seed}.{fmt}", seed)


@pytest.mark.parametrize("suffix", [".txt", ".json", ".yaml", ".xlsx", ".docx", ".pdf", ".xls", ".bin"])
def test_dispatch_by_suffix_names_the_file_for_garbage(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"garbage{suffix}"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(path) in str(info.value)
