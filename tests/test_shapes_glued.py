"""Glued text (no delimiters at all): rows cut by the form's words, the value grammar and arithmetic."""

from __future__ import annotations

from _shapes import HEADER

from jixiao.readers.shapes import detect_shape, text_to_grids
from jixiao.readers.shapes._cuts import cut_inside, split_values
from jixiao.readers.text import read_text


def rows_of(text: str) -> list[list[str]]:
    return [[c.text for c in row] for grid in text_to_grids(text, file="t.txt") for row in grid.rows()]


# r055 (四川 普惠金融 专项资金), the indicator table exactly as published on one line.
R055 = (
    "绩效目标完成情况一级指标二级指标三级指标指标值完成值权重得分产出指标数量指标创业担保贷款发放额增长率"
    "≥10%115.25%20%20质量指标创业担保贷款回收率≥90%98.70%20%20资金足额拨付率100%100%10%10"
    "效益指标经济效益指标创业担保基金放大倍数≥2倍10倍10%10满意度指标服务对象满意度指标"
    "申报创业担保贷款贴息个人满意度≥80%100%5%5得分合计100。"
)


def test_glued_indicator_rows_are_cut_into_their_cells() -> None:
    assert detect_shape(R055) == "glued"
    grids = text_to_grids(R055, file="r055.txt")
    assert grids[0].shape == "glued"
    assert rows_of(R055) == [  # the text before the first header word, no form's start, goes
        ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "得分"],
        ["产出指标", "数量指标", "创业担保贷款发放额增长率", "≥10%", "115.25%", "20%", "20"],
        ["质量指标", "创业担保贷款回收率", "≥90%", "98.70%", "20%", "20"],
        ["资金足额拨付率", "100%", "100%", "10%", "10"],
        ["效益指标", "经济效益指标", "创业担保基金放大倍数", "≥2倍", "10倍", "10%", "10"],
        ["满意度指标", "服务对象满意度指标", "申报创业担保贷款贴息个人满意度", "≥80%", "100%", "5%", "5"],
        ["得分合计", "100"],
    ]


def test_the_value_grammar_offers_every_cut_and_arithmetic_picks_one() -> None:
    assert split_values("100%100%10%10", 4) == [["100%", "100%", "10%", "10"]]
    # a number never starts with 0: "2" "020" is no cut
    assert split_values("2020", 2) == [["202", "0"], ["20", "20"]]
    # two readings of "1010" as 分值 and 得分: a weight of 101 is more than the form's 100 points
    assert split_values("1010", 2) == [["101", "0"], ["10", "10"]]
    assert rows_of("一级指标二级指标三级指标分值得分产出指标数量指标培训场次1010") == [
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["产出指标", "数量指标", "培训场次", "10", "10"],
    ]


# r026 (湖北 蔡甸): qualitative actuals glued to numbers: no cut is sure, so the body stays whole.
R026 = (
    "一级指标二级指标三级指标年初目标值实际完成值未完成原因及改进措施产出指标产出数量"
    "灭火设备配备率100%1000件达成预期指标监控系统维护率100%5个达成预期指标"
)


def test_a_body_that_cannot_be_cut_surely_stays_one_cell() -> None:
    rows = rows_of(R026)
    assert rows[0] == ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "未完成原因及改进措施"]
    assert rows[1:] == [["产出指标产出数量灭火设备配备率100%1000件达成预期指标监控系统维护率100%5个达成预期指标"]]


def test_arithmetic_settles_a_cut_and_two_readings_leave_the_row_uncut() -> None:
    header = "一级指标二级指标三级指标年度指标值分值得分"
    # 5050 as target, weight, score: 50 / 5 / 0 reads; 5 / 0 / 50 would score above its weight
    assert split_values("5050", 3) == [["50", "5", "0"], ["5", "0", "50"]]
    assert rows_of(header + "产出指标数量指标培训场次5050")[1] == ["产出指标", "数量指标", "培训场次", "50", "5", "0"]
    # 11010: 1 / 10 / 10 and 110 / 1 / 0 both read: the shape does not guess
    assert rows_of(header + "产出指标数量指标培训场次11010")[1] == ["产出指标数量指标培训场次11010"]


