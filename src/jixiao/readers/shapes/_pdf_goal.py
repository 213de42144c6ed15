"""年度总体目标 in PDF text: two side-by-side columns that the extractor emits one after the other.

Per page the extractor gives the 预期目标 column's lines, then the 实际完成情况 column's lines; a
page break can cut either column mid-sentence, and its rest follows on the next page. So:

1. Split the region into blocks: at a page break (a gap of two or more blank lines), and after a
   paragraph end (a line ending a sentence that is visibly shorter than the column is wide).
2. The achieved paragraph starts at the first line that opens a 实际完成情况 narrative
   ("预算执行率…", "本项目…", "截至 2024年…"); everything before it is planned.
3. Once both columns have text, a block continues the column that was cut mid-sentence; if both
   were cut, the planned column gets the lines up to its first sentence end and the achieved
   column the rest; if neither was, a block after a page break is a new planned paragraph and a
   block after a paragraph end stays in its column.
4. With no opener anywhere, the achieved text is what follows the first paragraph end; with no
   paragraph end either, all of it stays planned (and the achieved cell is empty).
"""

from __future__ import annotations

from ._pdf_text_words import ACHIEVED_OPENER
from ._text_join import display_width, join_wrapped

__all__ = ["split_goal", "split_goal_lines", "SENTENCE_END"]

SENTENCE_END = frozenset("。！？!?；;")
_LABELS = frozenset(
    {
        "年度",
        "总体",
        "目标",
        "年度总体",
        "总体目标",
        "年度总体目标",
        "预期目标",
        "实际完成情况",
        "预期目标 实际完成情况",
    }
)


def _blocks(lines: list[tuple[int, str]]) -> list[tuple[str, list[str]]]:
    """Blocks of text lines (line number, text; blank lines left out), each with the kind of
    boundary before it ("page" or "para")."""
    widths = {s: display_width(s) for _, s in lines if s not in _LABELS}
    limit = 0.8 * max(widths.values(), default=0)
    kinds = ["page"]
    block: list[str] = []
    blocks = [block]
    blank = 0  # blank lines since the last text line
    previous = lines[0][0] - 1 if lines else 0
    for number, s in lines:
        blank += number - previous - 1
        previous = number
        if s in _LABELS:
            continue
        if blank >= 2:
            if block:
                block = []
                blocks.append(block)
                kinds.append("page")
            else:
                kinds[-1] = "page"
        blank = 0
        block.append(s)
        if s[-1] in SENTENCE_END and widths[s] < limit:
            block = []
            blocks.append(block)
            kinds.append("para")
    return [(kind, block) for kind, block in zip(kinds, blocks) if block]


def _opener(block: list[str]) -> int | None:
    return next((j for j, s in enumerate(block) if ACHIEVED_OPENER.match(s)), None)


def _cut(text: list[str]) -> bool:
    return bool(text) and text[-1][-1] not in SENTENCE_END


def split_goal(lines: list[str]) -> tuple[str, str]:
    """(planned, achieved) from the lines below the 预期目标 / 实际完成情况 header."""
    return split_goal_lines([(n, s) for n, s in enumerate(lines) if s])


def split_goal_lines(lines: list[tuple[int, str]]) -> tuple[str, str]:
    """``split_goal`` of the lines with text only (line number, text): two blank lines or more
    between two of them are a page break."""
    planned: list[str] = []
    achieved: list[str] = []
    column = planned  # the column the last block went to
    first_paragraph_end: int | None = None
    for n, (kind, block) in enumerate(_blocks(lines)):
        if not achieved:
            k = _opener(block)
            if k is None:
                if kind == "para" and n > 0 and first_paragraph_end is None:
                    first_paragraph_end = len(planned)
                planned.extend(block)
            else:
                planned.extend(block[:k])
                achieved.extend(block[k:])
                column = achieved
            continue
        planned_cut, achieved_cut = _cut(planned), _cut(achieved)
        if planned_cut and achieved_cut:
            k = next((j + 1 for j, s in enumerate(block) if s[-1] in SENTENCE_END), len(block))
            planned.extend(block[:k])
            achieved.extend(block[k:])
            column = achieved if k < len(block) else planned
            continue
        if planned_cut:
            column = planned
        elif achieved_cut:
            column = achieved
        elif kind == "page":
            column = planned
        column.extend(block)
    if not achieved and first_paragraph_end is not None:
        planned, achieved = planned[:first_paragraph_end], planned[first_paragraph_end:]
    return join_wrapped(planned), join_wrapped(achieved)
