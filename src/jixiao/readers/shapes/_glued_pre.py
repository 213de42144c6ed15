"""The part of a glued form before its indicator table: header items, funds, goal.

The text is cut at the vocabulary's words: a header item label (项目名称, 主管部门) takes the text
after it as its value; funds column words make the funds header row; a funds row label
(年度资金总额, 其中：当年财政拨款) takes its glued amounts, cut by the funds header's columns when
arithmetic (执行率 = 执行数 / 预算数) leaves one cut (for 年度资金总额, also when only one cut
makes its amounts the sums of its 其中 rows), else kept whole; funds printed column after
column, each row label once per column, are read where each column adds up (``_column_funds``);
after a goal word the rest is the goal's text, one cell, unless the text says where its two
columns part (``_glued_goal``).
"""

from __future__ import annotations

import re

from ..vocabulary import FUNDS_FIELDS, FUNDS_ROWS, GOAL_FIELDS, HEADER_FIELDS, field_of, funds_row_kind
from ._column_funds import column_funds
from ._cuts import BLANK_MARKS, fitting_cuts, funds_fits, number, padded_cut, word_at
from ._glued_goal import TRAILING_TITLE, goal_columns
from ._rows import TextRow, text_cell, text_row

__all__ = ["pre_rows", "starts_part", "COLUMN_MARK"]

COLUMN_MARK = re.compile(r"[(（][A-Z/×*%0-9]*分?[)）]")
"""A column mark after a header word: 年度指标值(A), 执行率(B/A), 分值(10分)."""
_SECTION_MARK = re.compile(r"(?:\s*[(（](?:万元|元|\d+分)[)）])+")
"""The unit and points after a funds section label: 预算执行情况(万元)(20分)."""
_SECTIONS = ("项目资金", "预算执行情况", "资金投入情况", "年度资金情况", "资金使用情况", "资金情况", "年度预算申请")
_GOAL_SECTIONS = ("年度总体目标", "年度目标完成情况", "总体目标完成情况")
"""Goal headings (湖北 forms head their indicator table 年度绩效目标完成情况: no goal word)."""
_ITEMS = sorted(
    {w for f in HEADER_FIELDS.values() for w in f.words}
    | {"中央主管部门", "地方主管部门", "省级主管部门", "省级财政部门", "地方财政部门"}
    | {"项目类别", "项目属性", "项目类型", "单位名称", "填报日期"}
    | {"自评总分", "项目总得分"},
    key=len,
    reverse=True,
)
"""Header item labels: the vocabulary's, the other 主管/财政部门 of transfer-payment forms, the
check-box and filing items of 湖北 forms (项目类别…, 填报日期) and the total printed among the
header items (自评总分(分)97.93, 宁夏's 项目总得分), which only part cells here (the mapper decides
what they are)."""
_COLUMNS = sorted({w for f in FUNDS_FIELDS.values() for w in f.words} | {"得分计算方法"}, key=len, reverse=True)
_FUNDS_ROWS = sorted(
    {p + w for ws in FUNDS_ROWS.values() for w in ws if len(w) >= 4 for p in ("", "其中:", "其中：", "其中")},
    key=len,
    reverse=True,
)
_GOALS = sorted({w for f in GOAL_FIELDS.values() for w in f.words} | set(_GOAL_SECTIONS), key=len, reverse=True)
_TITLES = ("绩效自评表",)
"""The end of a form's title (…项目绩效自评表, …部门整体绩效自评表): the text before it is the title."""
_TITLE_TAIL = re.compile(r"\s*[(（][^()（）]{0,12}[)）]")
_LABELLED_AMOUNT = re.compile(r"([\u4e00-\u9fff][^\d]*?)(\d[\d.,%]*)")
_LABELLED_AMOUNTS = re.compile(rf"(?:{_LABELLED_AMOUNT.pattern})+")
"""Funds rows whose labels the vocabulary lacks (一般预算内拨款6363100%合计6363100%)."""
_VALUES_THEN_TEXT = re.compile(r"^((?:[^\u4e00-\u9fff]|万元|万|元)*)(.*)$")
"""A funds row's glued amounts ("10万10万100%20") and the text after them."""


