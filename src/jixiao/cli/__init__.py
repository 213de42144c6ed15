"""The command line: parse options, call the library, print. Nothing else lives here.

Each command sits in its own small module and registers itself on the app (``_app``); this one
imports them all and owns the error boundary: every ``JixiaoError`` becomes a Chinese message and
its exit status, never a traceback.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from typer.core import TyperArgument, TyperCommand

from ..errors import JixiaoError
from ._app import app

# The commands register themselves when imported, and `jixiao --help` lists them in this order.
# isort: off
from . import parse as _parse  # noqa: F401
from . import check as _check  # noqa: F401
from . import rules as _rules  # noqa: F401
from . import draft as _draft  # noqa: F401
# isort: on

if TYPE_CHECKING:
    from typer._click import Context  # the click that typer bundles (typer.Context subclasses it)

__all__ = ["app", "main"]


class _Command(TyperCommand):
    """A command whose usage line names its arguments as most tools do: ``PATHS...``, not
    typer's ``{paths}...``."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = (param.metavar or (param.name or "").upper()).removesuffix("...")
                name += "..." if param.nargs != 1 else ""
                pieces.append(name if param.required else f"[{name}]")
        return pieces


for _info in app.registered_commands:
    _info.cls = _Command


def main() -> None:
    try:
        app(standalone_mode=True)
    except JixiaoError as exc:
        print(f"jixiao: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
