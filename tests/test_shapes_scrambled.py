"""PDF or spreadsheet text whose columns came out of order: read only where arithmetic pairs it."""

from __future__ import annotations

from pathlib import Path

from jixiao.readers.shapes import detect_shape, text_to_grids
from jixiao.readers.text import read_text

DATA = Path(__file__).resolve().parent / "data" / "real"

# r033 (内蒙古 临河区): the amounts of 年度资金总额 come before its label, which comes after the
# sub-rows, next to the section label 资金投入情况.
R033 = (
    "附件1 就业补助资金绩效目标自评表 (2022年度) 转移支付(项目)名称 就业补助资金 中央主管部门 人力资源社会保障部 "
    "全年预算数(A) 全年执行数(B) 7165.32 6992.95 其中:中央财政资金 3144.00 3144.00 自治区财政资金 570.17 570.17 "
    "年度资金总额 资金投入情况 (万元) 地方主管部 门 巴彦淖尔市临河区财政局 一级 指标 二级指标 数量指标 三级指标 "
    "年度目标指标值 享受社会保险补贴人员数量 4443"
)


def test_columns_out_of_order_whose_amounts_do_not_add_up_yield_nothing() -> None:
    # the sub-rows shown (3144.00 + 570.17) do not make the orphan 7165.32: no pairing is vouched for
    assert detect_shape(R033) == "scrambled"
    assert text_to_grids(R033, file="r033.txt") == []


# r036 (江西 上饶): the funds header's 得分 printed after the first funds row, the goal's two
# columns interleaved line by line with the pieces of the 年度总体目标 label among them.
R036 = (
    "附件1 项目支出绩效自评表 ( 2021 年度) 项目名称 司法业务经费 主管部门 上饶市司法局 项目资金(万元) 实施单位 "
    "上饶市司法局 年初预算数 全年预算数 全年执行数 分值 执行率(全年 执行数/全年 预算数) 年度资金总额: 620.82万元 "
    "620.82万元 620.82万元 100 100% 10 其中:当年财政 拨款 620.82万元 620.82万元 620.82万元 100 100% 10 得分 "
    "上年结转资金 其他资金 预期目标 实际完成情况 "
    "1.坚持提高站位把握正向,深入宣传贯彻习近平法治思想,切实抓好重点法律普及,推进普 "
    "1.坚持提高站位把握正向,深入宣传贯彻习近平法治思想,切实抓好重点法律普及,推进普法紧绕中心服务 "
    "法紧绕中心服务大局。突出强化重点对象学法,提升全市公民法治素养,着力加强城乡法治 "
    "大局。突出强化重点对象学法,提升全市公民法治素养,着力加强城乡法治创建,助力市域现代化社会治理 年度总体 "
    "创建,助力市域现代化社会治理。 。 2. 目标 "
    "2.加强督查、巡查和走访,严防止社区矫正对象脱离监管。开展全市社区矫正社会工作者培 "
    "加强督查、巡查和走访,严防止社区矫正对象脱离监管。开展全市社区矫正社会工作者培训和全市社区矫正 "
    "训和全市社区矫正业务工作培训,不断提高全体社区矫正工作人员的业务水平。 "
    "业务工作培训,不断提高全体社区矫正工作人员的业务水平。 "
    "3.进一步强化公共法律服务体系建设,加大宣传的力度,以维护人民群众合法权益为出发点 "
    "3.进一步强化公共法律服务体系建设,加大宣传的力度,以维护人民群众合法权益为出发点,以扶助社会弱 "
    ",以扶助社会弱势群体为突破口,为困难群众提供法律援助,为维护社会稳定,构建和谐社 "
    "势群体为突破口,为困难群众提供法律援助,为维护社会稳定,构建"
)


def _rows(text: str, file: str) -> list[list[str]]:
    return [[c.text for c in row] for row in text_to_grids(text, file=file)[0].rows()]


def test_a_funds_column_word_after_the_funds_rows_marks_a_scrambled_copy() -> None:
    assert detect_shape(R036) == "scrambled"


def test_a_header_word_printed_among_the_rows_goes_where_every_row_adds_up() -> None:
    # 得分 can only be the last column: elsewhere "100%" would stand under 分值 or 得分, or 10 under
    # 执行率 where 620.82 / 620.82 = 100%
    rows = _rows(R036, "r036.txt")
    assert rows[6:11] == [
        ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率(全年执行数/全年预算数)", "得分"],
        ["年度资金总额:", "620.82万元", "620.82万元", "620.82万元", "100", "100%", "10"],
        ["其中:当年财政拨款", "620.82万元", "620.82万元", "620.82万元", "100", "100%", "10"],
        ["上年结转资金"],
        ["其他资金"],
    ]
    # the header items before it, each label with the tokens up to the next; a section word alone
    assert rows[:6] == [
        ["项目支出绩效自评表"],
        ["(2021年度)"],
        ["项目名称", "司法业务经费"],
        ["主管部门", "上饶市司法局"],
        ["项目资金(万元)"],
        ["实施单位", "上饶市司法局"],
    ]


def test_interleaved_goal_columns_holding_the_same_text_are_dealt_back_by_their_widths() -> None:
    header, (label, planned, achieved) = _rows(R036, "r036.txt")[-2:]
    assert header == ["年度总体目标", "预期目标", "实际完成情况"]
    assert label == ""
    assert planned.startswith("1.坚持提高站位把握正向,深入宣传贯彻习近平法治思想,切实抓好重点法律普及,推进普法紧绕中心服务大局。")
    assert "社会治理。2.加强督查" in planned and "社会治理。2.加强督查" in achieved
    # the page was cut: the planned column's last line ran further than the achieved one's
    assert planned.endswith("构建和谐社")
    assert achieved.endswith("为维护社会稳定,构建")


