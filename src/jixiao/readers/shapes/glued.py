"""The ``glued`` shape: a form whose cells ran together with no delimiter at all.

``一级指标二级指标三级指标指标值完成值权重得分产出指标数量指标创业担保贷款发放额增长率≥10%115.25%20%20``

Each line is cut in three parts. The indicator header is the longest run of the vocabulary's
column words (spaces inside a word allowed: ``年度 指标值``); the text before it (header items,
funds, goal) is cut at the vocabulary's words by ``_glued_pre``; the text after it is cut into
rows: 一级/二级 labels, then a name followed by as many value tokens as the header has value
columns, up to a closing word (总分, 得分合计). Where the values can be cut in more than one way,
arithmetic chooses (``_cuts``); a target and actual printed as one word twice ("合格合格") read
as that word each. Where no cut or more than one reads, or a row holds other words for values,
the rest of the table stays one cell, so the mapper's reading check doubts it instead of the
shape guessing. A text column at the end of the header (偏差原因分析) is not cut: its text, when a
row has any, cannot be told from the next row's name, so a row is only taken where its end is
sure: before a label, an empty template row ("指标2:") or the end, or after a row that met its
target with full marks (nothing to explain, so its 偏差原因 is empty).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..vocabulary import FUNDS_FIELDS, INDICATOR_FIELDS, LEVEL1, LEVEL2, field_of, funds_row_kind
from ._cuts import VALUE_MAX, cut_inside, fitting_cuts, indicator_fits, word_at
from ._glued_pre import COLUMN_MARK, pre_rows, starts_part
from ._rows import TextRow, text_cell, text_row

__all__ = ["glued_rows", "has_glued_header"]

_HEADER_WORDS = sorted(
    {w for f in INDICATOR_FIELDS.values() for w in f.words} | {w for f in FUNDS_FIELDS.values() for w in f.words},
    key=len,
    reverse=True,
)
_LABELS = sorted(set(LEVEL1) | set(LEVEL2), key=len, reverse=True)
_CLOSING = re.compile(r"得分合计|合计得分|总分|合计|评分等级|自评等级")
_CLOSING_NUMBERS = re.compile(r"\s*\d[\d.]*(?:\s+\d[\d.]*)?")
"""The numbers after a closing word, glued or not ("100.0093.00" is 100.00 and 93.00)."""
_PAGE_START = re.compile(r"^(\d+)、\s*")
_NAME_MAX = 80
"""The longest indicator name a glued row is cut for; a longer run stays one cell."""


def _spaced(word: str) -> str:
    """A pattern of ``word`` that also matches it with spaces between its characters."""
    return " ?".join(re.escape(ch) for ch in word)


_WORD = "|".join(_spaced(w) for w in _HEADER_WORDS)
_ONE_WORD = re.compile(rf"(?:{_WORD})(?:{COLUMN_MARK.pattern})?")
_WORD_RUN = re.compile(rf"{_ONE_WORD.pattern}(?:{_ONE_WORD.pattern}){{2,}}")
"""Three or more column words with nothing between them (the longest word tried first)."""


def _header_run(text: str, *, indicators: bool = True) -> tuple[int, int, list[str]] | None:
    """(start, end, words) of the longest run of column words in ``text`` (three or more, of
    which one names the indicator unless ``indicators`` is false), each word with its column
    mark ("指标值(A)") and without the spaces a copy put inside it ("年度 指标值")."""
    best: tuple[int, int, list[str]] | None = None
    for run in _WORD_RUN.finditer(text):
        words = [m.group().replace(" ", "") for m in _ONE_WORD.finditer(run.group())]
        names_indicator = not indicators or any(
            field_of(COLUMN_MARK.sub("", w), INDICATOR_FIELDS) in ("name", "level1", "target") for w in words
        )
        if names_indicator and (best is None or len(words) > len(best[2])):
            best = (run.start(), run.end(), words)
    return best


def has_glued_header(text: str) -> bool:
    """Whether ``text`` holds a header (funds or indicators) of three or more words with nothing
    between them."""
    return _WORD_RUN.search(text) is not None


def _label_at(text: str, i: int) -> tuple[str, int] | None:
    """(label, end) of the 一级/二级 label at ``i``, spaces a copy put inside it allowed
    ("满意度 指标")."""
    return word_at(text, i, _LABELS)


_TEMPLATE_ROW = re.compile(r"(?:指标|目标)\d+[:：.、]")
"""An empty template row left in the table ("指标2:"): a row of its own, with no values."""
_WORD_VALUE_MAX = 8
"""The longest word a glued row's target and actual are read as when they are one word twice
("合格合格", "达标达标")."""


def _boundary(body: str, i: int) -> bool:
    """Whether a row surely starts at ``i``: the end, a label, or an empty template row."""
    i = _skip_spaces(body, i)
    return i >= len(body) or _label_at(body, i) is not None or _TEMPLATE_ROW.match(body, i) is not None


def _skip_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i] == " ":
        i += 1
    return i


def _nothing_to_explain(fields: list[str], values: list[str]) -> bool:
    """A row that met its target with full marks (实际完成值 = 年度指标值, 得分 = 分值): its
    偏差原因 cell is empty, so the text after its values is the next row's name."""
    row = dict(zip(fields, values))
    return (
        row.get("target") is not None
        and row.get("target") == row.get("actual")
        and row.get("weight") is not None
        and row.get("weight") == row.get("score")
    )


