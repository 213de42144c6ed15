"""N rules: the narrative read against the table, and the alignment that makes it possible."""

from __future__ import annotations

import pytest
from _forms import form, funds, hits, ind, seed_forms
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.check import check_forms
from jixiao.config import Settings
from jixiao.rules._align import clause_before, pairs_of, similarity
from jixiao.rules.narrative import align_achieved

SEED = seed_forms()
DELIVERY = SEED[4]   # 科普资源配送
CAFE = SEED[1]       # 科技会客厅-科学咖啡馆
BIG = SEED[3]        # 大型科普活动

ROWS = [
    ind("开展配送和志愿服务数量", "≥80(次)", "95.00(次)", 25, 25, line=10),
    ind("活动受众人数", "≥5000.00(人)", "6500.00(人)", 25, 25, line=11),
    ind("覆盖面", "≥16.00(个)", "16.00(个)", 30, 30, level1="效益指标", level2="社会效益指标", line=12),
    ind("受众群体满意度", "≥90.00(%)", "93.00(%)", 10, 10, level1="满意度指标", level2="服务对象满意度指标", line=13),
]


def narrated(achieved: str, rows=ROWS, **kw):  # type: ignore[no-untyped-def]
    return form(*rows, achieved=achieved, **kw)


@pytest.mark.parametrize(
    ("context", "name", "at_least"),
    [
        ("开展配送和志愿服务数量", "开展配送和志愿服务数量", 1.0),
        ("基层科普服务项目覆盖", "覆盖面", 0.5),
        ("科普日主题重点活动举办", "科普日主场重点活动", 0.75),
        ("建设科技小院", "建设科技小院完成数", 1.0),
        ("媒体报告", "媒体报告影响力提升情况", 1.0),
    ],
)
def test_similarity_matches_paraphrases(context: str, name: str, at_least: float) -> None:
    assert similarity(context, name) >= at_least


def _string_bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


_TEXT = st.text(alphabet=st.sampled_from(list("科普活动服务数量次人，。（ab\n\x00") + ["\ud800", "\U0001f600"]), max_size=12)


@given(_TEXT, _TEXT)
def test_integer_bigrams_count_like_string_bigrams(a: str, b: str) -> None:
    # Sizes and overlaps are all the N rules read, so the integer coding must keep both.
    assert len(pairs_of(a)) == len(_string_bigrams(a))
    assert len(pairs_of(a) & pairs_of(b)) == len(_string_bigrams(a) & _string_bigrams(b))


@given(_TEXT, _TEXT)
def test_similarity_is_the_share_of_core_bigrams(context: str, name: str) -> None:
    from jixiao.rules._align import name_core
    from jixiao.rules._common import compact

    def grams(t: str) -> set[str]:
        return {t} if len(t) == 1 else _string_bigrams(t)

    core, ctx = grams(name_core(name)), grams(compact(context))
    assert similarity(context, name) == (len(core & ctx) / len(core) if core else 0.0)


@pytest.mark.parametrize(
    ("text", "start", "clause"),
    [
        ("预算执行率100%，截至2024年12月31日，覆盖16个区", 26, "覆盖"),
        ("本项目完成配送95次", 7, "配送"),
        ("截至2024年12月31日开展5场", 15, "开展"),
        ("受众人数3000人次", 4, "受众人数"),
        ("", 0, ""),
        ("一，二", 3, "二"),
    ],
)
def test_clause_before(text: str, start: int, clause: str) -> None:
    assert clause_before(text, start) == clause


def test_similarity_keeps_unrelated_rows_apart() -> None:
    assert similarity("项目质量达标率", "及时率") < 0.5
    assert similarity("微信公众号推送", "媒体报告影响力提升情况") < 0.5


def test_alignment_of_the_seed_delivery_form() -> None:
    aligned = {(a.q.value, a.q.unit): a for a in align_achieved(DELIVERY)}
    assert aligned[(95.0, "次")].indicator.name == "开展配送和志愿服务数量"
    assert aligned[(8.0, "个")].indicator.name == "建设科技小院完成数"
    assert aligned[(29.0, "次")].indicator.name == "下乡服务完成次数"
    assert aligned[(100.0, "%")].kind in ("funds-rate", "indicator")
    assert all(a.kind in ("indicator", "funds-rate") for a in aligned.values())


