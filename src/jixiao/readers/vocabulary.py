"""The form's words, in one declarative table: what names each column, row and section.

Every reader of cells (the mapper, and the text shapes when they split glued text) asks this
module what a word means; nothing else holds a list of labels. Supporting another province's
form is mostly a matter of adding its words here.

For each field: the header ``words`` that name it, the ``never`` words that start the same way
but name something else (得分计算方法 is no 得分 column, 单位名称 no 度量单位), and the ``kind``
of value its cells hold. Words are compared on :func:`key` of the cell text: NFKC (full-width →
half-width), traditional characters of form words → simplified, spaces and colons removed; a
header cell names a field when its key starts with one of the words, and the longest word of a
table wins ("实际完成值" over "完成值", "得分计算方法" over "得分").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from math import isfinite
from typing import Literal

__all__ = [
    "Kind",
    "Field",
    "FUNDS_FIELDS",
    "INDICATOR_FIELDS",
    "HEADER_FIELDS",
    "HEADER_ALSO",
    "WEAK_HEADER_LABELS",
    "OTHER_HEADER_LABELS",
    "GOAL_FIELDS",
    "CLOSING_FIELDS",
    "FUNDS_ROWS",
    "LEVEL1",
    "LEVEL2",
    "LEVEL2_OF",
    "LEVEL1_OF",
    "PLACEHOLDERS",
    "NATURE_OPS",
    "DIRECTIONS",
    "SECTION_WEIGHT",
    "SECTION_TITLES",
    "ALL_WORDS",
    "key",
    "field_of",
    "is_header_word",
    "is_placeholder",
    "is_section_title",
    "parse_number",
    "funds_row_kind",
    "section_weight",
    "level1_of",
    "level2_of",
    "nature_op",
]

Kind = Literal["number", "percent", "value", "text", "label"]
"""What a field's cells hold: a plain number (amount, weight, score), a percentage (执行率), a
value with an operator and unit (≥90%, 200余人: the value grammar), free text, or a label."""


@dataclass(frozen=True, slots=True)
class Field:
    """One column or labelled item of a form, as the header words name it."""

    name: str
    words: tuple[str, ...]
    kind: Kind
    never: tuple[str, ...] = ()


def _table(*fields: Field) -> dict[str, Field]:
    return {f.name: f for f in fields}


FUNDS_FIELDS: dict[str, Field] = _table(
    Field("initial", ("年初预算数", "年初预算"), "number"),
    Field(
        "budget",
        (
            "全年预算数", "全年(调整)预算数", "全年预算", "调整后预算数", "调整后预算", "转移支付预算数", "预算数",
            "计划安排资金", "计划投资额", "年度金额",
        ),
        "number",
    ),
    Field(
        "executed",
        (
            "全年执行数", "全年执行", "预算执行数", "实际执行数", "转移支付执行数", "执行数", "实际支出", "实际使用情况",
            "资金使用情况",
        ),
        "number",
    ),
    Field("received", ("全年到位资金", "实际到位资金", "到位资金", "资金到位数", "到位数"), "number"),
    Field("weight", ("分值", "分数", "权重", "执行率权重"), "number", never=("权重占比",)),
    Field("rate", ("执行率", "预算执行率", "预算执行进度"), "percent", never=("执行率权重", "执行率得分")),
    Field("score", ("得分", "执行率得分"), "number", never=("得分计算方法",)),
    Field("reason", ("原因", "偏差原因", "未完成原因"), "text"),
    Field("line", ("行次",), "number"),
    Field("evidence", ("佐证材料",), "text"),
)
"""The funds table's columns (项目资金 / 预算执行情况); 行次 (the row's number) and 佐证材料 are
read only to keep the other columns in their places."""

INDICATOR_FIELDS: dict[str, Field] = _table(
    Field("level1", ("一级指标",), "label"),
    Field("level2", ("二级指标",), "label"),
    Field("name", ("三级指标", "指标名称", "指标内容"), "text", never=("三级指标值",)),
    Field("nature", ("指标性质", "指标方向", "符号"), "label"),
    Field(
        "target",
        (
            "年度指标值", "年度目标值", "年度目标指标值", "年初目标值", "年初指标值", "预期指标值",
            "指标值", "目标值",
        ),
        "value",
    ),
    Field("unit", ("度量单位", "计量单位", "单位"), "label", never=("单位名称", "单位资金")),
    Field(
        "actual",
        (
            "实际完成值", "实际完成指标值", "全年实际完成值", "全年实际值", "全年完成值", "年终完成值",
            "单项指标实际完成值", "完成值", "实际值",
        ),
        "value",
        never=("实际完成情况",),
    ),
    Field("weight", ("分值", "权重", "参考分值", "指标权重", "指标分值", "分数"), "number", never=("权重占比",)),
    Field(
        "score",
        ("得分", "自评得分", "自评分", "指标得分", "单项指标得分"),
        "number",
        never=("得分计算方法", "得分系数"),
    ),
    Field(
        "deviation",
        (
            "偏差原因分析及改进措施", "偏差原因", "未完成原因分析", "未完成原因及拟采取的改进措施",
            "未完成原因和改进措施", "未完成原因及改进措施", "未完成原因", "原因",
        ),
        "text",
    ),
    Field("method", ("得分计算方法", "评分标准", "计分方法"), "text"),
    Field("core", ("是否核心指标",), "label"),
    Field("remark", ("备注", "说明"), "text"),
)
"""The indicator table's columns (绩效指标)."""

