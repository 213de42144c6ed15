"""One cell per line: rows recovered from pipes, from blank-line runs, or regrouped by labels."""

from __future__ import annotations

from jixiao.model import FundsRow
from jixiao.readers.shapes import detect_shape, text_to_grids
from jixiao.readers.text import read_text


def rows_of(text: str) -> list[list[str]]:
    return [[c.text for c in row] for grid in text_to_grids(text, file="t.txt") for row in grid.rows()]


# r048 (云南 保山): each cell ends with a pipe line; a line of pipes ends the row; a cell may wrap.
R048 = """附件1
2022年度项目支出绩效自评表
单位名称:保山市退役军人事务局 填报日期:2023年4月6日
项目名称
|
春节走访慰问经费
|
||||||||
预算执行情况(万元)
(20分)
|
|
预算数(A)
|
执行数(B)
|
执行率(B/A)
|
得分
(20分*执行率)
|
||||
年度财政资金总额
|
34.64
|
34.64
|
100%
|
20
|
|||||
|
|
|
|
|
|||||
总分(100分)
|
100
|
自评等级
|
优
|
||||||
"""


def test_piped_cells_make_rows_at_lines_of_pipes() -> None:
    assert detect_shape(R048) == "cell-per-line"
    grids = text_to_grids(R048, file="r048.txt")
    assert grids[0].shape == "cell-per-line"
    assert rows_of(R048) == [
        ["2022年度项目支出绩效自评表"],
        ["单位名称:保山市退役军人事务局 填报日期:2023年4月6日"],
        ["项目名称", "春节走访慰问经费"],
        ["预算执行情况(万元)(20分)", "", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)"],
        ["年度财政资金总额", "34.64", "34.64", "100%", "20"],
        ["总分(100分)", "100", "自评等级", "优"],
    ]
    assert grids[0].rows()[3][0].line == 9  # a wrapped cell is found at its first line


# r045 (安徽 濉溪): after the indicator header no line of pipes parts the rows.
R045 = """绩效目标自评表 (2019年度) |
||||||||
|
一级指标 |
二级指标 |
三级指标 |
分值 |
年度指标值 |
全年实际值 |
得分 |
未完成原因及拟采取的改进措施 |
|
产出指标(50分) |
数量指标 |
★★★农村低保发放人数(按月平均)(≥**人) |
5 |
>=21933人 |
21980人 |
5 |
|
|
|
|
★★★特困人员救助供养人数(按月平均)(≥**人) |
5 |
>=4754人 |
4604人 |
5 |
特困人员实行动态管理 |
|
|
质量指标 |
★农村低保标准(≥**元/人·月) |
5 |
>=530元/人*月 |
583元/人*月 |
5 |
|
"""


def test_an_unparted_run_of_rows_is_cut_by_the_header_width() -> None:
    assert rows_of(R045) == [
        ["绩效目标自评表 (2019年度)"],
        [
            "",
            "一级指标",
            "二级指标",
            "三级指标",
            "分值",
            "年度指标值",
            "全年实际值",
            "得分",
            "未完成原因及拟采取的改进措施",
        ],
        ["", "产出指标(50分)", "数量指标", "★★★农村低保发放人数(按月平均)(≥**人)", "5", ">=21933人", "21980人", "5"],
        [
            "",
            "",
            "",
            "★★★特困人员救助供养人数(按月平均)(≥**人)",
            "5",
            ">=4754人",
            "4604人",
            "5",
            "特困人员实行动态管理",
        ],
        ["", "", "质量指标", "★农村低保标准(≥**元/人·月)", "5", ">=530元/人*月", "583元/人*月", "5"],
    ]


# r032 (安徽 滁州): cells parted by blank lines, empty cells as lines of spaces, indented.
R032 = """    项目支出绩效自评表

    项目名称

    “三支一扶”省级财政补助资金

    年初预算数

    全年预算数(A)

    全年执行数(B)

    分值

    执行率(B/A)

    得分

    年度资金总额:

    99

    99

    99

    10

    100%

    10

     其中:本年财政拨款

    99

    99

    99

    -

    100%

    -

        上年结转资金

     \n\n     \n\n     \n\n    -

     \n\n    -
"""