# r041 (湖北 新洲区 楚剧团): a document-sharing copy, pages "1、" "2、" cut through words, two forms.
R041 = (
    "1、项目支出绩效自评表(2020 年度)项目名称演出设备更新专项经费主管部门新洲区楚剧团实施单位新洲区文化和旅游局机关"
    "项目资金 (万元)年初预算数全年预算数全年执行分值执行率得分年度资金总额303010100%其中:当年财政拨款303030100%"
    "上年结转资金其他资金年度 总体 目标预期目标实际完成情况更新剧团老化、损坏的音响、灯光等设备。已完成\n"
    "2、绩 效 指 标一级指标二级指标三级指标年度 指标值实际 完成值分 值得 分偏差原因分析 及改进措施"
    "产出指标数量指标演出设备更新50件50件2020总分10098项目名称中青年演员培训经费主管部门新洲区楚剧团"
)


def test_header_items_funds_and_closing_rows_of_a_glued_form() -> None:
    rows = rows_of(R041)
    assert rows[:8] == [
        ["项目支出绩效自评表(2020 年度)"],
        ["项目名称", "演出设备更新专项经费"],
        ["主管部门", "新洲区楚剧团"],
        ["实施单位", "新洲区文化和旅游局机关"],
        ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行", "分值", "执行率", "得分"],
        # 30/30/10/100% or 30/30/10/10/0%…: the columns and arithmetic leave no single cut
        ["年度资金总额", "303010100%"],
        # the sub-row has no 分值/得分: 30, 30, 30 and 30/30 = 100%
        ["其中:当年财政拨款", "30", "30", "30", "100%"],
        ["上年结转资金"],
    ]
    assert ["年度总体目标", "预期目标", "实际完成情况"] in rows
    assert ["更新剧团老化、损坏的音响、灯光等设备。", "已完成"] in rows  # the goal: a completion phrase ends it
    assert list(HEADER) in rows
    assert ["产出指标", "数量指标", "演出设备更新", "50件", "50件", "20", "20"] in rows
    # "总分10098": no score is above 100, so 100 and 98; the second form starts after it
    assert rows[-3:] == [["总分", "100", "98"], ["项目名称", "中青年演员培训经费"], ["主管部门", "新洲区楚剧团"]]


# r037 (湖北 黄冈市档案馆, 预算执行 20 + 绩效目标 80): check-box items after the implementer, the
# points after the funds section's unit, amounts printed "10万", the indicator header glued on
R037 = (
    "项目名称档案抢救与保护专项经费主管部门项目实施单位黄冈市档案馆项目类别1、上级专项 2、本级专项 "
    "预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)年度财政资金总额10万10万100%20"
    "年度绩效指标一级指标二级指标三级指"
)


def test_amounts_with_their_unit_are_cut_and_the_next_part_leaves_the_funds_row() -> None:
    rows = rows_of(R037)
    assert ["项目实施单位", "黄冈市档案馆"] in rows and ["项目类别", "1、上级专项 2、本级专项"] in rows
    assert ["预算执行情况(万元)(20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分"] in rows
    funds = rows.index(["年度财政资金总额", "10万", "10万", "100%", "20"])
    assert rows[funds + 1] == ["年度绩效指标一级指标二级指标三级指"]


def test_a_glued_exec20_form_reads_its_funds_and_template() -> None:
    (form,) = read_text(R037.encode(), name="r037.txt")
    assert form.reading is not None and (form.reading.template, form.reading.doubtful) == ("exec20", [])
    total = form.funds.total
    assert (form.implementer, total.budget, total.executed, total.rate, total.score, form.funds.weight) == (
        "黄冈市档案馆", 10.0, 10.0, 100.0, 20.0, 20.0)


