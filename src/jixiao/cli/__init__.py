"""The command line: parse options, call the library, print. Nothing else lives here.

Each command sits in its own small module; this one owns the app, the error boundary (every
``JixiaoError`` becomes a Chinese message and its exit status, never a traceback) and the
registration of the commands.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer
from typer.core import TyperArgument, TyperCommand

from ..errors import JixiaoError

if TYPE_CHECKING:
    from typer._click import Context  # the click that typer bundles (typer.Context subclasses it)

__all__ = ["app", "main"]

app = typer.Typer(
    name="jixiao",
    help="jixiao（绩效）：读取、检查财政项目支出绩效自评表，并起草偏差原因分析及改进措施。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)



def _version(value: bool) -> None:
    if value:
        from .. import __version__

        print(f"jixiao {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本"),
) -> None:
    """jixiao（绩效）：读取、检查财政项目支出绩效自评表，并起草偏差原因分析及改进措施。"""


from . import check as _check  # noqa: E402,F401  (registers `check`)
from . import draft as _draft  # noqa: E402,F401  (registers `draft`)
from . import parse as _parse  # noqa: E402,F401  (registers `parse`)
from . import rules as _rules  # noqa: E402,F401  (registers `rules`)


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
