"""Pieces shared by the three text shapes: numbers, cleaning and joining lines, funds columns.

The shapes (PDF-extracted lines, one-line web copies, pipe tables) differ only in how cells are
found; what a cell means and how a wrapped paragraph is joined are decided here once (labels in
``_text_labels``, assembly into a ``Form`` in ``_text_assemble``), so all three produce the same
model for the same form.

Joining rule for wrapped text (goal paragraphs, deviation texts, wrapped names and values):
pieces are concatenated with nothing in between, because the line breaks are artefacts of the
column width and CJK text has no spaces between words; spaces *inside* a line (PDF extraction puts
one between CJK and digits: "截至 2024年 12月 31日") are kept, with runs collapsed to one. The only
exception is a break between two Latin letters, which gets a space so English words stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from math import isfinite

from ..values import cell_memo

__all__ = [
    "TITLE",
    "TITLE_LINE",
    "SENTENCE_END",
    "clean",
    "clean_lines",
    "join_wrapped",
    "join_lines",
    "display_width",
    "parse_number",
    "merge_operators",
    "split_cells_of",
    "is_value_token",
    "may_end_value_token",
    "funds_row_kind",
    "funds_columns",
    "DEFAULT_FUNDS_COLUMNS",
    "find_year",
    "find_unit",
    "ACHIEVED_OPENER",
    "ACHIEVED_START",
]

TITLE = "财政项目支出绩效自评表"
TITLE_LINE = re.compile(r"^[^\n|]{0,20}项目支出绩效自评表[^\n|]{0,20}$", re.M)
"""A title line: the national annex says 项目支出绩效自评表, units prefix 财政, a year, a unit name."""
SENTENCE_END = frozenset("。！？!?；;")
PLACEHOLDERS = frozenset({"-", "—", "–", "－", "/", "／", "*", "＊", "无", "不适用", "N/A", "n/a", "——", "--"})

_SPACES = re.compile(r"\s+")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％－", "0123456789.,%-")
_NUMBER_START = frozenset("0123456789+-０１２３４５６７８９－")
_NUMBER = re.compile(r"^[-+]?\d+(?:,\d{3})*(?:\.\d+)?%?$")
_OPERATOR_ONLY = re.compile(r"^[≥≤≧≦=＝><＞＜]+$")
_OPERATOR_START = frozenset("≥≤≧≦=＝><＞＜")
_OPERATOR_CELL = re.compile(r"[≥≤≧≦=＝><＞＜](?<![^ ][≥≤≧≦=＝><＞＜])[≥≤≧≦=＝><＞＜]*(?![^ ])")
"""A space-separated cell of operators alone; opens on the class so the engine skips in C."""
_YEAR_PAREN = re.compile(r"[（(]\s*(\d{4})\s*年(?:度)?\s*[)）]")
_YEAR_PLAIN = re.compile(r"(\d{4})\s*年度")
_UNIT = re.compile(r"(?:（\s*(?:单位[：:]\s*)?|\(\s*(?:单位[：:]\s*)?|单位[：:]\s*)(亿元|万元|千元|元)\s*[)）]?")
"""Each branch opens on a literal character, so the engine skips to （, ( or 单 in C."""
ACHIEVED_START = frozenset("本该项全年预资执截0123456789")
"""First characters an ``ACHIEVED_OPENER`` can start with: a cheap test before the regex."""
ACHIEVED_OPENER = re.compile(
    r"^(?:本|该)?(?:项目)?(?:\d{4}\s*年(?:度)?)?(?:全年|年度)?(?:预算|资金)?执行率|^(?:截至|截止)\s*\d{4}|^本项目"
)


def clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def clean_lines(lines: list[str]) -> list[str]:
    """Each line stripped, inner runs of spaces collapsed; parsers then never clean again."""
    return [_SPACES.sub(" ", s).strip() if "  " in s else s.strip() for s in lines]


def join_wrapped(pieces: Iterable[str]) -> str:
    """Undo column wrapping (see the module docstring for the rule).

    Joins every wrapped cell and goal paragraph of a form, so the Latin test is written inline
    and the pieces are joined once at the end.
    """
    out: list[str] = []
    latin_end = False  # the text so far ends with a Latin letter
    for piece in pieces:
        piece = clean(piece) if "  " in piece else piece.strip()
        if not piece:
            continue
        if latin_end and piece[0].isascii() and piece[0].isalpha():
            out.append(" ")
        out.append(piece)
        last = piece[-1]
        latin_end = last.isascii() and last.isalpha()
    return "".join(out)


_LATIN_BREAK = re.compile(r"\n(?<=[A-Za-z]\n)[A-Za-z]")
"""A line break between two Latin letters; opens on the newline so the engine skips in C."""


def join_lines(lines: list[str]) -> str:
    """``join_wrapped(lines)`` for lines as ``clean_lines`` leaves them (stripped, no run of
    spaces, no newline), so no piece needs cleaning: the lines are joined with newlines in C,
    one search tells whether any break falls between two Latin letters (the only place a
    space goes in), and if none does the newlines are simply dropped. A goal paragraph has
    dozens of lines, and the piece-by-piece loop was most of the cost of reading it.
    """
    kept = list(filter(None, lines))
    text = "\n".join(kept)
    if _LATIN_BREAK.search(text) is None:
        return text.replace("\n", "")
    return join_wrapped(kept)


def merge_operators(tokens: list[str]) -> list[str]:
    """"≥ 90%" printed with a space is still one cell."""
    out: list[str] = []
    for tok in tokens:
        # the first-character test spares the regex on nearly every token
        if out and out[-1][:1] in _OPERATOR_START and _OPERATOR_ONLY.match(out[-1]):
            out[-1] += " " + tok  # keep the printed text verbatim
        else:
            out.append(tok)
    return out


def split_cells_of(line: str) -> list[str]:
    """``merge_operators(line.split(" "))``: a cleaned line's cells.

    A merge happens only after a cell made of operators alone, which nearly no line has; one
    search for such a cell spares the per-cell loop (this runs on every row line of a table).
    A line without a space is one cell, merged with nothing: a wrapped piece mostly.
    """
    if " " not in line:
        return [line]
    tokens = line.split(" ")
    if _OPERATOR_CELL.search(line) is None:
        return tokens
    return merge_operators(tokens)


def display_width(text: str) -> int:
    """Width in half-width cells: column widths in PDFs are fixed in this unit, not in chars."""
    # CJK takes 3 bytes in UTF-8 and 2 cells on the page, ASCII 1 and 1: counted in C, not per char
    return (len(text) + len(text.encode("utf-8"))) // 2


_VALUE_ENDS = frozenset("%％") | frozenset(p[-1] for p in PLACEHOLDERS)


def _may_end_value_token(ch: str) -> bool:
    """Whether a token ending in ``ch`` can pass :func:`is_value_token`: a placeholder's last
    character, a percent sign, or a decimal digit (``\\d`` of its number pattern is any Unicode
    Nd character, which is what ``str.isdecimal`` tests). Lets a caller skip splitting a line
    whose last token cannot be a value. Memoised as ``may_end_value_token`` (asked of every
    line of a funds table: a look-up in C then)."""
    return ch in _VALUE_ENDS or ch.isdecimal()


may_end_value_token: Callable[[str], bool] = cell_memo(_may_end_value_token).__getitem__


def _is_value_token(token: str) -> bool:
    """A funds or score cell: a number (maybe with %, thousands commas) or a placeholder.

    Memoised as ``is_value_token``: a pure test of one token, run on every token at the end of
    a funds line, and those tokens come from a small set (100.00, 0.00, 10.00, "-"); an amount
    seen once costs what it did unmemoised.
    """
    if token in PLACEHOLDERS:
        return True
    if not token or token[0] not in _NUMBER_START:
        return False  # "年度资金总额：", "拨款": no regex needed
    t = token if token.isascii() else token.translate(_FULLWIDTH)
    return _NUMBER.match(t) is not None


is_value_token: Callable[[str], bool] = cell_memo(_is_value_token).__getitem__


def parse_number(token: str) -> float | None:
    """A funds/score cell as a number; placeholders ("-", "—", "/", "无") are ``None``, never 0.

    So is a number too large for a float (309 digits): inf is no amount, and the model refuses it.
    """
    t = token.strip()
    if t[:1].isdigit() and t.isascii() and t.replace(".", "", 1).isdigit():
        value = float(t)  # the common case, "170.00", without the regex
    else:
        if not t.isascii():
            t = t.translate(_FULLWIDTH)
        if not t or t in PLACEHOLDERS or not _NUMBER.match(t):
            return None
        value = float(t.rstrip("%").replace(",", ""))
    return value if isfinite(value) else None


def find_year(text: str) -> int | None:
    m = _YEAR_PAREN.search(text) or _YEAR_PLAIN.search(text)
    return int(m.group(1)) if m else None


def find_unit(text: str) -> str | None:
    if "元" not in text:
        return None  # every unit ends in 元: most lines need no regex
    m = _UNIT.search(text)
    return m.group(1) if m else None


# ---------------------------------------------------------------- funds

DEFAULT_FUNDS_COLUMNS: tuple[str, ...] = ("initial", "budget", "executed", "weight", "rate", "score")
_FUNDS_HEADER = (
    ("年初预算", "initial"),
    ("全年预算", "budget"),
    ("执行数", "executed"),
    ("分值", "weight"),
    ("分数", "weight"),
    ("执行率", "rate"),
    ("得分", "score"),
)


@lru_cache(maxsize=256)
def funds_columns(header_text: str) -> tuple[str, ...]:
    """Column order from the funds header, wherever its words wrapped; national order if absent.

    Cached: a pure function of the header text returning a tuple, and the header is printed the
    same in almost every form, so most forms pay one look-up instead of seven searches and a sort.
    """
    found: dict[str, int] = {}
    for word, key in _FUNDS_HEADER:
        pos = header_text.find(word)
        if pos >= 0 and key not in found:
            found[key] = pos
    if len(found) < 3:
        return DEFAULT_FUNDS_COLUMNS
    return tuple(sorted(found, key=found.__getitem__))


def funds_row_kind(label: str) -> str | None:
    if "总额" in label or "合计" in label or "总计" in label:
        return "total"
    if "拨款" in label or "当年" in label or "本年" in label:
        return "appropriation"
    if "结转" in label or "结余" in label:
        return "carryover"
    if "其他" in label or "其它" in label:
        return "other"
    return None
