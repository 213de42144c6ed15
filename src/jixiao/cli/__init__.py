"""The command line: parse options, call the library, print. Nothing else lives here.

Each command sits in its own small module and registers itself on the app (``_app``); this one
imports them all and owns the error boundary: every ``JixiaoError`` becomes a Chinese message and
its exit status, never a traceback.
"""

from __future__ import annotations

import sys

from ..errors import JixiaoError
from ._app import app

# The commands register themselves when imported, and `jixiao --help` lists them in this order.
# isort: off
from . import parse as _parse  # noqa: F401
from . import check as _check  # noqa: F401
from . import rules as _rules  # noqa: F401
from . import draft as _draft  # noqa: F401
# isort: on

__all__ = ["app", "main"]


def main() -> None:
    try:
        app(standalone_mode=True)
    except JixiaoError as exc:
        print(f"jixiao: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
