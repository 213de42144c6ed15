"""How the text reader fares on layouts it was not developed against: a report, not a test.

    .venv/bin/python benchmarks/eval_layouts.py [--style sichuan] [--shape pipe] [--diff] [--form r028]

The hand-checked expected readings (the 36 real forms of ``tests/data/real/expected`` and the
bundled example ``tests/data/expected/shanghai-kepu-2024.json``) are laid out in the national
template (``tests/fixtures/layout.layout_form``; ``--style sichuan``: 四川's 指标性质 / 指标值 /
度量单位 / 权重 columns; ``--style no-scores``: no 分值 / 得分 columns, no 总分, as 转移支付 and
湖南 forms) and written in the text shapes people paste:

- ``pipe``: ``| a | b |`` rows with their outer bars;
- ``web-pipe``: pipe rows as a web page's copy leaves them: no outer bars, empty cells at a row's
  end dropped (``| | 种母猪 | | 20 | 20``);
- ``html-pipe``: the same from an HTML table, whose merged cells are printed once: the cells
  they cover are absent, not blank (a row under a merged 一级指标 starts with its 二级);
- ``cell-per-line``: each cell on its own line ended by `` |``, a line of bars after each row;
- ``columns``: a row per line, its cells joined by two spaces;
- ``glued``: a row per line, its cells run together with no delimiter (a PDF copy:
  ``安装坡面水标尺10≥266米≥266米10``).

Each text is read back and compared field by field with the reading it was laid out from. Per
shape the report gives the forms read whole, the fields right, the fields left unread (the form
was refused, or the reading check doubted the field's area) and, the figure that matters, the
**confident wrong fields**: read differently and not doubted, which would become false findings
about a unit's form. Fields the layout does not print (``section_weights``, a 其中 funds row the
form does not have) are not compared; neither are areas the expected reading doubts.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from _real_forms import AREA_FIELDS, EXPECTED, leaves, reading_of  # noqa: E402 - after the path set-up
from fixtures.layout import Formula, Layout, Style, layout_form  # noqa: E402

from jixiao.errors import InputError  # noqa: E402
from jixiao.model import Form  # noqa: E402
from jixiao.readers import read_path  # noqa: E402
from jixiao.readers.text import read_text  # noqa: E402

EXAMPLE = ROOT / "tests" / "data" / "expected" / "shanghai-kepu-2024.json"

NOT_PRINTED = ("section_weights", "conclusion", "shortcomings", "measures")
"""Form fields the national layout has no cell for."""
NOT_PRINTED_INDICATOR = ("core", "direction", "parent")
"""Indicator fields the layout does not print (★, 指标性质, 其中 rows)."""
NOT_PRINTED_FUNDS = ("more", "reason")
"""Funds fields the layout does not print: 其中 rows other than the national three, 原因."""

_FIELD_AREA = {key: area for area, keys in AREA_FIELDS.items() for key in keys}


def cell_text(value: str | float | Formula) -> str:
    """A laid-out cell as a table prints it: amounts with two decimals, text on one line."""
    if isinstance(value, Formula):
        value = value.cached
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value).replace("\n", "")


def table_rows(layout: Layout) -> list[list[str]]:
    """The layout's rows of cells as a copy shows them: a merged cell once, at its first row and
    column, the columns it covers left empty."""
    rows: dict[int, dict[int, str]] = defaultdict(dict)
    for placed in layout.cells:
        rows[placed.row][placed.col] = cell_text(placed.value)
    return [[rows[r].get(c, "") for c in range(max(rows[r]) + 1)] for r in sorted(rows)]


def merged_rows(layout: Layout) -> list[list[str]]:
    """The layout's rows as an HTML table's copy shows them: a merged cell once, the cells it
    covers (to its right and in the rows below) absent."""
    rows: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for placed in layout.cells:
        rows[placed.row].append((placed.col, cell_text(placed.value)))
    return [[text for _, text in sorted(rows[r])] for r in range(layout.nrows)]


def _trimmed(row: list[str]) -> list[str]:
    while row and not row[-1]:
        row = row[:-1]
    return row


def as_pipe(rows: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def as_web_pipe(rows: list[list[str]]) -> str:
    return "\n".join(" | ".join(_trimmed(row)).strip() for row in rows)


def as_cell_per_line(rows: list[list[str]]) -> str:
    lines: list[str] = []
    for row in rows:
        lines += [f"{cell} |" if cell else "|" for cell in row]
        lines.append("|" * max(len(row), 6))
    return "\n".join(lines)


def as_columns(rows: list[list[str]]) -> str:
    return "\n".join("  ".join(cell for cell in row if cell) for row in rows)


def as_glued(rows: list[list[str]]) -> str:
    return "\n".join("".join(row) for row in rows)


SHAPES: dict[str, Callable[[list[list[str]]], str]] = {
    "pipe": as_pipe,
    "web-pipe": as_web_pipe,
    "html-pipe": as_web_pipe,
    "cell-per-line": as_cell_per_line,
    "columns": as_columns,
    "glued": as_glued,
}


STYLES = {
    "national": Style(),
    "sichuan": Style(columns="sichuan"),
    "no-scores": Style(scores=False),
}
"""Layouts: the national template; 四川's 指标性质 / 指标值 / 度量单位 / 权重 columns; a template
with no 分值 / 得分 columns and no 总分 (转移支付, 湖南)."""


def expected_forms() -> Iterator[tuple[str, Form]]:
    """(label, form) for every form of the expected readings."""
    for path in sorted(EXPECTED.glob("r*.yaml")) + [EXAMPLE]:
        for i, form in enumerate(read_path(path)):
            yield f"{path.stem}#{i}", form


UNSCORED = ("total_weight", "total_score", "grade")
"""Form fields a layout without scores does not print (nor the weights and scores of rows)."""


def _blank_row(indicator: dict[str, Any]) -> bool:
    return not (indicator["target"]["text"] or indicator["actual"]["text"] or indicator["deviation"])


def comparable(form: Form, doubtful: list[str], style: Style) -> dict[str, Any]:
    """The fields of ``form`` the layout prints, without the areas in ``doubtful``: a 其中
    funds row is printed with "-" for its 分值 and 得分, and no row has a 到位数 column. Where
    the layout parts a value into 指标性质 / 指标值 / 度量单位, the cell's text is the reader's
    joining of the parts: the value is compared by what it says, not by its text."""
    data = reading_of(form, doubtful)
    data.pop("reading", None)
    for key in NOT_PRINTED + (() if style.scores else UNSCORED):
        data.pop(key, None)
    if not style.scores:  # a row with nothing but its name left is a template's empty row
        data["indicators"] = [i for i in data.get("indicators", []) if not _blank_row(i)]
    for indicator in data.get("indicators", []):
        for key in NOT_PRINTED_INDICATOR + (() if style.scores else ("weight", "score")):
            indicator.pop(key, None)
        if style.columns == "sichuan":
            for key in ("target", "actual"):
                indicator[key].pop("text", None)
    funds = data.get("funds")
    if isinstance(funds, dict):
        for key in NOT_PRINTED_FUNDS:
            funds.pop(key, None)
        for name, row in funds.items():
            if isinstance(row, dict):
                row.pop("received", None)
                if name != "total" or not style.scores:
                    row.pop("score", None)
        if not style.scores:
            funds.pop("weight", None)
    return data


def unprinted_funds_rows(expected: dict[str, Any], got: dict[str, Any]) -> None:
    """A 其中 funds row the form does not have (null) is laid out as an empty row: read back
    empty, it is the same reading."""
    want_funds, got_funds = expected.get("funds"), got.get("funds")
    if not isinstance(want_funds, dict) or not isinstance(got_funds, dict):
        return
    for key, row in want_funds.items():
        if row is None and isinstance(got_funds.get(key), dict) and not any(got_funds[key].values()):
            got_funds[key] = None


@dataclass
class Tally:
    """One shape's results over every laid-out form."""

    forms: int = 0
    whole: int = 0
    refused: int = 0
    fields: int = 0
    right: int = 0
    unread: int = 0
    confident_wrong: int = 0
    left_blank: int = 0
    """Of the confident wrong fields, those read as empty (no value where the form has one)."""
    wrong_by_field: Counter[str] = field(default_factory=Counter)
    unread_by_field: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