def _token_at(text: str, i: int) -> tuple[str, str, int] | None:
    """(kind, word, end) of the vocabulary word at ``i``: goal, section, column, funds-row or item."""
    for kind, words in (
        ("title", _TITLES),
        ("goal", _GOALS),
        ("section", _SECTIONS),
        ("funds-row", _FUNDS_ROWS),
        ("column", _COLUMNS),
        ("item", _ITEMS),
    ):
        found = word_at(text, i, words)
        if found is not None:
            word, end = found
            mark = (_SECTION_MARK if kind == "section" else COLUMN_MARK).match(text, end)
            if mark:
                word, end = word + mark.group().strip(), mark.end()
            if end < len(text) and text[end] in ":：":
                word, end = word + text[end], end + 1
            return kind, word, end
    return None


def starts_part(text: str, kinds: tuple[str, ...]) -> bool:
    """Whether ``text`` starts with a vocabulary word of one of ``kinds`` (``_token_at``)."""
    found = _token_at(text, 0)
    return found is not None and found[0] in kinds


_BREAK = re.compile(r"[。，,;；:：!！?？]")


def _title_start(text: str) -> tuple[str, str]:
    """(text before, title's start) of the text glued before a title's last words: a title holds
    no sentence mark, so it starts after the last one ("…(无)附件2:黄冈市档案馆2020年度项目绩效自" →
    "…附件2:", "黄冈市档案馆2020年度项目绩效自")."""
    marks = list(_BREAK.finditer(text))
    if not marks or _opened(text):
        return "", text  # no mark, or a title named inside brackets: "(document title: …自评表"
    cut = marks[-1].end()
    return text[:cut].strip(), text[cut:].strip()


def _opened(text: str) -> bool:
    """Whether ``text`` leaves a bracket open ("(", "（", "《")."""
    return sum(text.count(ch) for ch in "(（《") > sum(text.count(ch) for ch in ")）》")


def _in_column_run(out: list[tuple[str, str]], plain: str, text: str, end: int) -> bool:
    """A funds column word is a header cell only beside another one (or after its section label);
    alone it is a word of running text ("执行率*该指标分值")."""
    after_header = not plain.strip() and bool(out) and out[-1][0] in ("section", "column")
    found = _token_at(text, end)
    return after_header or (found is not None and found[0] == "column")


