"""Running the real command in-process, as a user's shell would: argv in, exit status and output out."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from jixiao.cli import main

__all__ = ["run_jixiao"]


def run_jixiao(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["jixiao", *map(str, args)])
    with pytest.raises(SystemExit) as exc:
        main()
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err
