"""The real published forms of ``tests/data/real`` and how a reading of one is compared with
its hand-checked expected reading; shared by ``test_real_forms.py`` and
``benchmarks/eval_reading.py``."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from jixiao.model import Form, form_data

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"
EXPECTED = REAL / "expected"
KNOWN_GAPS = REAL / "known-gaps.yaml"
"""The fields each form is known to be read wrong today, by path: the reader's honest to-do list."""

IGNORED_FORM_KEYS = ("source", "warnings")
"""Where a form came from and the reader's own notes are not part of the reading."""

AREA_FIELDS = {
    "header": ("project", "year", "department", "implementer"),
    "funds": ("funds",),
    "goal": ("goal",),
    "indicators": ("indicators", "section_weights"),
    "total": ("total_weight", "total_score", "grade"),
}
"""The form fields each reading area covers (``model.Area``)."""

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


def real_forms() -> list[str]:
    """The names (``r017`` …) of the copied forms."""
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


def reading_of(form: Form, doubtful: list[str] | None = None) -> dict[str, Any]:
    """``form`` as plain data, without the parts that are not the reading itself: its source,
    its warnings, the wording of its reading problems, the line of each indicator, and the
    fields of the ``doubtful`` areas (what a form cannot tell is not compared, only that the
    reader doubted it)."""
    data = form_data(form)
    for key in IGNORED_FORM_KEYS:
        data.pop(key, None)
    if isinstance(data.get("reading"), dict):
        data["reading"].pop("problems", None)
    for indicator in data.get("indicators", []):
        indicator.pop("line", None)
    for area in doubtful or []:
        for key in AREA_FIELDS[area]:
            data.pop(key, None)
    return data


def comparable(expected: list[Form], read: list[Form]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Both sides as plain data ready to compare; the areas an expected form doubts are left
    out of it and of the form read in its place."""
    doubts: list[list[str]] = [list(f.reading.doubtful) if f.reading else [] for f in expected]
    doubts += [[] for _ in range(len(read) - len(expected))]
    return (
        [reading_of(f, d) for f, d in zip(expected, doubts)],
        [reading_of(f, d) for f, d in zip(read, doubts)],
    )


def differences(expected: Any, got: Any, path: str = "") -> list[str]:
    """Every differing leaf as ``path: expected … read …``; lists of forms or rows are compared
    item by item, lists of plain values (the doubtful areas) as a whole."""
    if isinstance(expected, dict) and isinstance(got, dict):
        out: list[str] = []
        for key in sorted(expected.keys() | got.keys()):
            out += differences(expected.get(key, "<missing>"), got.get(key, "<missing>"), f"{path}.{key}")
        return out
    if isinstance(expected, list) and isinstance(got, list) and any(isinstance(x, dict) for x in expected + got):
        out = [f"{path}: {len(expected)} items expected, {len(got)} read"] if len(expected) != len(got) else []
        for i, (e, g) in enumerate(zip(expected, got)):
            out += differences(e, g, f"{path}[{i}]")
        return out
    return [] if expected == got else [f"{path}: expected {expected!r}, read {got!r}"]


def path_of(problem: str) -> str:
    """The field path a ``differences`` line is about (``[0].funds.total.budget``)."""
    return problem.split(": ", 1)[0]


def known_gaps() -> dict[str, list[str]]:
    """``KNOWN_GAPS`` as {form: [field path, …]}; empty when the file is absent."""
    if not KNOWN_GAPS.is_file():
        return {}
    return yaml.safe_load(KNOWN_GAPS.read_text(encoding="utf-8")) or {}


def reading_problems(name: str) -> list[str]:
    """Every field of copied form ``name`` read differently from its expected reading, as
    ``differences`` lines; a form the reader declines (a plain ``InputError``) is one line,
    ``refused: <its message>``."""
    from jixiao.errors import InputError
    from jixiao.readers import read_path

    try:
        read = read_path(REAL / f"{name}.txt")
    except InputError as exc:
        return [f"refused: {exc}"]
    return differences(*comparable(read_path(EXPECTED / f"{name}.yaml"), read))


def current_gaps() -> dict[str, list[str]]:
    """For each copied form, the paths of the fields read differently from its expected reading."""
    gaps = {name: sorted({path_of(p) for p in reading_problems(name)}) for name in real_forms()}
    return {name: paths for name, paths in gaps.items() if paths}


def write_known_gaps() -> None:
    """Record today's gaps in ``KNOWN_GAPS`` (after a reader change that fixed or, knowingly,
    changed a reading)."""
    header = (
        "# Fields of the real forms in tests/data/real/ that the reader reads differently from their\n"
        "# hand-checked expected readings today, by path. tests/test_real_forms.py fails on any other\n"
        "# difference (a new misreading) and on a listed field that now reads right (remove it).\n"
        "# Rewrite with: python benchmarks/eval_reading.py --write-known-gaps\n"
    )
    body = yaml.safe_dump(current_gaps(), allow_unicode=True, sort_keys=True, width=120)
    KNOWN_GAPS.write_text(header + body, encoding="utf-8")


def leaves(data: Any, path: str = "") -> dict[str, Any]:
    """Every field of plain data by its path (``[0].indicators[3].name``): the fields a reading
    is scored on. A cell value (``target``, ``actual``) is one field, as is an empty mapping or
    list."""
    if isinstance(data, dict) and data and not {"text", "op"} <= data.keys():
        return {k: v for key, value in data.items() for k, v in leaves(value, f"{path}.{key}").items()}
    if isinstance(data, list) and data:
        return {k: v for i, value in enumerate(data) for k, v in leaves(value, f"{path}[{i}]").items()}
    return {path: data}


VALUE_NAME = re.compile(r"[\d.,%‰≥≤<>=~\-—/()年月日号万亿元个次人件项台套天]+")
"""A name that is all number, date or amount: a value cell taken for a name."""

PLACEHOLDER_NAME = re.compile(r"指标\d*[:：.]?|…+|\.{3,}|[-—/]")
"""A template's empty row ("指标2:", "……") or a placeholder taken for a name."""


def misread_names(form: Form) -> list[str]:
    """Indicator names that show a row built from shifted or invented cells: a header word or
    level label, a table's ``|``, a value, or an empty template row's placeholder."""
    bad = []
    for indicator in form.indicators:
        key = "".join(indicator.name.split()).replace("（", "(").replace("）", ")")
        if ("|" in key or key in HEADER_WORDS or VALUE_NAME.fullmatch(key)
                or PLACEHOLDER_NAME.fullmatch(key)):
            bad.append(indicator.name)
    return bad
