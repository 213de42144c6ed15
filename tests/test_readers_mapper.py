"""The mapper on small hand-made grids: labels found wherever they sit, variants, warnings.

``grid_of`` lays rows out left to right: a string is a one-column cell, ``(text, colspan)`` or
``(text, colspan, rowspan)`` a merged one, ``None`` skips a column (covered from above, or blank).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model import FundsRow, form_data, validate_form
from jixiao.readers.grid import Cell, Grid
from jixiao.readers.mapper import grid_to_forms

Item = str | tuple[str, int] | tuple[str, int, int] | None


def grid_of(*rows: list[Item], sheet: str = "Sheet1") -> Grid:
    cells: list[Cell] = []
    for r, row in enumerate(rows):
        c = 0
        for item in row:
            if item is None:
                c += 1
                continue
            text, colspan, rowspan = (item, 1, 1) if isinstance(item, str) else (item + (1,))[:3]  # type: ignore[operator]
            if text:
                address = f"{chr(ord('A') + c)}{r + 1}"
                cells.append(Cell(row=r, col=c, text=text, colspan=colspan, rowspan=rowspan, sheet=sheet, address=address, line=r + 1))
            c += colspan
    return Grid(file="t.xlsx", cells=cells)


FUNDS = [
    [("项目资金（万元）", 2, 5), "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    [None, None, "年度资金总额", "100", "100", "90", "10", "90.00%", "9"],
    [None, None, "其中：当年财政拨款", "100", "100", "90", "-", "90%", "—"],
    [None, None, "上年结转资金", "0", "0", "0", "-", "-", "-"],
    [None, None, "其他资金", "", "", "", "", "", ""],
]
GOAL = [
    [("年度总体目标", 1, 2), ("预期目标", 4), ("实际完成情况", 4)],
    [None, ("完成培训 5 期。", 4), ("完成培训 4 期，未完成原因见下。", 4)],
]
NATIONAL = [
    ["一级指标", "二级指标", ("三级指标", 2), "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    [("产出指标", 1, 2), ("数量指标", 1, 2), ("培训期数", 2), "≥5期", "4期", "50", "40", "师资未到位，明年提前签约。"],
    [None, None, ("培训人数", 2), "≥200人", "210人", "20", "20", "/"],
    ["满意度指标", "服务对象满意度指标", ("学员满意度", 2), "≥90%", "95%", "20", "20", ""],
    [("总分", 6), "100", "89", ""],
    [("评分等级", 6), ("良", 3)],
]


def head(project: str = "职业技能培训", year: str = "（2023年度）") -> list[list[Item]]:
    return [
        [("财政项目支出绩效自评表", 9)],
        [(year, 9)],
        [("项目名称", 2), (project, 7)],
        [("主管部门", 2), ("人社局", 3), "实施单位", ("培训中心", 3)],
    ]


def test_a_national_form_is_read_field_by_field() -> None:
    (form,) = grid_to_forms(grid_of(*head(), *FUNDS, *GOAL, *NATIONAL))
    assert (form.project, form.year, form.department, form.implementer) == ("职业技能培训", 2023, "人社局", "培训中心")
    assert form.funds.unit == "万元" and form.funds.weight == 10.0
    assert form.funds.total == FundsRow(initial=100.0, budget=100.0, executed=90.0, rate=90.0, score=9.0)
    assert form.funds.appropriation is not None and form.funds.appropriation.score is None
    assert form.funds.other is not None and form.funds.other.budget is None
    assert form.goal.planned == "完成培训 5 期。" and form.goal.achieved.startswith("完成培训 4 期")
    rows = [(i.level1, i.level2, i.name, i.target.value, i.actual.value, i.weight, i.score, i.deviation, i.line) for i in form.indicators]
    assert rows == [
        ("产出指标", "数量指标", "培训期数", 5.0, 4.0, 50.0, 40.0, "师资未到位，明年提前签约。", 13),
        ("产出指标", "数量指标", "培训人数", 200.0, 210.0, 20.0, 20.0, "", 14),
        ("满意度指标", "服务对象满意度指标", "学员满意度", 90.0, 95.0, 20.0, 20.0, "", 15),
    ]
    assert (form.total_weight, form.total_score, form.grade) == (100.0, 89.0, "良")
    assert form.warnings == []
    assert (form.source.sheet, form.source.start_line, form.source.end_line) == ("Sheet1", 1, 17)


def test_column_order_may_vary() -> None:
    shuffled = [
        ["三级指标", "得分", "分值", "实际完成值", "年度指标值", "偏差原因分析及改进措施", "二级指标", "一级指标"],
        ["培训期数", "40", "50", "4期", "≥5期", "师资未到位", "数量指标", "产出指标"],
    ]
    (form,) = grid_to_forms(grid_of(*head(), *shuffled))
    ind = form.indicators[0]
    assert (ind.level1, ind.level2, ind.name, ind.target.value, ind.actual.value, ind.weight, ind.score, ind.deviation) == (
        "产出指标", "数量指标", "培训期数", 5.0, 4.0, 50.0, 40.0, "师资未到位",
    )


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["项目名称：河道保洁"], ["主管部门：水务局  实施单位：河道所"], ["2022年度"]], ("河道保洁", "水务局", "河道所", 2022)),
        ([["项目名称", "河道保洁", "年度", "2022"], ["主管部门", "水务局", "实施单位", "河道所"]], ("河道保洁", "水务局", "河道所", 2022)),
        ([["项目名称:河道保洁", "主管单位:水务局"], ["项目实施单位", "河道所"]], ("河道保洁", "水务局", "河道所", None)),
        ([["项目名称：河道保洁"], ["年度：2021"], ["主管部门", "水务局"]], ("河道保洁", "水务局", None, 2021)),
        ([["项目 名称：河道保洁"], ["主管 部门：水务局"]], ("河道保洁", "水务局", None, None)),
        # glued text: a value ends where the label of an item the model has no place for begins
        ([["项目名称:河道保洁项目负责人:张三"], ["主管部门:水务局评价时间:2018年6月"]], ("河道保洁", "水务局", None, None)),
        ([["项目名称", "河道保洁联系电话:123"], ["主管部门及代码", "水务局"]], ("河道保洁", "水务局", None, None)),
    ],
)
def test_header_labels_in_one_cell_or_beside_their_value(rows: list[list[Item]], expected: tuple[object, ...]) -> None:
    (form,) = grid_to_forms(grid_of(*rows, *NATIONAL))
    assert (form.project, form.department, form.implementer, form.year) == expected


def test_forms_stacked_without_title_rows_come_apart_at_the_project_name() -> None:
    one = [[("项目名称", 2), ("甲", 7)], *NATIONAL, [""]]
    two = [[("项目名称", 2), ("乙", 7)], *NATIONAL]
    forms = grid_to_forms(grid_of(*one, *two))
    assert [(f.project, len(f.indicators), f.total_score) for f in forms] == [("甲", 3, 89.0), ("乙", 3, 89.0)]
    assert forms[1].indicators[0].line == len(one) + 3  # 项目名称, header, then the row


def test_sichuan_nature_and_unit_columns_join_into_the_value() -> None:
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重（%）", "实际完成值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "时效指标", "办结时限", "≤", "5", "天", "10", "4", "10", ""],
        [None, "质量指标", "验收合格率", "=", "100", "%", "10", "100", "10", ""],
        [None, None, "制度健全性", "定性", "健全", "", "10", "基本健全", "8", "制度待完善"],
    ]
    (form,) = grid_to_forms(grid_of(*head(), *rows))
    t = [(i.target.text, i.target.op, i.target.value, i.target.unit, i.actual.text, i.actual.unit) for i in form.indicators]
    assert t == [
        ("≤5天", "<=", 5.0, "天", "4天", "天"),
        ("=100%", "=", 100.0, "%", "100%", "%"),
        ("健全", None, None, None, "基本健全", None),
    ]
    assert [i.weight for i in form.indicators] == [10.0, 10.0, 10.0]
    assert [i.level1 for i in form.indicators] == ["产出指标"] * 3


def test_forms_without_score_columns_leave_scores_blank_with_warnings() -> None:
    funds = [
        [("项目资金", 2, 2), "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
        [None, None, "年度资金总额", "10", "10", "10", "100%"],
    ]
    inds = [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "培训期数", "≥5期", "5期", ""],
    ]
    (form,) = grid_to_forms(grid_of(*head(), *funds, *GOAL, *inds))
    assert form.funds.weight is None and form.funds.total.score is None and form.funds.total.rate == 100.0
    assert form.indicators[0].weight is None and form.indicators[0].score is None
    assert form.total_score is None
    assert any("项目资金表没有" in w for w in form.warnings)
    assert any("绩效指标表没有" in w for w in form.warnings)


def test_budget_20_plus_indicators_80() -> None:
    funds = [row[:] for row in FUNDS]
    funds[1] = [None, None, "年度资金总额", "100", "100", "90", "20", "90.00%", "18"]
    (form,) = grid_to_forms(grid_of(*head(), *funds, *NATIONAL))
    assert (form.funds.weight, form.funds.total.score) == (20.0, 18.0)
    assert sum(i.weight or 0 for i in form.indicators) == 90.0


@pytest.mark.parametrize(
    ("cell", "warning"),
    [("约一百", "项目资金「年度资金总额」的年初预算数「约一百」（D6）不是数字"), ("1,200.00", None), ("１００", None), ("—", None),
     ("1" * 320, "项目资金「年度资金总额」的年初预算数「" + "1" * 320 + "」（D6）不是数字"),
     ("1" * 320 + "%", "项目资金「年度资金总额」的年初预算数「" + "1" * 320 + "%」（D6）不是数字")],
)
def test_funds_cells_that_are_not_numbers_are_reported(cell: str, warning: str | None) -> None:
    funds = [row[:] for row in FUNDS]
    funds[1] = [None, None, "年度资金总额", cell, "100", "90", "10", "90.00%", "9"]
    (form,) = grid_to_forms(grid_of(*head(), *funds, *GOAL, *NATIONAL))
    if warning is None:
        assert not form.warnings
    else:
        assert form.funds.total.initial is None and [w[: len(warning)] for w in form.warnings] == [warning]


def test_indicator_names_that_begin_like_header_labels_stay_indicators() -> None:
    rows = [*NATIONAL[:3], ["满意度指标", "服务对象满意度指标", ("主管部门满意度", 2), "≥90%", "95%", "20", "20", ""], *NATIONAL[4:]]
    (form,) = grid_to_forms(grid_of(*head(), *rows))
    assert [i.name for i in form.indicators] == ["培训期数", "培训人数", "主管部门满意度"]
    assert form.department == "人社局"


def test_subtotal_rows_and_repeated_headers_are_not_indicators() -> None:
    rows = [
        *NATIONAL[:3],
        ["一级指标", "二级指标", ("三级指标", 2), "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["", "", ("小计", 2), "", "", "70", "60", ""],
        *NATIONAL[3:],
    ]
    (form,) = grid_to_forms(grid_of(*head(), *rows))
    assert [i.name for i in form.indicators] == ["培训期数", "培训人数", "学员满意度"]


def test_goal_as_row_labels_with_the_text_beside() -> None:
    goal = [[("预期目标", 2), ("完成培训 5 期。", 7)], [("实际完成情况", 2), ("完成 4 期。", 7)]]
    (form,) = grid_to_forms(grid_of(*head(), *goal, *NATIONAL))
    assert (form.goal.planned, form.goal.achieved) == ("完成培训 5 期。", "完成 4 期。")


def test_funds_in_yuan_keep_their_unit() -> None:
    funds = [row[:] for row in FUNDS]
    funds[0] = [("项目资金(元)", 2, 5), *FUNDS[0][1:]]
    (form,) = grid_to_forms(grid_of(*head(), *funds, *NATIONAL))
    assert form.funds.unit == "元"


def test_a_level1_cell_cut_by_a_page_break_carries_over() -> None:
    rows = [*NATIONAL[:2], ["", "", ("培训人数", 2), "≥200人", "210人", "20", "20", ""], *NATIONAL[3:]]
    (form,) = grid_to_forms(grid_of(*head(), *rows))
    assert [(i.level1, i.level2) for i in form.indicators][:2] == [("产出指标", "数量指标"), ("产出指标", "数量指标")]


def test_missing_parts_are_warned_not_guessed() -> None:
    (form,) = grid_to_forms(grid_of([("项目名称", 2), ("只有名称", 7)]))
    assert form.project == "只有名称" and form.indicators == []
    assert form.warnings == [
        "未能读取年度", "未能读取主管部门", "未能读取实施单位", "未能读取项目资金的年度资金总额",
        "未能读取年度总体目标的预期目标", "未能读取年度总体目标的实际完成情况", "未能读取绩效指标",
        "未能读取总分", "未能读取评分等级",
    ]


def test_a_grid_without_any_form_gives_none() -> None:
    assert grid_to_forms(grid_of(["会议纪要"], ["出席：张三、李四"])) == []


def test_reader_notes_are_copied_into_each_form() -> None:
    grid = grid_of(*head(), *NATIONAL)
    grid.notes.append("单元格 H6 是公式但没有保存计算结果")
    (form,) = grid_to_forms(grid)
    assert form.warnings[0] == "单元格 H6 是公式但没有保存计算结果"


WORDS = [
    "项目名称", "主管部门：甲", "实施单位", "（2024年度）", "财政项目支出绩效自评表", "项目资金（万元）", "年初预算数",
    "全年预算数", "全年执行数", "分值", "执行率(%)", "得分", "年度资金总额", "其中：当年财政拨款", "预期目标",
    "实际完成情况", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "指标性质", "度量单位", "≥",
    "偏差原因分析及改进措施", "总分", "评分等级", "优", "100", "-", "≥5个", "达成指标", "约一百", "1,200.00", "",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.sampled_from(WORDS), st.integers(1, 3), st.integers(1, 3)), max_size=9),
        max_size=25,
    )
)
def test_any_grid_of_template_words_maps_without_crashing(rows: list[list[tuple[str, int, int]]]) -> None:
    """Labels in odd places, repeated, or missing give forms with warnings, never an exception."""
    grid = grid_of(*rows)
    for form in grid_to_forms(grid):
        assert validate_form(form_data(form)) == form
        assert all(isinstance(w, str) and w for w in form.warnings)


def test_the_official_annex_layout_with_an_outer_performance_column() -> None:
    """财预〔2020〕10号 annex: a 绩效指标 column spans the whole indicator table on the left."""
    rows = [
        [("项目支出绩效自评表", 10)],
        [("（2021年度）", 10)],
        [("项目名称", 2), ("老旧小区改造", 8)],
        [("主管部门", 2), ("住建局", 4), ("实施单位", 2), ("城建中心", 2)],
        [("项目资金（万元）", 2, 3), "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", ("得分", 2)],
        [None, None, "年度资金总额", "500", "480", "456", "10", "95%", ("9.5", 2)],
        [None, None, "其中：本年财政拨款", "500", "480", "456", "—", "95%", ("—", 2)],
        [("年度总体目标", 2, 2), ("预期目标", 4), ("实际完成情况", 4)],
        [None, None, ("改造小区 10 个。", 4), ("改造小区 9 个。", 4)],
        [("绩效指标", 1, 4), "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", ("偏差原因分析及改进措施", 2)],
        [None, ("产出指标", 1, 2), "数量指标", "改造小区数", "10个", "9个", "50", "45", ("一个小区居民意见未统一", 2)],
        [None, None, "质量指标", "验收合格率", "100%", "100%", "30", "30", ("", 2)],
        [None, "满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "92%", "10", "10", ("", 2)],
        [("总分", 6), "100", "94.5", ("", 2)],
    ]
    (form,) = grid_to_forms(grid_of(*rows))
    assert (form.project, form.year, form.department, form.implementer) == ("老旧小区改造", 2021, "住建局", "城建中心")
    assert (form.funds.total.budget, form.funds.total.rate, form.funds.total.score, form.funds.weight) == (480.0, 95.0, 9.5, 10.0)
    assert form.funds.appropriation is not None and form.funds.appropriation.executed == 456.0
    assert (form.goal.planned, form.goal.achieved) == ("改造小区 10 个。", "改造小区 9 个。")
    assert [(i.level1, i.level2, i.name, i.weight, i.score) for i in form.indicators] == [
        ("产出指标", "数量指标", "改造小区数", 50.0, 45.0),
        ("产出指标", "质量指标", "验收合格率", 30.0, 30.0),
        ("满意度指标", "服务对象满意度指标", "居民满意度", 10.0, 10.0),
    ]
    assert form.indicators[0].deviation == "一个小区居民意见未统一"
    assert (form.total_weight, form.total_score, form.grade) == (100.0, 94.5, None)
    assert form.warnings == []


# 309 digits and more are inf as a float, which the model refuses: a funds, weight, score or total
# cell that long is reported like any other non-number, and a value cell keeps its text unread.
HUGE = "1" * 320


def huge_rows() -> list[list[Item]]:
    rows = [row[:] for row in NATIONAL]
    rows[1] = [("产出指标", 1, 2), ("数量指标", 1, 2), ("培训期数", 2), "≥" + "1" * 400 + "期", "4期", "50", HUGE, ""]
    rows[4] = [("总分", 6), "100", HUGE, ""]
    return rows


def test_indicator_cells_too_large_for_a_float_are_reported_not_read() -> None:
    (form,) = grid_to_forms(grid_of(*head(), *FUNDS, *GOAL, *huge_rows()))
    first = form.indicators[0]
    assert (first.score, first.target.value, first.target.op, form.total_score) == (None, None, None, None)
    assert [w.split("「" + HUGE)[0] for w in form.warnings] == ["指标「培训期数」的得分", "总分"]
    assert all(f"「{HUGE}」" in w and w.endswith("不是数字，按空白处理") for w in form.warnings)


def test_an_xlsx_with_a_huge_amount_reads_with_a_warning(tmp_path) -> None:
    import openpyxl

    from jixiao.readers import read_path

    funds = [row[:] for row in FUNDS]
    funds[1] = [None, None, "年度资金总额", HUGE, "100", "90", "10", "90.00%", "9"]
    wb = openpyxl.Workbook()
    ws = wb.active
    for cell in grid_of(*head(), *funds, *GOAL, *huge_rows()).cells:
        ws.cell(cell.row + 1, cell.col + 1, cell.text)
        if cell.colspan > 1 or cell.rowspan > 1:
            ws.merge_cells(start_row=cell.row + 1, start_column=cell.col + 1,
                           end_row=cell.row + cell.rowspan, end_column=cell.col + cell.colspan)
    path = tmp_path / "huge.xlsx"
    wb.save(path)
    (form,) = read_path(path)
    assert (form.funds.total.initial, form.indicators[0].score, form.total_score) == (None, None, None)
    assert f"「{HUGE}」（D6）不是数字" in form.warnings[0] and len(form.warnings) == 3