def _split_rate_score(row: list[str]) -> list[str]:
    """ "执行率得分" is one column (the score of 执行率) only where a 执行率 column stands apart."""
    if "执行率得分" in row and not any(w.startswith(("执行率", "预算执行率")) and w != "执行率得分" for w in row):
        k = row.index("执行率得分")
        return [*row[:k], "执行率", "得分", *row[k + 1 :]]
    return row


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) pieces of ``text``: vocabulary words and the plain text between them; after a
    goal word, all the rest is one piece of goal text."""
    out: list[tuple[str, str]] = []
    plain = ""
    i = 0
    while i < len(text):
        found = _token_at(text, i)
        if found is None:
            plain += text[i]
            i += 1
            continue
        kind, word, end = found
        if kind == "column" and not _in_column_run(out, plain, text, end):
            plain += text[i:end]
            i = end
            continue
        i = end
        if kind == "title":
            tail = _TITLE_TAIL.match(text, i)  # "(2020 年度)"
            if tail:
                word, i = word + tail.group(), tail.end()
            before, title = _title_start(plain.strip())
            if before:
                out.append(("text", before))
            out.append(("title", title + word))
            plain = ""
            continue
        if plain.strip():
            out.append(("text", plain.strip()))
        plain = ""
        out.append((kind, word))
        if kind == "goal":
            while (more := _token_at(text, i)) is not None and more[0] == "goal":
                out.append(("goal", more[1]))
                i = more[2]
            if text[i:].strip():
                out.append(("goal-text", text[i:].strip()))
            return out
    if plain.strip():
        out.append(("text", plain.strip()))
    return out


def _funds_cuts(text: str, columns: list[str]) -> tuple[dict[tuple[str, ...], tuple[str, ...]], str]:
    """({cells: field names}, rest): every cut of a funds row's glued amounts that the header's
    columns and arithmetic allow (a row may leave its last cells empty, sub-rows their 分值 and
    得分, and any row its 年初预算数), and the text after the amounts. A row that marks its blank
    cells ("170.00170.00170.00-100.00-") prints every cell, as a system prints them: only cuts of
    all columns, every number with as many decimals, are tried ("6.846.84--" is not 6.8 | 4 | 6.8 | 4
    | - | -: a row typed by hand may leave a cell blank without a mark)."""
    m = _VALUES_THEN_TEXT.match(text)
    values, rest = (m.group(1), m.group(2)) if m else (text, "")
    fields = tuple(field_of(c, FUNDS_FIELDS) or "" for c in columns)
    values = values.strip()
    if any(ch in BLANK_MARKS for ch in values):
        cuts = fitting_cuts(values, len(fields), funds_fits(fields), blanks=True)
        return {tuple(cut): fields for cut in cuts if padded_cut(cut)}, rest
    without_scores = tuple(f for f in fields if f not in ("weight", "score"))
    # 年初预算数 left blank, where 全年预算数 has a column of its own to stand for it
    without_initial = tuple(f for f in fields if f != "initial") if "budget" in fields else ()
    # a row may leave its last cells empty (得分, or all but the amounts): every such reading is
    # tried, so that one fitting by chance is not taken for the only one
    found: dict[tuple[str, ...], tuple[str, ...]] = {}
    for names in dict.fromkeys((*(fields[:k] for k in range(len(fields), 1, -1)), without_scores, without_initial)):
        if not names:
            continue
        fits = funds_fits(names)
        found.update((tuple(cut), names) for cut in fitting_cuts(values, len(names), fits))
    # padded numbers are padded in every reading: a cut of another count is dropped as well
    found = {cut: names for cut, names in found.items() if padded_cut(cut)} or found
    checked = {cut: names for cut, names in found.items() if not _vacuous(dict(zip(names, cut)))}
    return (checked or found), rest


def _vacuous(row: dict[str, str]) -> bool:
    """Whether a cut fits only because nothing was spent: 执行数 0 and 执行率 0% hold for any
    budget, so the arithmetic vouches for no cut of the amounts before them ("63631 0 0%" of
    "6363100%", where 63 63 100% is checked by 63 / 63)."""
    return "rate" in row and number(row.get("executed", "")) == 0 and number(row["rate"]) == 0


def _funds_cut(text: str, columns: list[str]) -> tuple[list[str], str] | None:
    """(cells, rest): the one cut of a funds row's glued amounts (``_funds_cuts``), with the text
    after them as the row's 原因 cell when the header has one, else as ``rest`` (the next part of
    the form, glued on); ``None`` when no single cut reads."""
    found, rest = _funds_cuts(text, columns)
    return _one_cut(found, rest, columns)


def _one_cut(found: dict[tuple[str, ...], tuple[str, ...]], rest: str, columns: list[str]) -> tuple[list[str], str] | None:
    if len(found) != 1:
        return None
    cells = list(next(iter(found)))
    has_reason = any(field_of(c, FUNDS_FIELDS) == "reason" for c in columns)
    return ([*cells, rest], "") if rest and has_reason else (cells, rest)


_AMOUNT_FIELDS = ("initial", "budget", "executed")


Cuts = dict[tuple[str, ...], tuple[str, ...]]
"""The cuts a row's glued amounts allow: cells → the field of each."""


class _Funds:
    """The funds rows of one form's glued text as they are read, for the arithmetic between
    them: 年度资金总额 = Σ 其中 rows. A row its own arithmetic leaves two ways to cut is cut the
    one way that makes the sum come out, when it is the only such row."""

    def __init__(self) -> None:
        self.columns: list[str] = []
        self.total: tuple[int, Cuts] | None = None  # the 年度资金总额 row and its cuts
        self.subs: list[tuple[int, Cuts]] = []  # the 其中 rows under it and theirs

    def row(self, rows: list[TextRow], word: str, text: str, line: int) -> None:
        """Append the funds row labelled ``word`` with its glued amounts ``text`` to ``rows``."""
        found, after = _funds_cuts(text, self.columns) if self.columns else ({}, "")
        cut = _one_cut(found, after, self.columns)
        cells, rest = cut if cut is not None else ([text], "")
        rows.append(text_row((word, *cells), line))
        if rest:
            rows.append([text_cell(rest, line)])  # the next part, glued to the amounts
        if after and cut is None:
            found = {}  # text glued after amounts cut more than one way: the row stays as it is
        if funds_row_kind(word) == "total":
            self.total, self.subs = (len(rows) - 1, found), []
        elif self.total is not None:
            self.subs.append((len(rows) - 1, found))

    def finish(self, rows: list[TextRow]) -> None:
        """Cut the one row left two ways to read (the total or a 其中 row) by the sum."""
        if self.total is None:
            return
        known = [found for _, found in [self.total, *self.subs] if len(found) == 1]
        open_rows = [(at, found) for at, found in [self.total, *self.subs] if len(found) > 1]
        if len(open_rows) != 1 or len(known) != len(self.subs):
            return  # nothing to settle, or more than one unknown (an uncut row's cells are not known)
        at, found = open_rows[0]
        values = [dict(zip(names, cells)) for found_one in known for cells, names in found_one.items()]
        is_total = at == self.total[0]
        whole = None if is_total else values[0]
        parts = values if is_total else values[1:]
        fitting = [cells for cells, names in found.items() if _sums(dict(zip(names, cells)), whole, parts)]
        if len(fitting) == 1:
            label = rows[at][0]
            rows[at] = [label, *(text_cell(t, label.line) for t in fitting[0])]