HEADER_FIELDS: dict[str, Field] = _table(
    Field("project", ("项目名称", "专项名称", "转移支付(项目)名称", "转移支付名称"), "text", never=("子项目名称",)),
    Field("department", ("主管部门", "主管部门及代码", "主管单位", "项目主管部门", "项目主管单位", "地方主管部门", "省级主管部门", "预算单位名称"), "text",
          never=("主管部门满意度", "中央主管部门")),
    Field("implementer", ("实施单位", "项目实施单位", "资金使用单位", "项目单位", "单位名称", "实施(主管)单位"), "text"),
)
"""The header's labelled items; the value stands after the label or in the next cell."""

WEAK_HEADER_LABELS: frozenset[str] = frozenset({"单位名称"})
"""Header labels whose value stands for their item only until the item's own label is printed:
the filling unit's 单位名称 is the 实施单位 unless a 实施单位 is named."""

HEADER_ALSO: dict[str, str] = {"实施(主管)单位": "department"}
"""Header labels that name a second item too: their value is that item's as well (河北's one
cell for the 实施 and the 主管 office)."""

OTHER_HEADER_LABELS: tuple[str, ...] = (
    "项目负责人", "联系人", "联系电话", "项目属性", "项目类别", "项目年份", "评价类型", "评价时间",
    "评价机构", "组织方式", "填报日期", "填报时间", "上报时间", "单位领导审签",
)
"""Header items the model has no place for. Followed by a colon inside a header value, one marks
where that value ends ("文昌市人民政府评价时间:2018年…" in glued text)."""

GOAL_FIELDS: dict[str, Field] = _table(
    Field("planned", ("预期目标", "年初设定目标", "年度预期目标", "年初绩效目标", "总体目标"), "text", never=("总体目标完成情况",)),
    Field(
        "achieved",
        (
            "实际完成情况", "年度总体目标完成情况综述", "全年实际完成情况", "目标实际完成情况",
            "全年目标实际完成情况", "具体完成情况",
        ),
        "text",
    ),
)
"""The two columns of 年度总体目标."""

CLOSING_FIELDS: dict[str, Field] = _table(
    Field("total", ("总分", "合计", "自评总分", "项目总得分", "得分合计", "合计得分", "总得分", "自评得分"), "number"),
    Field("grade", ("评分等级", "自评等级", "绩效等级", "评价等级"), "label"),
    Field("conclusion", ("评价结论",), "text"),
    Field("shortcomings", ("存在问题", "存在的问题", "偏差大或目标未完成原因分析"), "text", never=("存在问题和改进措施",)),
    Field("measures", ("改进措施", "下一步改进措施", "改进措施及结果应用方案"), "text"),
)
"""Labelled rows after the indicator table (and 项目总得分 at the top of 宁夏 forms)."""