@pytest.mark.parametrize(
    ("achieved", "expected"),
    [
        ("开展配送和志愿服务数量 95次，活动受众人数 6500人。", 0),
        ("开展配送和志愿服务数量 90次，活动受众人数 6500人。", 1),   # 90 vs 95 in the table
        ("预算执行率 100%，覆盖 16个区。", 0),
        ("预算执行率 85%，覆盖 16个区。", 1),                        # funds table says 100%
        ("共培训 37期。", 0),                                          # matches nothing: N007, not N001
    ],
)
def test_n001_numbers_contradicting_the_table(achieved: str, expected: int) -> None:
    found = hits("N001", narrated(achieved))
    assert len(found) == expected, [f.message for f in found]
    assert all(f.severity == "error" for f in found)


def test_n001_message_quotes_both_numbers() -> None:
    (f,) = hits("N001", narrated("开展配送和志愿服务数量 90次。"))
    assert "90次" in f.message and "95次" in f.message and f.indicator == "开展配送和志愿服务数量"


@pytest.mark.parametrize(
    ("achieved", "severities"),
    [
        ("活动受众人数 6500人次。", ["warning"]),      # 人次 vs 人: different things
        ("活动受众人数 6500人。", []),
        ("开展配送和志愿服务数量 95场。", ["info"]),    # 场 vs 次: wording
        ("覆盖 16个区。", []),                         # 个 = 个; 区 is the noun counted
    ],
)
def test_n002_units(achieved: str, severities: list[str]) -> None:
    assert [f.severity for f in hits("N002", narrated(achieved))] == severities


def test_n002_on_the_seed() -> None:
    found = hits("N002", CAFE)
    warnings = [f for f in found if f.severity == "warning"]
    assert [f.indicator for f in warnings] == ["受众人数"]
    assert "3000人次" in warnings[0].message


@pytest.mark.parametrize(
    ("achieved", "rows", "expected"),
    [
        ("成本节约，开展配送95次。", [ind("成本节约率", "≥0(%)", "0(%)", level1="成本指标")], 1),
        ("成本节约，开展配送95次。", [ind("成本节约率", "≥0(%)", "5(%)", level1="成本指标")], 0),
        ("各项任务全面完成。", [ind("培训场次", "≥10(场)", "8(场)", 10, 8, deviation="x")], 1),
        ("各项任务全面完成。", [ind("培训场次", "≥10(场)", "12(场)")], 0),
        ("基层科普服务能力有效提升。",
         [ind("基层科普服务能力提升情况", "有效提升", "部分达成指标并具有一定效果", 10, 7)], 1),
        ("基层科普服务能力有效提升。", [ind("基层科普服务能力提升情况", "有效提升", "达成指标")], 0),
    ],
)
def test_n003_claims_without_numbers(achieved: str, rows: list, expected: int) -> None:
    assert len(hits("N003", narrated(achieved, rows))) == expected


def test_n003_cost_claim_on_the_seed() -> None:
    assert [f.indicator for f in hits("N003", CAFE)] == ["成本节约率"]
    assert [f.indicator for f in hits("N003", DELIVERY)] == ["成本节约率"]
    assert hits("N003", BIG) == []   # 成本节约率 0% but no claim of savings


@pytest.mark.parametrize(
    ("planned", "expected"),
    [
        ("全年计划开展配送和志愿服务不少于 80次。", 0),
        ("全年计划开展配送和志愿服务不少于 90次。", 1),     # the target says 80
        ("全年计划开展讲座不少于 12场次。", 1),              # no indicator at all
        ("提升基层科普服务能力。", 0),
    ],
)
def test_n004_promises(planned: str, expected: int) -> None:
    assert len(hits("N004", narrated("开展配送和志愿服务数量 95次。", planned=planned))) == expected


@pytest.mark.parametrize(
    ("planned", "achieved", "expected"),
    [
        ("开展培训不少于10场。", "开展培训12场，培训520人。", 0),
        ("", "开展培训12场。", 1),
        ("开展培训不少于10场。", "", 1),
        ("开展培训不少于10场，提升能力。", "开展培训不少于10场，提升能力。", 1),
        # a part of 预期目标 renumbered: item numbers and punctuation do not count
        ("目标1：开展培训不少于10场。目标2：发挥文物的宣传教育价值。", "2.发挥文物的宣传教育价值", 1),
    ],
)
def test_n005_empty_or_copied(planned: str, achieved: str, expected: int) -> None:
    assert len(hits("N005", form(planned=planned, achieved=achieved))) == expected


