"""`jixiao rules`: the catalogue, or one rule's full documentation (text or JSON)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

import typer

from ._app import app

if TYPE_CHECKING:  # the rule modules load only when the command runs
    from ..rules import Rule


class RulesFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _markdown(rules: list[Rule]) -> str:
    """The catalogue as a Markdown page (the docs are generated from the rules themselves)."""
    from ..report.text import SEVERITY_CN
    from ..rules import FAMILIES

    out = ["# 检查规则", "", "由 `jixiao rules --format markdown` 从规则代码生成，请勿手改。", ""]
    family = None
    for r in rules:
        if r.family != family:
            family = r.family
            out += [f"## {family}：{FAMILIES[family]}", ""]
        out += [f"### {r.code} `{r.name}`（{SEVERITY_CN[r.severity]}）", "", r.summary, ""]
        out += [line + "  " if line else line for line in r.doc.splitlines()] + [""]
    return "\n".join(out)


@app.command()
def rules(
    code: str | None = typer.Argument(None, help="规则代码（如 Q005）；省略时列出全部规则"),
    fmt: RulesFormat = typer.Option(RulesFormat.text, "--format", "-f", help="输出格式（markdown 用于生成文档）"),
) -> None:
    """列出全部检查规则，或显示一条规则的完整说明（检查什么、为什么、示例、如何修正）。"""
    import json

    from ..report.text import SEVERITY_CN
    from ..rules import FAMILIES, all_rules, get_rule

    if code is not None:
        r = get_rule(code)
        if fmt is RulesFormat.markdown:
            print(_markdown([r]))
            return
        if fmt is RulesFormat.json:
            print(json.dumps(r.as_dict(), ensure_ascii=False, indent=2))
            return
        print(f"{r.code} {r.name}（{SEVERITY_CN[r.severity]}，{FAMILIES[r.family]}）\n{r.summary}\n\n{r.doc}")
        return
    catalogue = all_rules()
    if fmt is RulesFormat.markdown:
        print(_markdown(catalogue))
        return
    if fmt is RulesFormat.json:
        print(json.dumps([r.as_dict() for r in catalogue], ensure_ascii=False, indent=2))
        return
    family = None
    for r in catalogue:
        if r.family != family:
            family = r.family
            print(f"\n{family}：{FAMILIES[family]}" if family != catalogue[0].family else f"{family}：{FAMILIES[family]}")
        print(f"  {r.code}  {SEVERITY_CN[r.severity]}  {r.name:<30} {r.summary}")
