"""Words shared by the text shapes that read the national form's layout (``pdf_text``, ``oneline``)."""

from __future__ import annotations

import re

__all__ = ["TITLE_LINE", "ACHIEVED_OPENER"]

TITLE_LINE = re.compile(r"^[^|]{0,20}项目支出绩效自评表[^|]{0,20}$")
"""A title: the national annex says 项目支出绩效自评表; units prefix 财政, a year, a unit name."""

ACHIEVED_OPENER = re.compile(
    r"^(?:本|该)?(?:项目)?(?:\d{4}\s*年(?:度)?)?(?:全年|年度)?(?:预算|资金)?执行率|^(?:截至|截止)\s*\d{4}|^本项目"
)
"""How a 实际完成情况 narrative opens: "预算执行率 100%", "截至 2024年 12月", "本项目…"."""
