"""N005 skips its exact test when a cheaper one proves it cannot pass: the findings must be those of
the rule as first written (the reference below), form for form."""

from __future__ import annotations

from _forms import form, hits
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.rules._align import pairs_of
from jixiao.rules._common import compact
from jixiao.rules.narrative import _shared

_FEW = "科普活动服务有效提升，"  # few characters: copies and half-copies are frequent


def _n005_copied_reference(planned: str, achieved: str) -> bool:
    """N005's copy test as first written."""
    if not (planned and achieved and abs(len(planned) - len(achieved)) <= 0.25 * max(len(planned), len(achieved))):
        return False
    a, b = pairs_of(planned), pairs_of(achieved)
    overlap = len(a & b) / max(1, min(len(a), len(b)))
    return overlap >= 0.8 and abs(len(a) - len(b)) <= 0.25 * max(len(a), len(b))


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_FEW + "ab \ud800", max_size=16), st.text(alphabet=_FEW + "ab \ud800", max_size=16))
def test_shared_is_the_intersection_with_the_texts_bigrams(a: str, b: str) -> None:
    assert _shared(pairs_of(a), b) == pairs_of(a) & pairs_of(b)


@st.composite
def _near_copies(draw: st.DrawFn) -> tuple[str, str]:
    """A planned text and an achieved one made from it by replacing one stretch: overlaps near 80 %."""
    planned = draw(st.text(alphabet=_FEW + "绩效目标完成年度", min_size=1, max_size=30))
    i = draw(st.integers(0, len(planned)))
    j = draw(st.integers(i, len(planned)))
    return planned, planned[:i] + draw(st.text(alphabet=_FEW + "xyz", max_size=6)) + planned[j:]


@settings(max_examples=1000, deadline=None)
@given(_near_copies())
def test_n005_copy_test_agrees_with_the_plain_one(texts: tuple[str, str]) -> None:
    planned, achieved = texts
    if not achieved:
        return
    found = [f for f in hits("N005", form(planned=planned, achieved=achieved)) if "照抄" in f.message]
    assert bool(found) == _n005_copied_reference(compact(planned), compact(achieved))
