"""Reports: one ``render`` for every output format, dispatched by name.

Formats load lazily (html needs jinja2, xlsx needs openpyxl), so importing this package costs
nothing; text and the machine formats are pure string building.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..errors import UsageError
from ..finding import Draft, Finding
from ..model import Form

__all__ = ["FORMATS", "BINARY_FORMATS", "FILE_ONLY_FORMATS", "render"]

FORMATS = ("text", "json", "jsonl", "github", "html", "xlsx")
BINARY_FORMATS = frozenset({"xlsx"})
FILE_ONLY_FORMATS = frozenset({"html", "xlsx"})
"""Formats that make no sense on a terminal: the CLI asks for ``-o``."""


def _renderer(fmt: str) -> Callable[..., str | bytes]:
    if fmt == "text":
        from .text import render_text

        return render_text
    if fmt in ("json", "jsonl", "github"):
        from . import machine

        return {"json": machine.render_json, "jsonl": machine.render_jsonl, "github": machine.render_github}[fmt]
    if fmt == "html":
        from .html import render_html

        return lambda forms, findings, drafts=None, **_: render_html(forms, findings, drafts=drafts)
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return lambda forms, findings, drafts=None, **_: render_xlsx(forms, findings, drafts=drafts)
    raise UsageError(f"未知的输出格式 {fmt!r}（可选：{'、'.join(FORMATS)}）")


def render(fmt: str, forms: Sequence[Form], findings: Sequence[Finding], *,
           drafts: Sequence[Draft] | None = None, **opts: Any) -> str | bytes:
    """The report of ``findings`` on ``forms`` in format ``fmt`` (bytes for xlsx, text otherwise).

    Options are per format: text takes ``color`` and ``statistics``; the others ignore them.
    """
    return _renderer(fmt)(list(forms), list(findings), drafts=list(drafts) if drafts else None, **opts)
