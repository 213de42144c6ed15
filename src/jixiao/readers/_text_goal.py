"""年度总体目标 from PDF text: two side-by-side columns that the extractor emits one after the other.

Per page the extractor gives the 预期目标 column's lines, then the 实际完成情况 column's lines; a
page break (a gap of two or more blank lines) can cut either column mid-sentence, and its rest
follows on the next page. So:

1. Split the region into page blocks at gaps of >= 2 blank lines.
2. In the first block the achieved paragraph starts at the first line that opens a 实际完成情况
   narrative ("预算执行率…", "本项目…", "截至 2024年…"); failing that, after the first line that
   ends a sentence and is visibly shorter than the column is wide (the planned paragraph ended).
3. A later block continues the column that was cut mid-sentence (its text does not end with
   "。" or the like); if both were cut, the planned column gets the lines up to its first sentence
   end and the achieved column the rest; if neither was, the block is a new planned paragraph
   unless it opens the achieved narrative while that is still empty.
"""

from __future__ import annotations

from ._text_common import ACHIEVED_OPENER, SENTENCE_END, display_width, join_wrapped

__all__ = ["split_goal"]

_LABELS = frozenset(
    {"年度", "总体", "目标", "年度总体", "总体目标", "年度总体目标", "预期目标", "实际完成情况", "预期目标 实际完成情况"}
)


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    blank = 0
    for s in lines:
        if not s:
            blank += 1
            continue
        if blank >= 2 and blocks[-1]:
            blocks.append([])
        blank = 0
        if s not in _LABELS:
            blocks[-1].append(s)
    return [b for b in blocks if b]


def _cut(text: list[str]) -> bool:
    return bool(text) and text[-1][-1] not in SENTENCE_END


def _switch(block: list[str]) -> int | None:
    for k, s in enumerate(block):
        if ACHIEVED_OPENER.match(s):
            return k
    widest = max(display_width(s) for s in block)
    for k in range(1, len(block)):
        prev = block[k - 1]
        if prev[-1] in SENTENCE_END and display_width(prev) < 0.8 * widest:
            return k
    return None


def split_goal(lines: list[str]) -> tuple[str, str, list[str]]:
    """(planned, achieved, warnings) from the cleaned lines below the 预期目标/实际完成情况 header."""
    blocks = _blocks(lines)
    planned: list[str] = []
    achieved: list[str] = []
    warnings: list[str] = []
    for n, block in enumerate(blocks):
        if n == 0 or not achieved:
            k = _switch(block) if not achieved else None
            if k is None:
                planned.extend(block)
            else:
                planned.extend(block[:k])
                achieved.extend(block[k:])
            continue
        planned_cut, achieved_cut = _cut(planned), _cut(achieved)
        if planned_cut and achieved_cut:
            k = next((j + 1 for j, s in enumerate(block) if s[-1] in SENTENCE_END), len(block))
            planned.extend(block[:k])
            achieved.extend(block[k:])
        elif achieved_cut:
            achieved.extend(block)
        else:
            planned.extend(block)
    if planned and not achieved:
        warnings.append("未能区分年度总体目标的预期目标与实际完成情况（全部视为预期目标）")
    return join_wrapped(planned), join_wrapped(achieved), warnings