def _is_text_field(name: str) -> bool:
    return name not in INDICATOR_FIELDS or INDICATOR_FIELDS[name].kind == "text"


def _body_rows(body: str, fields: list[str], line: int, *, one_row: bool = False) -> list[TextRow] | None:
    """The indicator rows of ``body`` as far as each row's cut is sure, the rest one cell;
    ``None`` when the header's columns leave no row to cut. ``one_row``: ``body`` is one line
    of a table printed a row per line, so text after a row's values that reads as no row of its
    own is the row's 偏差原因."""
    after_name = fields[fields.index("name") + 1 :] if "name" in fields else []
    texts = 0
    while after_name and _is_text_field(after_name[-1]):
        after_name.pop()  # 偏差原因 at the end: empty, or glued to the next name (see the docstring)
        texts += 1
    if not after_name or any(_is_text_field(f) for f in after_name):
        return None
    fits = indicator_fits(after_name)
    words_first = after_name[:2] == ["target", "actual"]
    rows: list[TextRow] = []
    i = 0
    while i < len(body):
        start = i
        labels: list[str] = []
        while True:
            i = _skip_spaces(body, i)
            if (found_label := _label_at(body, i)) is not None:
                labels.append(found_label[0])
                i = found_label[1]
            elif (empty := _TEMPLATE_ROW.match(body, i)) is not None:
                rows.append(text_row((*labels, empty.group()), line))
                labels, i = [], empty.end()
            else:
                break
        if i >= len(body):
            if labels:
                rows.append(text_row(labels, line))
            break
        found = _next_row(body, i, len(after_name), fits, words_first=words_first)
        if found is not None and texts and one_row and not _row_follows(body, found[2], len(after_name), fits, words_first):
            name, values, end = found
            rows.append(text_row((*labels, _WRAP_SPACE.sub("", name), *values, body[end:].strip()), line))
            return rows  # the line ends the row: the text after its values is its 偏差原因
        if (
            found is not None
            and texts
            and not _boundary(body, found[2])
            and not _nothing_to_explain(after_name, found[1])
        ):
            found = None  # the next name may begin with this row's 偏差原因: only a label or the end is sure
        if found is None:
            return [*rows, [text_cell(body[start:].strip(), line)]] if rows else None
        name, values, i = found
        rows.append(text_row((*labels, _WRAP_SPACE.sub("", name), *values), line))
    return rows


def _row_follows(body: str, i: int, count: int, fits: Callable[[list[str]], bool], words_first: bool) -> bool:
    """Whether another indicator row starts at ``i`` (after its 一级/二级 labels, if any)."""
    i = _skip_spaces(body, i)
    while (label := _label_at(body, i)) is not None:
        i = _skip_spaces(body, label[1])
    return i < len(body) and _next_row(body, i, count, fits, words_first=words_first) is not None