FUNDS_ROWS: dict[str, tuple[str, ...]] = {
    "total": ("年度资金总额", "年度财政资金总额", "年度预算资金总额", "年度总金额", "资金总额", "总额", "合计", "总计"),
    "appropriation": ("当年财政拨款", "本年财政拨款", "财政拨款", "本年一般公共预算拨款", "一般公共预算拨款", "财政资金"),
    "carryover": ("上年结转资金", "上年结转", "结转结余资金"),
    "other": ("其他资金", "其它资金", "地方资金/其他", "其他"),
}
"""Funds row labels by model field; any other 其中 row is kept in ``Funds.more`` by its label
(四川 财政专户管理资金 / 单位资金, 转移支付 中央财政资金 / 地方财政资金). Matched after 其中 is
removed, whole-label first (财政资金 is 四川's appropriation row, 中央财政资金 is not)."""

LEVEL1: tuple[str, ...] = (
    "产出指标", "效益指标", "满意度指标", "成本指标", "效果指标", "项目决策", "项目过程", "项目管理", "决策", "过程", "管理",
    "产出", "效益", "投入目标", "产出目标", "结果目标",
)
"""一级指标 labels: the national ones, then 100-point forms' 决策/过程/管理 sections, then the
项目类别 of 苏州's 市级 form (投入目标, 产出目标, 结果目标)."""

LEVEL2_OF: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标", "产出数量", "产出质量", "产出时效", "产出成本"),
    "效益指标": (
        "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标",
        "经济效益", "社会效益", "生态效益", "可持续影响",
    ),
    "满意度指标": ("服务对象满意度指标", "服务对象满意度", "满意度"),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标", "生态成本指标"),
}
"""二级指标 labels under each 一级 (成本指标 is both: newer forms put it at the first level)."""

LEVEL2: tuple[str, ...] = tuple(dict.fromkeys(w for words in LEVEL2_OF.values() for w in words))

LEVEL1_OF: dict[str, tuple[str, ...]] = {
    child: tuple(p for p, children in LEVEL2_OF.items() if child in children) for child in LEVEL2
}
"""The 一级 labels each 二级 label stands under (``LEVEL2_OF`` read the other way)."""

PLACEHOLDERS: frozenset[str] = frozenset(
    {"", "-", "--", "—", "——", "–", "－", "/", "／", "\\", "*", "＊", "无", "暂无", "不适用", "N/A", "n/a", "NA", "…", "……", "..."}
)
"""Cells that say "nothing here" (compared after :func:`key`)."""

_PLACEHOLDER_MARKS = "-—–－/\\*.…"
"""A cell made of these marks alone is a placeholder whatever their number ("——", "......")."""

_TEMPLATE_TEXT = re.compile(r"^(?:指标\d+|目标\d+)[:：.、]?(?:[-—/／*…]*|无)$")
"""An empty template row label left in: "指标1:", "目标2"."""

NATURE_OPS: dict[str, str] = {
    "≥": "≥", ">=": "≥", "≧": "≥", "大于等于": "≥", "不低于": "≥", "不少于": "≥",
    "≤": "≤", "<=": "≤", "≦": "≤", "小于等于": "≤", "不高于": "≤", "不超过": "≤",
    "=": "=", "等于": "=",
    ">": ">", "大于": ">",
    "<": "<", "小于": "<",
}
"""指标性质 cells that are operators, joined in front of a bare target value ("16" → "≥16").
云南's newer system prefixes a code ("004 >="): :func:`nature_op` drops it."""

DIRECTIONS: dict[str, Literal["positive", "negative"]] = {"正向": "positive", "正向指标": "positive", "反向": "negative", "反向指标": "negative"}
"""指标性质 cells that name the direction instead of an operator."""

SECTION_WEIGHT = re.compile(r"^(?P<label>[\u4e00-\u9fff]{0,12}?)[(（]?(?P<points>\d+(?:\.\d+)?)分[)）]?$")
"""A section header with its points: 产出指标(40分), 效益指标（30分）, (50分) alone; on the key."""

SECTION_TITLES: tuple[str, ...] = (
    "项目资金",
    "预算执行情况",
    "资金情况",
    "资金投入情况",
    "年度总体目标",
    "年度总体目标完成情况",
    "年度目标完成情况",
    "年度绩效目标",
    "年度绩效目标完成情况",
    "年度绩效指标完成情况",
    "绩效目标完成情况",
    "绩效指标",
)
"""Titles of a form's parts, printed on a row of their own (maybe numbered: 四、年度绩效指标完成情况)."""

_NUMBERING = re.compile(r"^[一二三四五六七八九十]+[、.]")

