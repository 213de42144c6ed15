"""Words shared by the text shapes that read the national form's layout (``pdf_text``, ``oneline``)."""

from __future__ import annotations

import re

__all__ = ["TITLE_LINE", "ACHIEVED_OPENER", "INDICATOR_HEADER", "TIERS"]

TITLE_LINE = re.compile(r"^[^|]{0,20}项目支出绩效自评表[^|]{0,20}$")
"""A title: the national annex says 项目支出绩效自评表; units prefix 财政, a year, a unit name."""

ACHIEVED_OPENER = re.compile(
    r"^(?:本|该)?(?:项目)?(?:\d{4}\s*年(?:度)?)?(?:全年|年度)?(?:预算|资金)?执行率|^(?:截至|截止)\s*\d{4}|^本项目"
)
"""How a 实际完成情况 narrative opens: "预算执行率 100%", "截至 2024年 12月", "本项目…"."""

INDICATOR_HEADER = (
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
)  # fmt: skip
"""The national indicator table's header cells, in their order."""

TIERS = (
    "达成年度指标", "达成预期指标", "达成指标",
    "部分达成年度指标并具有一定效果", "部分达成预期指标并具有一定效果", "部分达成指标并具有一定效果",
    "未达成年度指标且效果较差", "未达成预期指标且效果较差", "未达成指标且效果较差",
)  # fmt: skip
"""The three qualitative tiers as the national and provincial forms word them."""