_WRAP_SPACE = re.compile(r"(?<=[\u4e00-\u9fff、，,]) +(?=[\u4e00-\u9fff])")
"""A space a wrapped cell left between the characters of a name ("服装 质量等")."""


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_TIER_LABEL = re.compile(r"达成(?:年度|预期)?指标")
"""The core of the qualitative tier labels (达成指标, 部分达成年度指标…): an actual, never a name."""


def _next_row(
    body: str, i: int, count: int, fits: Callable[[list[str]], bool], *, words_first: bool = False
) -> tuple[str, list[str], int] | None:
    """(name, values, end) of the row starting at ``i``: the shortest name after which ``count``
    values read and pass ``fits``, ending before a character or the end; ``None`` when no cut
    or more than one reads. With ``words_first`` (the values begin with 年度指标值, 实际完成值),
    a target and actual printed as one word twice ("合格合格") read as that word each."""
    choices: list[tuple[str, list[str], int]] = []
    for name_end in range(i + 1, min(len(body), i + _NAME_MAX)):
        if not (_is_cjk(body[name_end - 1]) or body[name_end - 1] in ")）"):
            continue
        if _TIER_LABEL.search(body, i, name_end):
            return None  # a name never holds a tier label: the row's word values ran into its name
        starts: list[tuple[list[str], int]] = [([], name_end)]
        if words_first:
            starts += [([word, word], name_end + 2 * len(word)) for word in _word_pairs(body, name_end)]
        for first, at in starts:
            for end in range(at + 1, min(len(body), at + count * VALUE_MAX) + 1):
                if end < len(body) and not _is_cjk(body[end]):
                    continue
                for values in _cuts_after(first, body[at:end], count, fits):
                    if not (len(values) > len(first) and cut_inside(values[-1], body, end)):
                        choices.append((body[i:name_end], values, end))
        if choices:
            break  # a name never ends inside a value: the shortest name that reads is the one
    if len({(tuple(values), end) for _, values, end in choices}) == 1:
        return choices[0]
    at_label = [c for c in choices if _boundary(body, c[2])]
    return at_label[0] if len(at_label) == 1 else None


def _cuts_after(first: list[str], text: str, count: int, fits: Callable[[list[str]], bool]) -> list[list[str]]:
    """The ``count`` values of a row that starts with the values ``first``, the rest cut from
    ``text`` (``fitting_cuts``)."""
    return [[*first, *rest] for rest in fitting_cuts(text, count - len(first), lambda cut: fits([*first, *cut]))]


def _word_pairs(body: str, i: int) -> list[str]:
    """The words (no digits) that ``body`` prints twice running from ``i``: "合格" of "合格合格"."""
    words = (body[i : i + n] for n in range(1, _WORD_VALUE_MAX + 1))
    return [w for w in dict.fromkeys(words) if all(_is_cjk(ch) for ch in w) and body.startswith(w, i + len(w))]


_NOT_A_ROW = ("title", "item", "section", "goal", "funds-row")
"""Kinds of words a line of the indicator table never starts with: they start another part."""


def _table_line(text: str, number: int, fields: list[str]) -> tuple[list[TextRow], list[str] | None] | None:
    """(rows, header fields still in effect) of a line under an indicator header that was a line
    of its own (a table printed a row per line): one indicator row, or the closing 总分 row that
    ends the table; ``None`` for a line that starts another part of a form (a title, 项目名称)."""
    text = text.strip()
    closing = _CLOSING.match(text)
    if closing:
        row, rest = _closing_row(text, closing.group())
        rows = [text_row(row, number)]
        return ([*rows, *_line_rows(rest, number)[0]] if rest else rows), None
    if starts_part(text, _NOT_A_ROW):
        return None
    body_rows = _body_rows(text, fields, number, one_row=True)
    return (body_rows if body_rows is not None else [[text_cell(text, number)]]), fields


