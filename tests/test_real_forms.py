"""Real published forms, read as a new user would, against readings written by hand.

``tests/data/real/rNNN.txt`` are copies of forms from the shared development set (as published:
page chrome, broken columns, OCR noise and traditional characters included); each
``expected/rNNN.yaml`` is its reading checked field by field against the source text, with the
judgement calls said in a comment at its top. A mismatch lists every differing field with its
path, so a failure reads like a review note. Fields of an area the expected reading doubts are
not compared: only that the reader doubted it too.

The module is marked ``real``: the reader is being rebuilt for these shapes and templates, and
``pytest -m real`` shows how far it has come, one case per form.
"""

from __future__ import annotations

from dataclasses import astuple

import pytest
from _real_forms import (
    EXPECTED,
    REAL,
    comparable,
    differences,
    known_gaps,
    misread_names,
    path_of,
    reading_problems,
    real_forms,
    shared_forms_folder,
)

from jixiao.errors import InputError
from jixiao.model import validate_form
from jixiao.readers import read_path

pytestmark = pytest.mark.real

SHARED = shared_forms_folder()


def test_every_copied_form_has_its_expected_reading() -> None:
    forms = real_forms()
    assert len(forms) >= 16
    missing = [name for name in forms if not (EXPECTED / f"{name}.yaml").is_file()]
    assert not missing, f"no expected reading for {missing}"


KNOWN_GAPS = known_gaps()


@pytest.mark.parametrize("name", real_forms())
def test_reads_the_form_as_checked_by_hand(name: str) -> None:
    """Every field matches the hand-checked reading, except the ones listed for this form in
    ``tests/data/real/known-gaps.yaml`` (today's known misreadings): a new difference fails, and
    so does a listed one that now reads right, so the list stays exact."""
    problems = reading_problems(name)
    known = set(KNOWN_GAPS.get(name, []))
    new = [p for p in problems if path_of(p) not in known]
    assert not new, f"{name}: {len(new)} fields differ (not among its known gaps)\n" + "\n".join(new)
    fixed = sorted(known - {path_of(p) for p in problems})
    assert not fixed, f"{name}: now read as checked by hand, remove from known-gaps.yaml: {fixed}"


def test_doubted_areas_are_left_out_of_the_comparison() -> None:
    want = validate_form({"project": "甲", "funds": {"total": {"budget": 10}}, "reading": {"doubtful": ["funds"]}})
    read = validate_form({"project": "甲", "funds": {"total": {"budget": 99}}, "reading": {"doubtful": ["funds"]}})
    assert differences(*comparable([want], [read])) == []
    undoubted = validate_form({"project": "甲", "funds": {"total": {"budget": 99}}, "reading": {}})
    assert differences(*comparable([want], [undoubted])) == ["[0].reading.doubtful: expected ['funds'], read []"]


def test_misread_name_check_catches_shifted_and_invented_rows() -> None:
    names = ["培训场次", "实际 完成值", "a | b", "2021年12月31日", "100%", "指标2:", "……", "2021年度培训人次"]
    form = validate_form({"indicators": [{"name": n} for n in names]})
    assert misread_names(form) == ["实际 完成值", "a | b", "2021年12月31日", "100%", "指标2:", "……"]


@pytest.mark.skipif(SHARED is None, reason="the shared development set (shared/realforms/forms) is not beside this repository")
@pytest.mark.parametrize("name", sorted(p.stem for p in SHARED.glob("r*.txt")) if SHARED else [])
def test_shared_form_reads_or_is_declined_plainly(name: str) -> None:
    """Every shared form either reads, or fails with a jixiao input error (a plain Chinese
    message); a form whose reading check passed holds no row built from shifted or invented
    cells (a header word, a value or a placeholder as its name)."""
    assert SHARED is not None
    try:
        forms = read_path(SHARED / f"{name}.txt")
    except InputError as exc:
        assert str(exc).strip()
        return
    for form in forms:
        if form.reading is None or not form.reading.doubtful:  # no doubt declared counts as passed
            assert not misread_names(form), f"{name}: reading passed with rows {misread_names(form)}"


REPAIRED = {
    ("r020", "funds"): "执行率 printed as the fraction 0.958, held as 95.8",
    ("r021", "goal"): "two lines, each printing 预期 and 实际 side by side",
    ("r023", "goal"): "each goal line is printed twice, 预期 and 实际 alternating",
    ("r026", "header"): "printed in traditional characters",
    ("r037", "header"): "printed in traditional characters",
    ("r046", "header"): "printed in traditional characters",
    ("r047", "header"): "printed in traditional characters",
    ("r036", "goal"): "the two goal columns are interleaved line by line",
    ("r041", "goal"): "a document site's page number inside the goal",
    ("r041", "音响、灯光、道具、服装质量等"): "a document site's page number inside the name",
    ("r031", "=98%"): "a document site's page number between = and 98%",
    ("r042", "goal"): "OCR's 2 for ≥ repaired",
}
"""Where an expected reading is not a plain quote of its source, by form and area or text, and
why (see each file's top)."""


def plain(text: str) -> str:
    """``text`` without spaces, line breaks, table pipes and thousands separators."""
    return "".join(text.split()).replace("|", "").replace(",", "")


def quoted(text: str, source: str) -> bool:
    return plain(text) in source


@pytest.mark.parametrize("name", real_forms())
def test_expected_reading_quotes_its_source(name: str) -> None:
    """The hand-written readings are themselves checked: every text and number they hold is
    printed in the form (spaces, line breaks and table pipes aside), but for the repairs listed
    in REPAIRED and the 一级指标 labels restored from the 二级 ones."""
    source = plain((REAL / f"{name}.txt").read_text(encoding="utf-8"))
    unquoted = []
    for form in read_path(EXPECTED / f"{name}.yaml"):
        texts: dict[str, list[str | float | None]] = {
            "header": [form.project, form.department, form.implementer, form.year],
            "goal": [form.goal.planned, form.goal.achieved],
            "indicators": [t for i in form.indicators for t in (i.name, i.level2, i.target.text, i.actual.text, i.deviation, i.weight, i.score)],
            "funds": [v for row in [form.funds.total, *form.funds.sub_rows().values()] for v in astuple(row)],
            "total": [form.total_weight, form.total_score, form.grade],
        }
        for area, values in texts.items():
            if (name, area) in REPAIRED:
                continue
            for value in values:
                text = f"{value:.12g}" if isinstance(value, (int, float)) else value
                if text and (name, text) not in REPAIRED and not quoted(text, source):
                    unquoted.append(f"{area}: {text}")
        for indicator in form.indicators:
            if indicator.level1 not in ("产出指标", "效益指标", "满意度指标") and not quoted(indicator.level1, source):
                unquoted.append(f"indicators: {indicator.level1}")
    assert not unquoted, f"{name}: not printed in the form: {unquoted}"
