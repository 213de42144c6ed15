"""PDF forms: built with reportlab (CJK font STSong-Light) at test time, read back via pdfplumber.

Text is compared with white space removed (``spaces=True``): see fixtures/compare.py for why a
PDF forces that and nothing more.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from fixtures.build_pdf import write_text_pdf
from fixtures.catalog import CASES, build_case
from fixtures.compare import assert_same_forms
from fixtures.seed import SEED_PATH

from jixiao.errors import InputError, NoFormError
from jixiao.model import Form, Source
from jixiao.readers import read_path
from jixiao.readers._legacy import find_soffice

PDF_CASES = [name for name, case in CASES.items() if "pdf" in case.formats]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    return {name: build_case(CASES[name], "pdf", out) for name in PDF_CASES}


def test_chinese_text_survives_generation_and_extraction(built: dict[str, Path]) -> None:
    import pdfplumber

    with pdfplumber.open(built["seed"]) as pdf:
        text = pdf.pages[0].extract_text()
    for phrase in ("财政项目支出绩效自评表", "上海市科学技术协会", "年度资金总额", "≥16.00(个)", "满意度"):
        assert phrase in text


@pytest.mark.parametrize("case", PDF_CASES)
def test_each_case_reads_back_as_laid_out(built: dict[str, Path], case: str) -> None:
    forms = read_path(built[case])
    assert_same_forms(forms, CASES[case].expected, spaces=True)
    for form in forms:
        assert len(form.warnings) == len(CASES[case].warnings), form.warnings


def test_seed_matches_the_text_reader_field_by_field(built: dict[str, Path]) -> None:
    assert_same_forms(read_path(built["seed"]), read_path(SEED_PATH), spaces=True)


def test_forms_running_over_page_breaks_stay_whole(built: dict[str, Path]) -> None:
    """Without page breaks the five tables flow on, and some split across pages."""
    import pdfplumber

    forms = read_path(built["seed_stacked"])
    # Which page each form's title and each 评分等级 (a form's last row) are on, in order.
    with pdfplumber.open(built["seed_stacked"]) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    title_pages = [n for n, t in enumerate(texts, 1) for _ in range(t.count("绩效自评表"))]
    end_pages = [n for n, t in enumerate(texts, 1) for _ in range(t.count("评分等级"))]
    assert len(title_pages) == len(end_pages) == 5
    assert any(a != b for a, b in zip(title_pages, end_pages))  # the layout did split a form
    assert [f.source.sheet for f in forms] == [f"第{n}页" for n in title_pages]
    assert [len(f.indicators) for f in forms] == [6, 9, 8, 10, 13]


def test_source_names_the_page_and_line(built: dict[str, Path]) -> None:
    import pdfplumber

    forms = read_path(built["seed"])
    assert [f.source.sheet for f in forms] == ["第1页", "第2页", "第3页", "第4页", "第5页"]
    with pdfplumber.open(built["seed"]) as pdf:
        lines = [ln["text"] for ln in pdf.pages[0].extract_text_lines()]
    for ind in forms[0].indicators:
        assert ind.name[:4] in lines[ind.line - 1].replace(" ", "")  # type: ignore[operator]


def _fake_text_reader(monkeypatch: pytest.MonkeyPatch, seen: list[str]) -> None:
    def read_text(data: bytes, *, name: str) -> list[Form]:
        seen.append(data.decode("utf-8"))
        return [Form(project="文本表", source=Source(file=name))]

    module = types.ModuleType("jixiao.readers.text")
    module.read_text = read_text  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "jixiao.readers.text", module)


def test_pages_without_a_table_go_to_the_text_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    _fake_text_reader(monkeypatch, seen)
    path = write_text_pdf(tmp_path / "文本.pdf", ["财政项目支出绩效自评表", "项目名称 基层科普服务"])
    forms = read_path(path)
    assert [(f.project, f.source.sheet) for f in forms] == [("文本表", "第1页")]
    assert "项目名称 基层科普服务" in seen[0]


def test_a_ruled_box_that_holds_no_form_leaves_the_page_to_the_text_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fixtures.build_pdf import FONT, _styles
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    seen: list[str] = []
    _fake_text_reader(monkeypatch, seen)
    style, _ = _styles()
    box = Table([["填报人", "张三"], ["审核人", "李四"]], style=[("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), FONT)])
    path = tmp_path / "签字框.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("项目名称 基层科普服务", style), box])
    forms = read_path(path)
    assert [f.project for f in forms] == ["文本表"]
    assert "项目名称 基层科普服务" in seen[0] and "填报人" in seen[0]


def test_a_text_only_pdf_of_the_example_reads_like_the_example(tmp_path: Path) -> None:
    """The real text reader on what pdfplumber extracts from untabled lines."""
    lines = [ln for ln in SEED_PATH.read_text(encoding="utf-8").splitlines() if ln.strip()][:140]
    path = write_text_pdf(tmp_path / "文本.pdf", lines)
    forms = read_path(path)
    assert forms[0].project == "基层科普服务"
    assert forms[0].source.sheet is not None and forms[0].source.sheet.startswith("第1")


def test_a_pdf_with_neither_table_nor_text_says_so(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "扫描件.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 200)
    c.showPage()
    c.save()
    with pytest.raises(NoFormError, match="扫描件.pdf.*没有找到自评表"):
        read_path(path)


@pytest.mark.parametrize("keep", [0.0, 0.02, 0.3])
def test_truncated_or_broken_pdf_gives_one_chinese_error(built: dict[str, Path], tmp_path: Path, keep: float) -> None:
    data = built["seed"].read_bytes()
    path = tmp_path / "截断.pdf"
    path.write_bytes(data[: int(len(data) * keep)] or b"%PDF-1.4 nothing")
    with pytest.raises(InputError) as err:
        read_path(path)
    assert str(path) in str(err.value)
    assert "PDF" in str(err.value) or "自评表" in str(err.value)


def test_a_password_protected_pdf_says_so(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "加密.pdf"
    c = canvas.Canvas(str(path), encrypt="secret")
    c.drawString(100, 100, "locked")
    c.save()
    with pytest.raises(InputError, match="加密.pdf.*密码"):
        read_path(path)


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed on this machine")
@pytest.mark.parametrize("source", ["docx", "xlsx"])
def test_a_pdf_printed_by_an_office_suite_reads_as_laid_out(tmp_path: Path, source: str) -> None:
    """A real office suite's PDF (its own fonts, borders and page breaks), not reportlab's."""
    import subprocess

    made = build_case(CASES["seed"], source, tmp_path)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [str(find_soffice()), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(made)],
        check=True, capture_output=True, timeout=180,
    )
    assert_same_forms(read_path(tmp_path / "pdf" / "seed.pdf"), CASES["seed"].expected, spaces=True)