def test_interleaved_goal_columns_with_different_texts_are_left_unread() -> None:
    text = R036.split(" 预期目标 ")[0] + " 预期目标 实际完成情况 完成培训工作 已完成培训 20 场 年度总体 目标"
    assert _rows(text, "r036.txt")[-1] == ["年度总体目标", "预期目标", "实际完成情况"]


def test_funds_whose_stray_header_word_fits_more_than_one_place_are_not_read() -> None:
    # no 执行率 and no "%": 得分 could follow 分值 or precede it, nothing tells which
    text = (
        "项目支出绩效自评表 项目名称 司法业务经费 年初预算数 全年预算数 全年执行数 分值 "
        "年度资金总额: 620.82 620.82 620.82 10 10 得分 上年结转资金 其他资金 预期目标 实际完成情况 完成"
    )
    assert detect_shape(text) == "scrambled"
    assert text_to_grids(text, file="x.txt") == []


def test_orphan_amounts_that_sum_the_sub_rows_are_paired_with_the_total_label() -> None:
    text = (
        "附件1 就业补助资金绩效目标自评表 (2022年度) 转移支付(项目)名称 就业补助资金 中央主管部门 人力资源社会保障部 "
        "全年预算数(A) 全年执行数(B) 7165.32 6992.95 其中:中央财政资金 3144.00 3144.00 自治区财政资金 570.17 570.17 "
        "盟市财政资金 433.00 432.10 旗县财政资金 1426.90 1294.84 其他资金 (包括以前年度结转资 金) 1591.22 1551.84 "
        "年度资金总额 资金投入情况 (万元) 地方主管部 门 巴彦淖尔市临河区财政局 一级 指标 二级指标 数量指标 三级指标"
    )
    assert detect_shape(text) == "scrambled"
    rows = [[c.text for c in row] for row in text_to_grids(text, file="r033.txt")[0].rows()]
    # 3144.00 + 570.17 + 433.00 + 1426.90 + 1591.22 = 7165.29: 7165.32 within the rounding of six amounts
    assert rows == [
        ["就业补助资金绩效目标自评表"],
        ["(2022年度)"],
        ["转移支付(项目)名称", "就业补助资金"],
        ["中央主管部门", "人力资源社会保障部"],
        ["全年预算数(A)", "全年执行数(B)"],
        ["年度资金总额", "7165.32", "6992.95"],
        ["其中:中央财政资金", "3144.00", "3144.00"],
        ["自治区财政资金", "570.17", "570.17"],
        ["盟市财政资金", "433.00", "432.10"],
        ["旗县财政资金", "1426.90", "1294.84"],
        ["其他资金(包括以前年度结转资金)", "1591.22", "1551.84"],
        # the indicator table is printed but not read: its header alone, so the mapper doubts it
        ["一级指标", "二级指标", "三级指标"],
    ]


def test_a_sub_row_printed_without_its_points_is_placed_where_its_values_fit() -> None:
    # r036's sub-row without 分值 and 得分: the three amounts in 万元 can only stand under the money
    # columns and "100%" under 执行率
    text = R036.replace("620.82万元 620.82万元 620.82万元 100 100% 10 得分", "620.82万元 620.82万元 620.82万元 100% 得分")
    assert ["其中:当年财政拨款", "620.82万元", "620.82万元", "620.82万元", "", "100%"] in _rows(text, "r036.txt")


def test_a_sub_row_whose_values_fit_more_than_one_set_of_columns_leaves_the_funds_unread() -> None:
    # a plain 10 could be an amount or stand under 分值 (of at most 100 points): nothing tells
    text = R036.replace("620.82万元 620.82万元 620.82万元 100 100% 10 得分", "10 10 10 100% 得分")
    assert text_to_grids(text, file="r036.txt") == []


def test_a_plain_amount_above_100_points_is_no_weight() -> None:
    # 620.82 can only be an amount: 分值 is at most 100 points
    text = R036.replace("620.82万元 620.82万元 620.82万元 100 100% 10 得分", "620.82 620.82 620.82 100% 得分")
    assert ["其中:当年财政拨款", "620.82", "620.82", "620.82", "", "100%"] in _rows(text, "r036.txt")


def test_a_line_wider_than_its_column_tells_which_column_a_cut_goal_ends_in() -> None:
    # r036 cut two lines earlier: each column's last line starts item 3; the achieved one (91
    # half-widths) is wider than any planned line (at most 79), so it cannot end the planned text
    text = R036.rsplit(" ,以扶助社会弱势群体", 1)[0]
    planned, achieved = _rows(text, "r036.txt")[-1][1:]
    assert planned.endswith("以维护人民群众合法权益为出发点")
    assert achieved.endswith("以维护人民群众合法权益为出发点,以扶助社会弱")


def test_a_form_on_one_line_without_a_funds_total_is_scrambled_when_funds_words_follow_its_goal() -> None:
    # r038 (广水): no 年度资金总额 row; its 执行率 comes out after the 项目年度目标 label
    text = (DATA / "r038.txt").read_text(encoding="utf-8")
    assert detect_shape(text) == "scrambled"
    forms = read_text(text.encode("utf-8"), name="r038.txt")
    assert [(f.project, f.reading.shape if f.reading else None) for f in forms] == [("办公局域网维护费", "scrambled")]
    assert forms[0].reading is not None and forms[0].reading.doubtful == ["funds", "goal", "indicators"]
