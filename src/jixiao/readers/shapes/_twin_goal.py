"""The two columns of a goal whose lines came out interleaved, when they hold the same text.

A spreadsheet or PDF copy may give the 年度总体目标's two columns line by line in turn (a planned
line, an achieved line, …), each column wrapped at its own width. Where the achieved column is a
copy of the planned one, the lines can be dealt back: in order, to the two columns, so that one
column's text always begins the other's. Where more than one dealing does so, the columns' widths
choose (a column's full lines are as wide as each other, and none is wider); where they cannot,
the goal is left unread.
"""

from __future__ import annotations

from ._pdf_goal import SENTENCE_END
from ._text_join import display_width

__all__ = ["twin_columns"]

_MAX_PATHS = 64
"""More dealings than this still open: the text repeats too much to tell them apart."""


def twin_columns(pieces: list[str]) -> tuple[str, str] | None:
    """The planned and achieved texts of a goal whose two columns' lines came out interleaved and
    hold the same text (one may stop short of the other, where the page was cut); ``None`` when
    the pieces cannot be dealt so, or more than one dealing fits as well as the best.

    The pieces are dealt in order to the two columns such that at every step one column's text
    begins the other's and neither runs ahead by more than a line. Dealings that give the columns
    different texts are told apart by the columns' widths: a column's lines, other than those that
    end a paragraph, fill it (``_ragged``)."""
    if len(pieces) < 2:
        return None
    line = max(len(p) for p in pieces)
    paths: list[tuple[str, str, tuple[int, ...]]] = [(pieces[0], "", (0,))]
    for piece in pieces[1:]:
        paths = [
            (planned, achieved, sides + (side,))
            for p, a, sides in paths
            for side, (planned, achieved) in enumerate(((p + piece, a), (p, a + piece)))
            if _agree(planned, achieved) and abs(len(planned) - len(achieved)) <= line
        ]
        if not paths or len(paths) > _MAX_PATHS:
            return None
    best: dict[tuple[str, str], int] = {}
    for planned, achieved, sides in paths:
        if min(len(planned), len(achieved)) * 2 >= max(len(planned), len(achieved)):
            texts, misfits = (planned, achieved), _ragged(pieces, sides)
            best[texts] = min(best.get(texts, misfits), misfits)
    ranked = sorted(best.items(), key=lambda item: item[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _ragged(pieces: list[str], sides: tuple[int, ...]) -> int:
    """How many lines of the two columns do not fit their column's width: lines short of it by
    more than two characters (not counting a column's last line and lines that end a sentence)
    and lines wider than it by as much (which no column holds)."""
    misfits = 0
    for column in (0, 1):
        lines = [p for p, side in zip(pieces, sides) if side == column]
        widths = [display_width(p) for p in lines[:-1] if p[-1] not in SENTENCE_END]
        if widths:
            full = max(widths)
            misfits += sum(full - w > 4 for w in widths)
            misfits += sum(display_width(p) - full > 4 for p in lines)
    return misfits


def _agree(planned: str, achieved: str) -> bool:
    """Whether one text begins the other."""
    return planned.startswith(achieved) if len(planned) >= len(achieved) else achieved.startswith(planned)
