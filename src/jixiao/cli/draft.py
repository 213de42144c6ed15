"""`jixiao draft`: write the 偏差原因分析及改进措施 a reviewer would accept, per form and indicator.

With a model configured (OPENAI_BASE_URL, JIXIAO_MODEL) the model drafts and the facts guard
judges; without one, or when it fails, template drafts (模板草稿) come from the facts alone.
Heavy imports stay inside the function so ``jixiao --help`` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from ._app import app
from ._common import convert_option, max_size_option

__all__ = ["draft"]


class DraftFormat(StrEnum):
    text = "text"
    json = "json"
    yaml = "yaml"


def _render_text(forms, drafts, said: str | None) -> str:  # type: ignore[no-untyped-def]
    """Notes already said once on stderr (no model) are not repeated under every draft."""
    lines: list[str] = []
    for form, ds in zip(forms, drafts):
        where = f"{form.source.file}:{form.source.start_line}" if form.source.start_line else form.source.file
        lines.append(f"■ {form.label}（{where}）")
        if not ds:
            lines.append("  无需起草：没有扣分、未达标或需要说明偏差的指标。")
        for d in ds:
            kind = "模型草稿" if d.origin == "model" else "模板草稿"
            lines.append(f"  ● {d.indicator}［{kind}；触发：{'、'.join(d.triggers)}］")
            lines.append(f"    {d.text}")
            for note in d.notes:
                if said and note.startswith(said):
                    continue
                lines.append(f"    注：{note}")
        lines.append("")
    return "\n".join(lines)


def _tell_unused_notes(notes, forms, drafts) -> None:  # type: ignore[no-untyped-def]
    """A note for a row that needed no draft (or a misspelt name) is said, not silently dropped."""
    drafted = {(form.project, d.indicator) for form, ds in zip(forms, drafts) for d in ds}
    names = {name for _, name in drafted}
    for project, name in sorted(notes.names, key=lambda x: (x[0] or "", x[1])):
        used = name in names if project is None else (project, name) in drafted
        if not used:
            where = f"表单「{project}」的" if project else ""
            print(f"jixiao: 说明文件中{where}指标「{name}」没有需要起草的偏差说明（名称不符或无需说明），未使用", file=sys.stderr)


@app.command()
def draft(
    files: list[Path] = typer.Argument(..., help="自评表文件（.txt .yaml .json .xlsx .docx .pdf）"),
    fmt: DraftFormat = typer.Option(DraftFormat.text, "--format", "-f", help="输出格式"),
    out: Path | None = typer.Option(
        None, "--output", "-o", help="把填好偏差说明的自评表写入此文件（YAML/JSON，原子写入；不会改动输入文件）"
    ),
    model: str | None = typer.Option(None, "--model", "-m", help="模型名（默认 JIXIAO_MODEL）"),
    base_url: str | None = typer.Option(None, "--base-url", help="OpenAI 兼容接口地址（默认 OPENAI_BASE_URL）"),
    api_key: str | None = typer.Option(
        None, "--api-key", help="密钥（默认 OPENAI_API_KEY；建议用环境变量，以免留在命令历史中）"
    ),
    style: str | None = typer.Option(
        None, "--style", help="结构化输出方式：json_schema | json_object | json_object+schema（默认，llama.cpp）"
    ),
    timeout: float | None = typer.Option(None, "--timeout", help="每次请求的超时秒数（默认 180）"),
    retries: int | None = typer.Option(None, "--retries", help="429/5xx/连接错误的重试次数（默认 2）"),
    concurrency: int | None = typer.Option(None, "--concurrency", help="同时请求的表单数（默认 2）"),
    owner: str | None = typer.Option(
        None, "--owner", help="改进措施的责任科室（也可写在说明文件或 [tool.jixiao] owner；未给出时留【请补充】）"
    ),
    deadline: str | None = typer.Option(
        None, "--deadline", help="改进措施的完成时间，如 2025年6月（也可写在说明文件或 [tool.jixiao] deadline）"
    ),
    notes_file: Path | None = typer.Option(
        None, "--notes", help="单位说明文件（YAML：指标名: 几句话），模型据此写成正式的偏差原因分析及改进措施"
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示进度条"),
    no_llm: bool = typer.Option(False, "--no-llm", help="不调用模型，只生成模板草稿"),
    no_cache: bool = typer.Option(False, "--no-cache", help="不使用也不写入应答缓存"),
    show_prompt: bool = typer.Option(False, "--show-prompt", help="把发给模型的提示词打印到标准错误"),
    log: Path | None = typer.Option(None, "--log", help="把每次请求与应答追加写入此 JSONL 文件（默认写在缓存目录）"),
    max_size: float | None = max_size_option(),
    convert_legacy: bool = convert_option(),
) -> None:
    """为扣分、未达标等指标起草“偏差原因分析及改进措施”（模型草稿经事实校验，否则用模板草稿）。"""
    from ..check import check_forms
    from ..config import load_settings
    from ..llm._session import open_client
    from ..llm.commitments import Commitments
    from ..llm.config import settings_from_env
    from ..llm.draft import apply_drafts, draft_forms, plan_rows
    from ..llm.notes import load_notes
    from ..llm.progress import progress
    from ..readers.canonical import dump_forms
    from ._common import emit, read_all, refuse_output_over_input, resolve_max_bytes

    refuse_output_over_input(out, files)
    notes = load_notes(notes_file) if notes_file is not None else None
    config = load_settings(start=Path.cwd())
    given = Commitments(owner=owner, deadline=deadline)
    if notes is not None:
        given = given.merged(notes.commitments)
    given = given.merged(Commitments(owner=config.owner, deadline=config.deadline))
    forms = read_all(files, max_bytes=resolve_max_bytes(max_size), convert_legacy=convert_legacy)
    settings = settings_from_env(
        base_url=base_url, api_key=api_key, model=model, style=style, timeout=timeout,
        max_retries=retries, concurrency=concurrency, use_cache=not no_cache, log_path=log,
    )
    found = check_forms(forms)
    findings = [[f for f in found if f.form == form.label] for form in forms]

    def show(text: str) -> None:
        print(text, file=sys.stderr)

    why: str | None
    if no_llm:
        client, why = None, "按 --no-llm 要求未调用模型"
    else:
        client, why = open_client(settings, show=show if show_prompt else None)
    if client is None:
        print(f"jixiao: {why}；以下为模板草稿，请人工核改。", file=sys.stderr)
    asked = 0 if client is None else sum(
        r.asks_model for form, fs in zip(forms, findings) for r in plan_rows(form, fs, given, notes))
    with progress("起草偏差说明", asked, quiet=quiet) as bar:
        drafts = draft_forms(forms, findings, client, settings, unavailable=why, commitments=given, notes=notes,
                             on_row=bar.advance)
    if notes is not None:
        _tell_unused_notes(notes, forms, drafts)

    flat = [d for ds in drafts for d in ds]
    n_model = sum(d.origin == "model" for d in flat)
    replaced = sum(d.origin == "template" and any("拒绝" in n or "无法" in n for n in d.notes) for d in flat)
    summary = f"共 {len(flat)} 条草稿：模型草稿 {n_model} 条，模板草稿 {len(flat) - n_model} 条"
    if replaced:
        summary += f"（其中 {replaced} 条因模型草稿未通过校验或模型出错而改用模板）"
    if client is not None:
        summary += f"；向模型发出请求 {client.requests_sent} 次"

    if out is not None:
        kind = "json" if fmt is DraftFormat.json or out.suffix.lower() == ".json" else "yaml"
        emit(dump_forms(apply_drafts(forms, drafts), kind), out)
        print(f"jixiao: 已写入 {out}；{summary}", file=sys.stderr)
        return
    if fmt is DraftFormat.text:
        emit(_render_text(forms, drafts, why if client is None else None), None)
    else:
        import json

        data = [d.model_dump(mode="json") for d in flat]
        if fmt is DraftFormat.json:
            emit(json.dumps(data, ensure_ascii=False, indent=2), None)
        else:
            import yaml

            emit(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), None)
    print(f"jixiao: {summary}", file=sys.stderr)
