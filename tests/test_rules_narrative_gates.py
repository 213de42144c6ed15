"""N003 and N005 skip their exact test when a cheaper one proves it cannot pass: the findings must be
those of the rules as first written (the references below), form for form."""

from __future__ import annotations

from _forms import form, hits, ind
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.rules._align import STRONG, clause_before, pairs_of, shared_pairs, similarity
from jixiao.rules._common import compact
from jixiao.rules.narrative import _IMPROVED, _strip_numbering

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
def test_shared_pairs_is_the_intersection_with_the_texts_bigrams(a: str, b: str) -> None:
    assert shared_pairs(pairs_of(a), b) == pairs_of(a) & pairs_of(b)


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
    found = [f for f in hits("N005", form(planned=planned, achieved=achieved)) if "几乎相同" in f.message]
    assert bool(found) == _n005_copied_reference(compact(planned), compact(achieved))


def _n005_part_reference(planned: str, achieved: str) -> bool:
    """N005's part-of-预期目标 test as first written (after the copy test has not fired)."""
    if not (planned and achieved) or len(achieved) >= len(planned):
        return False
    bare_planned, bare_achieved = _strip_numbering(planned), _strip_numbering(achieved)
    return 8 <= len(bare_achieved) < len(bare_planned) and bare_achieved in bare_planned


@st.composite
def _renumbered_parts(draw: st.DrawFn) -> tuple[str, str]:
    """A planned text of numbered items and an achieved one that copies a stretch of it, renumbered
    or changed at one place."""
    items = draw(st.lists(st.text(alphabet=_FEW + "绩效目标完成年度", min_size=1, max_size=12), min_size=1, max_size=4))
    planned = "".join(f"目标{k + 1}：{item}。" for k, item in enumerate(items))
    i = draw(st.integers(0, len(planned)))
    j = draw(st.integers(i, len(planned)))
    return planned, draw(st.sampled_from(["", "1.", "（2）"])) + planned[i:j] + draw(st.text(alphabet="x。2", max_size=2))


@settings(max_examples=1000, deadline=None)
@given(_renumbered_parts())
def test_n005_part_test_agrees_with_the_plain_one(texts: tuple[str, str]) -> None:
    planned, achieved = texts
    if not achieved or _n005_copied_reference(compact(planned), compact(achieved)):
        return
    found = [f for f in hits("N005", form(planned=planned, achieved=achieved)) if "照抄了预期目标中的一段" in f.message]
    assert bool(found) == _n005_part_reference(compact(planned), compact(achieved))


def _n003_improved_reference(flat: str, rows: list) -> list[str]:
    """The contexts N003's "有效提升" part reports, as first written: the first best row over all rows."""
    out = []
    for m in _IMPROVED.finditer(flat):
        ctx = clause_before(flat, m.start())
        scored = [(similarity(ctx, r.ind.name), r) for r in rows]
        score, best = max(scored, key=lambda s: s[0], default=(0.0, None))
        if best is not None and score >= STRONG and best.below:
            out.append(f"{ctx}{m.group(0)}")
    return out


_NAMES = ["服务能力提升情况", "科普活动场次", "活动服务", "普活", "科普服务能力"]
_ROW = st.tuples(st.sampled_from(_NAMES), st.booleans())


# A clause: a stretch of one of the names, perhaps with a stray character, then the claim.
_CLAUSE = st.tuples(st.sampled_from(_NAMES), st.integers(0, 4), st.integers(2, 8), st.sampled_from(["", "科", "量"]),
                    st.sampled_from(["有效提升", "明显改善", "提升"]))


@settings(max_examples=500, deadline=None)
@given(st.lists(_CLAUSE, min_size=1, max_size=3), st.lists(_ROW, min_size=1, max_size=4))
def test_n003_improvement_claims_agree_with_the_plain_loop(clauses: list, spec: list) -> None:
    achieved = "，".join(name[i : i + n] + extra + claim for name, i, n, extra, claim in clauses) + "。"
    from jixiao.rules._facts import FormFacts

    rows = [ind(name, "达成指标", "部分达成指标并具有一定效果" if low else "达成指标", 10, 7 if low else 10, line=20 + k)
            for k, (name, low) in enumerate(spec)]
    f = form(*rows, achieved=achieved)
    facts = FormFacts(f)
    claims = [x.evidence["claim"] for x in hits("N003", f) if "得分" in x.message]
    assert sorted(claims) == sorted(_n003_improved_reference(facts.achieved, facts.rows))  # findings come sorted
