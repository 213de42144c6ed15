"""PDF or spreadsheet text whose columns came out of order: read only where arithmetic pairs it."""

from __future__ import annotations

from jixiao.readers.shapes import detect_shape, text_to_grids

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


# r036 (江西 上饶): the funds header's 得分 printed after the funds rows, labels among values.
R036 = (
    "附件1 项目支出绩效自评表 ( 2021 年度) 项目名称 司法业务经费 主管部门 上饶市司法局 项目资金(万元) 实施单位 "
    "上饶市司法局 年初预算数 全年预算数 全年执行数 分值 执行率(全年 执行数/全年 预算数) 年度资金总额: 620.82万元 "
    "620.82万元 620.82万元 100 100% 10 其中:当年财政 拨款 620.82万元 620.82万元 620.82万元 100 100% 10 得分 "
    "上年结转资金 其他资金 预期目标 实际完成情况 1.坚持提高站位把握正向"
)


def test_a_funds_column_word_after_the_funds_rows_marks_a_scrambled_copy() -> None:
    assert detect_shape(R036) == "scrambled"
    assert text_to_grids(R036, file="r036.txt") == []


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
