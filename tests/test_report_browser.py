"""The HTML report in a real headless Chromium: what a reviewer sees after layout, on screen and
on paper. The bundled Shanghai example goes through the real reader and checker first.

The report has no script of its own; the test appends a small probe script to a *copy* of it,
so layout facts (computed colours, sizes, visible text) come back through ``--dump-dom``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from jixiao.check import check_forms
from jixiao.finding import Draft, Finding, Location
from jixiao.readers import read_path
from jixiao.report.html import render_html

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "shanghai-kepu-2024.txt"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="chromium not installed (apt-get install chromium; .ci/run installs it so CI never skips)",
    ),
]

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]

# The CSS custom properties of the report, as computed colours.
BACKGROUNDS = {"error": "rgb(253, 236, 234)", "warning": "rgb(255, 244, 214)", "info": "rgb(232, 241, 252)"}

PROBE = """<script>
const cells = [...document.querySelectorAll('table.sheet td')].filter(td => /\\bsev-/.test(td.className));
const out = {
  text: document.body.innerText,
  figures: Object.fromEntries([...document.querySelectorAll('#summary-figures .n')].map(e => [e.id, e.innerText])),
  titles: [...document.querySelectorAll('section.form h2')].map(e => e.innerText),
  fits: [...document.querySelectorAll('table.sheet')].map(t => t.getBoundingClientRect().right <= t.closest('section').getBoundingClientRect().right + 1),
  cells: cells.map(td => {
    const box = td.getBoundingClientRect();
    return {
      severity: td.className.match(/sev-(\\w+)/)[1], width: box.width, height: box.height,
      background: getComputedStyle(td).backgroundColor,
      notes: [...td.querySelectorAll('a.chip')].map(a => document.getElementById(a.getAttribute('href').slice(1)).innerText),
    };
  }),
};
const pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out);
document.body.appendChild(pre);
</script>"""


def chromium(tmp: Path, *args: str) -> str:
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list[Finding], Path]:
    forms = read_path(EXAMPLE)
    findings = check_forms(forms)
    first = forms[0]
    target = next(i for i in first.indicators if i.deviation)
    findings.append(Finding(rule="LLM001", name="偏差说明空泛（模型）", severity="warning", form=first.project,
                            indicator=target.name, field="deviation", message="模型认为改进措施缺少时间和责任人",
                            source="llm", location=Location(file=str(EXAMPLE), line=target.line)))
    drafts = [Draft(form=first.project, indicator=target.name, text="模板起草的偏差说明", origin="template")]
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(forms, findings, drafts), encoding="utf-8")
    return forms, findings, path


@pytest.fixture(scope="module")
def seen(example, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What the page shows after layout, at a reviewer's 1280-pixel window."""
    _, _, path = example
    tmp = tmp_path_factory.mktemp("probe")
    probe = tmp / "probe.html"
    probe.write_text(path.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = chromium(tmp, "--window-size=1280,1000", "--dump-dom", probe.as_uri())
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, "probe did not run"
    import html

    return json.loads(html.unescape(found.group(1)))


def test_summary_numbers_match_the_checker(example, seen: dict) -> None:
    forms, findings, _ = example
    rules = [f for f in findings if f.source == "rules"]
    expected = {"n-forms": len(forms), "n-llm": 1}
    expected |= {f"n-{s}": sum(f.severity == s for f in rules) for s in ("error", "warning", "info")}
    assert {k: int(v) for k, v in seen["figures"].items()} == expected
    assert len(forms) == 5 and expected["n-warning"] > 0


def test_every_form_has_its_titled_section(example, seen: dict) -> None:
    forms, _, _ = example
    assert seen["titles"] == [f"{i}. {f.project}" for i, f in enumerate(forms, start=1)]


def test_tables_fit_the_window(seen: dict) -> None:
    assert seen["fits"] and all(seen["fits"])


def test_highlighted_cells_show_their_findings(example, seen: dict) -> None:
    _, findings, _ = example
    cells = seen["cells"]
    assert cells
    for cell in cells:
        assert cell["width"] > 20 and cell["height"] > 10
        assert cell["background"] == BACKGROUNDS[cell["severity"]]
        assert cell["notes"]
    shown = "\n".join(n for c in cells for n in c["notes"])
    on_cells = [f for f in findings if f.source == "rules" and f.indicator and f.field in {"actual", "score", "deviation"}]
    assert on_cells
    for f in on_cells:
        assert f.message in shown, f.message


def test_model_output_and_drafts_are_visibly_marked(seen: dict) -> None:
    assert "模型输出·仅供参考" in seen["text"] and "模型认为改进措施缺少时间和责任人" in seen["text"]
    assert "模板草稿" in seen["text"] and "模板起草的偏差说明" in seen["text"]


def test_print_starts_every_form_on_a_new_page(example, tmp_path: Path) -> None:
    import pdfplumber

    forms, _, path = example
    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", path.as_uri())
    with pdfplumber.open(pdf) as doc:
        # NFKC: the CJK font maps some glyphs to Kangxi radicals (⽬ for 目) in the PDF text
        pages = ["".join(unicodedata.normalize("NFKC", p.extract_text() or "").split()) for p in doc.pages]
    # each form's heading opens a page (its number, then its source lines: the font maps a few
    # ideographs to radicals such as ⺠, so titles are not compared character by character)
    starts = []
    for i, form in enumerate(forms, start=1):
        hits = [n for n, text in enumerate(pages) if text.startswith(f"{i}.") and f"第{form.source.start_line}" in text]
        assert len(hits) == 1, (i, hits)
        starts.append(hits[0])
    assert starts == sorted(starts) and len(set(starts)) == len(forms) and starts[0] > 0, starts


def test_screenshot_shows_highlighted_cells(example, tmp_path: Path) -> None:
    from PIL import Image

    _, _, path = example
    shot = tmp_path / "report.png"
    chromium(tmp_path, "--window-size=1280,3200", f"--screenshot={shot}", path.as_uri())
    with Image.open(shot) as image:
        assert image.size == (1280, 3200)
        colours = {c for _, c in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    wanted = {tuple(int(x) for x in re.findall(r"\d+", BACKGROUNDS[s])) for s in ("warning", "info")}
    assert wanted <= colours
    print(f"screenshot: {shot}")
