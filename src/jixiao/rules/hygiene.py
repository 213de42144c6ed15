"""P: text hygiene a careful clerk fixes before the form is filed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..config import Settings
from ..model import Form
from . import Hit, rule

_REPEAT = re.compile(r"([。，、；：！？,;!?])\1+")
_DOUBLED = tuple(c * 2 for c in "。，、；：！？,;!?")
_NUM_SPACE = re.compile(r"\d(?:[ \u3000]+\.?\d|\.[ \u3000]+\d|,[ \u3000]+\d{3})")
"""A digit, then a space inside the number; the shared leading digit lets the engine skip ahead."""
_PAIRS = (("“", "”"), ("‘", "’"), ("（", "）"), ("《", "》"))

# The three checks below run on the cells _SUSPECT lets through, typically a long 预期目标 in
# each form. A regex scan costs some twenty instructions per character there, while ``in`` and
# ``str.find`` skip ahead in C: each check first asks them whether its pattern can occur at all.


def _positions(text: str, mark: str) -> list[int]:
    found, i = [], text.find(mark)
    while i >= 0:
        found.append(i)
        i = text.find(mark, i + 1)
    return found


def quote_problems(text: str) -> list[str]:
    """Reversed (”…“) or unbalanced paired marks, in the order they occur."""
    problems: list[str] = []
    for left, right in _PAIRS:
        if right not in text and left not in text:
            continue
        depth = 0
        for _, step in sorted([(i, 1) for i in _positions(text, left)] + [(i, -1) for i in _positions(text, right)]):
            depth += step
            if depth < 0:
                problems.append(f"「{right}」出现在「{left}」之前（引号或括号方向反了）")
                break
        else:
            if depth > 0:
                problems.append(f"「{left}」没有配对的「{right}」")
    return problems


def _space_in_number(text: str) -> bool:
    """Whether some space follows a digit, '.' or ',' (every _NUM_SPACE match has one)."""
    for space in (" ", "\u3000"):
        i = text.find(space, 1)
        while i >= 0:
            before = text[i - 1]
            if before.isdigit() or before in ".,":  # isdigit: a superset of the regex's \d
                return True
            i = text.find(space, i + 1)
    return False


_SUSPECT = re.compile(r"[。，、；：！？,;!?“”‘’（）《》\d]"
                      r"(?:(?<=([。，、；：！？,;!?]))\1|(?<=[“”‘’（）《》])|(?<=\d)[ \u3000.,])")
"""Whether a text may have a problem: a doubled mark, a quote or bracket, a digit before a space or
separator. It opens with one character class so the regex engine skips ahead to candidates
instead of trying three branches at every position (most cells have none)."""


def hygiene_problems(text: str) -> list[str]:
    if not _SUSPECT.search(text):
        return []
    problems = ([f"重复标点「{m.group(0)}」" for m in _REPEAT.finditer(text)]
                if any(d in text for d in _DOUBLED) else [])
    problems += quote_problems(text)
    if _space_in_number(text):
        problems += [f"数字中间有空格「{m.group(0)}」" for m in _NUM_SPACE.finditer(text)]
    return problems


@rule("P001", "text-hygiene", "info", "重复标点、引号方向或配对错误、数字中间有空格", doc="""
检查：年度总体目标、偏差原因和指标名称中的重复标点（"。。""，，"）、方向反了或不配对的引号括号（”…“）、
数字中间的空格（"1 000""3. 5"）。
原因：小错会让评审怀疑整张表是否认真填写，也会干扰机器读取数字。
示例："年开展场次不少于 5场次。。"；"2024上海市”全国科普日“活动"。
修正：删去多余标点，改正引号方向，去掉数字中的空格。
""")
def p001(form: Form, settings: Settings) -> Iterator[Hit]:
    goal, rows = form.goal, form.indicators
    for where, field, text, ind in (("预期目标", "goal.planned", goal.planned, None),
                                    ("实际完成情况", "goal.achieved", goal.achieved, None),
                                    *(("三级指标", "name", i.name, i) for i in rows),
                                    *(("偏差原因", "deviation", i.deviation, i) for i in rows)):
        # Narrative texts keep their PDF line breaks: join lines without inventing spaces.
        problems = hygiene_problems(text.replace("\r", "").replace("\n", ""))
        if problems:
            yield Hit(f"{where}：{'；'.join(problems)}", indicator=ind, field=field, evidence={"problems": problems})
