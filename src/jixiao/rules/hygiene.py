"""P: text hygiene a careful clerk fixes before the form is filed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..config import Settings
from ..model import Form
from . import Hit, rule

_REPEAT = re.compile(r"([。，、；：！？,;!?])\1+")
_DOUBLED = tuple((c, c * 2) for c in "。，、；：！？,;!?")
"""Each mark with its doubling: a one-character ``in`` is far cheaper than a two-character one."""
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
        lefts, rights = _positions(text, left), _positions(text, right)
        # Counting +1 at each left and -1 at each right in text order, the depth first goes below 0
        # at the k-th right whose k-th left is missing or comes later; else it ends at the surplus.
        if len(rights) > len(lefts) or any(lo > ro for lo, ro in zip(lefts, rights)):
            problems.append(f"「{right}」出现在「{left}」之前（引号或括号方向反了）")
        elif len(lefts) > len(rights):
            problems.append(f"「{left}」没有配对的「{right}」")
    return problems


def _doubled(text: str) -> bool:
    """Whether some mark of _REPEAT occurs twice in a row (every _REPEAT match has one)."""
    for mark, twice in _DOUBLED:
        if mark in text and twice in text:
            return True
    return False


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


_SUSPECT = re.compile(r"[。，、；：！？,;!?“”‘’（）《》 \u3000.]"
                      r"(?:(?<=([。，、；：！？,;!?]))\1|(?<=[“”‘’（）《》])|(?<=\d[ \u3000.,]))")
"""Whether a text may have a problem: a doubled mark, a quote or bracket, a space or separator
after a digit. It opens with one class of plain characters so the regex engine skips ahead to
candidates with one table look-up per character (a class holding \\d would cost a Unicode
category test at every character), and tries the three branches only there."""


def hygiene_problems(text: str) -> list[str]:
    if not _SUSPECT.search(text):
        return []
    return _problems(text)


def _problems(text: str) -> list[str]:
    """``hygiene_problems`` of a text already known to have a _SUSPECT match."""
    problems = [f"重复标点「{m.group(0)}」" for m in _REPEAT.finditer(text)] if _doubled(text) else []
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
    texts = [goal.planned, goal.achieved, *[i.name for i in rows], *[i.deviation for i in rows]]
    # One _SUSPECT scan over all texts joined by NUL says which texts can have a problem: every
    # match is one or two characters (lookbehinds see only the matched character) and NUL is in
    # none of its classes, so a match of the joined text lies within one text and is a match of
    # that text, and each text's matches are matches of the joined text.
    joined = "\0".join(texts)
    if "\r" in joined or "\n" in joined:
        # Narrative texts keep their PDF line breaks: join lines without inventing spaces.
        texts = [t.replace("\r", "").replace("\n", "") for t in texts]
        joined = "\0".join(texts)
    first = _SUSPECT.search(joined)
    if first is None:
        return
    suspects = _suspect_texts(texts, joined, first.start())
    n = len(rows)
    for k in suspects:
        problems = _problems(texts[k])
        if not problems:
            continue
        if k < 2:
            where, field, ind = ("预期目标", "goal.planned", None) if k == 0 else ("实际完成情况", "goal.achieved", None)
        elif k < 2 + n:
            where, field, ind = "三级指标", "name", rows[k - 2]
        else:
            where, field, ind = "偏差原因", "deviation", rows[k - 2 - n]
        yield Hit(f"{where}：{'；'.join(problems)}", indicator=ind, field=field, evidence={"problems": problems})


def _suspect_texts(texts: list[str], joined: str, start: int) -> list[int]:
    """Indexes of the texts with a _SUSPECT match, in order, given the first match of ``joined``."""
    found: list[int] = []
    end = -1  # offset in ``joined`` of the NUL after text k
    k = -1
    while start >= 0:
        while end < start:  # the text the match lies in
            k += 1
            end += len(texts[k]) + 1
        found.append(k)
        if k + 1 == len(texts):
            break
        m = _SUSPECT.search(joined, end + 1)
        start = m.start() if m else -1
    return found
