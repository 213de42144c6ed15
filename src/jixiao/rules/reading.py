"""R: how the form was read. Said once per form, so a reviewer knows what was not checked."""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..model import Form
from . import Hit, rule

AREA_NAMES: dict[str, str] = {
    "header": "表头（项目名称、主管部门、实施单位）",
    "funds": "项目资金表",
    "goal": "年度总体目标",
    "indicators": "绩效指标表",
    "total": "总分与评分等级",
}
"""Each reading area as the findings name it."""


@rule("R001", "reading-unsure", "warning", "表格没有可靠读出，相关规则未运行", doc="""
检查：读取时的结构校验（名称不是表头文字、得分不超过分值、分值合计与表头或总分相符、执行率约等于执行数/预算数、
有“年度总体目标”一栏就应读到文字）是否全部通过。未通过的部分列为“存疑”，依赖这些部分的规则不运行，
以免把读错的单元格当成表中的错误报告。
原因：网页转存、PDF 提取或 OCR 常把列打乱；读错的表格上的“错误”不是填报单位的错误。
示例：指标名称读成“年度指标值”，或多行得分都大于分值（分值与得分两列错位）。
修正：换一个更完整的来源（原始 Excel/Word/PDF），或把表格整理成每行一格的文本后再检查。
""")
def r001(form: Form, settings: Settings) -> Iterator[Hit]:
    reading = form.reading
    if reading is None or not reading.doubtful:
        return
    areas = "、".join(AREA_NAMES.get(a, a) for a in reading.doubtful)
    detail = "；".join(reading.problems[:3])
    yield Hit(
        f"未能可靠读出：{areas}。{detail}。依赖这些部分的规则没有运行：请改用原始的 Excel、Word 或 PDF 文件再检查",
        field="reading",
        evidence={"doubtful": list(reading.doubtful), "problems": list(reading.problems)},
    )


@rule("R002", "form-cut-short", "info", "表格不完整（在结尾之前中断），只检查了读到的部分", doc="""
检查：表格是否在结尾（总分、评分等级）之前就中断了，例如网页只转存了前一部分。
原因：不完整的表格缺少的行不是填报单位漏填的；依赖总分的规则不运行，最后一个指标行可能在中途被截断，也不检查。
示例：文本在“效益指标”一栏中途结束，没有总分行。
修正：找到完整的表格再检查。
""")
def r002(form: Form, settings: Settings) -> Iterator[Hit]:
    if form.reading is not None and form.reading.truncated:
        yield Hit("表格在结尾之前中断，只检查了读到的部分，依赖总分的规则没有运行：请补齐完整的表再检查", field="reading")
