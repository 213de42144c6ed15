"""The text reader on the seed (PDF-extracted text) and on the one-line and pipe-table shapes.

The expected models in tests/data/expected/ were checked line by line against the source text;
a mismatch prints every differing field with its path, so a regression reads like a review note.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from _text_shapes import pipe_to_csv

from jixiao.errors import NoFormError, NotTextError
from jixiao.model import Form, FundsRow, Source, form_data
from jixiao.readers import read_path
from jixiao.readers.text import detect_shape, read_text

ROOT = Path(__file__).resolve().parents[1]
SEED = "examples/shanghai-kepu-2024.txt"
SEED_TEXT = (ROOT / SEED).read_text(encoding="utf-8")
DATA = "tests/data/text"
EXPECTED = ROOT / "tests/data/expected"


def diff(expected: Any, got: Any, path: str = "") -> list[str]:
    """Every differing leaf as 'path: expected … got …'."""
    if isinstance(expected, dict) and isinstance(got, dict):
        out: list[str] = []
        for key in expected.keys() | got.keys():
            out += diff(expected.get(key, "<missing>"), got.get(key, "<missing>"), f"{path}.{key}")
        return out
    if isinstance(expected, list) and isinstance(got, list):
        out = [f"{path}: {len(expected)} items expected, {len(got)} read"] if len(expected) != len(got) else []
        for i, (e, g) in enumerate(zip(expected, got)):
            out += diff(e, g, f"{path}[{i}]")
        return out
    return [] if expected == got else [f"{path}: expected {expected!r}, read {got!r}"]


def read_rel(rel: str) -> list[dict[str, Any]]:
    return [form_data(f) for f in read_path(rel)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (SEED, "shanghai-kepu-2024.json"),
        (f"{DATA}/oneline-2023.txt", "oneline-2023.json"),
        (f"{DATA}/pipe-2024.txt", "pipe-2024.json"),
        # PDF text with label fragments of two columns on one line, a deviation ending before a
        # wrapped name, "—" placeholders, an operator printed apart from its number, a page number
        (f"{DATA}/pdf-variants-2024.txt", "pdf-variants-2024.json"),
    ],
)
def test_reads_every_field_as_checked_by_hand(source: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    want = json.loads((EXPECTED / expected).read_text(encoding="utf-8"))
    problems = diff(want, read_rel(source))
    assert not problems, "\n".join(sorted(problems))


@pytest.fixture(scope="module")
def seed() -> list:
    return read_text(SEED_TEXT.encode("utf-8"), name=SEED)


@pytest.mark.parametrize(
    ("index", "project", "rows", "start", "end", "total"),
    [
        (0, "基层科普服务", 6, 2, 213, 93.0),
        (1, "科技会客厅-科学咖啡馆", 9, 217, 383, 94.0),
        (2, "惠民科普直通车", 8, 387, 534, 94.0),
        (3, "大型科普活动", 10, 538, 706, 94.0),
        (4, "科普资源配送", 13, 710, 896, 93.0),
    ],
)
def test_seed_forms_in_file_order(seed, index, project, rows, start, end, total) -> None:
    form = seed[index]
    assert (form.project, len(form.indicators), form.source.start_line, form.source.end_line) == (
        project,
        rows,
        start,
        end,
    )
    assert (form.year, form.total_weight, form.total_score, form.grade, form.warnings) == (2024, 100.0, total, "优", [])


@pytest.mark.parametrize(
    ("index", "row", "field", "value"),
    [
        # a merged label broken into "可持/续影/响指/标", a qualitative actual wrapped over 3 lines
        (0, 4, "level2", "可持续影响指标"),
        (0, 4, "actual", "部分达成指标并具有一定效果"),
        (0, 4, "line", 173),
        # the deviation on the lines below its row, up to 总分
        (0, 5, "deviation", "满意度未留存相关存档文件，后续加强存档管理。"),
        # a name wrapped over two lines; the target shares the last line with the actual
        (1, 5, "name", "科学咖啡馆系列科普活动举办及时性"),
        (1, 5, "target", "及时"),
        (1, 5, "line", 317),
        # 成本指标 first-level, 经济成本指标 below it
        (1, 0, "level1", "成本指标"),
        (1, 0, "level2", "经济成本指标"),
        # the 二级 label "服务对象满意度指标" finished after the deviation and a page break
        (1, 8, "level2", "服务对象满意度指标"),
        (1, 8, "deviation", "满意度未留存相关存档文件，后续加强存档资料管理。"),
        # a short name alone on its line, then a wrapped target
        (2, 6, "name", "科普形式多样性"),
        (2, 6, "target", "内容形式多样"),
        # a merged 二级 cell covering the next row
        (2, 4, "level2", "质量指标"),
        # the deviation split by "标 满意 度指 标" after a page break
        (3, 9, "deviation", "满意度未留存相关存档资料，后续加强存档资料管理。"),
        (3, 9, "level1", "满意度指标"),
        (3, 9, "level2", "服务对象满意度指标"),
        # a deviation without a full stop is kept as printed
        (4, 11, "deviation", "长效管理机制需进一步完善，后续加强机制管理"),
        (4, 1, "target", "≥80(次)"),
    ],
)
def test_seed_layout_traps(seed, index, row, field, value) -> None:
    indicator = seed[index].indicators[row]
    got = getattr(indicator, field)
    assert (got.text if field in ("target", "actual") else got) == value


def test_goal_columns_split_and_continued_after_the_page_break(seed) -> None:
    goal = seed[0].goal
    assert goal.achieved == (
        "预算执行率 100%，截至 2024年 12月 31日，基层科普服务项目覆盖 16个区，项目质量达标率 100%，"
        "项目完成及时率 100%，基层科普服务能力有效提升，长效管理机制需进一步完善。"
    )
    assert goal.planned.startswith("紧密围绕本市“发挥科技创新的引领作用、建设更具活力的全球性科技创新中心”")
    assert "全年计划开展不少于 80次。为积极践行“人民城市”重要理念" in goal.planned
    assert goal.planned.endswith("计划全年开展不少于 60场次。")
    assert "预算执行率" not in goal.planned


@pytest.mark.parametrize(
    ("index", "opening"),
    [(1, "预算执行率 100%"), (2, "本项目预算执行率 100%。"), (3, "预算执行率 100%"), (4, "预算执行率 100%")],
)
def test_achieved_paragraph_starts_the_narrative(seed, index, opening) -> None:
    assert seed[index].goal.achieved.startswith(opening)
    assert seed[index].goal.planned[-1] == "。"


def test_funds_sub_row_label_broken_over_lines_and_dash_placeholders(seed) -> None:
    funds = seed[0].funds
    assert (funds.unit, funds.weight) == ("万元", 10.0)
    assert funds.total == FundsRow(initial=170.0, budget=170.0, executed=170.0, rate=100.0, score=10.0)
    assert funds.appropriation is not None and funds.appropriation.budget == 170.0
    assert funds.appropriation.score is None  # "-" is not 0
    assert funds.carryover is not None and funds.carryover.rate == 0.0


@pytest.mark.parametrize(
    ("path", "shape"),
    [
        (SEED, "pdf-text"),
        (f"{DATA}/pdf-variants-2024.txt", "pdf-text"),
        (f"{DATA}/oneline-2023.txt", "oneline"),
        (f"{DATA}/pipe-2024.txt", "pipe"),
    ],
)
def test_shape_detected_from_content(path: str, shape: str) -> None:
    assert detect_shape((ROOT / path).read_text(encoding="utf-8")) == shape
    assert {f.reading.shape for f in read_path(ROOT / path) if f.reading is not None} == {shape}


def test_a_project_named_like_a_landmark_does_not_change_the_shape() -> None:
    text = SEED_TEXT.replace("项目名称 基层科普服务", "项目名称 图书馆总分馆三级指标体系建设")
    assert detect_shape(text) == "pdf-text"
    assert read_text(text.encode(), name="x.txt")[0].project == "图书馆总分馆三级指标体系建设"


@pytest.mark.parametrize(
    ("rel", "old"),
    [(SEED, "基层科普服务"), (f"{DATA}/pipe-2024.txt", "老年人智能技术科普培训"), (f"{DATA}/oneline-2023.txt", "社区科普大学运行")],
)
def test_a_project_named_after_a_landmark_is_still_the_project(rel: str, old: str) -> None:
    original = (ROOT / rel).read_text(encoding="utf-8")
    reference = read_text(original.encode(), name="x.txt")[0]
    form = read_text(original.replace(old, "项目资金监管平台运维").encode(), name="x.txt")[0]
    assert (form.project, form.warnings, form.funds) == ("项目资金监管平台运维", [], reference.funds)


def test_forms_split_at_project_name_when_titles_are_missing() -> None:
    text = SEED_TEXT.replace("财政项目支出绩效自评表\n", "\n")
    forms = read_text(text.encode(), name="no-title.txt")
    assert [f.project for f in forms] == ["基层科普服务", "科技会客厅-科学咖啡馆", "惠民科普直通车", "大型科普活动", "科普资源配送"]
    assert sum(len(f.indicators) for f in forms) == 46


def test_windows_newlines_form_feeds_and_fullwidth_spaces_read_the_same(seed) -> None:
    text = SEED_TEXT.replace("\n\n\n\n财政", "\n\n\n\f\n财政").replace("项目名称 ", "项目名称\u3000")
    forms = read_text(text.replace("\n", "\r\n").encode(), name="crlf.txt")
    assert [replace(f, source=Source()) for f in forms] == [replace(f, source=Source()) for f in seed]
    assert [f.source.start_line for f in forms] == [f.source.start_line for f in seed]


def test_missing_closing_rows_are_flagged_not_invented() -> None:
    first_form = SEED_TEXT.split("总分 100.00 93.00")[0]
    (form,) = read_text(first_form.encode(), name="cut.txt")
    assert (form.total_score, form.total_weight, form.grade) == (None, None, None)
    assert "未能读取总分" in form.warnings and "未能读取评分等级" in form.warnings
    assert len(form.indicators) == 6


def test_missing_header_fields_are_flagged() -> None:
    text = SEED_TEXT.split("\n\n\n\n财政")[0].replace("主管部门 上海市科学技术协会 ", "")
    (form,) = read_text(text.encode(), name="x.txt")
    assert form.department is None and form.implementer == "上海市科普事业中心"
    assert form.warnings == ["未能读取主管部门"]


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"", NoFormError, "文件为空"),
        (b"  \n\r\n\t\n", NoFormError, "文件为空"),
        ("会议纪要\n今天讨论了预算。\n".encode(), NoFormError, "没有找到自评表"),
        (f"{'财政项目支出绩效自评表'}\n\n（2024年度）\n".encode(), NoFormError, "第 1 行"),
        # r051: another template's title, then a table whose text cannot be parted into cells
        ("发布时间: 2025年05月28日\n林业草原改革发展资金绩效评价表\n行次 全年预算数\n列次 0 1 2\n".encode(), NoFormError,
         "第 2 行：有标题「林业草原改革发展资金绩效评价表」，但没有读出其后"),
        (b"%PDF-1.7\n\x00\x01\x02binary", NotTextError, "二进制"),
    ],
)
def test_unreadable_input_names_the_file(content: bytes, error: type, words: str) -> None:
    with pytest.raises(error) as info:
        read_text(content, name="some/form.txt")
    assert "some/form.txt" in str(info.value) and words in str(info.value)


SCRAMBLED_ONE_LINE = (
    "2022年度道路养护项目绩效自评表.pdf\n"
    "某县财政预算支出项目绩效目标自评表 填报日期:2023 年 2 月 1 日 自评总分: 88 项目名称 道路养护费 "
    "项目实施单位 某县公路中心 项目主管单位 某县交通局 项目负责人 张三 中央 省、地 本级 合计 执行数 (万元) "
    "(万元) 12.5 12.5 执行率 100% 项目权重 评价内容 分值 自评分 项目决策 2 分 决策依据 2 2 数量指 标 15 分\n"
)
"""A 100-point form on one line whose columns came out of order (as r038 prints one)."""


def test_a_table_that_cannot_be_parted_still_names_its_form_and_doubts_the_rest() -> None:
    (form,) = read_text(SCRAMBLED_ONE_LINE.encode(), name="scrambled.txt")
    header = (form.project, form.year, form.department, form.implementer, form.total_score)
    assert header == ("道路养护费", 2022, "某县交通局", "某县公路中心", 88.0)
    assert form.funds.total.budget is None and form.indicators == []  # nothing guessed from the scramble
    assert form.reading is not None and form.reading.template == "points100"
    assert form.reading.doubtful == ["funds", "goal", "indicators"]
    # the text shows no shape's marks: which shape its table is in is not claimed
    assert form.reading.shape is None
    assert "看不出表格的文字是按什么方式排列的" in form.reading.problems[0]


def test_a_table_in_a_recognised_shape_that_cannot_be_parted_names_that_shape() -> None:
    # r036 (江西 上饶) without its 执行率 column: a one-line copy with a funds column word (得分)
    # after the funds rows, where nothing tells whether 得分 comes before or after 分值 (10 10)
    text = (
        "附件1 项目支出绩效自评表 ( 2021 年度) 项目名称 司法业务经费 主管部门 上饶市司法局 项目资金(万元) 实施单位 "
        "上饶市司法局 年初预算数 全年预算数 全年执行数 分值 年度资金总额: 620.82万元 "
        "620.82万元 620.82万元 10 10 其中:当年财政 拨款 620.82万元 620.82万元 620.82万元 10 10 得分 "
        "上年结转资金 其他资金 预期目标 实际完成情况 1.坚持提高站位把握正向\n"
    )
    (form,) = read_text(text.encode(), name="r036.txt")
    assert (form.project, form.department) == ("司法业务经费", "上饶市司法局")
    assert form.reading is not None and form.reading.shape == "scrambled"
    assert form.reading.doubtful == ["funds", "goal", "indicators"]
    assert "次序错乱或连在一起" in form.reading.problems[0]


def test_a_title_glued_to_its_header_items_starts_them() -> None:
    text = "苏州市级财政支出项目绩效自评表项目名称 市管绿地养护 项目年份 2017项目主管部门(单位) 苏州市园林和绿化管理局年初预算数 2960.00 2798.30 0.00 投入目标(28 分)资金使用合规性 合规 2.8\n"
    (form,) = read_text(text.encode(), name="glued.txt")
    assert (form.project, form.department, form.implementer) == ("市管绿地养护", "苏州市园林和绿化管理局", None)
    assert form.reading is not None and "indicators" in form.reading.doubtful


def test_one_line_and_pipe_shapes_agree_on_the_model_fields() -> None:
    """Same template, different shape: both give complete forms with no warnings."""
    for rel in (f"{DATA}/oneline-2023.txt", f"{DATA}/pipe-2024.txt"):
        forms = read_path(ROOT / rel)
        assert len(forms) == 2
        for form in forms:
            assert form.warnings == []
            weights = (form.funds.weight or 0) + sum(i.weight or 0 for i in form.indicators)
            assert weights == form.total_weight
            assert round((form.funds.total.score or 0) + sum(i.score or 0 for i in form.indicators), 2) == form.total_score


def test_untitled_fragment_with_landmarks_is_one_flagged_form() -> None:
    """A form cut out of a longer file (no title, no 项目名称) still reads, with what is missing named."""
    fragment = "\n".join(SEED_TEXT.split("\n")[9:213])  # from 项目资金 to 评分等级
    (form,) = read_text(fragment.encode(), name="cut.txt")
    assert (form.project, form.year, len(form.indicators), form.total_score) == (None, None, 6, 93.0)
    assert form.warnings[:4] == ["未能读取项目名称", "未能读取年度", "未能读取主管部门", "未能读取实施单位"]
    assert form.source.start_line == 1


def _same_content(forms: list, reference: list) -> list[str]:
    """Differences other than line numbers and the shape the text came in."""
    return diff([_content(f) for f in reference], [_content(f) for f in forms])


def _content(form: Form) -> dict[str, Any]:
    data = form_data(form)
    del data["source"]
    for ind in data["indicators"]:
        del ind["line"]
    if data["reading"] is not None:
        del data["reading"]["shape"]
    return data


@pytest.mark.parametrize(
    ("variant", "transform"),
    [
        ("blank lines dropped (other extractors)", lambda t: "\n".join(ln for ln in t.split("\n") if ln.strip())),
        ("page numbers at the page breaks", lambda t: t.replace("\n\n\n\n", "\n\n- 2 -\n\n")),
        ("第 N 页 footers", lambda t: t.replace("\n\n\n\n", "\n\n第 3 页，共 9 页\n\n")),
        ("trailing spaces and doubled spaces", lambda t: t.replace("\n", "  \n").replace(" ≥", "   ≥")),
        (
            "national title with the year in it, labels with colons, header cells on two lines",
            lambda t: t.replace("财政项目支出绩效自评表\n\n（2024年度）", "2024年度项目支出绩效自评表")
            .replace("项目名称 ", "项目名称：")
            .replace("主管部门 上海市科学技术协会 实施单位 ", "主管部门：上海市科学技术协会\n\n实施单位："),
        ),
        (
            "header values in the cell below their labels",
            lambda t: t.replace("项目名称 ", "项目名称\n\n").replace(
                "主管部门 上海市科学技术协会 实施单位 ", "主管部门\n上海市科学技术协会\n实施单位\n"
            ),
        ),
    ],
)
def test_extraction_variants_read_the_same(seed, variant: str, transform) -> None:
    forms = read_text(transform(SEED_TEXT).encode(), name="variant.txt")
    problems = _same_content(forms, seed)
    assert not problems, variant + "\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        (
            f"{DATA}/pipe-2024.txt",
            "| 年度总体目标 | 预期目标 | | | 实际完成情况 | | | |\n| | 面向",
            "| 年度总体目标 | 预期目标：面向",
        ),
        (f"{DATA}/oneline-2023.txt", "预期目标 实际完成情况 全年开设", "预期目标：全年开设"),
        (f"{DATA}/oneline-2023.txt", "项目名称 社区科普大学运行 主管部门 ", "项目名称：社区科普大学运行 主管部门："),
        (f"{DATA}/pipe-2024.txt", "\n|---|---|---|---|---|---|---|---|", ""),
    ],
)
def test_cell_shapes_accept_inline_labels_and_no_separator_row(rel: str, old: str, new: str) -> None:
    text = (ROOT / rel).read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new).replace("。 截至 2023年", "。 实际完成情况：截至 2023年")
    text = text.replace("| | | 截至 2024", "| | | 实际完成情况：截至 2024")
    problems = _same_content(read_text(text.encode(), name="v.txt"), read_path(ROOT / rel))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("text", "year", "unit"),
    [
        ("（2024年度）", 2024, None),
        ("2023年度项目支出绩效自评表", 2023, None),
        ("项目资金（万元）", None, "万元"),
        ("项目资金 (元)", None, "元"),
        ("单位：万元", None, "万元"),
        ("截至 2024年 12月 31日", None, None),  # a date in the narrative is not the form's year
    ],
)
def test_year_and_unit(text: str, year: int | None, unit: str | None) -> None:
    from jixiao.readers.grid import Cell
    from jixiao.readers.mapper._labels import unit_of, year_of

    assert (year_of([Cell(row=0, col=0, text=text)]), unit_of(text)) == (year, unit)


@pytest.mark.parametrize(
    ("cell", "number"),
    [("170.00", 170.0), ("1,234.50", 1234.5), ("１７０．００", 170.0), ("100%", 100.0), ("-", None), ("—", None),
     ("/", None), ("无", None), ("", None), ("abc", None), ("-3.5", -3.5), ("1" * 320, None),
     ("1" * 320 + "%", None), ("-" + "9" * 400, None), ("1" * 308, float("1" * 308))],
)
def test_parse_number_keeps_placeholders_apart_from_zero(cell: str, number: float | None) -> None:
    from jixiao.readers.vocabulary import is_placeholder, parse_number

    assert parse_number(cell) == (number, number is not None or is_placeholder(cell))


@pytest.mark.parametrize("codec", ["utf-8-sig", "gbk"])
def test_csv_export_reads_like_the_pipe_table(codec: str) -> None:
    pipe = (ROOT / DATA / "pipe-2024.txt").read_text(encoding="utf-8")
    data = pipe_to_csv(pipe)
    assert detect_shape(data) == "csv"
    problems = _same_content(read_text(data.encode(codec), name="表.csv"), read_path(ROOT / DATA / "pipe-2024.txt"))
    assert not problems, "\n".join(problems)


def test_csv_cell_with_a_line_break_keeps_its_row() -> None:
    pipe = (ROOT / DATA / "pipe-2024.txt").read_text(encoding="utf-8")
    data = pipe_to_csv(pipe).replace("尚无第三方评估数据支撑，", '"尚无第三方评估数据支撑，\n', 1)
    data = data.replace("开展抽样评估。", '开展抽样评估。"', 1)
    form = read_text(data.encode(), name="表.csv")[0]
    assert form.indicators[4].deviation == "尚无第三方评估数据支撑，下年度委托第三方开展抽样评估。"  # joined as wrapped
    assert [i.name for i in form.indicators][5:] == ["培训课程资源库更新", "参训老人满意度"]


def test_a_blank_score_is_none_and_named_not_merged_into_the_next_row() -> None:
    text = SEED_TEXT.replace("信息发布及时 及时 达成指标 10.00 10.00", "信息发布及时 及时 达成指标 10.00")
    form = read_text(text.encode(), name="x.txt")[2]
    blank, after = form.indicators[4], form.indicators[5]
    assert (blank.name, blank.weight, blank.score) == ("信息发布及时", 10.0, None)
    assert after.name == "媒体影响力提升情况"
    assert form.warnings == ["第 480 行指标「信息发布及时」只有一个分数，按分值读取，未能读取得分"]


def test_both_goal_columns_cut_by_the_page_break(seed) -> None:
    """The achieved column also runs over the page: its rest follows the planned column's rest."""
    lines = SEED_TEXT.split("\n")
    moved = lines[:92] + lines[92:94] + ["", "", ""] + lines[100:119] + [lines[94], lines[96]] + lines[119:]
    form = read_text("\n".join(moved).encode(), name="cut.txt")[0]
    assert form.goal == seed[0].goal


