"""Reports: one small class per output format, all behind the protocol in ``base``.

To add a format, write a ``Reporter`` subclass in its own module and add one line to ``FORMATS``;
the CLI's ``--format`` choices, its ``-o`` requirement and ``render`` all come from there. A
format's module is imported only when the format is used (html needs jinja2, xlsx openpyxl, all
of them pydantic), so importing this package, as ``jixiao --help`` does, costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from .base import Checked, Reporter, ReportOptions, Write

if TYPE_CHECKING:
    from ..finding import Draft, Finding
    from ..model import Form

__all__ = ["FORMATS", "Checked", "Reporter", "ReportOptions", "Write", "reporter_class", "render"]

FORMATS: dict[str, str] = {
    "text": "text:TextReporter",
    "json": "machine:JsonReporter",
    "jsonl": "machine:JsonLinesReporter",
    "github": "machine:GithubReporter",
    "html": "html:HtmlReporter",
    "xlsx": "xlsx:XlsxReporter",
}
"""Every output format by name, and the class (``module:Class`` in this package) that writes it."""


def reporter_class(fmt: str) -> type[Reporter]:
    """The class that writes format ``fmt``; an unknown name is a usage error."""
    if fmt not in FORMATS:
        raise UsageError(f"未知的输出格式 {fmt!r}（可选：{'、'.join(FORMATS)}）")
    module, name = FORMATS[fmt].split(":")
    cls: type[Reporter] = getattr(import_module(f"{__name__}.{module}"), name)
    return cls


def render(fmt: str, forms: Sequence[Form], findings: Sequence[Finding], *,
           drafts: Sequence[Draft] = (), **options: Any) -> str | bytes:
    """The whole report of ``findings`` on ``forms`` at once (bytes for xlsx, text otherwise).

    ``options`` are the fields of ``ReportOptions`` (``color``, ``statistics``, ...).
    """
    chunks: list[str | bytes] = []
    reporter = reporter_class(fmt)(chunks.append, ReportOptions(**options))
    reporter.start()
    reporter.handle(Checked(None, forms, findings, drafts))
    reporter.finish()
    if chunks and isinstance(chunks[0], bytes):
        return b"".join(c for c in chunks if isinstance(c, bytes))
    return "".join(c for c in chunks if isinstance(c, str))
