"""Real forms' tables pasted in the text shapes people use, read back whole or doubted, never
misread: each case was found by ``benchmarks/eval_layouts.py`` (a real form's hand-checked
reading laid out in the national template and written as pipe rows, cell per line, columns…)."""

from __future__ import annotations

from jixiao.model import Form
from jixiao.readers.text import read_text

# r028 (云南 昌宁县 供销社, 20+80): the indicator table as a grid copy prints it, merged 一级/二级
# cells left blank; the last row has targets and actuals but no score yet.
R028_HEAD = """\
| 财政项目支出绩效自评表 |
| 项目名称 |  | 昌宁县昌龙鸿运牧业专业合作社生猪养殖场建设项目 |
| 项目资金（万元） |  |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率(%) | 得分 |
|  |  | 年度资金总额： |  | 50.00 | 10.00 | 20.00 | 20.00 | 4.00 |
| 一级指标 | 二级指标 | 三级指标 |  | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
| 产出指标 | 数量指标 | 公猪舍(≥**平方米) |  | 22.8 | 22.8 |  | 1.00 |  |
|  |  | 种公猪(≥头) |  | 2 | 2 |  | 2.00 |  |
"""


def read(text: str) -> Form:
    forms = read_text(text.encode(), name="t.txt")
    assert len(forms) == 1
    return forms[0]


def test_a_pipe_row_that_keeps_its_blank_cells_is_read_by_place() -> None:
    form = read(R028_HEAD + "|  |  | 种母猪(≥头) |  | 20 | 20 |  |  |  |\n| 总分 |  |  |  |  |  |  |  |\n")
    last = form.indicators[-1]
    assert (last.name, last.target.value, last.actual.value) == ("种母猪(≥头)", 20, 20)
    assert (last.weight, last.score) == (None, None)  # not 20 and 20 taken for points
    assert [(i.weight, i.score) for i in form.indicators[:2]] == [(None, 1), (None, 2)]
    assert form.reading is not None and "indicators" not in form.reading.doubtful


def test_a_web_copy_of_the_same_row_without_its_empty_cells_at_the_end_reads_the_same() -> None:
    web = "\n".join(line.strip().strip("|").rstrip(" |") for line in R028_HEAD.splitlines())
    form = read(web + "\n|  | 种母猪(≥头) |  | 20 | 20\n总分\n")
    last = form.indicators[-1]
    assert (last.target.value, last.actual.value, last.weight, last.score) == (20, 20, None, None)


def test_the_text_cut_inside_a_row_read_by_place_is_a_form_cut_short() -> None:
    form = read(R028_HEAD + "|  |  | 种母猪(≥头) |  | 20 |")
    last = form.indicators[-1]
    assert (last.target.value, last.actual.text, last.score) == (20, "", None)
    assert form.reading is not None and form.reading.truncated


# The bundled example (上海 基层科普服务) as a grid copy prints its closing rows: the grade stands
# under the 分值 column, the cells between it and its label left blank.
KEPU_CLOSING = """\
| 一级指标 | 二级指标 | 三级指标 |  | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
| 产出指标 | 数量指标 | 覆盖面 |  | ≥16.00(个) | 16.00(个) | 10.00 | 10.00 |  |
| 总分 |  |  |  |  |  | 100.00 | 93.00 |
"""


def test_the_grade_is_the_next_cell_with_text_after_its_label() -> None:
    form = read(R028_HEAD.split("| 一级指标")[0] + KEPU_CLOSING + "| 评分等级 |  |  |  |  |  | 优 |\n")
    assert (form.total_weight, form.total_score, form.grade) == (100, 93, "优")


def test_a_grade_left_blank_is_not_read_from_another_label() -> None:
    form = read(R028_HEAD.split("| 一级指标")[0] + KEPU_CLOSING + "| 评分等级 |  | 评价结论 | 良好 |\n")
    assert form.grade is None


# r048 (云南 保山 退役军人事务局, 20+80) in whitespace columns: its rows print a score and no
# weight, and the blank 分值 cell leaves no trace between the spaces.
R048_COLUMNS = """\
财政项目支出绩效自评表
项目名称  春节走访慰问经费
项目资金（万元）  年初预算数  全年预算数  全年执行数  分值  执行率(%)  得分
年度资金总额：  34.64  34.64  34.64  20.00  100.00  20.00
一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分  偏差原因分析及改进措施
产出指标  质量指标  补助经费足额拨付率  100%  100%  20.00
时效指标  春节前完成走访慰问  按时限完成  100%  20.00
效益指标  社会效益指标  年内无群体性事件发生  小于5次  无上访  20.00
满意度指标  服务对象满意度指标  重点优抚对象满意率  100%  100%  20.00
总分  100.00  {total}
"""


def test_lone_numbers_that_make_up_the_printed_total_score_are_the_rows_scores() -> None:
    form = read(R048_COLUMNS.format(total="100.00"))  # 20 for 执行率 + 4 × 20
    assert [(i.weight, i.score) for i in form.indicators] == [(None, 20)] * 4
    assert form.reading is not None and "indicators" not in form.reading.doubtful
    assert any("按总分读作得分" in w for w in form.warnings)


