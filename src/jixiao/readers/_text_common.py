"""Pieces shared by the three text shapes: numbers, joining wrapped lines, labels, assembly.

The shapes (PDF-extracted lines, one-line web copies, pipe tables) differ only in how cells are
found; what a cell means, how a wrapped paragraph is joined and how a half-read form is flagged
are decided here once, so all three produce the same model for the same form.

Joining rule for wrapped text (goal paragraphs, deviation texts, wrapped names and values):
pieces are concatenated with nothing in between, because the line breaks are artefacts of the
column width and CJK text has no spaces between words; spaces *inside* a line (PDF extraction puts
one between CJK and digits: "截至 2024年 12月 31日") are kept, with runs collapsed to one. The only
exception is a break between two Latin letters, which gets a space so English words stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Form, Funds, FundsRow, Goal, Indicator, Source
from ..values import parse_value

__all__ = [
    "TITLE",
    "SENTENCE_END",
    "RowCells",
    "FormParts",
    "LabelTracker",
    "assemble",
    "clean",
    "clean_lines",
    "join_wrapped",
    "display_width",
    "parse_number",
    "merge_operators",
    "is_value_token",
    "funds_row_kind",
    "funds_columns",
    "DEFAULT_FUNDS_COLUMNS",
    "find_year",
    "find_unit",
    "ACHIEVED_OPENER",
]

TITLE = "财政项目支出绩效自评表"
SENTENCE_END = frozenset("。！？!?；;")
PLACEHOLDERS = frozenset({"-", "—", "–", "－", "/", "／", "*", "＊", "无", "不适用", "N/A", "n/a", "——", "--"})

_SPACES = re.compile(r"\s+")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％－", "0123456789.,%-")
_NUMBER = re.compile(r"^[-+]?\d+(?:,\d{3})*(?:\.\d+)?%?$")
_OPERATOR_ONLY = re.compile(r"^[≥≤≧≦=＝><＞＜]+$")
_YEAR_PAREN = re.compile(r"[（(]\s*(\d{4})\s*年(?:度)?\s*[)）]")
_YEAR_PLAIN = re.compile(r"(\d{4})\s*年度")
_UNIT = re.compile(r"(?:[（(]\s*(?:单位[：:]\s*)?|单位[：:]\s*)(亿元|万元|千元|元)\s*[)）]?")
ACHIEVED_OPENER = re.compile(
    r"^(?:本|该)?(?:项目)?(?:\d{4}\s*年(?:度)?)?(?:全年|年度)?(?:预算|资金)?执行率|^(?:截至|截止)\s*\d{4}|^本项目"
)


def clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def clean_lines(lines: list[str]) -> list[str]:
    """Each line stripped, inner runs of spaces collapsed; parsers then never clean again."""
    return [_SPACES.sub(" ", s).strip() if "  " in s else s.strip() for s in lines]


def join_wrapped(pieces: Iterable[str]) -> str:
    """Undo column wrapping (see the module docstring for the rule)."""
    out = ""
    for piece in pieces:
        piece = clean(piece) if "  " in piece else piece.strip()
        if not piece:
            continue
        if out and _latin(out[-1]) and _latin(piece[0]):
            out += " "
        out += piece
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def merge_operators(tokens: list[str]) -> list[str]:
    """"≥ 90%" printed with a space is still one cell."""
    out: list[str] = []
    for tok in tokens:
        if out and _OPERATOR_ONLY.match(out[-1]):
            out[-1] += " " + tok  # keep the printed text verbatim
        else:
            out.append(tok)
    return out


def display_width(text: str) -> int:
    """Width in half-width cells: column widths in PDFs are fixed in this unit, not in chars."""
    # CJK takes 3 bytes in UTF-8 and 2 cells on the page, ASCII 1 and 1: counted in C, not per char
    return (len(text) + len(text.encode("utf-8"))) // 2


def is_value_token(token: str) -> bool:
    """A funds or score cell: a number (maybe with %, thousands commas) or a placeholder."""
    t = token if token.isascii() else token.translate(_FULLWIDTH)
    return t in PLACEHOLDERS or _NUMBER.match(t) is not None


def parse_number(token: str) -> float | None:
    """A funds/score cell as a number; placeholders ("-", "—", "/", "无") are ``None``, never 0."""
    t = token.strip()
    if t[:1].isdigit() and t.isascii() and t.replace(".", "", 1).isdigit():
        return float(t)  # the common case, "170.00", without the regex
    if not t.isascii():
        t = t.translate(_FULLWIDTH)
    if not t or t in PLACEHOLDERS or not _NUMBER.match(t):
        return None
    return float(t.rstrip("%").replace(",", ""))


def find_year(text: str) -> int | None:
    m = _YEAR_PAREN.search(text) or _YEAR_PLAIN.search(text)
    return int(m.group(1)) if m else None


def find_unit(text: str) -> str | None:
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


def funds_columns(header_text: str) -> tuple[str, ...]:
    """Column order from the funds header, wherever its words wrapped; national order if absent."""
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


# ---------------------------------------------------------------- indicator labels

LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2 = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "生态成本指标",
)
_CHILDREN = {
    "产出指标": {"数量指标", "质量指标", "时效指标", "成本指标"},
    "效益指标": {"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"},
    "满意度指标": {"服务对象满意度指标"},
    "成本指标": {"经济成本指标", "社会成本指标", "生态环境成本指标", "生态成本指标"},
}
LABELS = tuple(dict.fromkeys(LEVEL1 + LEVEL2))
_PREFIXES = frozenset(label[:i] for label in LABELS for i in range(1, len(label) + 1))
_LEVEL1_ONLY = frozenset(LEVEL1) - frozenset(LEVEL2)
_LABEL_SET = frozenset(LABELS)
_EXTENDABLE = frozenset(a for a in LABELS if any(b != a and b.startswith(a) for b in LABELS))


def is_label(text: str) -> bool:
    return text in _LABEL_SET


class LabelTracker:
    """Follows the merged 一级/二级 label cells, whose text PDF extraction breaks into fragments.

    Fragments arrive column by column ("满意","度指","服务","对象", then the row, then "标",
    "满意","度指","标" after a page break), so a buffer is closed as soon as the next fragment
    cannot extend it, a half label is resolved to the one known label it begins, and the rest it
    still owes is swallowed when it turns up later instead of leaking into a deviation text.
    """

    def __init__(self) -> None:
        self.level1 = ""
        self.level2 = ""
        self._buffer = ""
        self._pending: list[str] = []
        self._owed: list[str] = []

    def feed(self, line: str) -> bool:
        """Take ``line`` if it is a label fragment; False means it is content."""
        if len(line) > 12:
            return False
        text = line.replace(" ", "") if " " in line else line
        if not text or len(text) > 9:
            return False
        if self._buffer and (self._buffer + text) in _PREFIXES:
            self._buffer += text
            self._close_if_complete()
            return True
        for i, owed in enumerate(self._owed):
            if owed.startswith(text):
                rest = owed[len(text) :]
                if rest:
                    self._owed[i] = rest
                else:
                    del self._owed[i]
                return True
        if text in _PREFIXES:
            self._flush_buffer()
            self._buffer = text
            self._close_if_complete()
            return True
        return False

    @property
    def starting(self) -> bool:
        """A new label is being read (not a leftover): the previous row's texts are over."""
        return bool(self._buffer or self._pending)

    def _close_if_complete(self) -> None:
        if self._buffer in _LABEL_SET and self._buffer not in _EXTENDABLE:
            self._flush_buffer()

    def _flush_buffer(self) -> None:
        if not self._buffer:
            return
        if self._buffer in _LABEL_SET:
            self._pending.append(self._buffer)
        else:
            full = self._complete(self._buffer)
            self._pending.append(full)
            if full != self._buffer:
                self._owed.append(full[len(self._buffer) :])
        self._buffer = ""

    def _complete(self, part: str) -> str:
        candidates = [label for label in LABELS if label.startswith(part)]
        if not candidates:
            return part
        children = _CHILDREN.get(self.level1, set())
        for label in candidates:
            if label in children:
                return label
        return candidates[0]

    def take(self) -> tuple[str, str]:
        """Labels for the row that starts now (merged cells carry the previous ones down)."""
        self._flush_buffer()
        pending, self._pending = self._pending, []
        for i, label in enumerate(pending):
            nxt = pending[i + 1] if i + 1 < len(pending) else None
            if label in _LEVEL1_ONLY or (label == "成本指标" and self._starts_level1(label, nxt)):
                self.level1, self.level2 = label, ""
            else:
                self.level2 = label
        return self.level1, self.level2

    def _starts_level1(self, label: str, nxt: str | None) -> bool:
        if nxt is not None:
            return nxt in _CHILDREN[label]
        return self.level1 != "产出指标"


