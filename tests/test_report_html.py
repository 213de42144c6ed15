"""The HTML report as a reviewer meets it: summary, table of contents, forms in the national
layout with the offending cells highlighted, findings and drafts beside them, all escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from jixiao.finding import Draft, Finding, Location
from jixiao.model import Form, Funds, FundsRow, Goal, Indicator, Source, Value
from jixiao.report.html import render_html
from jixiao.rules import get_rule

# --- a tiny DOM, so assertions are about elements and their text, not about regexes -----------

_VOID = {"meta", "col", "br", "img", "input", "link", "hr", "line", "rect"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)]

    def by_id(self, ident: str) -> Node:
        hits = [n for n in self.iter() if n.attrs.get("id") == ident]
        assert len(hits) == 1, f"id {ident!r} found {len(hits)} times"
        return hits[0]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in _VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.cur))

    def handle_endtag(self, tag):
        node = self.cur
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.cur = node.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def dom(html: str) -> Node:
    p = _Parser()
    p.feed(html)
    return p.root


# --- forms as the readers hand them over ------------------------------------------------------


def ind(name: str, target: str, actual: str, weight: float, score: float | None, *, l1="产出指标",
        l2="数量指标", deviation="", line: int | None = None) -> Indicator:
    return Indicator(level1=l1, level2=l2, name=name, target=Value(text=target), actual=Value(text=actual),
                     weight=float(weight), score=None if score is None else float(score), deviation=deviation, line=line)


def kepu_form(**overrides) -> Form:
    fields = dict(
        project="基层科普服务", year=2024, department="上海市科学技术协会", implementer="上海市科普事业中心",
        funds=Funds(weight=10.0, total=FundsRow(initial=170.0, budget=170.0, executed=150.0, rate=100.0, score=10.0),
                    appropriation=FundsRow(initial=170.0, budget=170.0, executed=150.0, rate=88.24)),
        goal=Goal(planned="全年开展不少于60场次活动。", achieved="全年开展95次活动，覆盖16个区。"),
        indicators=[
            ind("覆盖面", "≥16.00(个)", "16.00(个)", 10, 10, line=120),
            ind("活动场次", "≥60场次", "50场次", 10, 10, line=121),
            ind("达标率", "=100.00(%)", "100.00(%)", 10, 10, l2="质量指标", line=122),
            ind("长效管理制度健全性", "健全", "部分达成指标并具有一定效果", 20, 16, l1="效益指标",
                l2="可持续影响指标", deviation="长效管理机制需进一步完善。", line=130),
            ind("服务对象满意度", "≥90%", "95%", 10, 10, l1="满意度指标", l2="服务对象满意度指标", line=140),
        ],
        total_weight=100.0, total_score=86.0, grade="优",
        source=Source(file="examples/kepu.txt", start_line=1, end_line=180),
    )
    fields.update(overrides)
    return Form(**fields)


def finding(rule: str, severity: str, field: str | None, indicator: str | None = None, *,
            form="基层科普服务", source="rules", message: str | None = None, line: int | None = None) -> Finding:
    return Finding(rule=rule, name=f"{rule}名称", severity=severity, form=form, indicator=indicator, field=field,
                   message=message or f"{rule} 的说明", source=source,
                   location=Location(file="examples/kepu.txt", line=line))


FINDINGS = [
    finding("Q004", "error", "score", "活动场次", message="实际 50场次 < 目标 60场次，却得满分"),
    finding("D001", "error", "deviation", "活动场次"),
    finding("F001", "error", "funds.total.rate"),
    finding("F002", "error", "funds.total.score"),
    finding("N001", "error", "goal.achieved"),
    finding("S003", "error", "grade"),
    finding("E001", "warning", "actual", "服务对象满意度"),
    finding("S006", "info", None),
    finding("LLM001", "warning", "deviation", "长效管理制度健全性", source="llm"),
]


@pytest.fixture(scope="module")
def page() -> Node:
    second = kepu_form(project="科普活动资助", total_score=55.5, grade="差", indicators=[])
    return dom(render_html([kepu_form(), second], FINDINGS))


def cell_with_chip(root: Node, rule: str) -> Node:
    """The table cell a finding is attached to: the one holding its chip."""
    chips = [a for a in root.find_all("a", "chip") if a.text() == rule]
    assert len(chips) == 1, f"{rule}: {len(chips)} chips"
    node = chips[0]
    while node.tag != "td" and node.tag != "#root":
        node = node.parent
    return node


# --- summary and navigation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ident", "expected"),
    [("n-forms", "2"), ("n-error", "6"), ("n-warning", "1"), ("n-info", "1"), ("n-llm", "1")],
)
def test_summary_counts_rules_findings_and_model_findings_apart(page: Node, ident: str, expected: str) -> None:
    assert page.by_id(ident).text() == expected


def test_rule_table_lists_each_rule_with_its_name_and_count(page: Node) -> None:
    rows = {tr.find_all("td")[0].text(): tr for tr in page.by_id("rule-table").find_all("tr")[1:]}
    assert set(rows) == {f.rule for f in FINDINGS}
    assert get_rule("Q004").summary in rows["Q004"].text() and "Q004名称" in rows["Q004"].text()
    assert "模型" in rows["LLM001"].text() and "模型" not in rows["Q004"].text()
    # errors first, model findings last
    assert list(rows)[0] in {"Q004", "D001", "F001", "F002", "N001", "S003"} and list(rows)[-1] == "LLM001"


def test_table_of_contents_links_every_form_section(page: Node) -> None:
    sections = page.find_all("section", "form")
    links = [a.attrs["href"] for a in page.find_all("a") if a.parent.tag == "td" and "title" in a.parent.classes]
    assert links == [f"#{s.attrs['id']}" for s in sections] == ["#form-1", "#form-2"]
    assert [s.find_all("h2")[0].text() for s in sections] == ["1. 基层科普服务", "2. 科普活动资助"]


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([95.0, 90.0, 89.99, 80.0, 79.99, 60.0, 59.99], {"优": 2, "良": 2, "中": 2, "差": 1}),
        ([100.0, None], {"优": 1, "良": 0, "中": 0, "差": 0, "无总分": 1}),
        ([], {"优": 0, "良": 0, "中": 0, "差": 0}),
    ],
)
def test_histogram_counts_forms_by_grade_band_of_printed_total(scores: list, expected: dict) -> None:
    forms = [kepu_form(project=f"表{i}", total_score=s) for i, s in enumerate(scores)]
    chart = dom(render_html(forms, [])).by_id("score-chart")
    bars = {}
    for title in chart.find_all("title"):
        band, _, rest = title.text().partition("（")
        bars[band] = int(re.search(r"：(\d+) 张", rest).group(1))
    assert bars == expected
    heights = [float(r.attrs["height"]) for r in chart.find_all("rect")]
    assert len(heights) == len(expected) and (max(heights) == 120.0 if scores else max(heights) == 0.0)


# --- the national layout and the highlighted cells -------------------------------------------


def test_every_table_row_is_nine_columns_wide_despite_rowspans(page: Node) -> None:
    for table in page.find_all("table", "sheet"):
        carried: list[int] = []  # remaining rowspan per occupied column slot
        for tr in table.find_all("tr"):
            width = sum(1 for c in carried if c > 0)
            carried = [c - 1 for c in carried if c > 1]
            for td in (c for c in tr.children if isinstance(c, Node) and c.tag in {"td", "th"}):
                span, rows = int(td.attrs.get("colspan", 1)), int(td.attrs.get("rowspan", 1))
                width += span
                carried += [rows - 1] * span if rows > 1 else []
            assert width == 9, f"row {tr.text()[:30]!r} is {width} wide"


@pytest.mark.parametrize(
    ("rule", "css", "cell_text"),
    [
        ("Q004", "sev-error", "10.00"),
        ("D001", "sev-error", "（空）"),
        ("F001", "sev-error", "100.00"),
        ("F002", "sev-error", "10.00"),
        ("N001", "sev-error", "全年开展95次活动"),
        ("S003", "sev-error", "优"),
        ("E001", "sev-warning", "95%"),
    ],
)
def test_offending_cell_is_highlighted_by_severity(page: Node, rule: str, css: str, cell_text: str) -> None:
    td = cell_with_chip(page, rule)
    assert css in td.classes
    assert td.text().startswith(cell_text)


def test_finding_note_follows_its_row_with_code_name_and_message(page: Node) -> None:
    td = cell_with_chip(page, "Q004")
    anchor = next(a for a in td.find_all("a", "chip") if a.text() == "Q004").attrs["href"][1:]
    note = page.by_id(anchor)
    assert "sev-error" in note.classes
    # the catalogue's Chinese title is shown, the finding's own name kept as a tooltip
    name = note.find_all("span", "name")[0]
    assert name.text() and get_rule("Q004").summary.startswith(name.text()) and name.attrs["title"] == "Q004名称"
    assert "Q004" in note.text() and "实际 50场次 < 目标 60场次，却得满分" in note.text()
    row = td.parent
    siblings = [c for c in row.parent.children if isinstance(c, Node)]
    assert siblings[siblings.index(row) + 1] is note.parent.parent.parent  # li < ul < td < tr


def test_model_finding_is_marked_and_does_not_colour_the_cell(page: Node) -> None:
    td = cell_with_chip(page, "LLM001")
    assert "llm-hit" in td.classes and not any(c.startswith("sev-") for c in td.classes)
    note = page.by_id(td.find_all("a", "chip")[0].attrs["href"][1:])
    assert "model" in note.classes and "模型输出" in note.text()
    assert note.find_all("span", "name")[0].text() == "LLM001名称"  # not in the catalogue: its own name


def test_worst_severity_wins_when_findings_share_a_cell() -> None:
    shared = [finding("Q005", "warning", "score", "活动场次"), finding("Q001", "error", "score", "活动场次"),
              finding("L003", "info", "score", "活动场次")]
    td = cell_with_chip(dom(render_html([kepu_form()], shared)), "Q001")
    assert "sev-error" in td.classes and {a.text() for a in td.find_all("a", "chip")} == {"Q005", "Q001", "L003"}


@pytest.mark.parametrize(
    ("f", "where"),
    [
        (finding("S006", "info", None), "整表问题"),
        (finding("Q001", "error", "score", "不存在的指标"), "整表问题"),
        (finding("X001", "info", None, form="别的表"), "未能对应到表单的问题"),
    ],
)
def test_findings_that_fit_no_cell_are_still_shown(f: Finding, where: str) -> None:
    html = render_html([kepu_form()], [f])
    assert where in html and f.message in html


def test_same_named_indicators_are_told_apart_by_line() -> None:
    form = kepu_form(indicators=[ind("满意度", "≥90%", "95%", 5, 5, line=10), ind("满意度", "≥90%", "80%", 5, 5, line=11)])
    td = cell_with_chip(dom(render_html([form], [finding("Q004", "error", "score", "满意度", line=11)])), "Q004")
    assert "80%" in td.parent.text()


# --- drafts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("draft", "tag", "extra"),
    [
        (Draft(form="基层科普服务", indicator="活动场次", text="目标60场次，实际50场次。", origin="template"), "模板草稿", None),
        (Draft(form="基层科普服务", indicator="活动场次", text="因场地调整减少10场次。", origin="model"), "模型草稿", None),
        (Draft(form="基层科普服务", indicator="活动场次", text="已全面完成。", origin="model", accepted=False,
               notes=["“全面完成”与未完成的目标矛盾"]), "模型草稿·未采用", "“全面完成”与未完成的目标矛盾"),
    ],
)
def test_draft_is_shown_in_the_deviation_cell_it_fills(draft: Draft, tag: str, extra: str | None) -> None:
    root = dom(render_html([kepu_form()], [finding("D001", "error", "deviation", "活动场次")], [draft]))
    box = cell_with_chip(root, "D001").find_all("div", "draft")
    assert len(box) == 1
    assert box[0].find_all("span", "tag")[0].text() == tag
    assert draft.text in box[0].text()
    assert ("rejected" in box[0].classes) == (not draft.accepted)
    if extra:
        assert extra in box[0].text()


# --- safety: untrusted text, no network -------------------------------------------------------

HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "</td></tr></table><h1>伪造</h1>"]


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("where", ["project", "goal", "deviation", "message", "draft"])
def test_form_text_is_escaped_everywhere(payload: str, where: str) -> None:
    form = kepu_form(
        project=payload if where == "project" else "基层科普服务",
        goal=Goal(planned=payload if where == "goal" else "计划", achieved="完成"),
    )
    if where == "deviation":
        form.indicators[1].deviation = payload
    name = form.project
    fs = [finding("D002", "warning", "deviation", "活动场次", form=name, message=payload if where == "message" else None)]
    ds = [Draft(form=name, indicator="活动场次", text=payload, origin="model")] if where == "draft" else []
    html = render_html([form], fs, ds)
    root = dom(html)
    assert not root.find_all("script") and not root.find_all("img") and len(root.find_all("h1")) == 1
    assert payload in root.text()


def test_report_is_self_contained() -> None:
    html = render_html([kepu_form()], FINDINGS, [Draft(form="基层科普服务", indicator="活动场次", text="x", origin="template")])
    root = dom(html)
    assert not root.find_all("link") and not root.find_all("script") and not root.find_all("img")
    hrefs = [n.attrs["href"] for n in root.iter() if "href" in n.attrs]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert not re.search(r"https?://|url\(|@import|@font-face", html.replace('xmlns="http://www.w3.org/2000/svg"', ""))


def test_css_has_cjk_fonts_and_print_rules() -> None:
    style = dom(render_html([kepu_form()], [])).find_all("style")[0].text()
    assert "Microsoft YaHei" in style and "Noto Sans CJK SC" in style and "PingFang SC" in style
    printing = style[style.index("@media print"):]
    assert "break-before: page" in printing and "position: static" in printing


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        (Location(file="examples/kepu.txt", line=121), "第 121 行"),
        (Location(file="other.txt", line=7), "other.txt 第 7 行"),
        (Location(file="examples/kepu.txt", sheet="表1", line=9), "工作表「表1」 第 9 行"),
        (Location(), ""),
    ],
)
def test_note_names_the_place_without_repeating_the_forms_file(location: Location, shown: str) -> None:
    f = Finding(rule="Q004", name="n", severity="error", form="基层科普服务", indicator="活动场次", field="score",
                message="m", location=location)
    note = dom(render_html([kepu_form()], [f])).find_all("li", "sev-error")[0]
    assert [w.text() for w in note.find_all("span", "where")] == ([shown] if shown else [])


def test_note_names_the_place_as_the_form_shows_it_then_the_line() -> None:
    f = Finding(rule="Q004", name="n", severity="error", form="基层科普服务", indicator="活动场次", field="score",
                message="m", location=Location(file="examples/kepu.txt", line=121),
                evidence={"place": "产出指标/数量指标/活动场次 · 得分"})
    note = dom(render_html([kepu_form()], [f])).find_all("li", "sev-error")[0]
    assert [w.text() for w in note.find_all("span", "where")] == ["产出指标/数量指标/活动场次 · 得分 第 121 行"]


# --- the bundled example through the real reader and checker ---------------------------------


def test_bundled_example_every_finding_is_shown_on_its_form() -> None:
    from pathlib import Path

    from jixiao.check import check_forms
    from jixiao.readers import read_path

    example = Path(__file__).resolve().parents[1] / "examples" / "shanghai-kepu-2024.txt"
    forms = read_path(example)
    findings = check_forms(forms)
    root = dom(render_html(forms, findings))
    sections = root.find_all("section", "form")
    assert [s.find_all("h2")[0].text() for s in sections] == [f"{i}. {f.project}" for i, f in enumerate(forms, 1)]
    assert "未能对应到表单的问题" not in root.text()
    for f in findings:
        section = sections[[x.project for x in forms].index(f.form)]
        notes = [li.text() for li in section.find_all("li") if f.rule in li.text()]
        assert any(f.message in n for n in notes), (f.rule, f.message)
    on_cells = [f for f in findings if f.indicator and f.field in {"target", "actual", "score", "deviation"}]
    chips = [a for a in root.find_all("a", "chip")]
    assert len(chips) >= len(on_cells) > 0


@pytest.mark.parametrize(("files", "shown"), [(1, "来源文件：f0.txt　"), (5, "f4.txt　"), (7, "f4.txt 等 7 个文件")])
def test_header_names_a_few_source_files_not_a_whole_batch(files: int, shown: str) -> None:
    forms = [kepu_form(project=f"表{i}", source=Source(file=f"f{i}.txt")) for i in range(files)]
    head = dom(render_html(forms, [])).by_id("top").text()
    assert shown in head and "f5.txt" not in head