_TRADITIONAL = str.maketrans(
    "項預算執數實際資總額標產質時經濟態響續滿務對績評級導價撥結轉餘績單統"
    "調這與費據從權們種達綜設內報錄開歲區縣廳財處應發減災劃劃計樣專戶來業會議護兩裡線值門稱見長",
    "项预算执数实际资总额标产质时经济态响续满务对绩评级导价拨结转余绩单统"
    "调这与费据从权们种达综设内报录开岁区县厅财处应发减灾划划计样专户来业会议护两里线值门称见长",
)
"""Traditional → simplified for the characters of the form's words (copies converted to 繁体)."""
_TRADITIONAL_CHAR = re.compile("[" + "".join(chr(t) for t, s in _TRADITIONAL.items() if t != s) + "]")

_NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?)(%|万元|元|亿元|分|万)?$")


_WIDE_MARKS = tuple((c, unicodedata.normalize("NFKC", c)) for c in "，：；（）！？％\u3000")
"""The full-width marks of Chinese text, each with its NFKC form."""


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``. The full-width marks nearly every Chinese text
    holds are replaced by their NFKC forms first (which leaves the result the same); the text is
    then mostly normal already, which a quick check tells, so the full normalisation runs only
    on texts that still need it."""
    for wide, narrow in _WIDE_MARKS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """The text as words are compared: NFKC, simplified form words, no spaces or colons."""
    text = nfkc(text)
    if _TRADITIONAL_CHAR.search(text):  # translating costs a lookup per character: only when needed
        text = text.translate(_TRADITIONAL)
    return "".join(text.replace(":", "").replace("：", "").split())  # split() drops every whitespace


def _matches(k: str, f: Field) -> int:
    """Length of the longest word of ``f`` that ``k`` starts with; 0 when none or a never-word."""
    if any(k.startswith(n) for n in f.never):
        return 0
    return max((len(w) for w in f.words if k.startswith(w)), default=0)


@lru_cache(maxsize=4096)
def _field_of(k: str, table_id: int) -> str | None:
    table = _TABLES[table_id]
    best, best_len = None, 0
    for f in table.values():
        n = _matches(k, f)
        if n > best_len:
            best, best_len = f.name, n
    return best


_TABLES: dict[int, dict[str, Field]] = {
    id(t): t for t in (FUNDS_FIELDS, INDICATOR_FIELDS, HEADER_FIELDS, GOAL_FIELDS, CLOSING_FIELDS)
}


def field_of(text: str, table: dict[str, Field]) -> str | None:
    """The field of ``table`` that the header cell ``text`` names, or ``None``.

    A header word and a short tail are allowed ("执行率(B/A)", "分值(10分)", "年度指标值(A)"), or
    a bracketed formula ("执行率(全年执行数/全年预算数)"); a long text that merely begins with a word
    ("原因是资金未到位") names nothing.
    """
    return _field_of_text(text, id(table))


@lru_cache(maxsize=16384)
def _field_of_text(text: str, table_id: int) -> str | None:
    k = key(text)
    if not k or len(k) > 24:
        return None
    name = _field_of(k, table_id)
    if name is None:
        return None
    word_len = _matches(k, _TABLES[table_id][name])
    return name if len(k) - word_len <= 12 or _NOTE_TAIL.fullmatch(k, word_len) else None


_NOTE_TAIL = re.compile(r"\([^()]{1,20}\)")
"""A header word's bracketed note or formula: "(全年执行数/全年预算数)"."""


ALL_WORDS: tuple[str, ...] = tuple(
    sorted(
        {w for t in _TABLES.values() for f in t.values() for w in f.words}
        | {w for ws in FUNDS_ROWS.values() for w in ws}
        | set(LEVEL1)
        | set(LEVEL2)
        | {"其中", "年度总体目标", "绩效指标", "项目资金", "预算执行情况", "资金投入情况"},
        key=lambda w: (-len(w), w),
    )
)
"""Every word of the form, longest first: what a splitter of glued text looks for."""

_COLUMN_WORDS = frozenset(
    w
    for t in (FUNDS_FIELDS, INDICATOR_FIELDS, GOAL_FIELDS, HEADER_FIELDS)
    for f in t.values()
    if f.name != "rate"  # 预算执行率 is also an indicator's name (100-point forms)
    for w in f.words
) | {"绩效指标", "项目资金", "年度总体目标", "年度绩效指标"}
_BRACKET_TAIL = re.compile(r"\([^()]{0,12}\)$")