# ---------------------------------------------------------------- assembly


@dataclass(slots=True)
class RowCells:
    """One indicator row as text cells, before the value grammar reads them."""

    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: str
    score: str
    deviation: str
    line: int | None


@dataclass(slots=True)
class FormParts:
    """Everything a shape parser found; ``assemble`` turns it into a ``Form`` with warnings."""

    file: str
    start_line: int | None = None
    end_line: int | None = None
    project: str | None = None
    year: int | None = None
    department: str | None = None
    implementer: str | None = None
    unit: str | None = None
    funds: dict[str, dict[str, str]] = field(default_factory=dict)
    planned: str = ""
    achieved: str = ""
    rows: list[RowCells] = field(default_factory=list)
    total_weight: str | None = None
    total_score: str | None = None
    grade: str | None = None
    warnings: list[str] = field(default_factory=list)


_FIELD_NAMES = (
    ("project", "项目名称"),
    ("year", "年度"),
    ("department", "主管部门"),
    ("implementer", "实施单位"),
)


def assemble(parts: FormParts) -> Form:
    warnings = list(parts.warnings)
    for attr, label in _FIELD_NAMES:
        if getattr(parts, attr) in (None, ""):
            warnings.append(f"未能读取{label}")
    funds = _funds(parts, warnings)
    if not parts.planned:
        warnings.append("未能读取年度总体目标的预期目标")
    if not parts.achieved:
        warnings.append("未能读取年度总体目标的实际完成情况")
    indicators = [_indicator(row, warnings) for row in parts.rows]
    if not indicators:
        warnings.append("未能读取绩效指标")
    total_weight = _number_field(parts.total_weight, "总分的分值", warnings, required=False)
    total_score = _number_field(parts.total_score, "总分", warnings, required=True)
    if not parts.grade:
        warnings.append("未能读取评分等级")
    return Form(
        project=parts.project or None,
        year=parts.year,
        department=parts.department or None,
        implementer=parts.implementer or None,
        funds=funds,
        goal=Goal(planned=parts.planned, achieved=parts.achieved),
        indicators=indicators,
        total_weight=total_weight,
        total_score=total_score,
        grade=parts.grade or None,
        source=Source(file=parts.file, start_line=parts.start_line, end_line=parts.end_line),
        warnings=warnings,
    )


