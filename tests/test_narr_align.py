"""How a narrative figure finds the row it speaks of: the clause before it, the candidates ranked by
name similarity, and the value compared in the row's unit."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from jixiao.rules import _narr_align
from jixiao.rules._align import clause_before
from jixiao.values import find_quantities


@pytest.mark.parametrize(
    "text, expected",
    [
        ("预算执行率100%，截至2024年12月1日覆盖16个区", "覆盖16个区"),
        ("，本项目累计完成科普日", "科普日"),
        ("，受众人数", "受众人数"),
        ("科普活动", "科普活动"),
        ("全年累计", ""),
        ("", ""),
    ],
)
def test_clause_before_drops_the_earlier_clauses_dates_and_filler(text: str, expected: str) -> None:
    assert clause_before(text, len(text)) == expected


def test_clause_before_stops_at_the_given_offset() -> None:
    text = "活动，覆盖16个区，受众1230人"
    assert clause_before(text, text.index("16")) == "覆盖"


def _q(value: float, unit: str | None, *, approx: bool = False, upper: float | None = None) -> SimpleNamespace:
    return SimpleNamespace(value=value, unit=unit, approx=approx, op="range" if upper else None, upper=upper)


@pytest.mark.parametrize(
    "q, value, unit, same",
    [
        (_q(16, "个"), 16.0, "个", True),
        (_q(16, "个"), 17.0, "个", False),
        (_q(1.5, "万元"), 15000.0, "元", True),  # converted into the row's unit
        (_q(16, "场"), 16.0, "次", True),  # no conversion between 场 and 次: the numbers are compared
        (_q(16, None, approx=True), 16.4, None, True),  # 约16: half a unit either way
        (_q(10, "次", upper=20), 15.0, "次", True),  # a range holds the value
        (_q(16, "个"), None, "个", False),
    ],
)
def test_same_value(q: SimpleNamespace, value: float | None, unit: str | None, same: bool) -> None:
    assert _narr_align.same_value(q, value, unit) is same  # type: ignore[arg-type]


def _row(name: str, value: float, unit: str | None) -> SimpleNamespace:
    actual = SimpleNamespace(value=value, unit=unit)
    return SimpleNamespace(ind=SimpleNamespace(name=name), target=actual, actual=actual)


def _align(text: str, *rows: SimpleNamespace) -> list[tuple[str, str | None]]:
    candidates = _narr_align.prepared(list(rows), target=False)  # type: ignore[arg-type]
    form = SimpleNamespace(funds=SimpleNamespace(unit="万元", total=SimpleNamespace(rate=None, budget=None, executed=None)))
    out = []
    for q in find_quantities(text):
        a = _narr_align._align_one(form, text, q, candidates)  # type: ignore[arg-type]
        out.append((a.kind, a.indicator.name if a.indicator is not None else None))
    return out


def test_a_figure_agreeing_with_the_row_its_clause_names_is_matched() -> None:
    rows = (_row("开展配送和志愿服务数量", 95, "次"), _row("科普日主题重点活动次数", 6, "次"))
    assert _align("开展配送和志愿服务95次", *rows) == [("indicator", "开展配送和志愿服务数量")]
    assert _align("科普日主场重点活动6次", *rows) == [("indicator", "科普日主题重点活动次数")]


def test_a_differing_figure_is_a_contradiction_only_when_the_names_agree_strongly() -> None:
    rows = (_row("开展配送和志愿服务数量", 95, "次"),)
    assert _align("开展配送和志愿服务29次", *rows) == [("contradiction", "开展配送和志愿服务数量")]
    assert _align("举办讲座29次", *rows) == [("unmatched", None)]


def test_rank_puts_the_best_named_row_first_and_drops_the_weak() -> None:
    rows = _narr_align.prepared([_row("配送志愿服务数量", 2, "次"), _row("志愿服务数量", 1, "次"),  # type: ignore[list-item]
                                 _row("受众人数", 3, "人")], target=False)
    ranked = _narr_align.rank("开展志愿服务", rows, None)
    assert [(score, row.ind.name) for score, row in ranked] == [(1.0, "志愿服务数量"), (0.6, "配送志愿服务数量")]
