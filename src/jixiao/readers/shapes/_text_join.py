"""Joining the pieces of a cell that wrapped over several lines of text, and measuring them.

Pieces are joined with nothing between them, because the line breaks are artefacts of the
column width and Chinese has no spaces between words; spaces inside a piece ("截至 2024年 12月
31日") are kept, runs made one. The one exception is a break between two Latin letters, which
gets a space so English words stay apart.
"""

from __future__ import annotations

import re

__all__ = ["join_wrapped", "display_width", "split_cells", "squash"]

_OPERATORS = "≥≤≧≦=＝><＞＜"
_OPERATOR = re.compile(f"[{_OPERATORS}]")


def join_wrapped(pieces: list[str]) -> str:
    """The pieces of one wrapped cell as its text."""
    out = ""
    for piece in pieces:
        piece = squash(piece)
        if not piece:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and piece[0].isascii() and piece[0].isalpha():
            out += " "
        out += piece
    return out


def squash(text: str) -> str:
    """The text with whitespace runs made one space and the ends stripped."""
    if "  " not in text and text.strip() == text and text.isprintable():
        return text  # only single spaces inside: isprintable() is False for any other whitespace
    return " ".join(text.split())


def display_width(text: str) -> int:
    """Width in half-width cells (a Chinese character is two): PDF columns are fixed in it.

    A Chinese character takes three bytes in UTF-8 and an ASCII one one byte, so the mean of
    the character count and the byte count is the width."""
    return (len(text) + len(text.encode("utf-8"))) // 2


def split_cells(line: str) -> list[str]:
    """The space-separated cells of a line, "≥ 90%" (an operator printed apart) kept one cell."""
    tokens = line.split()
    if len(tokens) < 2 or _OPERATOR.search(line) is None:
        return tokens  # no operator printed apart from the cell after it
    out: list[str] = []
    for token in tokens:
        if out and not out[-1].strip(_OPERATORS):  # the cell before is operators only
            out[-1] += " " + token
        else:
            out.append(token)
    return out