def _number_field(text: str | None, label: str, warnings: list[str], *, required: bool) -> float | None:
    if text and text[0].isdigit() and text.isascii() and text.replace(".", "", 1).isdigit():
        return float(text)  # the common case, "170.00", without the general path
    if text is None or not text.strip():
        if required:
            warnings.append(f"未能读取{label}")
        return None
    value = parse_number(text)
    if value is None and text.strip() not in PLACEHOLDERS:
        warnings.append(f"{label}「{text}」不是数字")
    return value


_ROW_NAMES = {"total": "年度资金总额", "appropriation": "当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}


def _funds(parts: FormParts, warnings: list[str]) -> Funds:
    funds = Funds(unit=parts.unit or "万元")
    if "total" not in parts.funds:
        warnings.append("未能读取项目资金的年度资金总额")
    for kind, cells in parts.funds.items():
        label = _ROW_NAMES[kind]
        values: dict[str, float | None] = {}
        for key, text in cells.items():
            values[key] = _number_field(text, f"项目资金「{label}」的{_COLUMN_NAMES[key]}", warnings, required=False)
        weight = values.pop("weight", None)
        row = FundsRow(**values)
        if kind == "total":
            funds.weight = weight
            funds.total = row
        else:
            setattr(funds, kind, row)  # a score printed here is kept: F009 reports it
    return funds


_COLUMN_NAMES = {
    "initial": "年初预算数",
    "budget": "全年预算数",
    "executed": "全年执行数",
    "weight": "分值",
    "rate": "执行率",
    "score": "得分",
}


def _indicator(row: RowCells, warnings: list[str]) -> Indicator:
    where = f"第 {row.line} 行指标「{row.name}」" if row.line else f"指标「{row.name}」"
    return Indicator(
        level1=row.level1,
        level2=row.level2,
        name=row.name,
        target=parse_value(row.target),
        actual=parse_value(row.actual),
        weight=_number_field(row.weight, f"{where}的分值", warnings, required=False),
        score=_number_field(row.score, f"{where}的得分", warnings, required=False),
        deviation=row.deviation,
        line=row.line,
    )