def test_a_department_form_names_its_unit_and_funds_section() -> None:
    # r042 (湖南 部门整体支出绩效自评表): 区级预算单位名称 is the department, 年度预算申请 the funds section
    text = "部门整体支出绩效自评表(2021年度)区级预算单位名称永州市零陵区疾病预防控制中心年度预算申请(万元)年初预算数全年预算数全年执行数"
    rows = rows_of(text)
    assert ["预算单位名称", "永州市零陵区疾病预防控制中心"] in rows
    assert ["年度预算申请(万元)", "年初预算数", "全年预算数", "全年执行数"] in rows
    (form,) = read_text(text.encode(), name="r042.txt")
    assert form.reading is not None and (form.reading.template, form.year, form.department) == (
        "department", 2021, "永州市零陵区疾病预防控制中心")


def test_a_title_glued_to_the_header_items_is_a_row_of_its_own() -> None:
    # r010 (重庆 部门整体绩效自评表): a site's blurb naming the document (2022), then the form's heading (2023)
    text = (
        "《重庆市梁平区林业局2022年度部门整体绩效自评表.docx》由会员分享\n"
        "重庆市梁平区林业局2023年度部门整体绩效自评表主管部n重庆市梁平区林业局部门联系人李薇"
        "年初预算数全年(调整)预算数全年执行数执行率执行率权重执行率得分年度总金额.32.06.5"
    )
    assert ["重庆市梁平区林业局2023年度部门整体绩效自评表"] in rows_of(text)
    (form,) = read_text(text.encode(), name="r010.txt")
    assert form.reading is not None and (form.reading.template, form.year) == ("department", 2023)
    assert form.reading.doubtful == ["funds"]  # ".32.06.5": the digits the site dropped cannot be placed


def test_a_title_starts_after_the_last_sentence_mark_of_the_text_glued_before_it() -> None:
    # r037 (湖北 黄冈): the unit's 自评报告, then "附件2:" and the form's title, all on one line
    text = (
        "项目绩效自评报告自评得分100分未完成的绩效目标(无)附件2:黄冈市档案馆2020年度项目绩效自评表 单位名称:黄冈市档案馆"
        "项目名称档案资料征集专项经费主管部门项目实施单位黄冈市档案馆预算执行情况(万元)(20分)预算数(A)执行数(B)"
        "执行率(B/A)得分(20分*执行率)年度财政资金总额10万10万100%20年度绩效指标一级指标二级指标三级指"
    )
    assert rows_of(text)[0] == ["黄冈市档案馆2020年度项目绩效自评表"]
    (form,) = read_text(text.encode(), name="r037.txt")
    assert (form.year, form.implementer, form.total_score) == (2020, "黄冈市档案馆", None)


def test_a_row_never_ends_inside_a_value_and_the_rows_after_an_uncertain_one_stay_whole() -> None:
    header = "一级指标二级指标三级指标年度指标值实际完成值分值得分"
    # "50件50件2020": 5 | 0件 | 5 | 0 would end inside "0件", so the row reads 50件 | 50件 | 20 | 20
    rows = rows_of(header + "产出指标数量指标更新音响50件50件2020望新点胸艮必具100件100件2020质量指标合格率达标达标")
    assert rows[1:] == [
        ["产出指标", "数量指标", "更新音响", "50件", "50件", "20", "20"],
        ["望新点胸艮必具", "100件", "100件", "20", "20"],
        ["质量指标合格率达标达标"],  # words for values: not cut, the reading check doubts it
    ]
    assert cut_inside("0", "50件", 2) and not cut_inside("20", "2020望", 4)


def test_a_goal_parted_by_its_one_inline_label_reads_both_columns() -> None:
    # r055: "年度总体目标目标1:…,完成情况1:…," then the indicator table's title
    goal = "专项名称普惠金融专项省级主管部门四川省财政厅年度总体目标目标1:扩大服务覆盖面,目标2:支持小微企业融资,完成情况1:扩大了服务覆盖面,2:支持了小微企业融资,"
    (form,) = read_text((goal + R055).encode(), name="r055.txt")
    assert (form.goal.planned, form.goal.achieved) == ("目标1:扩大服务覆盖面,目标2:支持小微企业融资,", "1:扩大了服务覆盖面,2:支持了小微企业融资,")


