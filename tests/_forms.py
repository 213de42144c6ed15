"""Builders for forms in tests: short to write, close to how a form prints.

``ind("覆盖面", "≥16.00(个)", "16.00(个)", 10, 10)`` reads like the printed row; values go
through the project's one value grammar. ``seed_forms()`` is the bundled Shanghai example, the
one seed of every test (``fixtures.seed``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fixtures.seed import SEED_FILE, seed_forms

from jixiao.model import Form, Funds, FundsRow, Goal, Indicator, Source
from jixiao.values import parse_value

__all__ = ["ind", "funds", "form", "seed_forms", "SEED_FILE", "hits", "with_ind"]

def number(x: float | None) -> float | None:
    """A number as readers give it, a ``float``: a test may write 25 for 25.0."""
    return None if x is None else float(x)


def ind(name: str, target: str, actual: str, weight: float | None = 10.0, score: float | None = 10.0,
        *, level1: str = "产出指标", level2: str = "数量指标", deviation: str = "", line: int | None = None) -> Indicator:
    return Indicator(level1=level1, level2=level2, name=name, target=parse_value(target), actual=parse_value(actual),
                     weight=number(weight), score=number(score), deviation=deviation, line=line)


def funds(budget: float | None = 100.0, executed: float | None = 100.0, *, initial: float | None = None,
          rate: float | None = None, weight: float | None = 10.0, score: float | None = None,
          subs: bool = True, unit: str = "万元") -> Funds:
    """A funds table whose 其中 rows are consistent unless told otherwise."""
    budget, executed, rate, weight, score = number(budget), number(executed), number(rate), number(weight), number(score)
    initial = budget if initial is None else float(initial)
    if rate is None and budget and executed is not None:
        rate = round(executed / budget * 100, 2)
    if score is None and rate is not None and weight is not None:
        score = round(min(rate / 100, 1) * weight, 2)
    total = FundsRow(initial=initial, budget=budget, executed=executed, rate=rate, score=score)
    if not subs:
        return Funds(unit=unit, weight=weight, total=total)
    return Funds(unit=unit, weight=weight, total=total,
                 appropriation=FundsRow(initial=initial, budget=budget, executed=executed,
                                        rate=round(executed / budget * 100, 2) if budget and executed is not None else None),
                 carryover=FundsRow(initial=0.0, budget=0.0, executed=0.0, rate=0.0),
                 other=FundsRow(initial=0.0, budget=0.0, executed=0.0, rate=0.0))


def _standard_indicators() -> list[Indicator]:
    """A well-filled 90-point indicator table: every rule stays quiet on it."""
    return [
        ind("培训场次", "≥10(场)", "12(场)", 25, 25, line=20),
        ind("培训人数", "≥500(人)", "520(人)", 25, 25, line=21),
        ind("社会知晓度提升情况", "≥80(%)", "85(%)", 30, 30, level1="效益指标", level2="社会效益指标", line=22),
        ind("成本控制率", "≤100(%)", "98(%)", 0, 0, level1="成本指标", level2="经济成本指标", line=23),
        ind("参训人员满意度", "≥90(%)", "93(%)", 10, 10, level1="满意度指标", level2="服务对象满意度指标", line=24),
    ]


def form(*indicators: Indicator, project: str = "测试项目", funds_: Funds | None = None, planned: str | None = None,
         achieved: str | None = None, total_score: float | None | str = "auto", grade: str | None | str = "auto",
         year: int = 2024, **kw: Any) -> Form:
    """A consistent form; pass indicators to replace the standard table, keyword args to break it."""
    inds = list(indicators) if indicators else _standard_indicators()
    f = funds_ or funds()
    if total_score == "auto":
        parts = [f.total.score, *(i.score for i in inds)]
        total_score = round(sum(p for p in parts if p is not None), 2)
    if grade == "auto":
        from jixiao.rules.score import grade_of

        grade = grade_of(total_score) if isinstance(total_score, float) else None  # type: ignore[arg-type]
    if planned is None:
        planned = "全年开展培训不少于10场，培训500人，提升社会知晓度，参训人员满意度达到90%以上。"
    if achieved is None:
        achieved = ("截至2024年12月31日，预算执行率100%，开展培训12场，培训人数520人，社会知晓度85%，"
                    "成本控制率98%，参训人员满意度93%（问卷调查）。")
    return Form(project=project, year=year, funds=f, goal=Goal(planned=planned, achieved=achieved),
                indicators=inds, total_weight=number(kw.pop("total_weight", 100.0)), total_score=number(total_score),  # type: ignore[arg-type]
                grade=grade, source=Source(file=kw.pop("file", "test.txt"), start_line=1), **kw)


def hits(code: str, f: Form, **settings: Any) -> list:
    """Findings of one rule on one form (other rules deselected), with optional settings; a rule
    that reads the forms of a file together (N004, X001) sees this one form as its file."""
    from jixiao.check import check_forms
    from jixiao.config import Settings

    return check_forms([f], Settings(select=[code], **settings))


def with_ind(base: Form, index: int, **changes: Any) -> Form:
    """``base`` with indicator ``index`` changed (values given as printed text are parsed)."""
    inds = list(base.indicators)
    data = {k: parse_value(v) if k in ("target", "actual") else v for k, v in changes.items()}
    inds[index] = replace(inds[index], **data)
    return replace(base, indicators=inds)
