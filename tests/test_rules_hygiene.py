"""P001: text hygiene."""

from __future__ import annotations

import pytest
from _forms import form, hits, ind
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.config import Settings
from jixiao.rules.hygiene import hygiene_problems, p001


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("年开展场次不少于 5场次。。", ["重复标点「。。」"]),
        ("重点做好2024上海市”全国科普日“活动", ["「”」出现在「“」之前（引号或括号方向反了）"]),
        ("“人民城市”重要理念", []),
        ("“人民城市重要理念", ["「“」没有配对的「”」"]),
        ("受众 3 000人", ["数字中间有空格「3 0」"]),
        ("覆盖 16个区，达标率 100%……", []),
        ("（科普资源库）", []),
    ],
)
def test_hygiene_problems(text: str, problems: list[str]) -> None:
    assert hygiene_problems(text) == problems


@pytest.mark.parametrize(
    ("planned", "expected"),
    [("不少于 5场次。。", 1), ("不少于 5场次。", 0)],
)
def test_p001_on_narrative(planned: str, expected: int) -> None:
    found = hits("P001", form(planned=planned))
    assert len(found) == expected
    assert all(f.severity == "info" and f.field == "goal.planned" for f in found)


def test_p001_joins_pdf_line_breaks_before_looking() -> None:
    assert hits("P001", form(planned="不少于 5场次。\n。")) != []
    assert hits("P001", form(planned="覆盖 16\n个区。")) == []


def _reference(text: str) -> list[str]:
    """hygiene_problems as first written: three plain regex scans (the fast one must agree)."""
    import re

    problems = [f"重复标点「{m.group(0)}」" for m in re.finditer(r"([。，、；：！？,;!?])\1+", text)]
    for left, right in (("“", "”"), ("‘", "’"), ("（", "）"), ("《", "》")):
        depth = 0
        for m in re.finditer(f"[{left}{right}]", text):
            depth += 1 if m.group(0) == left else -1
            if depth < 0:
                problems.append(f"「{right}」出现在「{left}」之前（引号或括号方向反了）")
                break
        else:
            if depth > 0:
                problems.append(f"「{left}」没有配对的「{right}」")
    items = re.compile(r"\d{1,2}[.．][ \u3000]+\d{1,2}[.．、](?!\d)")  # "2. 3.": empty numbered items, S007's
    problems += [f"数字中间有空格「{m.group(0)}」"
                 for m in re.finditer(r"\d[ \u3000]+\.?\d|\d\.[ \u3000]+\d|\d,[ \u3000]+\d{3}", text)
                 if not items.match(text, m.start())]
    return problems


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="。，、,;!?“”‘’（）《》0123456789０٣² \u3000.,年a", max_size=40))
def test_the_fast_checks_agree_with_plain_regex_scans(text: str) -> None:
    assert hygiene_problems(text) == _reference(text)


def _p001_reference(f) -> list[tuple[str, str, list[str]]]:  # type: ignore[no-untyped-def]
    """P001 as first written: the plain regex scans on each text in turn (the joined scan must agree)."""
    out = []
    for where, field, text in (("预期目标", "goal.planned", f.goal.planned), ("实际完成情况", "goal.achieved", f.goal.achieved),
                               *(("三级指标", "name", i.name) for i in f.indicators),
                               *(("偏差原因", "deviation", i.deviation) for i in f.indicators)):
        problems = _reference(text.replace("\r", "").replace("\n", ""))
        if problems:
            out.append((f"{where}：{'；'.join(problems)}。删去多余标点、改正引号方向、去掉数字中的空格", field, problems))
    return out


_TEXT = st.text(alphabet="。，、,;!?.“”‘’（）《》０5٣² \u3000\n\r\0年a", max_size=12)


@settings(max_examples=1500, deadline=None)
@given(planned=_TEXT, achieved=_TEXT, names=st.lists(_TEXT, min_size=1, max_size=4), devs=st.lists(_TEXT, min_size=4, max_size=4))
def test_p001_scans_all_texts_at_once_but_agrees_with_each_text_in_turn(planned: str, achieved: str, names: list[str],
                                                                       devs: list[str]) -> None:
    rows = [ind(name, "≥1(个)", "1(个)", deviation=dev) for name, dev in zip(names, devs)]
    f = form(*rows, planned=planned, achieved=achieved)
    found = [(x.message, x.field, x.evidence["problems"]) for x in p001(f, Settings())]
    assert found == _p001_reference(f)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="。，、；：！？,;!?\0年a", max_size=30))
def test_runs_of_a_mark_are_the_matches_of_the_repeat_pattern(text: str) -> None:
    import re

    from jixiao.rules.hygiene import _MARKS, _runs

    repeat = re.compile(f"([{re.escape(_MARKS)}])\\1+")  # what P001 first searched with
    assert _runs(text) == [(m.start(), m.group(0)) for m in repeat.finditer(text)]