def test_a_goal_with_two_labels_or_a_column_header_before_its_label_stays_unparted() -> None:
    head = "专项名称普惠金融专项省级主管部门四川省财政厅年度总体目标"
    for goal in (
        "目标1:扩大覆盖面,完成情况1:已扩大,目标2:支持融资,完成情况2:已支持,",  # which label parts the columns?
        "全年(调整)绩效目标实际完成情况维护林业安全,全区森林资源得到保护,",  # column headers, then both columns interleaved
    ):
        (form,) = read_text((head + goal + R055).encode(), name="t.txt")
        assert form.goal.planned == "" and form.goal.achieved == ""


def test_a_goal_ending_in_a_bare_completion_phrase_reads_it_as_the_achieved_text() -> None:
    # r041's second form: the planned sentence, "已完成", then the table's title spaced out
    goal = (
        "项目名称中青年演员培训经费主管部门新洲区楚剧团年度 总体 目标预期目标实际完成情况"
        "请省市艺术专家驻团培训,送优秀青年演员到省市专业院 团随团培训。已完成绩 效 指 标"
    )
    (form,) = read_text((goal + R041_TABLE).encode(), name="r041.txt")
    assert (form.goal.planned, form.goal.achieved) == ("请省市艺术专家驻团培训,送优秀青年演员到省市专业院团随团培训。", "已完成")


def test_a_goal_whose_achieved_text_is_more_than_a_completion_phrase_stays_unparted() -> None:
    goal = "项目名称中青年演员培训经费年度总体目标预期目标实际完成情况请专家驻团培训。已完成培训20场绩效指标"
    (form,) = read_text((goal + R041_TABLE).encode(), name="r041.txt")
    assert form.goal.planned == "" and form.reading is not None and "goal" in form.reading.doubtful


def test_a_goal_cut_short_after_a_completion_phrase_stays_unparted() -> None:
    # the text may go on past "已完成" where the page was cut: nothing closes the achieved text
    text = R041_TABLE + "项目名称中青年演员培训经费年度总体目标预期目标实际完成情况请专家驻团培训。已完成"
    rows = rows_of(text)
    assert rows[-1] == ["请专家驻团培训。已完成"]


# r041 (湖北 新洲区 楚剧团): a header with 偏差原因, rows met in full, a target and actual printed as
# one word twice, empty template rows ("指标2:") and labels with spaces a wrapped cell left.
R041_TABLE = (
    "一级指标二级指标三级指标年度 指标值实际 完成值分 值得 分偏差原因分析 及改进措施"
    "产出指标数量指标更新剧团老化、损坏的音50件50件2020望新点胸艮必具100件100件2020"
    "质量指标音响、灯光、道具、服装 质量等合格合格2020指标2:时效指标指标1:指标2: 成本指标演出设备成本件/件2万元2万元2018指标2:"
    "满意度 指标服务对象 满意度指 标演出人员满意度100%100%2020指标2:总分10098"
)


def test_rows_met_in_full_words_twice_and_empty_template_rows_are_cut() -> None:
    assert rows_of(R041_TABLE)[1:] == [
        # full marks on a met target: its 偏差原因 is empty, so the next name starts right after it
        ["产出指标", "数量指标", "更新剧团老化、损坏的音", "50件", "50件", "20", "20"],
        ["望新点胸艮必具", "100件", "100件", "20", "20"],
        ["质量指标", "音响、灯光、道具、服装质量等", "合格", "合格", "20", "20"],
        ["指标2:"],
        ["时效指标", "指标1:"],
        ["指标2:"],
        # points deducted: only the empty template row after it shows the 偏差原因 is empty
        ["成本指标", "演出设备成本件/件", "2万元", "2万元", "20", "18"],
        ["指标2:"],
        ["满意度指标", "服务对象满意度指标", "演出人员满意度", "100%", "100%", "20", "20"],
        ["指标2:"],
        ["总分", "100", "98"],
    ]


