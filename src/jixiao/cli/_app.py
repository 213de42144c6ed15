"""The Typer application every command module registers itself on (``cli/__init__`` imports
them all, so ``jixiao --help`` lists every command)."""

from __future__ import annotations

import typer

__all__ = ["app"]

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