@lru_cache(maxsize=8192)
def is_header_word(text: str) -> bool:
    """Whether ``text`` is a column header ("年度指标值", "全年执行数(B)"): what a misread row
    holds where a name or value should be. Row labels (服务对象满意度, 预算执行率) are not: real
    indicators are named so."""
    k = _BRACKET_TAIL.sub("", key(text))
    return k in _COLUMN_WORDS


@lru_cache(maxsize=8192)
def is_placeholder(text: str) -> bool:
    """A cell that holds nothing: "-", "—", "/", "无", "……", or an empty template label "指标1:"."""
    k = key(text)
    return k in PLACEHOLDERS or not k.strip(_PLACEHOLDER_MARKS) or _TEMPLATE_TEXT.match(k) is not None


def is_section_title(text: str) -> bool:
    """Whether a cell alone on its row is the title of a part of the form or of the table that
    follows ("年度绩效指标完成情况", "四、绩效指标", "项目支出绩效指标表"), not a value."""
    k = _NUMBERING.sub("", key(text))
    return k in SECTION_TITLES or (len(k) <= 16 and k.endswith("表"))


@lru_cache(maxsize=8192)
def parse_number(text: str) -> tuple[float | None, bool]:
    """(number, ok) of a funds, weight or score cell: placeholders give (None, True), text that
    is no plain number (None, False). "1,200.00", "100.00%", "150万", "１７０" are read; so is
    nothing larger than a float holds."""
    if is_placeholder(text):
        return None, True
    m = _NUMBER.match(key(text).replace(",", ""))
    if not m:
        return None, False
    value = float(m.group(1))
    return (value, True) if isfinite(value) else (None, False)


_MONEY_SOURCE = re.compile(r".{1,10}财政(?:预算)?|.{2,10}拨款")
"""A source of money named by its ending: 一般预算内拨款, 中央财政, 市县财政预算."""


@lru_cache(maxsize=8192)
def funds_row_kind(label: str) -> str | None:
    """The model field of a funds row label ("其中：当年财政拨款" → appropriation), "more" for another
    其中 row, ``None`` for a label that is no funds row."""
    k = key(label)
    sub = k.startswith("其中")
    k = k.removeprefix("其中")
    head = k.split("(", 1)[0]  # 其他资金(万元,自有资金、…以前年度结转结余资金等): the label before its note
    for kind, words in FUNDS_ROWS.items():
        if k in words or head in words:
            return kind
    for kind, words in FUNDS_ROWS.items():
        if kind != "appropriation" and any(w in k for w in words if len(w) >= 4):
            return kind
    if "财政拨款" in k or "一般公共预算拨款" in k:
        return "appropriation"
    base = _BRACKET_TAIL.sub("", k)  # 本级资金(包括结转结余)
    if sub or (base.endswith("资金") and len(base) <= 12) or _MONEY_SOURCE.fullmatch(base):
        return "more" if k else None
    return None


@lru_cache(maxsize=8192)
def section_weight(text: str) -> tuple[str, float] | None:
    """(一级 label or "", points) of a section header such as 产出指标(40分); ``None`` otherwise."""
    k = key(text)
    if "分" not in k:
        return None
    m = SECTION_WEIGHT.match(k)
    if m is None:
        return None
    label = m.group("label")
    if label and level1_of(label) is None and label not in ("预算执行情况", "年度绩效目标", "预算执行"):
        return None
    return (level1_of(label) or label), float(m.group("points"))


@lru_cache(maxsize=8192)
def level1_of(text: str) -> str | None:
    """The 一级指标 label ``text`` is (maybe with its points), or ``None``."""
    k = key(text)
    m = SECTION_WEIGHT.match(k)
    if m is not None and m.group("label"):
        k = m.group("label")
    return k if k in LEVEL1 else None


@lru_cache(maxsize=8192)
def level2_of(text: str) -> str | None:
    """The 二级指标 label ``text`` is, or ``None``."""
    k = key(text)
    return k if k in LEVEL2 else None


@lru_cache(maxsize=8192)
def nature_op(text: str) -> str:
    """The operator a 指标性质 cell gives ("≥", "004 >=" → "≥"); "" when it gives none."""
    k = key(text).lstrip("0123456789")
    return NATURE_OPS.get(k, "")

