"""The alignment helpers' shortcuts change no answer: ``clause_before`` finds the break and the
lead words in one match, and ``_align_one`` decides a same-unit value without calling ``same_value``."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao._values_units import KNOWN_UNITS, convert
from jixiao.rules import _align, _narr_align

_PIECES = list("，,。；;：:！!？?、（）()\n截至止到本项目已共累计全年完成实现达到2024年12月1日٣覆盖区") + [
    "截至2024年12月1日", "截止到2024年1月2日", "本项目", "项目已", "累计", "全年", "科普活动", "１２"]


_CLAUSE_START = re.compile(rf"(?s:.*){_align._BREAK}")  # up to the last break, matched with endpos
_LEAD = re.compile(_align._LEAD_WORDS)


def _plain_clause_before(text: str, start: int) -> str:
    m = _CLAUSE_START.match(text, 0, start)
    clause = text[m.end() if m else 0 : start]
    lead = _LEAD.match(clause)
    return clause[lead.end() :] if lead else clause


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join))
def test_clause_before_is_the_plain_definition(text: str) -> None:
    for start in range(len(text) + 1):
        assert _align.clause_before(text, start) == _plain_clause_before(text, start)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("预算执行率100%，截至2024年12月1日覆盖16个区", "覆盖16个区"),
        ("，本项目累计完成科普日", "科普日"),
        ("，受众人数", "受众人数"),
        ("", ""),
    ],
)
def test_clause_before_examples(text: str, expected: str) -> None:
    assert _align.clause_before(text, len(text)) == expected


def _q(value: float, unit: str | None, *, approx: bool = False, op: str | None = None,
       upper: float | None = None) -> SimpleNamespace:
    return SimpleNamespace(value=value, unit=unit, approx=approx, op=op, upper=upper, start=4, noun=None)


_ROWS_UNITS = [None, "次", "场", "%", "万元", "元", "人次", "千米", "公里"]


@settings(max_examples=400, deadline=None)
@given(
    value=st.sampled_from([0.0, 1.0, 16.0, 16.4, 16.6, 100.0, 3000.0, 1e7]),
    unit=st.sampled_from([u for u in _ROWS_UNITS if u not in ("万元", "元")]),  # money goes to the funds
    approx=st.booleans(),
    ranged=st.booleans(),
    targets=st.lists(st.tuples(st.sampled_from([0.0, 1.0, 16.0, 17.0, 100.0, 3.0, 1e7 + 5]),
                               st.sampled_from(_ROWS_UNITS)), min_size=1, max_size=4),
)
def test_inlined_same_value_decides_like_same_value(value, unit, approx, ranged, targets) -> None:
    q = _q(value, unit, approx=approx, op="range" if ranged else None, upper=value + 5 if ranged else None)
    names = ["服务次数", "活动场次", "达标率", "资金", "受众人次", "里程数"]
    rows = [((names[i][:2], names[i][1:3]), 2, SimpleNamespace(name=names[i]), v, u) for i, (v, u) in enumerate(targets)]
    got = _narr_align._align_one(None, "服务活动", q, rows)  # type: ignore[arg-type]
    cands = _narr_align.rank("服务活动", rows, None)
    first = next((r for _s, r in cands if _narr_align.same_value(q, r[3], r[4])), None)
    if first is not None:
        assert (got.kind, got.indicator) == ("indicator", first[2])
    elif cands and cands[0][0] >= _align.STRONG and _narr_align.comparable(q, cands[0][1][4]):
        assert (got.kind, got.indicator, got.expected) == ("contradiction", cands[0][1][2], cands[0][1][3])
    else:
        assert (got.kind, got.indicator, got.expected) == ("unmatched", None, None)


def _plain_same_value(q: SimpleNamespace, value: float | None, unit: str | None) -> bool:
    if value is None:
        return False
    qv = q.value
    if q.unit and unit and q.unit != unit:
        conv = convert(q.value, q.unit, unit)
        if conv is not None:
            qv = conv
    tol = 0.5 if q.approx else 1e-6 * max(1.0, abs(value))
    if q.op == "range" and q.upper is not None:
        return q.value - tol <= value <= q.upper + tol
    return abs(qv - value) <= tol


_UNITS = [None, "", *KNOWN_UNITS, "人/次", "次/年", "（万元）", "平米", "KM"]
_CONVERTIBLE = [("万元", "元"), ("元", "万元"), ("亿元", "万元"), ("%", "‰"), ("公里", "米"), ("千米", "公里"),
                ("亩", "平方米"), ("吨", "公斤"), ("年", "个月"), ("天", "日"), ("㎡", "平方米")]


@settings(max_examples=1500, deadline=None)
@given(
    value=st.sampled_from([0.0, 1.0, 1.5, 12.0, 16.0, 100.0, 1000.0, 15000.0, 1e4, 1e8]),
    units=st.one_of(st.tuples(st.sampled_from(_UNITS), st.sampled_from(_UNITS)), st.sampled_from(_CONVERTIBLE)),
    target=st.sampled_from([None, 0.0, 1.0, 1.5, 12.0, 16.0, 100.0, 1e4, 1.5e4, 1e8, 0.1]),
    converted=st.booleans(),
    approx=st.booleans(),
    ranged=st.booleans(),
)
def test_same_value_asks_convertible_before_converting(value, units, target, converted, approx, ranged) -> None:
    """``same_value`` converts only units that ``convertible`` accepts, with the same answers."""
    unit, target_unit = units
    if converted and unit and target_unit:  # the value itself in the target's unit, when it converts
        target = convert(value, unit, target_unit) or target
    q = _q(value, unit, approx=approx, op="range" if ranged else None, upper=value * 2 if ranged else None)
    assert _narr_align.same_value(q, target, target_unit) == _plain_same_value(q, target, target_unit)