def test_rows_whose_cut_is_not_sure_stay_one_cell() -> None:
    header = "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
    # two different words for target and actual: where one ends is not told, the row is not cut
    assert rows_of(header + "质量指标验收质量合格良好2018")[1:] == [["质量指标验收质量合格良好2018"]]
    # points deducted and a name after it: the next name may begin with this row's 偏差原因
    assert rows_of(header + "产出指标数量指标培训场次5件4件2018资金不足改进考核人数3人3人1010")[1:] == [
        ["产出指标数量指标培训场次5件4件2018资金不足改进考核人数3人3人1010"]
    ]


def test_a_total_read_two_ways_is_cut_where_its_amounts_sum_its_sub_rows() -> None:
    funds = "项目资金(万元)年初预算数全年预算数全年执行分值执行率得分年度资金总额{}其中:当年财政拨款404040100%上年结转资金"
    # r041's second form: 40 | 40 | 40 | 10 | 100% and 4040 | 4010 | 10 | 0% both read; the 其中 row says 40
    rows = rows_of(funds.format("40404010100%"))
    assert ["年度资金总额", "40", "40", "40", "10", "100%"] in rows
    # r041's first form: no cut makes 30 | 30 | 30 of "303010100%": the row stays whole
    rows = rows_of(funds.format("303010100%").replace("404040100%", "303030100%"))
    assert ["年度资金总额", "303010100%"] in rows


def test_a_sub_row_read_two_ways_is_cut_where_the_total_is_its_sum() -> None:
    # r030 (北京 海淀): "310.2154.74" reads 310.2 | 154.74, 310.21 | 54.74, 310.215 | 4.74 …; 其他资金
    # prints nothing, so the one 其中 row holds the whole 年度资金总额: 310.2 | 154.74
    funds = (
        "项目资金(万元)年初预算数(A)全年执行数(B)分值(10分)执行率(B/A)得分年度资金总额:310.2154.741050%5"
        "其中:本年一般公共预算拨款 310.2154.74其他资金"
    )
    rows = rows_of(funds)
    assert ["年度资金总额:", "310.2", "154.74", "10", "50%", "5"] in rows
    assert ["其中:本年一般公共预算拨款", "310.2", "154.74"] in rows
    # two such rows: the sum cannot tell which cut each takes, both stay whole
    rows = rows_of(funds.replace("其他资金", "上年结转资金 0.10.1"))
    assert ["其中:本年一般公共预算拨款", "310.2154.74"] in rows


def test_a_total_printed_among_the_header_items_is_a_labelled_row() -> None:
    # r010 (重庆 梁平, 部门整体): "…部门联系人李薇联系电话自评总分(分)97.93年初预算数全年(调整)预算数…"
    text = "重庆市梁平区林业局2023年度部门整体绩效自评表部门联系人李薇联系电话自评总分(分)97.93年初预算数全年(调整)预算数全年执行数执行率"
    assert ["自评总分(分)", "97.93"] in rows_of(text)
    (form,) = read_text(text.encode(), name="r010.txt")
    assert form.total_score == 97.93


# r026 (湖北 蔡甸, 繁体 copy): labelled funds rows the vocabulary reads by their endings, glued to
# the title of the indicator table
R026_FUNDS = (
    "项目实施单位区园林和林业局预算执行情况(万元)资金来源预算数(A)执行数(B)执行率(B/A)"
    "一般预算内拨款6363100%合计6363100%年度绩效目标完成情况一级指标二级指标三级指标年初目标值实际完成值"
)


