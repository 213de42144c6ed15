"""PDF text (the bundled example's shape): the rows carry every field of the hand-checked readings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.readers.shapes import detect_shape, text_to_grids

ROOT = Path(__file__).resolve().parent.parent
CASES = [
    (ROOT / "examples" / "shanghai-kepu-2024.txt", ROOT / "tests" / "data" / "expected" / "shanghai-kepu-2024.json"),
    (
        ROOT / "tests" / "data" / "text" / "pdf-variants-2024.txt",
        ROOT / "tests" / "data" / "expected" / "pdf-variants-2024.json",
    ),
]


def rows_of(path: Path) -> list[list[str]]:
    grids = text_to_grids(path.read_text(encoding="utf-8"), file=path.name)
    assert [g.shape for g in grids] == ["pdf-text"]
    return [[c.text for c in row] for row in grids[0].rows()]


def forms_of(rows: list[list[str]]) -> list[list[list[str]]]:
    """The rows cut at each 项目名称 row (the title rows before it go with the form before)."""
    forms: list[list[list[str]]] = []
    for row in rows:
        if row[0] == "项目名称":
            forms.append([])
        if forms:
            forms[-1].append(row)
    return forms


def number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


@pytest.mark.parametrize(("text", "expected"), CASES, ids=lambda p: p.stem)
def test_every_field_of_the_expected_reading_is_in_its_cell(text: Path, expected: Path) -> None:
    assert detect_shape(text.read_text(encoding="utf-8")) == "pdf-text"
    forms = forms_of(rows_of(text))
    readings = json.loads(expected.read_text(encoding="utf-8"))
    assert len(forms) == len(readings)
    for rows, want in zip(forms, readings):
        assert rows[0] == ["项目名称", want["project"]]
        assert rows[1] == ["主管部门", want["department"], "实施单位", want["implementer"]]
        funds = {row[0].rstrip("：:").removeprefix("其中："): row[1:] for row in rows if len(row) == 7}
        kinds = (
            ("total", "年度资金总额"),
            ("appropriation", "当年财政拨款"),
            ("carryover", "上年结转资金"),
            ("other", "其他资金"),
        )
        for kind, label in kinds:
            initial, budget, executed, _weight, rate, score = funds[label]
            got = {"initial": number(initial), "budget": number(budget), "executed": number(executed)}
            got |= {"rate": number(rate), "score": number(score)}
            assert got == want["funds"][kind]
        goal = rows[rows.index(["年度总体目标", "预期目标", "实际完成情况"]) + 1]
        assert goal == [want["goal"]["planned"], want["goal"]["achieved"]]
        header = rows.index(
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
        )
        # a row's empty cells at its end are not kept: a row without deviation text has seven
        indicators = [[*row, ""][:8] for row in rows[header + 1 :] if len(row) >= 7]
        assert len(indicators) == len(want["indicators"])
        for row, ind in zip(indicators, want["indicators"]):
            level1, level2, name, target, actual, weight, score, deviation = row
            assert (level1, level2, name) == (ind["level1"], ind["level2"], ind["name"])
            assert (target, actual, deviation) == (ind["target"]["text"], ind["actual"]["text"], ind["deviation"])
            assert (number(weight), number(score)) == (ind["weight"], ind["score"])
        assert ["总分", f"{want['total_weight']:.2f}", f"{want['total_score']:.2f}"] in rows
        assert ["评分等级", want["grade"]] in rows


def test_indicator_rows_keep_the_line_of_their_name() -> None:
    grid = text_to_grids(CASES[0][0].read_text(encoding="utf-8"), file="example.txt")[0]
    row = next(r for r in grid.rows() if len(r) > 2 and r[2].text == "长效管理制度健全性")
    expected = json.loads(CASES[0][1].read_text(encoding="utf-8"))[0]
    ind = next(i for i in expected["indicators"] if i["name"] == "长效管理制度健全性")
    assert row[2].line == ind["line"]


def test_header_values_below_their_labels_or_left_blank() -> None:
    text = CASES[1][0].read_text(encoding="utf-8")
    below = text.replace("主管部门 某区科学技术协会 实施单位 ", "主管部门\n某区科学技术协会\n实施单位\n")
    assert rows_of_text(below)[2:5] == [
        ["项目名称", "社区科普画廊更新"],
        ["主管部门", "某区科学技术协会"],
        ["实施单位", "某区科普服务中心"],
    ]
    blank = text.replace("主管部门 某区科学技术协会 实施单位 ", "主管部门 实施单位 ")
    assert rows_of_text(blank)[3] == ["主管部门", "", "实施单位", "某区科普服务中心"]


def rows_of_text(text: str) -> list[list[str]]:
    return [[c.text for c in row] for grid in text_to_grids(text, file="t.txt") for row in grid.rows()]


@pytest.mark.parametrize(
    ("line", "squashed"),
    [
        ("项目名称 基层科普服务", "项目名称 基层科普服务"),  # already one space between cells
        ("  项目名称   基层科普服务 ", "项目名称 基层科普服务"),
        ("项目名称\u2002基层科普服务", "项目名称 基层科普服务"),  # an en space, as some extractors print
        ("实施单位\u2028上海市科学技术协会", "实施单位 上海市科学技术协会"),
        ("\u2003", ""),
    ],
)
def test_a_line_with_odd_or_repeated_spaces_reads_as_one_space_between_cells(line: str, squashed: str) -> None:
    from jixiao.readers.shapes._text_join import squash

    assert squash(line) == squashed
