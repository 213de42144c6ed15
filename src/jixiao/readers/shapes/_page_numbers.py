"""Page numbers a document site prints into a PDF's flattened text, and joining across them.

Some sites publish a PDF as its text with each page flattened onto one long line, the page's
number and "、" opening the line ("1、…", "2、…"). The page break falls anywhere, even inside a
word or a number ("…201" / "2、7 年 1 月" is "2017 年 1 月"), so the pages are one line again
once their numbers are dropped.
"""

from __future__ import annotations

import re

__all__ = ["join_page_numbered"]

PAGE_LINE = 200
"""A flattened page is a long line: a shorter one before a numbered line is a list item's line."""

_PAGE = re.compile(r"^\s*(\d{1,3})、")
_OPERATORS = "=＝≥≤≧≦<>＜＞"


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _joined(before: str, after: str) -> str:
    """Two pieces of one line split at a page break: tight inside a number ("201" + "7"), after
    an operator ("=" + "98%") or inside Chinese text; a space where one cell ends ("95%" + "4")."""
    before, after = before.rstrip(), after.lstrip()
    if not before or not after:
        return before + after
    a, b = before[-1], after[0]
    tight = (a.isdigit() and b.isdigit()) or a in _OPERATORS or (_is_cjk(a) and _is_cjk(b))
    return before + ("" if tight else " ") + after


def join_page_numbered(lines: list[str]) -> list[str]:
    """``lines`` with each run of page-numbered flattened pages ("1、…", "2、…", each page but
    the last at least ``PAGE_LINE`` long, numbers counting up from 1) joined into one line, page
    numbers dropped, at the run's first line (the run's other lines left empty, so every line
    keeps its index); other lines as they were (a "1、" line not followed by page 2 is a list
    item)."""
    out: list[str] = []
    k = 0
    while k < len(lines):
        m = _PAGE.match(lines[k])
        run = k + 1
        if m and m.group(1) == "1":
            while (
                run < len(lines)
                and len(lines[run - 1]) >= PAGE_LINE
                and (n := _PAGE.match(lines[run])) is not None
                and int(n.group(1)) == run - k + 1
            ):
                run += 1
        if run == k + 1:
            out.append(lines[k])
            k += 1
            continue
        text = ""
        for line in lines[k:run]:
            piece = line[_PAGE.match(line).end() :]  # type: ignore[union-attr]
            text = _joined(text, piece) if text else piece
        out.append(text)
        out.extend("" for _ in range(run - k - 1))  # each line keeps its index, so its number
        k = run
    return out