def field_key(path: str) -> str:
    """``.indicators[3].weight`` → ``indicators.weight``: a field across rows."""
    return ".".join(part.split("[")[0] for part in path.lstrip(".").split("."))


def is_blank(value: Any) -> bool:
    """An empty reading of a field: no number, no text."""
    if isinstance(value, dict) and "value" in value:
        return not value.get("text") and value["value"] is None and value["tier"] is None
    return value in (None, "", "<missing>")


def shown(value: Any) -> Any:
    """A field as a note prints it: a value cell by its text."""
    if isinstance(value, dict) and "value" in value:
        return value.get("text", {k: v for k, v in value.items() if v not in (None, False)})
    return value


def score(label: str, form: Form, style: Style, text: str, tally: Tally) -> None:
    """Read ``text`` back and add how it compares with ``form`` to ``tally``."""
    expected_doubts: list[str] = list(form.reading.doubtful) if form.reading else []
    want = leaves(comparable(form, expected_doubts, style))
    tally.forms += 1
    tally.fields += len(want)
    try:
        read = read_text(text.encode(), name=f"{label}.txt")
    except InputError as exc:
        tally.refused += 1
        tally.unread += len(want)
        tally.notes.append(f"{label}: refused: {exc}"[:160])
        return
    got_form = read[0]
    doubts: list[str] = list(got_form.reading.doubtful) if got_form.reading else []
    got_data = comparable(got_form, expected_doubts, style)
    want_data = comparable(form, expected_doubts, style)
    unprinted_funds_rows(want_data, got_data)
    got = leaves(got_data)
    want = leaves(want_data)
    wrong = []
    for path, value in want.items():
        if got.get(path, "<missing>") == value:
            tally.right += 1
            continue
        key = field_key(path)
        if _FIELD_AREA.get(key.split(".")[0]) in doubts:
            tally.unread += 1
            tally.unread_by_field[key] += 1
        else:
            tally.confident_wrong += 1
            tally.left_blank += is_blank(got.get(path))
            tally.wrong_by_field[key] += 1
            wrong.append(f"{path}: read {shown(got.get(path, '<missing>'))!r}, expected {shown(value)!r}")
    if len(read) != 1:
        wrong.append(f"{len(read)} forms read")
    if all(got.get(path, "<missing>") == value for path, value in want.items()) and len(read) == 1:
        tally.whole += 1  # a doubt about an area the layout prints empty (a form cut short) is no loss
    if wrong:
        tally.notes.append(f"{label}: " + "; ".join(wrong[:4]) + (f" (+{len(wrong) - 4})" if len(wrong) > 4 else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=list(SHAPES), action="append", help="only these shapes")
    parser.add_argument("--style", choices=list(STYLES), default="national", help="the template laid out")
    parser.add_argument("--form", help="only the expected reading whose name starts so (r028)")
    parser.add_argument("--diff", action="store_true", help="print each form's confident wrong fields")
    parser.add_argument("--show", action="store_true", help="print the laid-out text of each form")
    args = parser.parse_args()
    shapes = args.shape or list(SHAPES)
    forms = [(label, form) for label, form in expected_forms() if not args.form or label.startswith(args.form)]
    tallies = {shape: Tally() for shape in shapes}
    for label, form in forms:
        layout = layout_form(form, STYLES[args.style])
        rows, merged = table_rows(layout), merged_rows(layout)
        for shape in shapes:
            text = SHAPES[shape](merged if shape == "html-pipe" else rows)
            if args.show:
                print(f"--- {label} {shape}\n{text}\n")
            score(label, form, STYLES[args.style], text, tallies[shape])
    print(f"{len(forms)} expected forms laid out in the {args.style} template, read back per text shape\n")
    print(f"  {'shape':<14} {'forms':>5} {'whole':>5} {'refused':>7} {'fields right':>15} {'unread':>6}"
          f" {'confident wrong':>15} {'(blank)':>7}")
    for shape, t in tallies.items():
        print(f"  {shape:<14} {t.forms:>5} {t.whole:>5} {t.refused:>7} {t.right:>7}/{t.fields:<7} {t.unread:>6}"
              f" {t.confident_wrong:>15} {t.left_blank:>7}")
    print("\n  unread: the form was refused or its reading check doubted the field's area; confident wrong:"
          "\n  read differently and not doubted, (blank) of them read as empty")
    for shape, t in tallies.items():
        if t.wrong_by_field or t.unread_by_field:
            print(f"\n  {shape}: confident wrong by field: {dict(t.wrong_by_field.most_common())}")
            print(f"  {shape}: unread by field: {dict(t.unread_by_field.most_common())}")
        if args.diff and t.notes:
            print("\n".join(f"    {note}" for note in t.notes))


if __name__ == "__main__":
    main()