def _sums(row: dict[str, str], whole: dict[str, str] | None, parts: list[dict[str, str]]) -> bool:
    """Whether ``row`` makes 年度资金总额 the sum of its 其中 rows: ``row`` is the total when
    ``whole`` is ``None``, else the one 其中 row beside ``parts``. Every amount of ``row`` is
    checked; a row that prints none proves nothing."""
    amounts = {f: number(v) for f, v in row.items() if f in _AMOUNT_FIELDS}
    if not amounts or any(v is None for v in amounts.values()):
        return False
    for name, amount in amounts.items():
        others = sum(number(p[name]) or 0.0 for p in parts if name in p)
        if whole is None:
            expected: float | None = others
        else:
            total = number(whole[name]) if name in whole else None
            expected = None if total is None else total - others
        if expected is None or amount is None or abs(amount - expected) > 0.005:
            return False
    return True


def pre_rows(text: str, line: int, *, closed: bool = False, columns: list[str] | None = None) -> list[TextRow]:
    """Rows of the glued text before an indicator table (all of ``text`` when it has none;
    ``closed`` when the table's header follows it). ``columns``: the funds header's column
    words printed on a line above, for funds rows printed a row per line."""
    block = column_funds(text)
    if block is not None:
        start, end, block_rows = block
        cells = [text_row(row, line) for row in block_rows]
        return [*pre_rows(text[:start], line), *cells, *pre_rows(text[end:], line, closed=closed)]
    rows: list[TextRow] = []
    funds = _Funds()
    funds.columns = list(columns or [])
    tokens = _tokens(text)
    k = 0
    while k < len(tokens):
        kind, word = tokens[k]
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ("", "")
        if kind in ("section", "column"):
            row = [word]
            while k + 1 < len(tokens) and tokens[k + 1][0] == "column":
                k += 1
                row.append(tokens[k][1])
            row = _split_rate_score(row)
            funds.columns = [w for w in row if field_of(w, FUNDS_FIELDS)]
            rows.append(text_row(row, line))
        elif kind == "funds-row" and nxt[0] == "text":
            funds.row(rows, word, nxt[1], line)
            k += 1
        elif kind == "text" and funds.columns and _LABELLED_AMOUNTS.fullmatch(TRAILING_TITLE.sub("", word)):
            amounts_text = TRAILING_TITLE.sub("", word)
            for label, amounts in _LABELLED_AMOUNT.findall(amounts_text):
                cut = _funds_cut(amounts, funds.columns)
                rows.append(text_row((label, *(cut[0] if cut else [amounts])), line))
            if amounts_text != word:
                rows.append([text_cell(word[len(amounts_text) :], line)])  # the indicator table's title
        elif kind == "goal":
            row = [word]
            while k + 1 < len(tokens) and tokens[k + 1][0] == "goal":
                k += 1
                row.append(tokens[k][1])
            rows.append(text_row(row, line))
        elif kind == "goal-text" and (parts := goal_columns(word, closed=closed)) is not None:
            header = [GOAL_FIELDS["planned"].words[0], GOAL_FIELDS["achieved"].words[0]]
            rows += [text_row(header, line), text_row(parts, line)]
        elif kind == "item" and nxt[0] == "text":
            rows.append([text_cell(word, line), text_cell(nxt[1], line)])
            k += 1
        else:
            rows.append([text_cell(word, line)])
        k += 1
    funds.finish(rows)
    return rows
