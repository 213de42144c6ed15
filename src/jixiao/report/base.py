"""The reporter protocol every output format follows (as flake8's formatters do).

A reporter is made for one run with a ``write`` callable (the CLI hands it stdout or an atomic
file) and the run's options. The run calls ``start()`` once, ``handle(checked)`` once per checked
file (and once more for the model's findings), then ``finish()`` once. A format that can be
written as the findings arrive (json, jsonl, github) writes in ``handle`` and keeps nothing, so a
folder of ten thousand forms costs no memory; one that needs the whole run (text, html, xlsx)
keeps what it shows and writes in ``finish``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from .._io import DEFAULT_MAX_BYTES

if TYPE_CHECKING:  # pydantic stays out of `jixiao --help`
    from ..finding import Draft, Finding
    from ..model import Form

__all__ = ["Checked", "Reporter", "WholeRunReporter", "ReportOptions", "Write"]

Write = Callable[[str | bytes], None]
"""Where a reporter's output goes: text for the text formats, bytes for xlsx."""


@dataclass(frozen=True)
class Checked:
    """What checking one file gave: its forms, the findings on them and any drafts of their
    偏差原因分析. Model findings, which come after every file, have no file and no forms."""

    file: Path | None
    forms: Sequence[Form]
    findings: Sequence[Finding]
    drafts: Sequence[Draft] = ()


@dataclass(frozen=True)
class ReportOptions:
    """What a run may ask of its report; each format reads the options that concern it."""

    color: bool = False
    """text: colour the severities (the CLI asks for it only when stdout is a terminal)."""
    statistics: bool = False
    """text: end with a count of findings per rule."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """xlsx: the size limit under which the first XLSX input is read again as the report's base."""


class Reporter(ABC):
    """One report being written: ``start``, ``handle`` per checked file, ``finish``."""

    file_only: ClassVar[bool] = False
    """The report makes no sense on a terminal (html, xlsx): the CLI asks for ``-o``."""

    def __init__(self, write: Write, options: ReportOptions | None = None) -> None:
        self.write = write
        self.options = options or ReportOptions()

    def start(self) -> None:  # noqa: B027  (most formats have nothing to open)
        """Called once, before the first file."""

    @abstractmethod
    def handle(self, checked: Checked) -> None:
        """Called once per checked file, in order."""

    def finish(self) -> None:  # noqa: B027  (a streamed format may have nothing left to write)
        """Called once, after the last file: write what is still to be written."""


class WholeRunReporter(Reporter):
    """A report written once the run ends (html, xlsx): it gathers every file's forms, findings
    and drafts, and ``finish`` renders them together."""

    file_only = True

    def start(self) -> None:
        self.forms: list[Form] = []
        self.findings: list[Finding] = []
        self.drafts: list[Draft] = []

    def handle(self, checked: Checked) -> None:
        self.forms.extend(checked.forms)
        self.findings.extend(checked.findings)
        self.drafts.extend(checked.drafts)

