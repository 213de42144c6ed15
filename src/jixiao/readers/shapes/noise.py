"""OCR noise in value cells, repaired only where one reading is possible.

OCR of a printed form misreads a few glyphs in numbers: ``IO`` for 10, ``工5%`` for 15%, a
letter O for a zero between digits. A repair is made only inside a cell that is otherwise a
number (with an operator, a unit or %), so words are never touched. Other known misreadings
(``2`` for ≥ before a number, ``M.8`` for 14.8) have a second plausible reading (290% may be an
over-achievement; M is not always 14) and are left for the reading check to doubt.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["repair_cell"]

_NUMBERISH = re.compile(r"^(?P<op>[≥≤><=]*)(?P<num>[0-9IlO工.,]+)(?P<unit>%|[\u4e00-\u9fff]{1,3})?$")
_SUSPECT = re.compile("[IlO工]")
_GLYPHS = str.maketrans({"I": "1", "l": "1", "O": "0", "工": "1"})


@lru_cache(maxsize=4096)
def repair_cell(text: str) -> str:
    """``text`` with misread digits restored when it is a number cell that holds a real digit or
    an operator beside them (``IO`` → ``10``, ``≥9O%`` → ``≥90%``, ``工5%`` → ``15%``)."""
    if _SUSPECT.search(text) is None:
        return text  # no glyph that OCR puts for a digit
    m = _NUMBERISH.match(text)
    if m is None:
        return text
    num = m.group("num")
    if num.isascii() and num.replace(".", "").replace(",", "").isdigit():
        return text  # nothing to repair
    has_digit = any(ch.isdigit() for ch in num)
    if not (has_digit or num in ("IO", "I0", "lO", "l0")):
        return text
    if num.strip("IlO工.,") == "" and num not in ("IO", "I0", "lO", "l0"):
        return text  # letters only ("OI"): a word, not a number
    if "工" in num and not (num.startswith("工") and num[1:2].isdigit()):
        return text  # 工 is read as 1 only in front of digits
    return m.group("op") + num.translate(_GLYPHS) + (m.group("unit") or "")