def test_a_cut_that_only_nothing_spent_would_explain_gives_way_to_one_the_rate_checks() -> None:
    # "6363100%" reads 63 | 63 | 100% (63 / 63) and 63631 | 0 | 0% (true of any budget); "6363 | 10 |
    # 0%" (0.16% printed as a whole 0%) is no form: money spent prints its small rate with decimals
    rows = rows_of(R026_FUNDS)
    assert ["一般预算内拨款", "63", "63", "100%"] in rows
    assert ["合计", "63", "63", "100%"] in rows
    assert ["年度绩效目标完成情况"] in rows  # the title after the amounts is a row of its own
    (form,) = read_text(R026_FUNDS.encode(), name="r026.txt")
    assert (form.funds.total.budget, form.funds.total.executed, form.funds.total.rate) == (63, 63, 100)
    assert form.funds.more["一般预算内拨款"].budget == 63


def test_a_row_that_spent_nothing_is_still_read_when_no_other_cut_fits() -> None:
    text = R026_FUNDS.replace("6363100%", "6300%")  # 63 | 0 | 0% (or 6 | 30 | 0%? 30 / 6 is no 0%)
    assert ["合计", "63", "0", "0%"] in rows_of(text)


# r055 (四川 专项资金): a 预算 column and a 使用 column, each a total over its 其中 rows, glued row
# by row across the two columns with each row's label printed once per column
R055_FUNDS = (
    "专项名称普惠金融发展专项资金省级主管部门四川省财政厅资金情况(万元)年度金额(提前下达):208万元"
    "资金使用情况(万元)合计:109.8万元中央财政165万元中央财政84.5万元省级财政43万元省级财政25.3万元"
    "年度总体目标目标1:扩大服务覆盖面,完成情况1:扩大了服务覆盖面,"
)


def test_funds_printed_column_after_column_are_read_where_each_column_adds_up() -> None:
    rows = rows_of(R055_FUNDS + R055)
    # 165 + 43 = 208 and 84.5 + 25.3 = 109.8: the labels pair with the columns so
    assert rows[3:7] == [
        ["年度金额(提前下达)", "资金使用情况(万元)"],
        ["合计", "208万元", "109.8万元"],
        ["中央财政", "165万元", "84.5万元"],
        ["省级财政", "43万元", "25.3万元"],
    ]
    (form,) = read_text((R055_FUNDS + R055).encode(), name="r055.txt")
    assert (form.funds.total.budget, form.funds.total.executed) == (208, 109.8)
    assert (form.funds.more["省级财政"].budget, form.funds.more["省级财政"].executed) == (43, 25.3)


def test_column_after_column_funds_that_do_not_add_up_are_not_paired() -> None:
    rows = rows_of(R055_FUNDS.replace("25.3万元", "35.3万元") + R055)  # 84.5 + 35.3 is not 109.8
    assert ["省级财政", "43万元", "35.3万元"] not in rows


def test_cells_printed_empty_in_every_column_make_empty_rows() -> None:
    # r052 (海南 评价报告): three columns (计划投资额 / 实际到位资金 / 实际使用情况), most rows empty
    text = (
        "项目名称:退耕还林苗圃建设项目项目类型经常性项目(√)一次性项目()计划投资额(万元)110.00实际到位资金(万元)84.74实际使用情况(万元)84.74"
        "其中:中央财政其中:中央财政其中:中央财政省财政预算省财政预算省财政预算市县财政预算110.00市县财政预算84.74"
        "市县财政预算84.74地方债券资金地方债券资金地方债券资金二、绩效评价指标评分一级指标分值二级指标分值三级指标分值得分"
    )
    rows = rows_of(text)
    assert rows[2:9] == [
        ["计划投资额(万元)", "实际到位资金(万元)", "实际使用情况(万元)"],
        ["年度资金总额", "110.00", "84.74", "84.74"],  # no total label printed: the columns' own totals
        ["其中:中央财政"],
        ["省财政预算"],
        ["市县财政预算", "110.00", "84.74", "84.74"],
        ["地方债券资金"],
        ["二、绩效评价指标评分"],
    ]


# a PDF copy of the national form: every number padded to two decimals, the 其中 rows' 分值 and
# 得分 marked "-", nothing between the cells
MARKED_BLANKS = (
    "项目资金（万元）年初预算数全年预算数全年执行数分值执行率(%)得分\n"
    "年度资金总额：170.00170.00170.0010.00100.0010.00\n"
    "其中：当年财政拨款170.00170.00170.00-100.00-\n"
    "上年结转资金0.000.000.00-0.00-\n"
)