@pytest.mark.parametrize(
    ("executed", "achieved", "expected"),
    [
        (45, "各项任务全面完成。", 1),
        (45, "开展培训12场。", 1),         # every output indicator scored full
        (95, "各项任务全面完成。", 0),
    ],
)
def test_n006_low_execution_but_everything_done(executed: float, achieved: str, expected: int) -> None:
    f = form(funds_=funds(100, executed), achieved=achieved)
    assert len(hits("N006", f)) == expected


def test_n007_reports_unmatched_figures_and_silent_indicators() -> None:
    found = hits("N007", narrated("开展配送和志愿服务数量 95次，活动受众人数 6500人，覆盖 16个区，另建成 3个站点。"))
    messages = [f.message for f in found]
    assert any("3个" in m for m in messages)
    assert any("受众群体满意度" in m and "没有提及" in m for m in messages)
    assert all(f.severity == "info" for f in found)


def test_n007_takes_item_numbers_for_numbering_not_figures() -> None:
    # r025, r043: "目标1:…目标2:…" numbers the goals; only the 3个 is a figure the table lacks
    achieved = "目标1:开展配送和志愿服务数量 95次。目标2:活动受众人数 6500人，覆盖 16个区，另建成 3个站点。"
    messages = [f.message for f in hits("N007", narrated(achieved))]
    assert any("3个" in m for m in messages)
    assert not any("目标1」" in m or "目标2」" in m for m in messages)


def test_n007_quiet_when_everything_is_accounted_for() -> None:
    achieved = "开展配送和志愿服务数量 95次，活动受众人数 6500人，覆盖 16个区，受众群体满意度 93%。"
    assert hits("N007", narrated(achieved)) == []


@pytest.mark.parametrize(
    ("achieved", "expected"),
    [
        ("全年预算 100万元，实际支出 100万元。", 0),
        ("全年预算 100万元，实际支出 1000000元。", 0),     # 元 ↔ 万元 convert
        ("全年预算 100万元，实际支出 85万元。", 1),        # the funds table says 100 executed
    ],
)
def test_n001_money_against_the_funds_table(achieved: str, expected: int) -> None:
    found = hits("N001", form(achieved=achieved))
    assert len(found) == expected, [f.message for f in found]
    if expected:
        assert "85万元" in found[0].message and "100万元" in found[0].message


def test_n007_an_indicator_named_in_other_words_counts_as_mentioned() -> None:
    messages = [f.message for f in hits("N007", SEED[0])]
    assert messages == ["实际完成情况没有提及 「受众群体满意度」：在实际完成情况中写明这些指标的完成情况"]


def _named_in_reference(flat: str, name: str) -> bool:
    """N007's test as first written: half the core's bigrams found, or a four-character run of it."""
    from jixiao.rules._align import core_grams, similarity_in

    core = core_grams(name)[0]
    return similarity_in(flat, name) >= 0.5 or any(core[i : i + 4] in flat for i in range(len(core) - 3))


_CJK = "科普活动服务数量受众人次满意度长效管理制度健全性机制"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_CJK + "情况，。1", max_size=30), st.text(alphabet=_CJK + "情况", min_size=1, max_size=12))
def test_n007_named_in_counting_in_c_agrees_with_the_plain_test(flat: str, name: str) -> None:
    from jixiao.rules.narrative import _named_in

    assert _named_in(flat, name) == _named_in_reference(flat, name)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="成本节约省降低资金经费全面部均已圆满顺利完超额达到得获有效明显著大幅提升高改善增强，", max_size=30))
def test_n003_gates_hold_for_every_phrase_match(text: str) -> None:
    """N003 searches a phrase only when characters every match holds occur: check that they do."""
    from jixiao.rules.narrative import _ALL_DONE, _COST_CLAIM, _IMPROVED

    if _COST_CLAIM.search(text):
        assert "节" in text or "成本" in text
    if _ALL_DONE.search(text):
        assert any(c in text for c in "全均圆顺")
    if _IMPROVED.search(text):
        assert any(c in text for c in "提改增") and any(c in text for c in "有明显大")


def test_n004_leaves_an_umbrellas_copy_of_its_sub_projects_promises_to_them() -> None:
    """The example's 基层科普服务 repeats its four sub-projects' 预期目标 (不少于 5场次, 60场次, 80次);
    each is measured by an indicator of the sub-project's own form in the same file."""
    forms = seed_forms()
    assert check_forms(forms, Settings(select=["N004"])) == []
    umbrella = forms[0]
    alone = hits("N004", umbrella)  # checked on its own, the promises have no indicator
    assert [f.evidence["planned"] for f in alone] == [5, 60, 80]
