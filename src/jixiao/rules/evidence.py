"""E: whether the reported values have something behind them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..config import Settings
from ..model import Form
from . import Hit, rule
from ._common import compact, fmt_value, form_texts, is_blank_text, is_satisfaction, texts_unseen
from ._facts import FormFacts
from ._reason import write_in

_SURVEY = re.compile(r"样本|问卷|调查|调研|测评|回收|抽样|访谈|评价表|打分表")
_NO_RECORDS = re.compile(r"(?:未|没有|无)(?:按要求|按规定|及时|完整)?(?:留存|保留|存档|归档|保存)|无相关(?:记录|资料|档案)|"
                         r"未(?:开展|进行|组织)[^，。；]{0,6}(?:调查|问卷|测评)|缺少[^，。；]{0,6}(?:记录|资料|佐证)|"
                         r"佐证(?:资料|材料)?不足")
"""Admissions that the value has no records behind it, however a drafted text rephrases them."""


def _may_admit(text: str) -> bool:
    """Whether ``text`` holds a character every _NO_RECORDS match holds one of: 留, 存 or 档 (留存,
    保留, 存档, 归档, 保存), 无 (无相关…), 未 (未开展…), 缺 (缺少…), 佐 (佐证…). One-character ``in``
    tests cost a fraction of the regex, and most deviation texts hold none of them."""
    return ("未" in text or "无" in text or "留" in text or "存" in text or "档" in text or "缺" in text
            or "佐" in text)


@rule("E001", "unsupported-value", "warning", "满意度没有调查依据，或偏差原因承认未留存记录", doc="""
检查：(1) 满意度指标填了数值，而全表（年度总体目标、偏差原因）没有任何问卷、调查、样本的迹象；
(2) 偏差原因承认"未留存""未存档"相关资料，实际完成值却照样填了数。
原因：满意度按定义是调查中满意人数/有效样本；没有记录的数值无法核实。
示例：受众群体满意度 90%，偏差原因"满意度未留存相关存档文件"。
修正：补充调查依据（样本量、问卷回收数）；确无记录的，如实说明并据实评分。
年度总体目标或指标表读取存疑、或表在中途被截断时不报告 (1)：调查依据可能就写在没有读到的文字里。
""", facts=True)
def e001(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    survey_anywhere: bool | None = None  # read the whole form only when a satisfaction row asks
    for row in facts.rows:
        a = row.actual
        if a.value is None and is_blank_text(a.text):  # also covers ``is_blank``, which implies both
            continue
        ind = row.ind
        dev = ind.deviation
        # no placeholder admits; every admission passes _may_admit, and compacting drops none
        m = None if row.dev_blank or not _may_admit(dev) else _NO_RECORDS.search(compact(dev))
        if m:
            yield Hit(f"偏差原因承认「{m.group(0)}」，实际完成值却填了 {fmt_value(a)}，该数值缺少依据：补充记录，确无记录的如实说明并据实评分",
                      indicator=ind, field="actual", evidence={"admission": m.group(0), "actual": a.text})
        elif is_satisfaction(ind):
            if survey_anywhere is None:
                # a text doubted by the reading, or cut off, may be where the survey is named
                survey_anywhere = texts_unseen(form) or any(_SURVEY.search(compact(t)) for t in form_texts(form))
            if survey_anywhere:
                continue
            yield Hit(f"满意度填 {fmt_value(a)}，表中没有问卷、调查或样本量等依据：写明调查方式、样本量和满意人数",
                      indicator=ind,
                      field="actual", evidence={"actual": a.text})


@rule("E002", "exactly-on-target", "info", "比率或满意度恰好等于目标值（踩线），或满意度为 100%", doc="""
检查：以 % 计的指标（率、满意度），实际完成值恰好等于一个有实际意义的目标值（≥、>、= 或不写比较符的目标，
目标不是 0 也不是 100%）；满意度实际为 100%（无论目标是多少）。数量指标（个、场、人）恰好等于目标的不再报告：
这类目标多是固定的总数（全市 16 个区），等于目标是常态。
含义变更：增加了不写比较符的目标和满意度 100%；不再报告数量指标。
原因：恰好踩线的比率常是"按目标填"的；满意度 100% 在真实问卷中几乎不会出现。
示例：受众群体满意度 目标 ≥90%，实际 90%；服务对象满意度 目标 90%，实际 100%。
修正：核对原始数据（问卷、台账），如实填报，并在偏差原因或完成情况中写明样本量。
没有偏差原因栏的模板（只印目标值、完成值，r054）：修正建议改为写在年度总体目标的实际完成情况中，两者都没有的不提说明。
""", facts=True)
def e002(form: Form, settings: Settings, facts: FormFacts) -> Iterator[Hit]:
    for row in facts.rows:
        t, a = row.target, row.actual
        if a.value is None or (a.unit or "%") != "%" or row.reverse:
            continue
        ind = row.ind
        satisfaction = is_satisfaction(ind)
        if satisfaction and abs(a.value - 100) < 1e-9 and a.unit == "%":
            yield Hit(f"满意度实际完成值为 100%（目标 {fmt_value(t)}）：核对问卷，"
                      f"{write_in(facts.reason_box, '样本量和满意人数', '留存样本量和满意人数')}",
                      indicator=ind, field="actual", evidence={"target": t.value, "actual": a.value})
            continue
        tv = t.value
        if tv is None or tv == 0 or tv >= 100 or t.op not in (">=", ">", "=", None) or t.unit != "%":
            continue
        if abs(tv - a.value) > 1e-9:
            continue
        note = "，满意度恰好踩线尤其需要调查数据支撑" if satisfaction else ""
        yield Hit(f"实际完成值 {fmt_value(a)} 恰好等于目标 {fmt_value(t)}{note}：核对原始数据，如实填报",
                  indicator=ind, field="actual", evidence={"target": tv, "actual": a.value})
