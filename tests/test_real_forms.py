"""Real published forms, read as a new user would, against readings written by hand.

``tests/data/real/rNNN.txt`` are copies of forms from the shared development set (as published:
page chrome, broken columns, OCR noise and traditional characters included); each
``expected/rNNN.yaml`` is its reading checked field by field against the source text, with the
judgement calls said in a comment at its top. A mismatch lists every differing field with its
path, so a failure reads like a review note.

The module is marked ``real``: the reader is being rebuilt for these shapes and templates, and
``pytest -m real`` shows how far it has come, one case per form.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from jixiao.errors import InputError
from jixiao.model import Form
from jixiao.readers import read_path

pytestmark = pytest.mark.real

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"
EXPECTED = REAL / "expected"

IGNORED_FORM_KEYS = ("source", "warnings")
"""Where a form came from and the reader's own notes are not part of the reading."""

HEADER_WORDS = frozenset(
    {
        "一级指标", "二级指标", "三级指标", "指标名称", "绩效指标", "年度绩效指标", "指标",
        "年度指标值", "指标值", "年初目标值", "年初目标值(A)", "预期指标值", "年初指标值", "目标值",
        "实际完成值", "完成值", "全年实际值", "全年实际值(B)", "全年完成值", "年终完成值",
        "全年实际完成值", "实际完成指标值", "实际完成值(B)",
        "分值", "权重", "参考分值", "指标权重", "得分", "自评得分", "自评分",
        "偏差原因分析及改进措施", "未完成原因分析", "未完成原因及拟采取的改进措施", "指标性质", "度量单位",
        "产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "质量指标", "时效指标",
        "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标",
        "总分", "合计", "自评总分", "项目总得分", "年度资金总额", "预期目标", "实际完成情况",
    }
)
"""Column headers and level labels: a row named like this is a header or label misread as an
indicator. Written here independently of the reader's vocabulary, so the two check each other."""


def reading_of(form: Form) -> dict[str, Any]:
    """``form`` as plain data, without the parts that are not the reading itself: its source,
    its warnings, the wording of its reading problems, and the line of each indicator."""
    data = form.model_dump(mode="json")
    for key in IGNORED_FORM_KEYS:
        data.pop(key, None)
    if isinstance(data.get("reading"), dict):
        data["reading"].pop("problems", None)
    for indicator in data.get("indicators", []):
        indicator.pop("line", None)
    return data


def differences(expected: Any, got: Any, path: str = "") -> list[str]:
    """Every differing leaf as ``path: expected … read …``; lists are compared item by item."""
    if isinstance(expected, dict) and isinstance(got, dict):
        out: list[str] = []
        for key in sorted(expected.keys() | got.keys()):
            out += differences(expected.get(key, "<missing>"), got.get(key, "<missing>"), f"{path}.{key}")
        return out
    if isinstance(expected, list) and isinstance(got, list):
        out = [f"{path}: {len(expected)} items expected, {len(got)} read"] if len(expected) != len(got) else []
        for i, (e, g) in enumerate(zip(expected, got)):
            out += differences(e, g, f"{path}[{i}]")
        return out
    return [] if expected == got else [f"{path}: expected {expected!r}, read {got!r}"]


def real_forms() -> list[str]:
    return sorted(p.stem for p in REAL.glob("r*.txt"))


def shared_forms_folder() -> Path | None:
    """The shared development set (``shared/realforms/forms`` beside the repository, on every
    developer and CI machine), or the folder ``JIXIAO_REALFORMS`` names; ``None`` when absent."""
    named = os.environ.get("JIXIAO_REALFORMS")
    candidates = [Path(named)] if named else []
    candidates += [parent / "shared" / "realforms" / "forms" for parent in ROOT.parents]
    for folder in candidates:
        if folder.is_dir() and any(folder.glob("r*.txt")):
            return folder
    return None


SHARED = shared_forms_folder()


def test_every_copied_form_has_its_expected_reading() -> None:
    forms = real_forms()
    assert len(forms) >= 16
    missing = [name for name in forms if not (EXPECTED / f"{name}.yaml").is_file()]
    assert not missing, f"no expected reading for {missing}"


@pytest.mark.parametrize("name", real_forms())
def test_reads_the_form_as_checked_by_hand(name: str) -> None:
    expected = [reading_of(f) for f in read_path(EXPECTED / f"{name}.yaml")]
    read = [reading_of(f) for f in read_path(REAL / f"{name}.txt")]
    problems = differences(expected, read)
    assert not problems, f"{name}: {len(problems)} fields differ\n" + "\n".join(problems)


def header_word_names(form: Form) -> list[str]:
    """Indicator names that are a header word or hold a table's ``|``: rows built from shifted cells."""
    bad = []
    for indicator in form.indicators:
        key = "".join(indicator.name.split()).replace("（", "(").replace("）", ")")
        if "|" in indicator.name or key in HEADER_WORDS:
            bad.append(indicator.name)
    return bad


def test_header_word_check_catches_a_shifted_row() -> None:
    form = Form.model_validate({"indicators": [{"name": "培训场次"}, {"name": "实际 完成值"}, {"name": "a | b"}]})
    assert header_word_names(form) == ["实际 完成值", "a | b"]


@pytest.mark.skipif(SHARED is None, reason="the shared development set (shared/realforms/forms) is not beside this repository")
@pytest.mark.parametrize("name", sorted(p.stem for p in SHARED.glob("r*.txt")) if SHARED else [])
def test_shared_form_reads_or_is_declined_plainly(name: str) -> None:
    """Every shared form either reads, or fails with a jixiao input error (a plain Chinese
    message); a form whose reading check passed holds no row built from header cells."""
    assert SHARED is not None
    try:
        forms = read_path(SHARED / f"{name}.txt")
    except InputError as exc:
        assert str(exc).strip()
        return
    for form in forms:
        if form.reading is None or not form.reading.doubtful:  # no doubt declared counts as passed
            assert not header_word_names(form), f"{name}: reading passed with rows {header_word_names(form)}"
