"""The templates in use, as data: how to recognise each, and which parts of the model it has.

A template is recognised from the words of a form (its title and header cells), never from the
file name. What a template does not print (a transfer-payment form has no 分值 or 得分 columns)
is left ``None`` on the form and is not warned about; what it should print and does not is.
Names are those of ``Reading.template``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Area
from .vocabulary import key

__all__ = ["Template", "TEMPLATES", "NATIONAL", "OTHER", "best_templates", "detect_template", "by_name"]

Part = str
"""An optional part of the model a template may have:

- ``funds_initial``: a 年初预算数 column; ``funds_score``: 分值/得分 for 执行率;
- ``weights`` / ``scores``: 分值 and 得分 columns of the indicator table;
- ``deviation``: a 偏差原因 column; ``total``: a 总分 row; ``grade``: a 评分等级 row;
- ``sections``: 评价结论 / 存在问题 / 改进措施 rows; ``goal``: a 年度总体目标 section.
"""


@dataclass(frozen=True, slots=True)
class Template:
    """One template: its name, the words that mark it, the parts it has, its usual points."""

    name: str
    marks: tuple[str, ...]
    """Words (on :func:`vocabulary.key`) of which any one in a form's text points to this template."""
    parts: frozenset[Part]
    funds_points: float | None
    """Points for 执行率 (10 national, 20 for 预算执行 20 + 绩效目标 80), ``None`` when not scored."""
    total: float | None = 100.0
    """What all weights add up to, ``None`` for forms without scores."""
    description: str = ""

    def has(self, part: Part) -> bool:
        return part in self.parts

    def absent_areas(self) -> frozenset[Area]:
        """Areas of a form this template does not print: no rule may miss them on its forms."""
        areas: set[Area] = set()
        if not self.has("total"):
            areas.add("total")
        if not self.has("goal"):
            areas.add("goal")
        return frozenset(areas)


_ALL: frozenset[Part] = frozenset(
    {"funds_initial", "funds_score", "weights", "scores", "deviation", "total", "grade", "goal"}
)

NATIONAL = Template("national", ("偏差原因分析及改进措施", "年度指标值", "得分计算方法"), _ALL, 10.0, description="财预〔2020〕10号 项目支出绩效自评表")
OTHER = Template("other", (), _ALL, None, total=None, description="未识别的模板")

TEMPLATES: tuple[Template, ...] = (
    Template(
        "department",
        ("部门整体支出绩效自评表", "部门整体绩效自评表", "得分系数", "是否核心指标"),
        frozenset({"funds_initial", "funds_score", "weights", "scores", "total", "goal"}),
        10.0,
        description="部门整体支出绩效自评表",
    ),
    Template(
        "transfer",
        ("转移支付(项目)名称", "转移支付预算数", "资金使用单位", "资金管理情况", "区域绩效目标自评表", "转移支付区域", "中央主管部门"),
        frozenset({"deviation", "goal"}),
        None,
        total=None,
        description="中央对地方转移支付 区域/项目 绩效目标自评表",
    ),
    Template(
        "sichuan",
        ("部门预算项目支出绩效自评表", "未完成原因分析", "财政专户管理资金", "调整后预算数", "评价结论"),
        frozenset({"funds_initial", "funds_score", "weights", "scores", "deviation", "total", "sections", "goal"}),
        10.0,
        description="四川 部门预算项目支出绩效自评表",
    ),
    Template(
        "anhui-poverty",
        ("年初设定目标", "年度总体目标完成情况综述", "全年实际值", "未完成原因及拟采取的改进措施"),
        frozenset({"funds_score", "weights", "scores", "deviation", "goal"}),
        10.0,
        description="安徽 衔接/扶贫 绩效目标自评表",
    ),
    Template(
        "exec20",
        ("(20分*执行率)", "(20分)", "年度绩效目标(80分)", "年度财政资金总额"),
        frozenset({"funds_score", "scores", "total", "grade"}),
        20.0,
        description="预算执行 20 分 + 绩效目标 80 分（云南、湖北）",
    ),
    Template(
        "ningxia",
        ("项目总得分",),
        frozenset({"weights", "scores", "total", "goal"}),
        None,
        description="宁夏 产出40/效益40/满意度20",
    ),
    Template(
        "points100",
        ("项目决策", "项目过程", "项目管理", "决策依据"),
        frozenset({"weights", "scores", "total", "goal"}),
        None,
        description="决策/管理/产出/效益 100 分制",
    ),
    NATIONAL,
)
"""The templates with marks; a form is the one with most marks in it (``detect_template``)."""

_BY_NAME = {t.name: t for t in (*TEMPLATES, OTHER)}


def by_name(name: str | None) -> Template:
    """The template called ``name``; :data:`OTHER` for an unknown or missing name."""
    return _BY_NAME.get(name or "", OTHER)


def best_templates(texts: Iterable[str]) -> tuple[Template, ...]:
    """The templates with the most marks in ``texts``, in list order; ``()`` when none has one.

    The national template's marks (年度指标值…) are printed by its variants too, so a variant
    with as many marks is the more specific and national drops out of the tie.
    """
    return _best("\n".join(map(key, texts)))


def _best(joined: str) -> tuple[Template, ...]:
    present = {mark for template in TEMPLATES for mark in template.marks if mark in joined}
    best: list[Template] = []
    most = 0
    for template in TEMPLATES:
        hits = len(present.intersection(template.marks))
        if hits > most:
            best, most = [template], hits
        elif hits and hits == most:
            best.append(template)
    variants = [t for t in best if t is not NATIONAL]
    return tuple(variants or best)


def detect_template(texts: Iterable[str]) -> Template:
    """The template whose marks appear in ``texts`` (the form's title and header cells).

    Two variants with as many marks each are a tie, not a choice: the form is :data:`OTHER`
    (``best_templates`` names them for a note). A form with the national funds and indicator
    headers but none of the marks of a variant is ``national``; one with neither is
    :data:`OTHER`.
    """
    joined = "\n".join(map(key, texts))
    best = _best(joined)
    if best:
        return best[0] if len(best) == 1 else OTHER
    funds = any(w in joined for w in ("年初预算数", "全年预算数", "年度资金总额"))
    if funds and any(w in joined for w in ("三级指标", "分值")):
        return NATIONAL
    return OTHER
