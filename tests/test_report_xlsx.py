"""The annotated workbook, read back with openpyxl as a reviewer's Excel would show it."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment

from jixiao._io import write_atomic
from jixiao.finding import Draft, Finding, Location
from jixiao.model import Form, Funds, FundsRow, Goal, Indicator, Source, Value
from jixiao.report.xlsx import FINDINGS_SHEET, SEVERITY_FILLS, render_xlsx
from jixiao.rules import get_rule

SHEET = "2024自评表"
FILE = "unit/kepu.xlsx"

# --- a unit's own workbook: columns shifted by one, labels broken over lines ------------------

INDICATORS = [  # row, 一级, 二级, 三级, A, B, w, s, deviation
    (13, "产出指标", "数量指标", "覆盖面", "≥16个", "16个", 10, 10, ""),
    (14, "产出指标", "数量指标", "活动场次", "≥60场次", "50场次", 10, 10, ""),
    (15, "产出指标", "质量指标", "达标率", "=100%", "100%", 10, 10, ""),
    (16, "效益指标", "可持续影响指标", "长效管理制度健全性", "健全", "部分达成指标并具有一定效果", 20, 16,
     "长效管理机制需进一步完善。"),
    (17, "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "95%", 10, 10, ""),
]


def unit_workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET

    def put(ref: str, value, merge: str | None = None) -> None:
        ws[ref] = value
        if merge:
            ws.merge_cells(f"{ref}:{merge}")

    put("B1", "财政项目支出绩效自评表", "J1")
    put("B2", "（2024年度）", "J2")
    put("B3", "项目名称"), put("C3", "基层科普服务", "J3")
    put("B4", "主管部门"), put("C4", "上海市科学技术协会", "E4"), put("F4", "实施单位"), put("G4", "上海市科普事业中心", "J4")
    put("B5", "项目资金\n（万元）", "B9"), put("C5", None, "D5")
    for col, label in zip("EFGHIJ", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        put(f"{col}5", label)
    funds = [("年度资金总额", 170, 170, 150, 10, 100, 10), ("其中：当年财政\n拨款", 170, 170, 150, "-", 88.24, "-"),
             ("上年结转资金", 0, 0, 0, "-", 0, "-"), ("其他资金", 0, 0, 0, "-", 0, "-")]
    for row, (label, *values) in enumerate(funds, start=6):
        put(f"C{row}", label, f"D{row}")
        for col, v in zip("EFGHIJ", values):
            put(f"{col}{row}", v)
    put("B10", "年度\n总体\n目标", "B11"), put("C10", "预期目标", "F10"), put("G10", "实际完成情况", "J10")
    put("C11", "全年开展不少于60场次活动。", "F11"), put("G11", "全年开展95次活动。", "J11")
    put("B12", "绩\n效\n指\n标", "B17")
    for col, label in zip("CDEFGHIJ", ["一级指标", "二级指标", "三级指标", "年度指标值\n(A)", "实际完成值\n(B)", "分值",
                                      "得分", "偏差原因分析\n及改进措施"]):
        put(f"{col}12", label)
    for row, l1, l2, name, a, b, w, s, dev in INDICATORS:
        for col, v in zip("CDEFGHIJ", [l1, l2, name, a, b, w, s, dev or None]):
            put(f"{col}{row}", v)
    put("B18", "总分", "G18"), put("H18", 100), put("I18", 86)
    put("B19", "评分等级", "G19"), put("H19", "优", "J19")
    ws["I14"].comment = Comment("单位自己的批注", "填报人")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def unit_form(**overrides) -> Form:
    fields = dict(
        project="基层科普服务", year=2024, department="上海市科学技术协会", implementer="上海市科普事业中心",
        funds=Funds(weight=10.0, total=FundsRow(initial=170.0, budget=170.0, executed=150.0, rate=100.0, score=10.0),
                    appropriation=FundsRow(initial=170.0, budget=170.0, executed=150.0, rate=88.24)),
        goal=Goal(planned="全年开展不少于60场次活动。", achieved="全年开展95次活动。"),
        indicators=[Indicator(level1=l1, level2=l2, name=name, target=Value(text=a), actual=Value(text=b),
                              weight=float(w), score=float(s), deviation=dev, line=row)
                    for row, l1, l2, name, a, b, w, s, dev in INDICATORS],
        total_weight=100.0, total_score=86.0, grade="优",
        source=Source(file=FILE, sheet=SHEET, start_line=1, end_line=19),
    )
    fields.update(overrides)
    return Form(**fields)


def finding(rule: str, severity: str, field: str | None, indicator: str | None = None, *, form="基层科普服务",
            source="rules", message: str | None = None, file: str = FILE) -> Finding:
    return Finding(rule=rule, name=f"{rule}名称", severity=severity, form=form, indicator=indicator, field=field,
                   message=message or f"{rule} 的说明", source=source, location=Location(file=file, sheet=SHEET))


FINDINGS = [
    finding("Q004", "error", "score", "活动场次"),
    finding("D001", "error", "deviation", "活动场次"),
    finding("E001", "warning", "actual", "服务对象满意度"),
    finding("Q009", "info", "target", "达标率"),
    finding("F001", "error", "funds.total.rate"),
    finding("F002", "error", "funds.total.score"),
    finding("N001", "error", "goal.achieved"),
    finding("S001", "error", "total_score"),
    finding("S003", "error", "grade"),
    finding("S006", "info", None),
    finding("LLM001", "warning", "deviation", "长效管理制度健全性", source="llm"),
    finding("X001", "info", None, form="另一张表"),
]


@pytest.fixture(scope="module")
def annotated() -> Workbook:
    data = render_xlsx([unit_form()], FINDINGS, sources={FILE: unit_workbook()})
    return load_workbook(io.BytesIO(data))


def fill(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:] if cell.fill.fill_type == "solid" else ""


# --- the unit's own workbook, annotated -------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "ref", "severity"),
    [
        ("Q004", "I14", "error"),
        ("D001", "J14", "error"),
        ("E001", "G17", "warning"),
        ("Q009", "F15", "info"),
        ("F001", "I6", "error"),
        ("F002", "J6", "error"),
        ("N001", "G11", "error"),
        ("S001", "I18", "error"),
        ("S003", "H19", "error"),
        ("S006", "C3", "info"),
        ("LLM001", "J16", "llm"),
    ],
)
def test_finding_becomes_comment_and_fill_on_its_cell(annotated: Workbook, rule: str, ref: str, severity: str) -> None:
    cell = annotated[SHEET][ref]
    assert cell.comment is not None
    line = next(x for x in cell.comment.text.split("\n") if f"] {rule} " in x)
    title = line.split(f"] {rule} ", 1)[1].split("：")[0]
    # the catalogue's Chinese title (the finding's own name for codes outside it), then the message
    assert title == "LLM001名称" if rule == "LLM001" else get_rule(rule).summary.startswith(title) and title
    assert line.endswith(f"：{rule} 的说明")
    assert fill(cell) == SEVERITY_FILLS[severity]


def test_model_finding_comment_says_it_is_model_output(annotated: Workbook) -> None:
    assert annotated[SHEET]["J16"].comment.text.startswith("【模型输出，仅供参考】")


def test_units_own_comment_is_kept_above_ours(annotated: Workbook) -> None:
    text = annotated[SHEET]["I14"].comment.text
    assert text.startswith("单位自己的批注") and text.index("单位自己的批注") < text.index("Q004")


def test_cells_without_findings_are_left_as_they_were(annotated: Workbook) -> None:
    original = load_workbook(io.BytesIO(unit_workbook()))[SHEET]
    ws = annotated[SHEET]
    touched = {"I14", "J14", "G17", "F15", "I6", "J6", "G11", "I18", "H19", "C3", "J16"}
    for row in original.iter_rows():
        for cell in row:
            mine = ws[cell.coordinate]
            assert mine.value == cell.value, cell.coordinate
            if cell.coordinate not in touched:
                assert mine.comment is None or cell.comment is not None, cell.coordinate
                assert fill(mine) == fill(cell), cell.coordinate
    assert {str(r) for r in ws.merged_cells.ranges} == {str(r) for r in original.merged_cells.ranges}


def test_findings_sheet_lists_every_finding_in_order_with_a_link(annotated: Workbook) -> None:
    ws = annotated[FINDINGS_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("序号", "表单", "三级指标", "规则", "名称", "严重程度", "来源", "说明", "位置", "单元格")
    assert [r[3] for r in rows[1:]] == [f.rule for f in FINDINGS]
    by_rule = {r[3]: r for r in rows[1:]}
    assert by_rule["Q004"][1:4] + by_rule["Q004"][5:8] == ("基层科普服务", "活动场次", "Q004", "错误", "规则", "Q004 的说明")
    assert get_rule("Q004").summary.startswith(by_rule["Q004"][4])
    assert by_rule["LLM001"][4] == "LLM001名称"  # a code outside the catalogue keeps its own name
    assert by_rule["Q004"][8] == f"{FILE}:{SHEET}" and by_rule["Q004"][9].endswith("!I14")
    assert by_rule["LLM001"][6] == "模型"
    assert by_rule["X001"][9] is None  # unknown form: listed, linked nowhere
    link = ws.cell(row=2, column=10).hyperlink
    assert link is not None and link.location.endswith("!I14")
    assert annotated.active.title == FINDINGS_SHEET and ws.auto_filter.ref == f"A1:J{len(FINDINGS) + 1}"


def test_input_file_is_never_modified(tmp_path: Path) -> None:
    src = tmp_path / "kepu.xlsx"
    src.write_bytes(unit_workbook())
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    data = src.read_bytes()
    out = tmp_path / "out.xlsx"
    write_atomic(out, render_xlsx([unit_form(source=Source(file=str(src), sheet=SHEET))], FINDINGS[:3],
                                  sources={str(src): data}))
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert hashlib.sha256(out.read_bytes()).hexdigest() != before
    assert load_workbook(out)[SHEET]["I14"].comment is not None and load_workbook(src)[SHEET]["I14"].comment.text == "单位自己的批注"


def test_indicator_found_by_name_when_reader_gave_no_row() -> None:
    form = unit_form()
    for indicator in form.indicators:
        indicator.line = None
    wb = load_workbook(io.BytesIO(render_xlsx([form], FINDINGS[:1], sources={FILE: unit_workbook()})))
    assert "Q004" in wb[SHEET]["I14"].comment.text


def test_drafts_go_into_the_deviation_comment_and_their_own_sheet() -> None:
    drafts = [Draft(form="基层科普服务", indicator="活动场次", text="目标60场次，实际50场次。", origin="template"),
              Draft(form="基层科普服务", indicator="长效管理制度健全性", text="已全面完成。", origin="model", accepted=False,
                    notes=["与评级矛盾"])]
    wb = load_workbook(io.BytesIO(render_xlsx([unit_form()], [], drafts, sources={FILE: unit_workbook()})))
    assert "[模板草稿] 目标60场次，实际50场次。" in wb[SHEET]["J14"].comment.text
    assert "[模型草稿（未采用：与评级矛盾）] 已全面完成。" in wb[SHEET]["J16"].comment.text
    rows = list(wb["偏差说明草稿"].iter_rows(values_only=True))
    assert rows[1:] == [("基层科普服务", "活动场次", "模板草稿", "是", "目标60场次，实际50场次。", None),
                        ("基层科普服务", "长效管理制度健全性", "模型草稿", "否", "已全面完成。", "与评级矛盾")]


# --- other inputs: the forms written out in the national layout -------------------------------


@pytest.fixture(scope="module")
def generated() -> Workbook:
    text_form = unit_form(source=Source(file="kepu.txt", start_line=1, end_line=200))
    second = unit_form(project="科普/活动:资助[2024]", indicators=[], source=Source(file="kepu.txt"))
    fs = [finding(f.rule, f.severity, f.field, f.indicator, source=f.source, file="kepu.txt") for f in FINDINGS]
    fs.append(finding("S002", "error", "total_weight", form="科普/活动:资助[2024]", message="=HYPERLINK(\"http://x\")"))
    return load_workbook(io.BytesIO(render_xlsx([text_form, second], fs)))


def test_one_sheet_per_form_then_the_findings(generated: Workbook) -> None:
    assert generated.sheetnames == ["基层科普服务", "科普_活动_资助_2024_", FINDINGS_SHEET]


@pytest.mark.parametrize(
    ("ref", "value"),
    [("A1", "财政项目支出绩效自评表"), ("B3", "基层科普服务"), ("D5", "年初预算数"), ("B6", "年度资金总额"),
     ("B8", "预期目标"), ("D10", "三级指标"), ("D12", "活动场次"), ("E13", "=100%"), ("I14", "长效管理机制需进一步完善。"),
     ("A16", "总分"), ("H16", 86), ("G17", "优")],
)
def test_generated_sheet_follows_the_national_layout(generated: Workbook, ref: str, value) -> None:
    assert generated["基层科普服务"][ref].value == value


def test_generated_sheet_has_merges_wrapping_and_widths(generated: Workbook) -> None:
    ws = generated["基层科普服务"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    # title, project name, 绩效指标 label over its rows, 一级 产出指标 over its three indicators
    assert {"A1:I1", "B3:I3", "A10:A15", "B11:B13", "C11:C12", "G17:I17"} <= merged
    assert ws["I14"].alignment.wrap_text and ws.column_dimensions["I"].width == 40
    assert ws["E13"].data_type == "s"  # "=100%" is a target, not a formula


@pytest.mark.parametrize(
    ("rule", "ref"),
    [("Q004", "H12"), ("D001", "I12"), ("E001", "F15"), ("F001", "H6"), ("N001", "F9"), ("S003", "G17")],
)
def test_generated_sheet_is_annotated_like_a_units_own(generated: Workbook, rule: str, ref: str) -> None:
    assert rule in generated["基层科普服务"][ref].comment.text


def test_hostile_text_stays_text(generated: Workbook) -> None:
    rows = list(generated[FINDINGS_SHEET].iter_rows())
    cell = next(r[7] for r in rows if r[3].value == "S002")
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"
    assert "科普_活动_资助_2024_" in rows[-1][9].value


def test_forms_from_another_file_get_sheets_in_the_units_workbook() -> None:
    other = unit_form(project="科普活动资助", source=Source(file="more.txt"))
    wb = load_workbook(io.BytesIO(render_xlsx([unit_form(), other], [finding("S002", "error", "total_weight",
                                                                         form="科普活动资助")],
                                              sources={FILE: unit_workbook()})))
    assert wb.sheetnames == [SHEET, "科普活动资助", FINDINGS_SHEET]
    assert "S002" in wb["科普活动资助"]["G16"].comment.text


@pytest.mark.parametrize(
    ("wanted", "taken", "expected"),
    [("基层科普服务", [], "基层科普服务"), ("a/b\\c?d*e[f]g:h", [], "a_b_c_d_e_f_g_h"), ("长" * 40, [], "长" * 31),
     ("检查结果", ["检查结果"], "检查结果(2)"), ("长" * 40, ["长" * 31], "长" * 28 + "(2)"), ("'引号'", [], "引号")],
)
def test_sheet_titles_are_legal_and_unique(wanted: str, taken: list[str], expected: str) -> None:
    from jixiao.report._xlsx_sheets import sheet_title

    wb = Workbook()
    for t in taken:
        wb.create_sheet(t)
    assert sheet_title(wb, wanted) == expected


# --- end to end: a unit's workbook through the real reader and checker ------------------------

_HEADERS = {"target": "指标值", "actual": "实际完成值", "score": "得分", "deviation": "偏差原因"}


@pytest.mark.parametrize("case", ["seed", "seed_stacked", "sichuan", "formulas"])
def test_checker_findings_land_on_their_indicator_rows(case: str, tmp_path: Path) -> None:
    from fixtures.catalog import CASES, build_case

    from jixiao.check import check_forms
    from jixiao.readers import read_path

    path = build_case(CASES[case], "xlsx", tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    forms = read_path(path)
    findings = check_forms(forms)
    wb = load_workbook(io.BytesIO(render_xlsx(forms, findings, sources={str(path): path.read_bytes()})))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    rows = list(wb[FINDINGS_SHEET].iter_rows(min_row=2, values_only=True))
    assert [r[3] for r in rows] == [f.rule for f in findings] and all(r[9] for r in rows)  # every one placed
    checked = 0
    for f, row in zip(findings, rows):
        if f.source != "rules" or not f.indicator or f.field not in _HEADERS:
            continue
        form = next(x for x in forms if x.project == f.form)
        line = next(i.line for i in form.indicators if i.name == f.indicator)
        sheet, ref = row[9].rsplit("!", 1)
        ws = wb[sheet.strip("'")]
        cell = ws[ref]
        assert ws.title == form.source.sheet and cell.row == line, (f.rule, f.indicator, row[9])
        header = next(r for r in range(line - 1, 0, -1) if any("实际完成值" in str(c.value or "") for c in ws[r]))
        label = "".join(str(ws.cell(row=header, column=cell.column).value).split())
        assert _HEADERS[f.field] in label, (f.rule, f.field, label)
        on_cell = [g.severity for g, r in zip(findings, rows) if r[9] == row[9] and g.source == "rules"]
        worst = max(on_cell, key=["info", "warning", "error"].index)
        assert f.rule in cell.comment.text and fill(cell) == SEVERITY_FILLS[worst]
        checked += 1
    assert checked >= 5
