"""A form being read: its sections' column maps, what was seen, and how it is finished."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Area, Form, FundsRow, Indicator, Source
from ..grid import Cell, Grid, clean_text
from ..reading import attach_reading, indicator_problem
from ..templates import OTHER, Template, best_templates, detect_template
from ._columns import Columns

__all__ = ["Draft", "finish", "cut_after_title", "FILE_SHAPES"]

FILE_SHAPES = frozenset({None, "xlsx", "docx", "pdf"})
"""Grids whose cells sit where they were printed; the others come from text shapes."""


@dataclass
class Draft:
    """A form being read, with the column maps of the sections seen so far."""

    form: Form
    cells: list[Cell] = field(default_factory=list)
    funds: Columns | None = None
    goal: Columns | None = None
    ind: Columns | None = None
    pending: Columns | None = None
    """An indicator header row without 三级指标 (年度指标值 over sub-columns): merged with the next."""
    fresh: bool = False
    """The indicator header was the last row read: a sub-header may follow."""
    planned: list[str] = field(default_factory=list)
    achieved: list[str] = field(default_factory=list)
    mode: str | None = None
    inline: list[str | None] = field(default_factory=list)
    """The amounts of a labelled funds row in print order (``_inline``), for its sub-rows below."""
    header_texts: list[str] = field(default_factory=list)
    template: Template = OTHER
    detected_from: int = -1
    """How many header texts ``template`` was detected from: more seen, it is detected again."""
    funds_points: float | None = None
    level1: str = ""
    level1_inferred: bool = False
    """The 一级 was not printed but read from the 二级 under it."""
    level2: str = ""
    pending_points: float | None = None
    last_row: int = -1
    """The grid's last row: a text cut short may stop inside it."""
    cut_in_row: bool = False
    """The last row was an indicator row with fewer cells than it should hold, read in order."""
    last_row_cut: bool = False
    """The last indicator row read had its name cell only: where a text cut short may end."""
    lone_points: list[tuple[Indicator, int]] = field(default_factory=list)
    """Text rows that showed one number under 分值 and 得分, read as the weight, each with the
    index of the warning that says so (``_settle``)."""
    by_kind: bool = False
    """The indicator row being read had its cells matched to columns by their kinds, some
    columns skipped, not in the header's order."""
    by_kind_rows: list[Indicator] = field(default_factory=list)
    """The text indicator rows read so (``_settle``)."""
    closed: bool = False
    """A closing row (总分, 评分等级, 评价结论…) was read: the form did not stop short."""
    seen: set[str] = field(default_factory=set)
    weak: set[str] = field(default_factory=set)
    """Header items read from a label that stands for them only until their own is printed."""
    problems: list[tuple[Area, str]] = field(default_factory=list)

    @property
    def has_body(self) -> bool:
        return self.funds is not None or self.ind is not None or bool(self.form.indicators)

    @property
    def has_content(self) -> bool:
        return self.has_body or self.form.project is not None

    def note_header(self, cells: list[Cell]) -> None:
        """Keep the texts of a header or label row: the words the form's template is told by."""
        self.header_texts.extend([c.text for c in cells])

    def detect(self) -> Template:
        """The template of the header texts seen so far."""
        if self.detected_from != len(self.header_texts):
            self.template = detect_template(self.header_texts)
            self.detected_from = len(self.header_texts)
        return self.template


def cut_after_title(d: Draft, grid: Grid) -> bool:
    """The text ends a few characters into the row after ``d``'s title (a page cut right after
    its heading: "宣城市转移支付区域(项目)绩效目标自评表 / (2023年度) / 转移支"): a form cut short."""
    last = [c for c in grid.cells if c.row == d.last_row]
    fragment = len(last) == 1 and len(last[0].text.strip()) <= 8
    return bool(d.header_texts) and fragment and max((c.row for c in d.cells), default=-9) == d.last_row - 1


