"""Template detection from the header words of real layouts, and what each template has."""

from __future__ import annotations

import pytest

from jixiao.readers.templates import by_name, detect_template
from jixiao.readers.text import read_text


@pytest.mark.parametrize(
    ("header", "template"),
    [
        (["项目支出绩效自评表", "年初预算数", "全年预算数", "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施"], "national"),
        (["绩效目标自评表", "年初设定目标", "年度总体目标完成情况综述", "分值", "年度指标值", "全年实际值", "未完成原因及拟采取的改进措施"], "anhui-poverty"),
        (["部门预算项目支出绩效自评表", "调整后预算数", "财政专户管理资金", "指标性质", "完成值", "权重", "未完成原因分析"], "sichuan"),
        (["预算执行情况(万元)(20分)", "年度财政资金总额", "得分(20分*执行率)", "年度绩效目标(80分)", "年初目标值(A)"], "exec20"),
        (["转移支付(项目)名称", "中央主管部门", "资金使用单位", "全年预算数(A)", "指标值", "全年实际完成值"], "transfer"),
        (["部门整体支出绩效自评表", "指标权重", "得分系数"], "department"),
        (["项目总得分", "产出指标(40分)"], "ningxia"),
        (["项目决策", "决策依据", "项目管理"], "points100"),
        (["2017年退耕还林苗圃建设", "绩效标准", "优良中差"], "other"),
        (["项目支出绩效自评表", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"], "national"),
    ],
)
def test_the_template_is_told_by_its_header_words(header: list[str], template: str) -> None:
    assert detect_template(header).name == template


def test_traditional_header_words_detect_the_same_template() -> None:
    assert detect_template(["轉移支付(項目)名稱", "中央主管部門", "資金使用單位"]).name == "transfer"


def test_a_variant_with_as_many_marks_as_national_is_the_more_specific() -> None:
    # 年度指标值 is national's mark, but 转移支付 forms print it too
    assert detect_template(["区域绩效目标自评表", "年度指标值"]).name == "transfer"


@pytest.mark.parametrize(
    "header",
    [
        ["三级指标", "年度指标值", "未完成原因分析", "全年实际值"],  # 四川 and 安徽 one mark each
        ["全年实际值", "未完成原因分析", "三级指标", "年度指标值"],  # the same words in another order
    ],
)
def test_two_variants_marked_as_much_as_each_other_are_a_tie_not_the_first_listed(header: list[str]) -> None:
    assert detect_template(header).name == "other"


def test_a_tie_is_said_on_the_form() -> None:
    text = "项目名称 | 道路养护\n一级指标 | 二级指标 | 三级指标 | 年度指标值 | 全年实际值 | 未完成原因分析\n产出指标 | 数量指标 | 公里数 | 10公里 | 10公里 | 无\n"
    (form,) = read_text(text.encode(), name="tie.txt")
    assert form.reading is not None and form.reading.template == "other"
    assert any("无法确定是哪一种模板" in w and "四川" in w and "安徽" in w for w in form.warnings)


def test_templates_say_which_parts_they_have() -> None:
    assert by_name("national").has("weights") and by_name("national").funds_points == 10
    assert not by_name("transfer").has("scores") and by_name("transfer").total is None
    assert by_name("exec20").funds_points == 20 and not by_name("exec20").has("weights")
    assert by_name("sichuan").has("sections")
    assert by_name("nonsense").name == "other"
