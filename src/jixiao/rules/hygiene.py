"""P: text hygiene a careful clerk fixes before the form is filed."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate, count
from operator import add, gt

from ..config import Settings
from ..model import Form
from . import Hit, rule

_MARKS = "。，、；：！？,;!?"
"""Punctuation that is a mistake when doubled ("。。", "，，")."""
_DOUBLED = tuple((c, c * 2) for c in _MARKS)
"""Each mark with its doubling: a one-character ``in`` skips the marks a text lacks far more
cheaply than a two-character one."""
_NUM_SPACE = re.compile(r"\d(?:[ \u3000]+\.?\d|\.[ \u3000]+\d|,[ \u3000]+\d{3})")
"""A digit, then a space inside the number."""
_SPACE_AFTER = tuple((c, re.compile(c + r"(?<=[\d.,]" + c + ")")) for c in (" ", "\u3000"))
"""A space after a digit, '.' or ',': every _NUM_SPACE match has one (each branch puts a space
right after the digit, the '.' or the ','), so a text without it needs no further look."""
_ITEMS = re.compile(r"(\d{1,2})[.．][ \u3000]+(\d{1,2})[.．、](?!\d)")
"""Two item numbers in a row ("2. 3."), which _NUM_SPACE would read as "2. 3", a number with a space."""
_PAIRS = (("“", "”"), ("‘", "’"), ("（", "）"), ("《", "》"))

# Each check first asks a cheap question (``in``, a pattern opening with one literal character)
# whether its problem can occur at all, over all texts of a form joined at once (see
# _problems_by_text), before it looks text by text.


def _positions(text: str, mark: str) -> list[int]:
    found, find = [], text.find
    i = find(mark)
    while i >= 0:
        found.append(i)
        i = find(mark, i + 1)
    return found


def _pair_problem(lefts: list[int], rights: list[int], left: str, right: str) -> str | None:
    """The problem of one text's marks of a pair, given their offsets in text order."""
    # Counting +1 at each left and -1 at each right in text order, the depth first goes below 0
    # at the k-th right whose k-th left is missing or comes later; else it ends at the surplus.
    if len(rights) > len(lefts) or any(map(gt, lefts, rights)):  # some left after its right
        return f"「{right}」出现在「{left}」之前（引号或括号方向反了）"
    if len(lefts) > len(rights):
        return f"「{left}」没有配对的「{right}」"
    return None


def _doubled(text: str) -> bool:
    """Whether some mark of ``_MARKS`` occurs twice in a row."""
    for mark, twice in _DOUBLED:
        if mark in text and twice in text:
            return True
    return False


def _runs(text: str) -> list[tuple[int, str]]:
    """(offset, run) of each maximal run of two or more of one mark of ``_MARKS`` in ``text``, in
    text order, found from its doubling by ``str.find``. A doubling found past the end of the last
    run starts a run: the character before it is not the mark (the run would have gone on)."""
    found = []
    for mark, twice in _DOUBLED:
        i = text.find(twice) if mark in text else -1
        while i >= 0:
            j = i + 2
            while text[j:j + 1] == mark:
                j += 1
            found.append((i, text[i:j]))
            i = text.find(twice, j)
    found.sort()
    return found


def _space_in_number(text: str) -> bool:
    """Whether some space follows a digit, '.' or ',' (every _NUM_SPACE match has one)."""
    for space, after in _SPACE_AFTER:
        if space in text and after.search(text):
            return True
    return False


def hygiene_problems(text: str) -> list[str]:
    """Repeated marks, reversed or unpaired quotes and brackets, spaces inside numbers."""
    return _problems_by_text([text], text).get(0, [])


def _by_text(positions: list[int], ends: list[int]) -> dict[int, list[int]]:
    """Ascending offsets in the joined texts, grouped by the text they lie in (``ends``: the
    offset just past each text). One look-up per text concerned, not per offset."""
    out: dict[int, list[int]] = {}
    i, n = 0, len(positions)
    while i < n:
        k = bisect_left(ends, positions[i])  # an offset lies before the NUL ending its text
        j = bisect_left(positions, ends[k], i)
        out[k] = positions[i:j]
        i = j
    return out


def _ends(texts: list[str]) -> list[int]:
    """The offset of the NUL after each text in the texts joined by NUL (the last: the length)."""
    return list(map(add, accumulate(map(len, texts)), count()))


def _problems_by_text(texts: list[str], joined: str) -> dict[int, list[str]]:
    """The problems of each text that has some, by index (in no particular order), as each text
    alone would show them.

    ``joined`` is the texts joined by NUL, which occurs in no pattern: a match of the joined text
    lies within one text and is a match of that text at the same place, and the matches of each
    text are those of the joined text (no pattern looks behind a match's start, and the NUL
    before a text and the end of a text stop a pattern as the text's ends would). Each text's
    list holds repeated marks, then the pairs in _PAIRS order, then spaces in numbers.
    """
    ends: list[int] | None = None
    repeats: dict[int, list[str]] = {}
    if _doubled(joined):
        ends = _ends(texts)
        for start, run in _runs(joined):
            repeats.setdefault(bisect_left(ends, start), []).append(f"重复标点「{run}」")
    quotes: dict[int, list[str]] = {}
    first_end = len(texts[0])
    for left, right in _PAIRS:
        if right not in joined and left not in joined:
            continue
        lefts, rights = _positions(joined, left), _positions(joined, right)
        if (lefts[-1] if lefts else -1) < first_end > (rights[-1] if rights else -1):
            problem = _pair_problem(lefts, rights, left, right)  # all in the first text, as is usual
            if problem:
                quotes.setdefault(0, []).append(problem)
            continue
        if ends is None:
            ends = _ends(texts)
        by_left, by_right = _by_text(lefts, ends), _by_text(rights, ends)
        for k in sorted(by_left.keys() | by_right.keys()):
            problem = _pair_problem(by_left.get(k, []), by_right.get(k, []), left, right)
            if problem:
                quotes.setdefault(k, []).append(problem)
    spaces: dict[int, list[str]] = {}
    if _space_in_number(joined):
        ends = ends or _ends(texts)
        for m in _NUM_SPACE.finditer(joined):
            if _ITEMS.match(joined, m.start()):
                continue  # "2. 3.": empty numbered items (S007), not a number with a space
            spaces.setdefault(bisect_left(ends, m.start()), []).append(f"数字中间有空格「{m.group(0)}」")
    if not repeats and not spaces:
        return quotes
    return {k: repeats.get(k, []) + quotes.get(k, []) + spaces.get(k, []) for k in repeats.keys() | quotes.keys() | spaces.keys()}


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
    joined = "\0".join(texts)
    if "\r" in joined or "\n" in joined:
        # Narrative texts keep their PDF line breaks: join lines without inventing spaces.
        texts = [t.replace("\r", "").replace("\n", "") for t in texts]
        joined = "\0".join(texts)
    found = _problems_by_text(texts, joined)
    if not found:
        return
    n = len(rows)
    for k in sorted(found):
        problems = found[k]
        if k < 2:
            where, field, ind = ("预期目标", "goal.planned", None) if k == 0 else ("实际完成情况", "goal.achieved", None)
        elif k < 2 + n:
            where, field, ind = "三级指标", "name", rows[k - 2]
        else:
            where, field, ind = "偏差原因", "deviation", rows[k - 2 - n]
        yield Hit(f"{where}：{'；'.join(problems)}。删去多余标点、改正引号方向、去掉数字中的空格", indicator=ind, field=field, evidence={"problems": problems})