def test_lone_numbers_the_printed_total_does_not_explain_are_doubted() -> None:
    form = read(R048_COLUMNS.format(total="95.00"))
    assert form.reading is not None and "indicators" in form.reading.doubtful
    assert any("分不清是分值还是得分" in p for p in form.reading.problems)


# r023 (四川 遂宁 安居区 市场监管局) in whitespace columns: its total row prints 全年预算数,
# 全年执行数 and 得分 (2.38, 2.38, 20) with no 年初预算数, 分值 or 执行率.
R023_FUNDS = """\
财政项目支出绩效自评表
项目名称  食品监管补助资金
项目资金（万元）  年初预算数  全年预算数  全年执行数  分值  执行率(%)  得分
年度资金总额：  2.38  2.38  20.00
"""


def test_three_numbers_for_six_funds_columns_are_not_read_as_spending_eight_times_the_budget() -> None:
    form = read(R023_FUNDS)
    assert form.funds.total.executed != 20
    assert form.reading is not None and "funds" in form.reading.doubtful


# r028 again, as an HTML table's copy prints it: a merged cell once, the cells it covers absent,
# so rows under the merged 产出指标 / 数量指标 begin with their names.
R028_HTML = """\
财政项目支出绩效自评表
项目名称 | 昌宁县昌龙鸿运牧业专业合作社生猪养殖场建设项目
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
产出指标 | 数量指标 | 公猪舍(≥**平方米) | 22.8 | 22.8 |  | 1.00
母猪、保育猪舍(≥**平方米) | 180 | 180 |  | 3.00
种公猪(≥头) | 2 | 2 |  | 2.00
"""


def test_an_html_copy_row_with_two_numbers_and_no_blank_is_doubted_where_no_row_prints_a_weight() -> None:
    form = read(R028_HTML + "种母猪(≥头) | 20 | 20\n总分\n")
    assert [(i.weight, i.score) for i in form.indicators[:3]] == [(None, 1), (None, 3), (None, 2)]
    assert form.reading is not None and "indicators" in form.reading.doubtful
    assert any("种母猪" in p and "分值" in p for p in form.reading.problems)


def test_an_html_copy_row_that_keeps_a_blank_after_its_name_is_read_by_place() -> None:
    sichuan = """\
财政项目支出绩效自评表
项目名称 | 昌宁县昌龙鸿运牧业专业合作社生猪养殖场建设项目
一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 权重（%） | 实际完成值 | 得分 | 偏差原因分析及改进措施
产出指标 | 数量指标 | 公猪舍(≥**平方米) | ≥ | 22.8 | 平方米 |  | 22.8 | 1.00
种公猪(≥头) | ≥ | 2 | 头 |  | 2 | 2.00
种母猪(≥头) | ≥ | 20 | 头 |  | 20
总分
"""
    last = read(sichuan).indicators[-1]
    assert (last.target.text, last.actual.value, last.weight, last.score) == ("≥20头", 20, None, None)


# The bundled example (上海 基层科普服务) copied from a PDF a row per line, each row's cells run
# together: amounts printed with two decimals, values with their units in brackets.
KEPU_GLUED = """\
财政项目支出绩效自评表
项目名称基层科普服务
项目资金（万元）年初预算数全年预算数全年执行数分值执行率(%)得分
年度资金总额：170.00170.00170.0010.00100.0010.00
一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施
产出指标数量指标覆盖面≥16.00(个)16.00(个)10.0010.00
质量指标达标率=100.00(%)100.00(%)10.0010.00
效益指标社会效益指标基层科普服务能力提升情况有效提升达成指标20.0020.00
满意度指标服务对象满意度指标受众群体满意度≥90.00(%)90.00(%)20.0017.00满意度未留存相关存档文件，后续加强存档管理。
总分100.0093.00
"""


def test_glued_rows_a_line_each_are_cut_under_the_header_line_above_them() -> None:
    form = read(KEPU_GLUED)
    total = form.funds.total
    assert (total.initial, total.budget, total.executed, total.rate, total.score) == (170, 170, 170, 100, 10)
    first = form.indicators[0]
    assert (first.level1, first.level2, first.name) == ("产出指标", "数量指标", "覆盖面")
    assert (first.target.text, first.actual.text, first.weight, first.score) == ("≥16.00(个)", "16.00(个)", 10, 10)
    assert (form.total_weight, form.total_score) == (100, 93)


def test_the_text_after_a_glued_rows_values_on_its_line_is_its_deviation() -> None:
    last = read(KEPU_GLUED).indicators[-1]
    assert (last.name, last.weight, last.score) == ("受众群体满意度", 20, 17)
    assert last.deviation == "满意度未留存相关存档文件，后续加强存档管理。"


def test_a_glued_row_whose_word_values_cannot_be_cut_from_its_name_is_doubted() -> None:
    form = read(KEPU_GLUED)
    assert form.reading is not None and "indicators" in form.reading.doubtful
    assert not any(i.name.startswith("基层科普服务能力提升情况") and i.target.text for i in form.indicators)
