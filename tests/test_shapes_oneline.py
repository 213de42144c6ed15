"""A whole form on one line: the rows carry every field of the hand-checked reading."""

from __future__ import annotations

import json
from pathlib import Path

from _shapes import HEADER

from jixiao.readers.shapes import detect_shape, text_to_grids

DATA = Path(__file__).resolve().parent / "data"
INDICATOR_HEADER = list(HEADER)


def number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def test_every_field_of_the_expected_reading_is_in_its_cell() -> None:
    text = (DATA / "text" / "oneline-2023.txt").read_text(encoding="utf-8")
    assert detect_shape(text) == "oneline"
    rows = [[c.text for c in row] for row in text_to_grids(text, file="oneline-2023.txt")[0].rows()]
    starts = [k for k, row in enumerate(rows) if row[0] == "项目名称"]
    forms = [rows[a:b] for a, b in zip(starts, [*starts[1:], len(rows)])]
    readings = json.loads((DATA / "expected" / "oneline-2023.json").read_text(encoding="utf-8"))
    assert len(forms) == len(readings) == 2
    for rows, want in zip(forms, readings):
        assert rows[:3] == [
            ["项目名称", want["project"]],
            ["主管部门", want["department"]],
            ["实施单位", want["implementer"]],
        ]
        total = next(row for row in rows if row[0] == "年度资金总额")
        assert [number(t) for t in total[1:]] == [
            want["funds"]["total"][k] for k in ("initial", "budget", "executed")
        ] + [want["funds"]["weight"], want["funds"]["total"]["rate"], want["funds"]["total"]["score"]]
        goal = rows[rows.index(["年度总体目标", "预期目标", "实际完成情况"]) + 1]
        assert goal == [want["goal"]["planned"], want["goal"]["achieved"]]
        header = rows.index(INDICATOR_HEADER)
        indicators = [[*row, ""][:8] for row in rows[header + 1 :] if len(row) >= 7]
        assert len(indicators) == len(want["indicators"])
        for row, ind in zip(indicators, want["indicators"]):
            assert row[:3] == [ind["level1"], ind["level2"], ind["name"]]
            assert row[3:5] == [ind["target"]["text"], ind["actual"]["text"]]
            assert [number(row[5]), number(row[6]), row[7]] == [ind["weight"], ind["score"], ind["deviation"]]
        assert ["总分", "100", f"{want['total_score']:.2f}"] in rows
        assert ["评分等级", want["grade"]] in rows


def test_a_form_cut_in_its_funds_table_on_one_line_is_oneline() -> None:
    # r024: a national form flattened onto one line, cut before its goal and indicators
    line = (
        "食品安全抽样检测工作经费项目支出绩效自评表 (20_ 年度) 项目名称 食品安全抽样检测工作经费 主管部门 _县市场监督管理局 "
        "实施单位 _县市场监督管理局 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
        "年度资金总额 130 130 130 10 100 10 其中:当年财政拨款 130 130 - 100 - 上年结转资金 - - 其他"
    )
    assert detect_shape(line) == "oneline"


def test_pages_numbered_into_the_text_are_joined_and_weighted_rows_read() -> None:
    # r031 (苏州 市级 form): a PDF's pages flattened onto lines opening "2、", "3、" even inside a
    # word; rows name / 目标值 / 权重 / 实际完成值 / 自评分 with each score glued to the next name
    text = (DATA / "real" / "r031.txt").read_text(encoding="utf-8")
    assert detect_shape(text) == "oneline"
    rows = [[c.text for c in row] for row in text_to_grids(text, file="r031.txt")[0].rows()]
    assert ["项目名称", "市管绿地养护"] in rows
    assert ["项目年份 2017"] in rows  # glued to the next label: "项目年份 2017项目主管部门(单位)"
    header = rows.index(["一级指标", "指标名称", "目标值", "权重", "实际完成值", "自评分"])
    table = rows[header + 1 :]
    assert table[0] == ["投入目标(28分)", "资金使用合规性", "合规", "2.8", "好", "2.8"]
    # "=" / page number "3、" / "98%": the break inside the cell is dropped
    assert table[5] == ["", "预算执行率", "95%", "2.8", "=98%", "2.8"]
    # a wrapped cell's space is dropped; 产出目标(28 分) printed after its fourth row spans 5 × 5.6
    assert table[10] == ["产出目标(28分)", "保洁", "及时,整洁", "5.6", "及时,整洁", "5.6"]
    assert table[15][0] == "结果目标(16分)"  # 4 × 4, printed after its 4th row ("95%" / "4、" / "4")
    assert table[17] == ["", "绿地面积保有率", "95%", "4", "95%", "4"]
    # 项目绩效实现情况(80 分) makes no run of rows of its own; the rows after 结果目标's 16 points
    # belong to a label the cut text never reaches
    assert table[19][0] == "…"
    assert table[-1] == ["", "生态效益", "提"]
    assert len(table) == 22


def test_a_section_label_no_run_of_rows_fits_where_it_is_printed_leaves_the_table_unread() -> None:
    from jixiao.readers.shapes._weighted_rows import weighted_rows

    # 投入目标(2.8 分) is printed after the third row, but its points make the first row alone:
    # the label would stand outside its own rows, so no placing of it is vouched for
    body = "甲 合规 2.8 好 2.8乙 合规 2.8 好 2.8丙 合规 2.8 好 2.8投入目标(2.8 分)丁 合规 2.8 好 2.8"
    assert weighted_rows(body) is None
    assert weighted_rows("甲 合规 2.8 好 3.5乙 合规 2.8 好 2.8") is None  # a score above its weight


def test_page_numbers_join_only_long_pages_counting_up_and_keep_each_line_in_its_place() -> None:
    from jixiao.readers.shapes._page_numbers import join_page_numbered

    page = "表" * 200
    lines = [f"1、{page}201", f"2、7 年 1 月{page} 2.8 =", "3、98% 2.8", "下一行"]
    # inside a number and after an operator the break is tight; the run's other lines stay empty
    assert join_page_numbered(lines) == [f"{page}2017 年 1 月{page} 2.8 =98% 2.8", "", "", "下一行"]
    # short lines numbered 1、 2、 are a list, not pages
    assert join_page_numbered(["1、对机关局域网络改造升级", "2、填报绩效监控表"]) == ["1、对机关局域网络改造升级", "2、填报绩效监控表"]
