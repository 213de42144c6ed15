"""Text-wide repairs before any shape splits cells: traditional characters, pinyin, page chrome.

Some web copies were converted to traditional characters, sometimes with the pinyin of a
character in brackets after it (``農(nóng)業(yè)``); both are undone here. Page chrome (a site's
publishing metadata, "发布时间", "字体：打印", "第1页 / 共8页") before the form is dropped: the
form starts at its title, a ``(2024年度)`` line, or the first labelled header row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["to_simplified", "drop_pinyin", "form_start", "is_chrome", "normalize"]

_TRADITIONAL_MARKS = re.compile(
    "[績評預數執項資總額標產質時經濟響續滿務對級價撥結轉餘單調與費據權達綜設內報開區縣廳財處應發災劃計專戶來業會護兩裡實際門國關說為當]"
)
"""Characters common in converted forms and never in simplified text: one of them decides."""

_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])\((?:[a-zü]*[{_TONE_MARKS}][a-zü]*)\)")
"""A pinyin syllable with its tone mark in brackets right after a character."""


@lru_cache(maxsize=1)
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters when it holds traditional ones; otherwise unchanged."""
    if _TRADITIONAL_MARKS.search(text) is None:
        return text
    converted: str = _converter().convert(text)  # type: ignore[attr-defined]
    return converted


def drop_pinyin(text: str) -> str:
    """``農(nóng)業(yè)`` → ``農業``."""
    return _PINYIN.sub("", text) if any(mark in text for mark in _TONE_MARKS) else text


def normalize(text: str) -> str:
    """Pinyin dropped, then traditional characters made simplified."""
    return to_simplified(drop_pinyin(text))


_TITLE = re.compile(r"(?:自评|评价|自评价)(?:表|报告)")
_YEAR_LINE = re.compile(r"^[（(]\s*\d{4}\s*年度?\s*[)）]$")
_START_LABELS = (
    "项目名称",
    "专项名称",
    "转移支付(项目)名称",
    "转移支付名称",
    "项目资金",
    "资金投入情况",
    "预算执行情况",
    "年度资金总额",
    "年度总体目标",
    "年度目标完成情况",
    "一级指标",
    "绩效指标",
)
_CHROME = re.compile(
    r"[:：]|\.(?:docx?|xlsx?|pdf|wps)|_第\d+页|^(?:附件|来源|发布|索引|浏览|字[体号]|打印|分享|日期|文号|当前位置|您现在)",
    re.IGNORECASE,
)
"""What a title never holds: a colon (a metadata row), a file name, a page of a document site."""


def form_start(first_cells: Iterable[str]) -> tuple[int, int] | None:
    """Where the form starts, given each line's first cell: (line index, offset of the start in
    that cell), or ``None`` when no line starts a form.

    A start is a title (a short cell naming a 自评表/评价表, no colon: a metadata row holds one),
    a bare year line ``(2024年度)``, or a header label such as 项目名称 or 一级指标. A header label
    may end a cell of page text ("详情见附件……一级指标"): the offset then skips that text.
    """
    for i, first in enumerate(first_cells):
        text = first.strip()
        if not text:
            continue
        bare = text.replace(" ", "")
        if _YEAR_LINE.match(bare) or bare.startswith(_START_LABELS):
            return i, 0
        if _TITLE.search(bare) and len(bare) <= 60 and not _CHROME.search(bare):
            return i, 0
        for label in _START_LABELS:
            if text.endswith(label):
                return i, len(text) - len(label)
    return None


_CHROME_LINE = re.compile(
    r"^(?:发布时间|发布日期|发文日期|信息来源|来源[:：]|浏览次数|阅读次数|浏览量|【?字[体号]|打印|分享|语音播报|"
    r"索引号|发布机构|附件\s*\d*[:：]?$|第\s*\d+\s*页\s*/\s*共|-\s*\d+\s*-$|\d+\s*/\s*\d+$)"
)


def is_chrome(text: str) -> bool:
    """Whether a line (or a row's only cell) is page chrome: publishing metadata, 附件1, a page number."""
    return _CHROME_LINE.match(text.strip()) is not None