def test_bare_cells_are_regrouped_at_row_labels() -> None:
    assert rows_of(R032) == [
        ["项目支出绩效自评表"],
        ["项目名称", "“三支一扶”省级财政补助资金"],
        ["年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
        ["年度资金总额:", "99", "99", "99", "10", "100%", "10"],
        ["其中:本年财政拨款", "99", "99", "99", "-", "100%", "-"],
        ["上年结转资金", "", "", "", "-", "", "-"],
    ]


# r023 (四川 安居区): indicator rows after the first carry no labels; the header is 5 words and
# the points of the score column; goal rows are pairs.
R023 = "\n\n".join(
    [
        "年度目标完成情况",
        "预期目标",
        "目标实际完成情况",
        "20",
        "目标1:深入开展食品风险隐患排查整治。",
        "目标1:深入开展食品风险隐患排查整治。",
        " ",
        "目标2:加大违法行为打击力度。",
        "目标2:加大违法行为打击力度。",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成指标值",
        "50",
        "产出指标",
        "质量指标",
        "指标1:食品安全监管人员培训",
        "已完成",
        "已完成",
        "5",
        "指标2:违法案件查办率",
        "100%",
        "100%",
        "4",
        "时效指标",
        "指标1:食品监管专项工作整体完成时间",
        "2021年12月31日",
        "2021年12月31日",
        "5",
    ]
)


def test_unlabelled_rows_take_the_header_width_and_goal_rows_come_in_pairs() -> None:
    assert rows_of(R023) == [
        ["年度目标完成情况"],
        ["预期目标", "目标实际完成情况", "20"],
        ["目标1:深入开展食品风险隐患排查整治。", "目标1:深入开展食品风险隐患排查整治。"],
        ["目标2:加大违法行为打击力度。", "目标2:加大违法行为打击力度。"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成指标值", "50"],
        ["产出指标", "质量指标", "指标1:食品安全监管人员培训", "已完成", "已完成", "5"],
        ["指标2:违法案件查办率", "100%", "100%", "4"],
        ["时效指标", "指标1:食品监管专项工作整体完成时间", "2021年12月31日", "2021年12月31日", "5"],
    ]


# r023's funds: labelled amounts, the 其中 labels printed once per amount, an empty row printing
# its label and unit twice
R023_FUNDS = "\n\n".join(
    [
        "专项名称", "食品监管补助资金", "预算执行情况", "预算数:", "2.38", "执行数:", "2.38", "20",
        "其中:中央补助", "      2.38  万元", "其中:中央补助", "    2.38万元", " ",
        "地方资金/其他", "万元", "地方资金/其他", "万元", " ", "年度目标完成情况", "预期目标", "目标实际完成情况", "20",
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成指标值", "50",
    ]
)


def test_a_sub_row_label_printed_once_per_amount_stays_one_row() -> None:
    assert detect_shape(R023_FUNDS) == "cell-per-line"
    assert ["地方资金/其他", "万元", "地方资金/其他", "万元"] in rows_of(R023_FUNDS)
    (form,) = read_text(R023_FUNDS.encode(), name="r023.txt")
    assert form.funds.other == FundsRow()  # printed, empty: the unit alone in both amount cells
    assert form.funds.more == {"中央补助": FundsRow(budget=2.38, executed=2.38)}


def test_long_runs_of_blank_lines_part_the_rows() -> None:
    gap = "\n" * 11
    text = (
        "项目名称\n\n昌宁县生猪养殖场建设项目"
        + gap
        + "一级指标\n\n二级指标\n\n三级指标\n\n年初目标值(A)\n\n实际完成值(B)\n\n得分"
        + gap
        + "产出指标(40分)\n\n数量指标\n\n公猪舍(≥**平方米)\n\n22.8\n\n22.8\n\n1"
        + gap
        + "母猪、保育猪舍(≥**平方米)\n\n180\n\n180\n\n3"
        + gap
    )
    assert rows_of(text) == [
        ["项目名称", "昌宁县生猪养殖场建设项目"],
        ["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
        ["产出指标(40分)", "数量指标", "公猪舍(≥**平方米)", "22.8", "22.8", "1"],
        ["母猪、保育猪舍(≥**平方米)", "180", "180", "3"],
    ]