def finish(d: Draft, grid: Grid, *, last: bool) -> Form:
    """The form of ``d``: goal joined, source placed, warnings for what is missing, reading set."""
    form = d.form
    form.goal.planned = clean_text("\n".join(d.planned))
    form.goal.achieved = clean_text("\n".join(d.achieved))
    if form.funds.weight is None and d.funds_points is not None and d.funds is not None:
        form.funds.weight = d.funds_points
    form.source = _source(d.cells, grid)
    template = d.detect()
    truncated = (
        last
        and grid.shape not in FILE_SHAPES
        and not d.closed
        and (template.has("total") or not form.indicators or d.cut_in_row
             or (d.last_row_cut and _empty(form.indicators[-1])))
    )
    cut = form.indicators[-1] if form.indicators else None
    if truncated and d.last_row_cut and cut is not None and _empty(cut) and indicator_problem(cut) is None:
        form.indicators.pop()  # the row the cut went through: a name's first characters only
    form.warnings = grid.notes + _tie(d, template) + _missing(d, template, truncated) + form.warnings
    return attach_reading(form, template=template, shape=grid.shape, truncated=truncated, seen=d.seen, problems=d.problems)


def _tie(d: Draft, template: Template) -> list[str]:
    """A note when the header words mark two templates as much as each other."""
    tied = best_templates(d.header_texts) if template is OTHER else ()
    if len(tied) < 2:
        return []
    names = "、".join(f"「{t.description}」" for t in tied)
    return [f"表头同样像{names}，无法确定是哪一种模板，按未识别的模板读取"]


def _source(cells: list[Cell], grid: Grid) -> Source:
    """Where the form is: a form may run over pages (sheets), so it starts on its first page's
    line and ends on its last page's."""
    file = grid.file
    if grid.shape not in FILE_SHAPES:  # text: its cells are on no sheet or page, one run of lines
        lines = [c.line for c in cells if c.line is not None]
        return Source(file=file, start_line=min(lines, default=None), end_line=max(lines, default=None))
    first = next((c.sheet for c in cells if c.sheet is not None), None)
    final = first and next(c.sheet for c in reversed(cells) if c.sheet is not None)
    starts = [c.line for c in cells if c.line is not None and c.sheet == first]
    ends = starts if final == first else [c.line for c in cells if c.line is not None and c.sheet == final]
    return Source(file=file, sheet=first, start_line=min(starts, default=None), end_line=max(ends, default=None))


def _empty(ind: Indicator) -> bool:
    """A row with its name only, where a cut may have gone through: a name no longer than any
    printed one (a long run of text there is rows that could not be parted, for the check)."""
    blank = ind.target.is_blank and ind.actual.is_blank and ind.weight is None and ind.score is None
    return blank and len(ind.name) <= _CUT_NAME_MAX


_CUT_NAME_MAX = 60


_NO_AMOUNTS = FundsRow()

_HEADER_NAMES = (("project", "项目名称"), ("year", "年度"), ("department", "主管部门"), ("implementer", "实施单位"))


def _missing(d: Draft, template: Template, truncated: bool) -> list[str]:
    """Warnings for the parts the template has and the form does not show. A form cut short
    is warned like any other: what it lacks could not be read, and its reading says why."""
    form = d.form
    warnings = [f"未能读取{label}" for attr, label in _HEADER_NAMES if getattr(form, attr) in (None, "")]
    if d.funds is None or form.funds.total == _NO_AMOUNTS:
        warnings.append("未能读取项目资金的年度资金总额")
    elif template.has("funds_score") and ("weight" not in d.funds or "score" not in d.funds) and d.funds_points is None:
        warnings.append("项目资金表没有“分值”或“得分”列，执行率的分值和得分按空白处理")
    if not d.planned and template.has("goal"):
        warnings.append("未能读取年度总体目标的预期目标")
    if not d.achieved and template.has("goal"):
        warnings.append("未能读取年度总体目标的实际完成情况")
    if not form.indicators:
        warnings.append("未能读取绩效指标")
    elif d.ind is not None and (
        (template.has("weights") and "weight" not in d.ind) or (template.has("scores") and "score" not in d.ind)
    ):
        warnings.append("绩效指标表没有“分值”或“得分”列，指标的分值和得分按空白处理")
    # A table without a 得分 column prints no 总分; the 财预〔2020〕10号 annex ends at 总分, so a
    # 评分等级 is only missed when the closing rows are.
    closing = template.has("total") and form.total_score is None and (d.ind is None or "score" in d.ind)
    if closing and not any(w.startswith("总分") for w in form.warnings):
        warnings.append("未能读取总分")
    if closing and template.has("grade") and form.grade is None:
        warnings.append("未能读取评分等级")
    return warnings
