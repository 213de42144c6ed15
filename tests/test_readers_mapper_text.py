"""The mapper on text grids: rows of cells in order, as the text shapes recover them from real
forms (merged label cells and blank cells missing), matched to the header's roles."""

from __future__ import annotations

from jixiao.check import check_form
from jixiao.model import Form, FundsRow
from jixiao.readers.grid import Cell, Grid
from jixiao.readers.mapper import grid_to_forms
from jixiao.readers.text import read_text


def text_grid(*rows: list[str], shape: str = "columns") -> Grid:
    """One grid row per list, cells in order, each on the text line of its row."""
    cells = [Cell(row=r, col=c, text=t, address=f"第{r + 1}行", line=r + 1) for r, row in enumerate(rows) for c, t in enumerate(row)]
    return Grid(file="t.txt", cells=cells, shape=shape)


def one(*rows: list[str], shape: str = "columns") -> Form:
    (form,) = grid_to_forms(text_grid(*rows, shape=shape))
    return form


# r017 (安徽 天长, national, whitespace columns): the 一级 column printed as "(50分)" only, blank
# target/actual cells missing, 成本指标 under 产出指标
R017 = [
    ["项目支出绩效自评表"],
    ["(2022年度)"],
    ["项目名称", "水旱灾害防御经费"],
    ["主管部门", "实施单位", "天长市水利局"],
    ["年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
    ["年度资金总额:", "880", "880", "880", "10", "10"],
    ["其中:本年财政拨款", "880", "880", "880", "-", "-"],
    ["上年结转资金", "-", "-"],
    ["年度总体目标完成情况", "预期目标", "实际完成情况"],
    ["完成年度防汛工作。", "完成年度目标。"],
    ["二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["(50分)"],
    ["数量指标", "指标1:完成中型灌区节水改造项目数量", "1", "1", "10", "10"],
    ["指标2:完成农业综合水价改革项目", "1", "1", "10", "10"],
    ["质量指标", "指标1:工程质量合格", "10", "10"],
    ["时效指标", "指标1:年度资金支付完成率100%", "10", "10"],
    ["成本指标", "指标1:资金执行在预算范围内", "10", "10"],
    ["(30分)"],
    ["经济效益指标", "指标1:全市安全度汛", "10", "10"],
    ["社会效益指标", "指标1:保护全市人口财产不受损失", "10", "10"],
    ["生态效益指标", "指标1:/", "/", "/"],
    ["可持续影响指标", "指标1:已建工程良性运行", "10", "10"],
    ["满意度指标(10分)", "服务对象满意度指标", "指标1:服务对象满意度", "90%", "100%", "10", "10"],
    ["总分", "100", "100"],
]


def test_a_columns_form_is_read_with_labels_carried_and_blanks_placed() -> None:
    form = one(*R017)
    assert (form.project, form.year, form.implementer) == ("水旱灾害防御经费", 2022, "天长市水利局")
    total = form.funds.total
    assert (total.budget, total.executed, form.funds.weight, total.rate, total.score) == (880.0, 880.0, 10.0, None, 10.0)
    assert form.funds.appropriation is not None and form.funds.appropriation.score is None
    assert (form.goal.planned, form.goal.achieved) == ("完成年度防汛工作。", "完成年度目标。")
    rows = [(i.level1, i.level2, i.name, i.target.text, i.actual.text, i.weight, i.score) for i in form.indicators]
    assert rows == [
        ("产出指标", "数量指标", "指标1:完成中型灌区节水改造项目数量", "1", "1", 10.0, 10.0),
        ("产出指标", "数量指标", "指标2:完成农业综合水价改革项目", "1", "1", 10.0, 10.0),
        ("产出指标", "质量指标", "指标1:工程质量合格", "", "", 10.0, 10.0),
        ("产出指标", "时效指标", "指标1:年度资金支付完成率100%", "", "", 10.0, 10.0),
        ("产出指标", "成本指标", "指标1:资金执行在预算范围内", "", "", 10.0, 10.0),
        ("效益指标", "经济效益指标", "指标1:全市安全度汛", "", "", 10.0, 10.0),
        ("效益指标", "社会效益指标", "指标1:保护全市人口财产不受损失", "", "", 10.0, 10.0),
        ("效益指标", "可持续影响指标", "指标1:已建工程良性运行", "", "", 10.0, 10.0),
        ("满意度指标", "服务对象满意度指标", "指标1:服务对象满意度", "90%", "100%", 10.0, 10.0),
    ]
    assert form.section_weights == {"产出指标": 50.0, "效益指标": 30.0, "满意度指标": 10.0}
    assert (form.total_weight, form.total_score) == (100.0, 100.0)
    assert form.reading is not None
    assert (form.reading.template, form.reading.shape, form.reading.doubtful, form.reading.truncated) == (
        "national", "columns", [], False,
    )


def test_the_template_words_decide_nothing_more_than_the_vocabulary_says() -> None:
    form = one(*R017)
    assert not any(f.rule in ("S005", "S006") for f in check_form(form))  # 效益指标 is where it is printed


# r045 (安徽 濉溪, 扶贫 绩效目标自评表): 分值 before 年度指标值, ★ core rows, a 其中 child row
R045 = [
    ["绩效目标自评表 (2019年度)"],
    ["项目名称", "临时救助"],
    ["资金情况(万元)", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
    ["年度资金总额:", "30", "30", "10", "100%", "10"],
    ["年度总体目标", "年初设定目标", "年度总体目标完成情况综述"],
    ["", "为建档立卡扶贫户解决临时性的困难", "全年救助87人次，完成目标任务。"],
    ["", "一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分", "未完成原因及拟采取的改进措施"],
    ["", "产出指标(50分)", "数量指标", "★★★农村低保发放人数(≥**人)", "5", ">=21933人", "21980人", "5"],
    ["", "", "", "★★★其中:农村低保对象中建档立卡贫困人口数量(≥**人)", "5", ">=9431人", "9453人", "5"],
    ["", "", "", "★★★特困人员救助供养人数(≥**人)", "5", ">=4754人", "4604人", "5", "特困人员实行动态管理"],
]


def test_an_anhui_poverty_form_reads_core_rows_children_and_its_column_order() -> None:
    form = one(*R045, shape="cell-per-line")
    assert form.reading is not None and form.reading.template == "anhui-poverty"
    assert form.goal.planned == "为建档立卡扶贫户解决临时性的困难"
    first, child, third = form.indicators
    assert (first.name, first.core, first.weight, first.target.value, first.actual.value, first.score) == (
        "农村低保发放人数(≥**人)", True, 5.0, 21933.0, 21980.0, 5.0,
    )
    # a 其中 row with points of its own is counted in the section (5+5+5 here), so no parent's part
    assert (child.name, child.parent, child.weight) == ("其中:农村低保对象中建档立卡贫困人口数量(≥**人)", None, 5.0)
    assert third.deviation == "特困人员实行动态管理"
    assert form.section_weights == {"产出指标": 50.0}


# r056 (云南 保山, national with 指标性质/指标值/度量单位 under 年度指标值; pipe)
R056 = [
    ["项目名称", "能源安全检查及新能源项目推进经费"],
    ["绩效指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["一级 指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
    ["产出指标", "数量指标", "开展检查、督导次数", "004 >=", "20", "次", "113", "22.50", "22.50"],
    ["产出指标", "成本指标", "经费支出", "005 <=", "33", "万元", "32.9999", "22.50", "22.50"],
]


def test_a_two_row_header_joins_nature_value_and_unit_into_the_target() -> None:
    form = one(*R056, shape="pipe")
    got = [(i.level2, i.name, i.target.text, i.target.op, i.actual.text, i.weight, i.score) for i in form.indicators]
    assert got == [
        ("数量指标", "开展检查、督导次数", ">=20次", ">=", "113", 22.5, 22.5),
        ("成本指标", "经费支出", "<=33万元", "<=", "32.9999", 22.5, 22.5),
    ]


def test_a_row_that_fits_the_header_two_ways_is_not_guessed() -> None:
    # r029: one value for 年度指标值 or 实际完成值, and the row does not say which
    rows = [
        ["项目名称", "野生菌加工车间"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标(50分)", "数量指标", "冷库仓储建设", "≥1290.3平方米", "1290.3平方米", "10.3", "10.3"],
        ["配套电力设施1250KVA变压器3台", "3", "9.3", "9.3"],
        ["时效指标", "任务完成时限(月)", "10", "10", "10.3", "10.3"],
    ]
    form = one(*rows, shape="pipe")
    second = form.indicators[1]
    assert (second.target.text, second.actual.text) == ("", "")
    assert form.reading is not None and "indicators" in form.reading.doubtful
    assert "配套电力设施" in form.reading.problems[0]  # (the excerpt has no goal: that is doubted too)
    rules = {f.rule for f in check_form(form)}
    assert "R001" in rules and not rules & {"Q001", "Q004", "S001", "S002"}


def test_a_row_the_cut_went_through_holds_its_first_cells() -> None:
    # r045 ends inside its last row: "★受助对象满意度(≥**%) | 10 | >=9"
    form = one(*R045, ["", "满意度指标(10分)", "服务对象满意度指标", "★受助对象满意度(≥**%)", "10", ">=9"], shape="cell-per-line")
    assert form.reading is not None and form.reading.truncated and form.reading.doubtful == []
    last = form.indicators[-1]
    assert (last.name, last.weight, last.target.text, last.actual.text, last.score) == ("受助对象满意度(≥**%)", 10.0, ">=9", "", None)


def test_a_text_form_that_stops_in_its_table_is_cut_short() -> None:
    form = one(*R017[:15])
    assert form.reading is not None and form.reading.truncated
    assert [i.name for i in form.indicators][-1] == "指标1:工程质量合格"
    assert "R002" in {f.rule for f in check_form(form)}


def test_a_fraction_rate_is_read_as_the_percentage_it_states() -> None:
    # r020: 执行率 printed 0.958 beside 29 and 27.8
    form = one(
        ["项目名称", "市级文物保护专项经费"],
        ["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["(万元)", "年度资金总额", "29", "29", "27.8", "9", "0.958", "8"],
    )
    assert form.funds.total.rate == 95.8 and form.funds.total.score == 8.0


def test_a_template_without_a_goal_or_total_is_not_warned_for_them() -> None:
    # r048 (云南 预算执行 20 + 绩效目标 80): no 年度总体目标 section
    form = one(
        ["项目名称", "春节走访慰问经费"],
        ["预算执行情况(万元)(20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)"],
        ["年度财政资金总额", "34.64", "34.64", "100%", "20"],
        ["年度绩效目标(80分)", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
        ["产出指标(60分)", "质量指标", "补助经费足额拨付率", "100%", "100%", "20"],
        ["总分(100分)", "100", "自评等级", "优"],
        shape="cell-per-line",
    )
    assert form.reading is not None and form.reading.template == "exec20"
    assert (form.funds.weight, form.total_weight, form.total_score, form.grade) == (20.0, 100.0, 100.0, "优")
    assert form.warnings == ["未能读取年度", "未能读取主管部门", "未能读取实施单位"]
    assert not any(f.rule.startswith("N") for f in check_form(form))


def test_a_transfer_form_names_the_local_department_not_the_central_one() -> None:
    # r040, r043, r047: 中央主管部门 above 地方主管部门; the unit's department is the local one
    rows = [
        ["转移支付(项目)名称", "全民健身中心项目"],
        ["中央主管部门", "国家体育总局"],
        ["地方主管部门", "某区人民政府", "资金使用单位", "某区体育发展中心"],
        ["一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值"],
        ["产出指标", "数量指标", "新建全民健身中心数量", "1", "1"],
    ]
    form = one(*rows, shape="pipe")
    assert (form.department, form.implementer) == ("某区人民政府", "某区体育发展中心")


def test_a_form_cut_before_its_goal_is_cut_short_not_doubted() -> None:
    # r047 (转移支付, pipe): the page ends in the header rows, before the funds table and the goal
    form = one(["转移支付(项目)名称", "农业防灾减灾"], ["中央主管部门", "农业农村部"], ["地方主管部门", "省农业农村厅"], shape="pipe")
    assert form.reading is not None and form.reading.truncated and form.reading.doubtful == []
    rules = {f.rule for f in check_form(form)}
    assert "R002" in rules and "N005" not in rules  # no "预期目标空白" on a goal the cut took


def test_a_section_title_under_the_goal_is_no_goal_text() -> None:
    # r050 (national, columns): "年度绩效指标完成情况" stands alone between the goal and the indicators
    rows = R017[:10] + [["年度绩效指标完成情况"]] + R017[10:13]
    form = one(*rows)
    assert (form.goal.planned, form.goal.achieved) == ("完成年度防汛工作。", "完成年度目标。")
    assert form.reading is not None and form.reading.doubtful == []
    assert [i.name for i in form.indicators] == ["指标1:完成中型灌区节水改造项目数量"]


def test_a_page_cut_right_after_the_title_is_a_form_cut_short() -> None:
    # r046: the form reaches its title and year, then "转移支" and the page ends
    form = one(["宣城市转移支付区域(项目)绩效目标自评表"], ["(2023年度)"], ["转移支"], shape="pipe")
    assert form.reading is not None and (form.reading.template, form.reading.truncated, form.reading.doubtful) == (
        "transfer", True, [])
    assert (form.year, form.project, form.indicators) == (2023, None, [])


def test_a_title_followed_by_text_the_reader_cannot_place_is_no_form() -> None:
    # the title alone is read as a form only where the text ends: otherwise the body was not understood
    rows = [["宣城市转移支付区域(项目)绩效目标自评表"], ["(2023年度)"], ["行次 全年预算数 统筹整合资金数"], ["列次 0 1 2 3"]]
    assert grid_to_forms(text_grid(*rows, shape="pipe")) == []


# r054 (山西 吕梁, OCR'd image): a 目标值 / 完成值 table alone, then an allocation table
R054 = [
    ["一级指标", "二级指标", "指标名称", "目标值", "完成值"],
    ["产出指标", "产出数量", "完成2021年吕梁山护工培训任务", "12500名", "12166名"],
    ["", "产出质量", "参训学员结业考核通过率", "100%", "98.79%"],
    ["序号", "学校性质", "培训机构", "培训补助标准(元/人)", "就业奖补标准(元/人)", "2021年培训人数", "合格人数"],
    ["1", "民办", "吕梁市远航职业培训学校", "2600", "400", "842", "842"],
]


def test_another_table_under_the_indicator_table_ends_it() -> None:
    form = one(*R054, shape="pipe")
    assert [i.name for i in form.indicators] == ["完成2021年吕梁山护工培训任务", "参训学员结业考核通过率"]
    assert form.reading is not None and (form.reading.template, form.reading.truncated, form.reading.doubtful) == (
        "other", False, [])


def test_an_unknown_template_missing_a_goal_or_total_is_not_said_to_leave_them_blank() -> None:
    form = one(*R054, shape="pipe")
    assert form.reading is not None and not form.reading.truncated
    rules = {f.rule for f in check_form(form)}
    assert not rules & {"R001", "N005"}  # neither doubted nor "预期目标空白": the template may print none
    assert not [f for f in check_form(form) if f.rule == "S007" and "总分" in f.message]


def test_points_over_the_last_column_name_the_score_column() -> None:
    # r023 (四川 转移支付 区域): the indicator section's 50 points stand over its 自评得分 column
    form = one(
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成指标值", "50"],
        ["产出指标", "质量指标", "指标1:食品安全监管人员培训", "已完成", "已完成", "5"],
        ["指标2:违法案件查办率", "100%", "100%", "4"],
        shape="cell-per-line",
    )
    rows = [(i.level2, i.name, i.target.text, i.actual.text, i.weight, i.score) for i in form.indicators]
    assert rows == [
        ("质量指标", "指标1:食品安全监管人员培训", "已完成", "已完成", None, 5.0),
        ("质量指标", "指标2:违法案件查办率", "100%", "100%", None, 4.0),
    ]
    assert form.reading is not None and "indicators" not in form.reading.doubtful


def test_funds_printed_as_labelled_amounts_are_read_with_their_sub_rows() -> None:
    # r023 (四川 转移支付 区域): the sub-row's label printed once per amount, on the same row
    form = one(
        ["专项名称", "食品监管补助资金"],
        ["预算执行情况"],
        ["预算数:", "2.38", "执行数:", "2.38", "20", "其中:中央补助", "2.38 万元", "其中:中央补助", "2.38万元"],
        shape="cell-per-line",
    )
    total = form.funds.total
    assert (total.budget, total.executed) == (2.38, 2.38)
    assert form.funds.more == {"中央补助": FundsRow(budget=2.38, executed=2.38)}
    # r021 (河北): 到位数 between them is read too (rule F012 compares 执行率 with it); the
    # sub-rows follow, and the goal has a 总体完成率 column beside it
    form = one(
        ["项目名称:", "19名百岁老人高龄津贴"],
        ["预算数", "6.84", "到位数", "6.84", "执行数", "6.84", "100.00"],
        ["其中:财政资金", "6.84", "其中:财政资金", "6.84", "其中:财政资金", "6.84"],
        ["其他", "0.00", "其他", "0.00", "其他", "0.00"],
        ["三、目标完成情况", "年度预期目标", "具体完成情况", "总体完成率(%)"],
        ["发放补贴。", "已发放补贴。", "100.00"],
    )
    funds = form.funds
    assert (funds.total.budget, funds.total.received, funds.total.executed) == (6.84, 6.84, 6.84)
    assert funds.total.rate == 100.0  # the unlabelled 100.00 under 预算执行进度(%) is B/A
    assert (funds.appropriation, funds.other) == (
        FundsRow(budget=6.84, received=6.84, executed=6.84),
        FundsRow(budget=0.0, received=0.0, executed=0.0),
    )
    assert (form.goal.planned, form.goal.achieved) == ("发放补贴。", "已发放补贴。")
    assert form.reading is not None and form.reading.doubtful == []


# r053 (浙江 财政支出政策绩效评价报告, pipe web copy): the funds as labelled amounts in a 基本概况
# table, sub-rows whose labels are no funds words but printed once per amount (empty ones too), a
# later 实际支出 row, and a 项目支出明细 table below whose rows are no sub-rows
R053 = """\
项目名称 2020年公共文化活动专项资金
项目单位 淳安县文化和广电旅游体育局
主管部门 淳安县财政局
一、项 目 基 本 概 况 | ||||||||||
项目起止时间 | 2020年度 | |||||||||
计划安排资金(万元) | 1088.00 | 实际到位资金(万元) | 1020.02 | |||||||
其中:中央财政 | 其中:中央财政 | |||||||||
省财政 | 省财政 | |||||||||
市财政 | 49.34 | 市财政 | 49.34 | |||||||
县财政 | 1038.66 | 县财政 | 970.68 | |||||||
实际支出(万元) | 1020.02 | |||||||||
二、项目支出明细情况 | ||||||||||
支出内容(经济科目) | 计划支出数(万元) | 实际支出数(万元) | ||||||||
农村电影公益放映补助资金 | 49.34 | 49.34 | ||||||||
支出合计 | 1088.00 | 1020.02 | ||||||||
"""


def test_labelled_funds_of_a_report_keep_their_sub_rows_in_the_first_rows_order() -> None:
    (form,) = read_text(R053.encode(), name="r053.txt")
    assert (form.implementer, form.department) == ("淳安县文化和广电旅游体育局", "淳安县财政局")
    assert form.funds.total == FundsRow(budget=1088.0, received=1020.02, executed=1020.02)
    assert form.funds.more == {
        "中央财政": FundsRow(),
        "省财政": FundsRow(),
        "市财政": FundsRow(budget=49.34, received=49.34),
        "县财政": FundsRow(budget=1038.66, received=970.68),
    }


def test_a_label_printed_once_with_two_amounts_is_no_sub_row_of_two_labelled_amounts() -> None:
    form = one(
        ["预算数", "10", "执行数", "8"],
        ["市财政", "5", "市财政", "4"],
        ["县财政", "5", "4"],
        shape="pipe",
    )
    assert form.funds.more == {"市财政": FundsRow(budget=5.0, executed=4.0)}


def test_a_last_number_after_labelled_amounts_is_the_rate_only_when_it_is_b_over_a() -> None:
    form = one(["预算数", "10", "执行数", "8", "80.0"])
    assert form.funds.total.rate == 80.0
    form = one(["预算数", "10", "执行数", "8", "20"])  # a score, a weight, a 行次: not read as the rate
    assert (form.funds.total.executed, form.funds.total.rate) == (8.0, None)


def test_a_funds_header_is_not_taken_for_labelled_amounts() -> None:
    form = one(*R017[:7])
    assert form.funds.total.budget == 880.0 and form.funds.appropriation is not None


def test_two_amounts_for_three_money_columns_are_not_placed() -> None:
    # r024: 130 | 130 | - | 100 | -: 年初+执行 or 全年+执行 both give 执行率 100%, so neither is guessed
    form = one(
        ["项目名称", "食品安全抽样检测工作经费"],
        ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "130", "130", "130", "10", "100", "10"],
        ["其中:当年财政拨款", "130", "130", "-", "100", "-"],
        shape="oneline",
    )
    assert form.funds.total.executed == 130.0 and form.funds.appropriation is None
    assert form.reading is not None and form.reading.doubtful == ["funds"]


def test_a_funds_row_label_marks_the_template() -> None:
    # r009 (湖北, digits stripped by a document site): only 年度财政资金总额 says 预算执行 20 + 绩效目标 80
    form = one(
        ["项目名称", "湖北工程学院年学生资助"],
        ["预算数()", "执行数()", "执行率()", "得分"],
        ["年度财政资金总额", "分"],
        shape="glued",
    )
    assert form.reading is not None and form.reading.template == "exec20"
    assert form.reading.doubtful == ["funds"]  # "分" is no amount: the row is doubted, not read as blank


def test_a_funds_column_of_money_received_is_read_beside_the_money_spent() -> None:
    # r051 (四川 雅安, 林业草原改革发展资金): 全年到位资金 between 全年预算数 and 全年执行资金;
    # rule F012 compares 执行率 with it
    form = one(
        ["项目名称", "林业草原改革发展资金"],
        ["资金投入情况", "全年预算数(A)", "全年到位资金", "全年执行数(B)", "执行率(B/A)"],
        ["年度资金总额", "52.80", "52.80", "30.80", "58.33%"],
        ["其中:中央财政资金", "52.80", "52.80", "30.80", "58.33%"],
    )
    total = form.funds.total
    assert (total.budget, total.received, total.executed, total.rate) == (52.8, 52.8, 30.8, 58.33)
    assert form.funds.more["中央财政资金"].received == 52.8


# r049 (重庆 彭水, 转移支付 checklist): no funds table, a labelled total with its 其中 rows, then a
# sub-programme's own block; the indicator table's value columns are words the vocabulary lacks
R049 = [
    ["彭水自治县2024年度中央对地方转移支付计划生育服务项目绩效自评表"],
    ["一级指标", "二级指标", "三级指标", "自评内容", "完成情况"],
    ["计划生育转移支付资金合计(万元)", "年度预算资金总额):", "1084.25"],
    ["其中:中央补助", "668.00"],
    ["市级资金", "343.00"],
    ["本级资金(包括结转结余)", "73.25"],
    ["农村部分计划生育家庭奖励扶助制度补助资金(万元)"],
    ["年度预算资金总额:", "763.00"],
    ["其中:中央补助", "502.00"],
]


def test_a_labelled_total_names_its_amount_and_its_sub_rows_follow_until_another_total() -> None:
    form = one(*R049)
    assert (form.year, form.funds.total.budget, form.funds.total.executed) == (2024, 1084.25, None)
    assert {k: v.budget for k, v in form.funds.more.items()} == {"中央补助": 668.0, "市级资金": 343.0, "本级资金(包括结转结余)": 73.25}


def test_an_indicator_table_whose_value_columns_are_unknown_is_doubted_not_taken_as_absent() -> None:
    form = one(*R049)
    assert form.indicators == [] and form.reading is not None and form.reading.doubtful == ["indicators"]


def test_a_total_label_naming_no_amount_is_not_read() -> None:
    # "年度资金总额" alone does not say whether 50 is the budget or the execution
    form = one(["某项目绩效自评表"], ["项目名称", "某项目"], ["年度资金总额:", "50"])
    assert form.funds.total.budget is None and form.funds.total.executed is None


def test_a_header_row_of_closing_labels_is_no_section_text() -> None:
    # r051 (四川 雅安): the 资金管理情况 table under the funds is headed 情况说明 | 存在问题 | 改进措施;
    # "改进措施" is the next column's name, not what the form says under 存在问题.
    form = one(
        ["全年预算数(A)", "全年执行数(B)", "执行率"],
        ["年度资金总额", "52.8", "30.8", "58.33%"],
        ["资金管理情况"],
        ["情况说明", "存在问题", "改进措施"],
        ["资金分配规范性", "严格按照管理办法分配资金", "项目支付进度缓慢", "加快资金支付"],
    )
    assert form.funds.total == FundsRow(budget=52.8, executed=30.8, rate=58.33)
    assert (form.shortcomings, form.measures) == (None, None)
    # a section with its text beside it is still read
    form = one(["项目名称", "林业改革"], ["存在问题", "支付进度缓慢", "改进措施", "加快资金支付"])
    assert (form.shortcomings, form.measures) == ("支付进度缓慢", "加快资金支付")


def test_a_glued_header_cut_that_could_go_two_ways_is_doubted() -> None:
    # r009 (湖北): "项目名称湖北工程学院年学生资助项目主管部门湖北省教育厅项目实施单位湖北工程学院" on one
    # line; the project name may end in 项目 before 主管部门, or 项目主管部门 may be the label.
    rows = [
        ["项目名称", "湖北工程学院年学生资助"],
        ["项目主管部门", "湖北省教育厅"],
        ["项目实施单位", "湖北工程学院"],
    ]
    cells = [Cell(row=r, col=c, text=t, line=1) for r, row in enumerate(rows) for c, t in enumerate(row)]
    (form,) = grid_to_forms(Grid(file="t.txt", cells=cells, shape="glued"))
    assert form.reading is not None and "header" in form.reading.doubtful
    (problem,) = [p for p in form.reading.problems if "表头" in p]
    assert "「湖北工程学院年学生资助项目」+「主管部门」" in problem
    # a unit's name never ends in 项目: 湖北省教育厅 | 项目实施单位 is the only cut, so one doubt


def test_a_header_cut_with_one_reading_or_in_delimited_text_is_not_doubted() -> None:
    rows = [["专项名称", "普惠金融发展专项资金"], ["省级主管部门", "四川省财政厅"]]
    glued = [Cell(row=r, col=c, text=t, line=1) for r, row in enumerate(rows) for c, t in enumerate(row)]
    (form,) = grid_to_forms(Grid(file="t.txt", cells=glued, shape="glued"))
    assert form.reading is not None and "header" not in form.reading.doubtful
    assert form.department == "四川省财政厅"
    # in delimited text the label is its own cell: 项目主管部门 is what was printed
    form = one(["项目名称", "学生资助"], ["项目主管部门", "湖北省教育厅"], shape="pipe")
    assert form.reading is not None and "header" not in form.reading.doubtful


def test_a_report_that_names_its_project_again_is_one_form() -> None:
    # r052 (海南 文昌): the cover, the 项目绩效目标表 and the 项目基本信息 each print 项目名称; the second
    # time as "2017年度…", with the 目标表's text glued after it.
    form = one(
        ["项目名称:", "2017年退耕还林苗圃建设市级配套项目项目单位:文昌市林业局"],
        ["主管部门:", "文昌市人民政府评价时间:2018年6月15日"],
        ["项目名称:", "2017年度退耕还林苗圃建设市级配套项目项目指标类型绩效指标绩效目标"],
        ["项目实施单位", "文昌市林业局"],
        shape="glued",
    )
    assert (form.project, form.department, form.implementer) == ("2017年退耕还林苗圃建设市级配套项目", "文昌市人民政府", "文昌市林业局")
    assert form.year is None  # 2017 belongs to the name, printed again
    # another project's name starts another form
    forms = grid_to_forms(text_grid(["项目名称", "道路养护"], ["主管部门", "交通局"], ["项目名称", "河道保洁"], ["主管部门", "水务局"]))
    assert [(f.project, f.department) for f in forms] == [("道路养护", "交通局"), ("河道保洁", "水务局")]


def test_one_label_for_both_offices_gives_the_department_and_the_implementer() -> None:
    # r021 (河北, columns): 实施(主管)单位 is one cell for both
    form = one(
        ["成安县民政局2020年度预算项目绩效自评表"],
        ["一、基本情况", "项目名称:", "19名百岁老人高龄津贴", "是否为专项资金:", "实施(主管)单位", "314002-成安县民政局机关", "金额单位:", "万元"],
    )
    assert (form.department, form.implementer) == ("314002-成安县民政局机关", "314002-成安县民政局机关")


def test_the_filling_units_name_is_the_implementer_unless_one_is_named() -> None:
    # r025 (四川 转移支付 区域, columns): 单位名称 is the only unit printed; the title's year is the form's
    form = one(
        ["2021年中央对地方专项转移支付区域绩效目标自评表"],
        ["单位名称", "遂宁市市场监督管理局经开区分局", "联系人及电话", "田苗苗,15881923688"],
        ["转移支付预算数(A)", "5.8万", "预算执行率(B/A)", "100%"],
    )
    assert (form.implementer, form.year) == ("遂宁市市场监督管理局经开区分局", 2021)
    # r026 (湖北, glued): the filling unit is named first, the 实施单位 after it is another office
    form = one(
        ["2021年度区级森林防火专项经费项目绩效自评表"],
        ["单位名称:", "蔡甸区园林和林业局", "填报日期:", "2022年3月22日"],
        ["项目名称", "区级森林防火专项经费"],
        ["主管部门", "区园林和林业局"],
        ["项目实施单位", "区园林和林业局"],
        shape="glued",
    )
    assert (form.department, form.implementer, form.year) == ("区园林和林业局", "区园林和林业局", 2021)


# r051 (四川 转移支付, columns): 行次 numbers after each label, lettered money columns the vocabulary
# does not name, ratios printed as formulas, one column left empty (B) in the 年度资金总额 row
R051 = [
    ["年度:2024年"],
    ["行次", "全年预算数(A)", "统筹整合资金数(B)", "扣除统筹整合资金后预算金额(C)", "全年到位资金(D)", "预算到位(D/C×100%)",
     "全年执行资金(E)", "预算执行(E/C×100%)", "佐证材料"],
    ["列次", "0", "1", "2", "3", "4", "5", "6", "7", "所需材料", "上传端口"],
    ["年度资金总额(万元):", "1", "52.800000", "52.800000", "52.800000", "100.00%", "30.800000", "58.33%"],
    ["其中:中央财政资金(万元)", "2", "52.800000", "52.800000", "52.800000", "100.00%", "30.800000", "58.33%", "预算下达文件"],
    ["地方财政资金(万元)", "3"],
    ["其他资金(万元,自有资金、社会资本、以前年度结转结余资金等)", "4"],
]


def test_lettered_funds_columns_are_placed_by_their_formulas() -> None:
    form = one(*R051)
    funds = form.funds
    # the empty column is the one that keeps D/C = 100%: B; 执行率 E/C divides by C, the budget
    assert funds.total == FundsRow(budget=52.8, received=52.8, executed=30.8, rate=58.33)
    assert funds.more == {
        "中央财政资金": FundsRow(budget=52.8, received=52.8, executed=30.8, rate=58.33),
        "地方财政资金": FundsRow(),
    }
    assert (funds.other, funds.carryover) == (FundsRow(), None)  # the note in brackets names no row
    assert form.reading is not None and form.reading.doubtful == []


def test_lettered_columns_that_two_readings_fill_differently_are_not_guessed() -> None:
    # without the D/C formula, 52.8 may be C or D: the row is doubted, not guessed
    form = one(
        ["行次", "全年预算数(A)", "扣除后预算金额(C)", "全年到位资金(D)", "全年执行资金(E)", "预算执行(E/C×100%)"],
        ["年度资金总额", "1", "52.8", "52.8", "30.8", "58.33%"],
    )
    assert form.funds.total.executed is None
    assert form.reading is not None and "funds" in form.reading.doubtful


def test_a_formula_over_a_named_column_does_not_rename_it() -> None:
    # 执行(C/A) over 年初预算数(A): A stays 年初预算数, the ratio is no 执行率 of the budget
    form = one(
        ["年初预算数(A)", "全年预算数(B)", "全年执行数(C)", "执行(C/A)"],
        ["年度资金总额", "100", "80", "60", "60%"],
    )
    total = form.funds.total
    assert (total.initial, total.budget, total.executed, total.rate) == (100.0, 80.0, 60.0, None)


def test_weighted_rows_with_labels_placed_by_arithmetic_and_a_funds_table_left_glued() -> None:
    # r031 (苏州 市级 form, oneline): the funds tables glued to their column words stay one cell
    # and are doubted; 社会效益, a 二级 word, is an indicator's name in a table with no 二级 column
    rows = [
        ["苏州市级财政支出项目绩效自评表"],
        ["项目名称", "市管绿地养护"],
        ["年初预算数当年使用上年结余、结转及当年调整预算数 财政拨款数指标结余数 2960.00 0.00 2960.00 0.00"],
        ["一级指标", "指标名称", "目标值", "权重", "实际完成值", "自评分"],
        ["结果目标(8分)", "树木保存率", "98%", "4", "98%", "4"],
        ["", "相关投诉处理率", "=100%", "4", "=100%", "4"],
        ["…", "社会效益", "提升", "2", "提升", "2"],
        ["", "生态效益", "提"],  # the text stops inside this row
    ]
    form = one(*rows, shape="oneline")
    assert form.reading is not None and form.reading.doubtful == ["funds"]
    assert form.reading.problems == ["项目资金表（第 3 行）的列名和金额连在一起，未能分成单元格：没有读取预算数和执行数"]
    assert form.funds.total.budget is None
    assert [(i.level1, i.name, i.weight, i.score) for i in form.indicators] == [
        ("结果目标", "树木保存率", 4.0, 4.0),
        ("结果目标", "相关投诉处理率", 4.0, 4.0),
        ("", "社会效益", 2.0, 2.0),  # the label of the rows after 结果目标's 8 points is not printed
        ("", "生态效益", None, None),
    ]
    assert form.indicators[-1].target.text == "提" and form.reading.truncated
    assert form.section_weights == {"结果目标": 8.0}


def test_a_header_label_merged_over_two_columns_takes_the_next_cell_with_text() -> None:
    # a web copy of a merged label cell leaves an empty cell after it: "| 项目名称 | | 水旱… |";
    # a label that is left empty stays empty rather than take another label as its value
    form = one(
        ["财政项目支出绩效自评表"],
        ["项目名称", "", "水旱灾害防御经费", "", ""],
        ["主管部门", "", "联系人", "张三"],
        ["实施单位", "", "天长市水利局"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "100", "100", "90", "10", "90%", "9"],
        shape="pipe",
    )
    assert (form.project, form.department, form.implementer) == ("水旱灾害防御经费", None, "天长市水利局")
    assert form.funds.total.executed == 90.0


def test_a_funds_row_label_under_the_header_label_merged_over_two_columns() -> None:
    # "| 项目资金 | | 年初预算数 |…" over "| | 年度资金总额 | | 50 |…": the row label stands where
    # the header has its empty cell, and the amounts start under the first column word; an
    # empty 年初预算数 stays empty
    form = one(
        ["财政项目支出绩效自评表"],
        ["项目名称", "某项目"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "", "50", "10", "10", "20%", "2"],
        ["", "其中：当年财政拨款", "", "50", "10", "-", "20%", "-"],
        shape="pipe",
    )
    total = form.funds.total
    assert (total.initial, total.budget, total.executed, total.rate, total.score) == (None, 50.0, 10.0, 20.0, 2.0)
    assert form.funds.appropriation is not None and form.funds.appropriation.budget == 50.0
    assert form.reading is not None and "funds" not in form.reading.doubtful