def test_a_mark_in_a_blank_cell_is_a_cell_of_its_own() -> None:
    assert split_values("170.00-100.00-", 4, blanks=True) == [["170.00", "-", "100.00", "-"]]
    assert split_values("170.00-100.00-", 4) == []  # without ``blanks`` a mark is no value


def test_funds_rows_that_mark_their_blank_cells_are_cut_into_every_column() -> None:
    rows = rows_of(MARKED_BLANKS)
    assert ["其中：当年财政拨款", "170.00", "170.00", "170.00", "-", "100.00", "-"] in rows
    # nothing budgeted and nothing spent: a row of zeros is read as printed
    assert ["上年结转资金", "0.00", "0.00", "0.00", "-", "0.00", "-"] in rows
    (form,) = read_text(MARKED_BLANKS.encode(), name="glued.txt")
    appropriation = form.funds.appropriation
    assert (appropriation.initial, appropriation.budget, appropriation.executed, appropriation.rate) == (170, 170, 170, 100)
    assert (form.funds.carryover.budget, form.funds.carryover.executed) == (0, 0)


def test_a_marked_row_with_fewer_cells_than_columns_is_not_guessed() -> None:
    # "-100.00-": three cells for six columns; which ones the row left out cannot be told
    text = MARKED_BLANKS.replace("170.00170.00170.00-100.00-", "-100.00-")
    assert ["其中：当年财政拨款", "-100.00-"] in rows_of(text)
    (form,) = read_text(text.encode(), name="glued.txt")
    assert form.reading is not None and "funds" in form.reading.doubtful


def test_padded_amounts_are_cut_where_every_number_keeps_its_decimals() -> None:
    # three amounts, the rest of the row blank: "2960.002 | 960.0027 | 9 | 8.30" fits four columns
    # by chance, but a system that pads its numbers pads them all
    text = MARKED_BLANKS.replace("170.00170.00170.0010.00100.0010.00", "2960.002960.002798.30")
    assert ["年度资金总额：", "2960.00", "2960.00", "2798.30"] in rows_of(text)


def test_points_printed_to_two_decimals_are_not_cut_into_finer_ones() -> None:
    # "20.0020.00" is 20.00 | 20.00, never 20.002 | 0.00: no form prints points to three decimals
    text = "一级指标二级指标三级指标年度指标值实际完成值分值得分\n产出指标数量指标创业担保贷款发放额增长率≥10%115.25%20.0020.00\n"
    assert ["产出指标", "数量指标", "创业担保贷款发放额增长率", "≥10%", "115.25%", "20.00", "20.00"] in rows_of(text)



def test_a_marked_row_typed_by_hand_is_not_cut_into_numbers_it_does_not_print() -> None:
    # "6.846.84--": 全年预算数 and 执行数 typed by hand, 执行率 left blank without a mark; the six
    # cells "6.8 | 4 | 6.8 | 4 | - | -" fit the columns but no system prints 6.8 beside 4
    text = MARKED_BLANKS.replace("170.00170.00170.00-100.00-", "6.846.84--")
    assert ["其中：当年财政拨款", "6.846.84--"] in rows_of(text)


def test_no_number_is_cut_into_a_column_of_words() -> None:
    # 四川's 指标性质 and 度量单位 hold words (定量, 平方米): the value grammar cuts numbers only, so a
    # row printing them stays one cell rather than "1 | 0 | 4 | 10 | 4 | 2.00"
    header = "一级指标二级指标三级指标指标性质指标值度量单位权重（%）实际完成值得分偏差原因分析及改进措施\n"
    row = "产出指标数量指标仓库(≥**平方米)定性1041042.00\n"
    assert rows_of(header + row)[1] == ["产出指标数量指标仓库(≥**平方米)定性1041042.00"]
