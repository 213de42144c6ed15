"""Whitespace columns: a row per line, with what narrow columns wrapped joined back."""

from __future__ import annotations

from _shapes import HEADER

from jixiao.readers.shapes import detect_shape, text_to_grids
from jixiao.readers.shapes.columns import columns_rows


def rows_of(text: str) -> list[list[str]]:
    return [[c.text for c in row] for grid in text_to_grids(text, file="t.txt") for row in grid.rows()]


# r017 (安徽 天长): indented lines, a blank 执行率, the header and the labels wrapped.
R017 = """天长市水利局水旱灾害防御股项目支出绩效自评

    发布时间:2023-12-05 15:04
    项目支出绩效自评表
    (2022年度)
    项目名称 水旱灾害防御经费
    项目资金
    (万元)
    年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分
    年度资金总额: 880 880 880 10 10
     其中:本年财政拨款 880 880 880 - -
    年度总体目标完成情况 预期目标 实际完成情况
     完成年度防汛工作,完成中型灌区节水改造项目和农业综合水价改革项目。 完成年度目标。
    年度绩效指标完成情况 一级
    指标
    二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施

    (50分)
    数量指标 指标1:完成中型灌区节水改造项目数量 1 1 10 10
    经济效益
    指标
    指标1:全市安全度汛 10 10
    可持续影
    响指标
    满意度指标
    (10分)
    指标1:服务对象满意度 90% 100% 10 10
    总分 100 100
"""


def test_rows_per_line_with_wrapped_labels_and_header_joined() -> None:
    assert detect_shape(R017) == "columns"
    assert rows_of(R017) == [
        ["项目支出绩效自评表"],
        ["(2022年度)"],
        ["项目名称", "水旱灾害防御经费"],
        ["项目资金(万元)"],
        ["年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
        ["年度资金总额:", "880", "880", "880", "10", "10"],
        ["其中:本年财政拨款", "880", "880", "880", "-", "-"],
        ["年度总体目标完成情况", "预期目标", "实际完成情况"],
        ["完成年度防汛工作,完成中型灌区节水改造项目和农业综合水价改革项目。", "完成年度目标。"],
        ["年度绩效指标完成情况", *HEADER],
        # label cells on lines of their own stand in front of the row after them
        ["(50分)", "数量指标", "指标1:完成中型灌区节水改造项目数量", "1", "1", "10", "10"],
        ["经济效益指标", "指标1:全市安全度汛", "10", "10"],
        ["可持续影响指标"],  # its row was left out of this excerpt: the next 一级 starts anew
        ["满意度指标(10分)", "指标1:服务对象满意度", "90%", "100%", "10", "10"],
        ["总分", "100", "100"],
    ]


# r020 (安徽 裕安区): two header words wrapped under their columns; a long row's numbers pushed down.
R020 = """项目名称 市级文物保护专项经费
绩效指标 一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施
指标值 完成值
产出指标 数量指标 指标1:修缮建筑数量 完成罗氏宗祠日常维护 完成罗氏宗祠日常维护
7 7
指标2:修缮建筑面积 6000平方米 6000平方米 7 7
质量指标 指标2:工程质量管理 ≥ 95% 98% 6 6
"""


def test_wrapped_header_words_and_pushed_down_numbers_are_put_back() -> None:
    assert rows_of(R020) == [
        ["项目名称", "市级文物保护专项经费"],
        ["绩效指标", *HEADER],
        ["产出指标", "数量指标", "指标1:修缮建筑数量", "完成罗氏宗祠日常维护", "完成罗氏宗祠日常维护", "7", "7"],
        ["指标2:修缮建筑面积", "6000平方米", "6000平方米", "7", "7"],
        ["质量指标", "指标2:工程质量管理", "≥ 95%", "98%", "6", "6"],
    ]


# r050 (安徽 宣城) and r025 (四川 遂宁): the goal's two columns printed one after the other.
R050_GOAL = """年度总体目标完成情况 预期目标 实际完成情况
目标1:省政府对市政府防震减灾目标管理绩效考核第一名。
目标2:全省市级防震减灾综合考核先进单位。
1.省政府对市政府防震减灾目标管理绩效考核第一名。
2.全省市级防震减灾综合考核先进单位。
年度绩效指标完成情况
"""
R025_GOAL = """预期目标 目标实际完成情况

 目标1:完成两品一械抽检工作
 目标2:加强两品一械企业监管力度

 目标1:配合完成抽检148个批次
 目标2:加强了两品一械企业监管力度



一级
"""


def columns_of(text: str) -> list[list[str]]:
    return [[c.text for c in row] for row in columns_rows(text.split("\n"))]


def test_a_goal_printed_column_after_column_is_one_row() -> None:
    assert columns_of(R050_GOAL) == [
        ["年度总体目标完成情况", "预期目标", "实际完成情况"],
        [
            "目标1:省政府对市政府防震减灾目标管理绩效考核第一名。目标2:全省市级防震减灾综合考核先进单位。",
            "1.省政府对市政府防震减灾目标管理绩效考核第一名。2.全省市级防震减灾综合考核先进单位。",
        ],
        ["年度绩效指标完成情况"],
    ]
    assert columns_of(R025_GOAL)[1] == [
        "目标1:完成两品一械抽检工作目标2:加强两品一械企业监管力度",
        "目标1:配合完成抽检148个批次目标2:加强了两品一械企业监管力度",
    ]


# r051 (四川 雅安, 转移支付 绩效评价表): each header cell wrapped onto lines of its own, a 行次
# column, and each funds row's amounts wrapped onto the next line.
R051 = """资金投入情况
(万元)

行次 全年预算数
(A)
统筹整合资金数
(B)
全年执行资金
(E)
预算执行
(E/C×100%)
佐证材料
列次 0 1 2 3 4
年度资金总额(万元): 1 52.800000
52.800000 30.800000 58.33%
其中:中央财政资金(万元) 2 52.800000
52.800000 30.800000 58.33% 预算下达文件
地方财政资金(万元) 3
"""


def test_header_cells_wrapped_onto_their_own_lines_are_one_header_row() -> None:
    assert detect_shape(R051) == "columns"
    assert columns_of(R051) == [
        ["资金投入情况(万元)"],
        ["行次", "全年预算数(A)", "统筹整合资金数(B)", "全年执行资金(E)", "预算执行(E/C×100%)", "佐证材料"],
        ["列次", "0", "1", "2", "3", "4"],
        ["年度资金总额(万元):", "1", "52.800000", "52.800000", "30.800000", "58.33%"],
        ["其中:中央财政资金(万元)", "2", "52.800000", "52.800000", "30.800000", "58.33%", "预算下达文件"],
        ["地方财政资金(万元)", "3"],
    ]


def test_a_funds_row_is_not_continued_past_its_header_width() -> None:
    text = "全年预算数 全年执行数\n年度资金总额 10 9\n8 7\n"
    assert columns_of(text)[1:] == [["年度资金总额", "10", "9"], ["8", "7"]]