def _line_rows(
    text: str, number: int, table: list[str] | None = None, funds: list[str] | None = None
) -> tuple[list[TextRow], list[str] | None]:
    """Rows of one line of glued text, which may hold a whole form or several, and the fields of
    an indicator header that ends the line (its rows follow on the next lines). ``table``: such a
    header's fields from the lines above; ``funds``: the funds header's words from a line above."""
    header = _header_run(text)
    if header is None:
        if table is not None and (continued := _table_line(text, number, table)) is not None:
            return continued
        return pre_rows(text, number, columns=funds), None
    start, end, words = header
    rows = pre_rows(text[:start], number, closed=True) if start else []
    rows.append(text_row(words, number))
    fields = [field_of(COLUMN_MARK.sub("", w), INDICATOR_FIELDS) or "" for w in words]
    body = text[end:]
    if not body.strip():
        # the header alone: its rows follow, a row per line, cut where the points end each row
        return rows, (fields if {"weight", "score"} & set(fields) else None)
    closing = _CLOSING.search(body)
    rest = body[closing.start() :] if closing else ""
    body = body[: closing.start()] if closing else body
    if body:
        body_rows = _body_rows(body, fields, number)
        rows.extend(body_rows if body_rows is not None else [[text_cell(body, number)]])
    if closing:
        row, rest = _closing_row(rest, closing.group())
        rows.append(text_row(row, number))
        if rest:
            rows.extend(_line_rows(rest, number)[0])
    return rows, None


_ONE_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _closing_row(text: str, word: str) -> tuple[list[str], str]:
    """The closing row at the start of ``text`` and the text after it: 总分 with its weight total
    and score, which arithmetic cuts apart when glued ("总分10098" → 100, 98: no score is above
    100; "总分100.0093.00" → 100.00, 93.00); a number that reads whole ("得分合计100") stays whole."""
    m = _CLOSING_NUMBERS.match(text, len(word))
    digits = m.group().strip() if m else ""
    rest = text[len(word) + len(m.group()) if m else len(word) :].lstrip("。. ")
    if not digits:
        return [word], rest
    if " " in digits:
        return [word, *digits.split()], rest
    if _ONE_NUMBER.fullmatch(digits) and float(digits) <= 100:
        return [word, digits], rest  # one number reads: a score, or a total of 100
    fits = indicator_fits(["weight", "score"])
    cuts = fitting_cuts(digits, 2, fits)
    if len(cuts) == 1:
        return [word, *cuts[0]], rest
    return [word, digits], rest


def _joined_pages(lines: list[str]) -> list[tuple[int, str]]:
    """(line index, text) of the non-empty lines, a page of a document-sharing site that starts
    "2、" joined to the text it continues ("实现科学管" + "2、理,充分发挥" → "实现科学管理,充分发挥")."""
    out: list[tuple[int, str]] = []
    for k, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            continue
        page = _PAGE_START.match(text)
        if page and out and page.group(1) != "1":
            out[-1] = (out[-1][0], out[-1][1] + text[page.end() :])
        else:
            out.append((k, text[page.end() :] if page else text))
    return out


def glued_rows(lines: list[str], *, first_line: int = 1) -> list[TextRow]:
    """Rows of glued text, line by line (a line may hold a whole form or several)."""
    rows: list[TextRow] = []
    table: list[str] | None = None
    funds: list[str] | None = None
    for k, text in _joined_pages(lines):
        line_rows, table = _line_rows(text, first_line + k, table, funds)
        rows.extend(line_rows)
        funds = _funds_header(line_rows, funds)
    return rows


def _funds_header(rows: list[TextRow], before: list[str] | None) -> list[str] | None:
    """The funds column words in effect after ``rows`` (a line's): those of a funds header
    ending the line (its rows follow a row per line), kept over the funds rows after it."""
    if not rows:
        return before
    last = [c.text for c in rows[-1]]
    words = [w for w in last if field_of(w, FUNDS_FIELDS) is not None]
    if len(words) >= 2 and len(words) + 1 >= len(last):
        return words  # the funds header (and its section label)
    if before is not None and all(len(r) > 1 and funds_row_kind(r[0].text) is not None for r in rows):
        return before  # funds rows under that header
    return None
