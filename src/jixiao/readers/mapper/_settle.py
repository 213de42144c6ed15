"""Checks of a text table's indicator rows against each other, once the table is read.

A text row shorter than its header was matched to columns by its cells' kinds (``_rows``); what
one row cannot tell, the table around it can: the printed 总分 says whether lone numbers are
weights or scores, and the rows whose cells stand in the header's order say which columns the
table fills. Where the table does not settle a row, the indicators are doubted.
"""

from __future__ import annotations

from ...model import Indicator
from ..grid import clean_text
from ._draft import Draft

__all__ = ["settle_rows"]

_COLUMN_WORDS = {"target": "年度指标值", "actual": "实际完成值", "weight": "分值", "score": "得分"}
_SURE_ROWS = 2
"""Rows in the header's order needed before the columns they leave empty say anything."""


def settle_rows(d: Draft) -> None:
    """Settle or doubt the indicator rows of ``d`` that their own cells could not place."""
    _lone_points(d)
    _columns_left_empty(d)


def _lone_points(d: Draft) -> None:
    """Rows that showed one number under 分值 and 得分 were read as weights (a form leaves its
    scores blank before scoring). In a table whose other rows print no weight either, the
    printed 总分 tells otherwise when the other rows' scores and 执行率's fall short of it by
    exactly those numbers: they are the rows' scores (a form whose 分值 cells are blank, the
    blank lost in whitespace columns). Where it fits both readings, or neither, the rows are
    doubted."""
    form, lone = d.form, d.lone_points
    if not lone or form.total_score is None:
        return
    singles = {id(ind) for ind, _ in lone}
    others = [i for i in form.indicators if i.parent is None and id(i) not in singles]
    if any(i.weight is not None for i in others):
        return  # the table prints weights: these rows left their scores blank
    known = sum(i.score or 0.0 for i in others)
    known += form.funds.total.score or 0.0
    as_weights = abs(known - form.total_score) <= 0.02
    as_scores = abs(known + sum(ind.weight or 0.0 for ind, _ in lone) - form.total_score) <= 0.02
    if as_weights and not as_scores:
        return
    if as_scores and not as_weights:
        for ind, warning in lone:
            ind.weight, ind.score = None, ind.weight
            form.warnings[warning] = form.warnings[warning].replace("按分值读取，未能读取得分", "按总分读作得分，未能读取分值")
        return
    d.problems.append(("indicators", f"{len(lone)} 个指标只印出一个分数，按总分 {form.total_score:g} 分不清是分值还是得分"))


def _columns_left_empty(d: Draft) -> None:
    """A row matched to columns by its cells' kinds (``| 种母猪 | 20 | 20 |`` taken for 分值 and
    得分) that fills a column every row read in the header's order leaves empty (no row prints a
    分值) is doubted: its numbers more likely belong to the columns the table does fill."""
    if not d.by_kind_rows:
        return
    guessed = {id(ind) for ind in d.by_kind_rows}
    sure = [_filled(ind) for ind in d.form.indicators if id(ind) not in guessed]
    if len(sure) < _SURE_ROWS:
        return
    used = frozenset().union(*sure)
    odd = [(ind, extra) for ind in d.by_kind_rows if (extra := _filled(ind) - used)]
    if odd:
        ind, columns = odd[0]
        words = "、".join(_COLUMN_WORDS[c] for c in sorted(columns, key=list(_COLUMN_WORDS).index))
        more = f"等 {len(odd)} 行" if len(odd) > 1 else ""
        d.problems.append(
            ("indicators", f"指标「{clean_text(ind.name)[:20]}」{more}的数字按内容对到了{words}列，而表中其余各行这一列都是空白：分不清这些数字属于哪一列")
        )


def _filled(ind: Indicator) -> frozenset[str]:
    """The value columns an indicator row fills."""
    filled = {"target": not ind.target.is_blank, "actual": not ind.actual.is_blank,
              "weight": ind.weight is not None, "score": ind.score is not None}
    return frozenset(role for role, yes in filled.items() if yes)