def test_header_words_inside_a_goal_text_are_not_the_table(seed) -> None:
    text = SEED_TEXT.replace("爱科学、学科学、用科学的科学态度，达到投入较少，", "爱科学、按三级指标体系考核，达到投入较少，", 1)
    form = read_text(text.encode(), name="x.txt")[0]
    assert "按三级指标体系考核" in form.goal.planned
    assert form.indicators == seed[0].indicators and form.goal.achieved == seed[0].goal.achieved


# A cell of 309 digits or more is inf as a float, which the model refuses: the reader reports it as
# a cell that is not a number (a warning naming the row, the value left empty), never a traceback.
HUGE = "1" * 320


_PIPE_TEXT = (ROOT / DATA / "pipe-2024.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("source", "old", "new", "warning"),
    [
        (SEED_TEXT, "年度资金总额： 170.00", f"年度资金总额： {HUGE}", "项目资金「年度资金总额」的年初预算数「1111"),
        (SEED_TEXT, "总分 100.00 93.00", f"总分 100.00 {HUGE}", "总分「1111"),
        (_PIPE_TEXT, "| 培训场次 | ≥150场 | 162场 | 15 | 15 |", f"| 培训场次 | ≥150场 | 162场 | 15 | {HUGE} |",
         "指标「培训场次」的得分「1111"),
        (_PIPE_TEXT, "| 年度资金总额 | 60.00 |", f"| 年度资金总额 | {HUGE} |", "项目资金「年度资金总额」的年初预算数「1111"),
    ],
    ids=["pdf-funds", "pdf-total", "pipe-score", "pipe-funds"],
)
def test_a_number_too_large_for_a_float_is_reported_not_read(
    tmp_path: Path, source: str, old: str, new: str, warning: str
) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    form = read_path(path)[0]
    assert [w for w in form.warnings if w.startswith(warning)] != []
    assert any(f"「{HUGE}」（第" in w and w.endswith("不是数字，按空白处理") for w in form.warnings)
    assert None in (form.funds.total.initial, form.total_score, form.indicators[0].score)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("覆盖面 ≥16.00(个) 16.00(个)", "覆盖面 ≥" + "1" * 400 + "(个) 16.00(个)"),
        ("覆盖面 ≥16.00(个) 16.00(个)", "覆盖面 ≥16.00(个) " + "1" * 400 + "(个)"),
        ("覆盖面 ≥16.00(个) 16.00(个)", "覆盖面 ≥" + "9" * 305 + "亿人 16.00(个)"),
        ("覆盖面 ≥16.00(个) 16.00(个)", "覆盖面 ≥" + "一" * 400 + "个 16.00(个)"),
    ],
    ids=["target", "actual", "multiplier", "chinese-numeral"],
)
def test_a_value_cell_too_large_for_a_float_is_kept_as_text(tmp_path: Path, old: str, new: str) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(SEED_TEXT.replace(old, new, 1), encoding="utf-8")
    forms = read_path(path)
    values = [v for f in forms for i in f.indicators for v in (i.target, i.actual) if len(v.text) > 300]
    assert len(values) == 1 and (values[0].op, values[0].value, values[0].unit) == (None, None, None)


def test_jixiao_parse_of_a_huge_amount_prints_the_form_and_its_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from _cli import run_jixiao

    path = tmp_path / "huge.txt"
    path.write_text(SEED_TEXT.replace("年度资金总额： 170.00", f"年度资金总额： {HUGE}", 1), encoding="utf-8")
    code, out, err = run_jixiao(monkeypatch, capsys, "parse", path)
    assert (code, err) == (0, "")
    first = json.loads(out)[0]
    assert first["funds"]["total"]["initial"] is None
    assert first["warnings"] == [f"项目资金「年度资金总额」的年初预算数「{HUGE}」（第16行）不是数字，按空白处理"]

