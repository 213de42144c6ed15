"""Drafting 偏差原因分析及改进措施: one request per form, validated, guarded, or a template.

Flow per form: the indicators that need text (checker findings, points lost, target unmet) →
one prompt with their verdicts in words and the cause category the findings imply → the model
writes only a cause and a measure per row; the code puts the table's fact sentence in front and
the responsible unit with its date behind → JSON checked by pydantic (one repair turn quoting
the error) → the facts guard on each text → one regeneration for rejected texts, with the guard's reasons → the
template for whatever is still rejected. A model failure never stops the run: the form gets
template drafts and the user is told why.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..errors import LLMError, LLMResponseError
from ..finding import Draft, Finding
from ..model import Form
from ._facts import IndicatorFacts, needs_draft
from .client import ChatClient, ChatRequest
from .config import LLMSettings
from .fallback import CAUSE_KINDS, cause_kind, owner_when, template_draft
from .guard import _copied, _gaps, guard_draft, structure_problems
from .prompts import render_messages
from .schema import DraftAnswer, IndicatorDraft

__all__ = ["DRAFT_PROMPT", "SCHEMA_HINT", "ask_json", "prompt_item", "draft_form", "draft_forms", "apply_drafts"]

DRAFT_PROMPT = "draft_deviation_v1"
RETRY_TEMPERATURE = 0.4
"""The regeneration after a rejection samples: at temperature 0 a small model tends to give the
very answer the guard just rejected; at 0.7 the 1.5B model copies prompt lines into its answer."""
SCHEMA_HINT = '{"drafts": [{"id": 编号, "cause": "具体原因", "measure": "动词开头的改进措施"}]}'


def _parse(model: type[BaseModel], content: str, finish: str | None, context: dict | None) -> BaseModel:
    """JSON (raw newlines allowed, as llama.cpp may emit them) → validated model, or ValueError."""
    if finish == "length":
        raise ValueError("回答因长度上限被截断，JSON 不完整")
    if not content.strip():
        raise ValueError("回答为空")
    try:
        data = json.loads(content, strict=False)
    except json.JSONDecodeError as exc:
        raise ValueError(f"不是合法的 JSON：{exc.msg}（第 {exc.pos} 个字符）") from None
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        errs = "；".join(
            f"{'.'.join(str(x) for x in e['loc']) or '根'}：{e['msg']}" for e in exc.errors()[:5]
        )
        raise ValueError(f"JSON 字段不符合要求：{errs}") from None


def ask_json(
    client: ChatClient,
    settings: LLMSettings,
    prompt: str,
    messages: list[dict[str, str]],
    model: type[BaseModel],
    *,
    context: dict | None = None,
    exact_items: tuple[str, int] | None = None,
) -> BaseModel:
    """One request, and on an unusable answer one repair turn that quotes the error.

    ``exact_items`` (array field, count) pins the array's length in the schema sent: under a
    grammar a small model otherwise keeps adding items until ``max_tokens``.
    """
    schema = model.model_json_schema()
    if exact_items is not None:
        name, count = exact_items
        schema["properties"][name] = {**schema["properties"][name], "minItems": count, "maxItems": count}

    def request(msgs: list[dict[str, str]]) -> ChatRequest:
        return ChatRequest(
            model=settings.model or "",
            messages=msgs,
            schema=schema,
            schema_name=model.__name__,
            max_tokens=settings.max_tokens,
            temperature=settings.temperature,
            style=settings.style,
            prompt=prompt,
        )

    first = client.complete(request(messages))
    try:
        return _parse(model, first.content, first.finish_reason, context)
    except ValueError as exc:
        error = str(exc)
    repair = [
        *messages,
        {"role": "assistant", "content": first.content[:2000]},
        {"role": "user", "content": f"上一次的回答无法使用：{error}。请改正，只输出完整、合法的 JSON。"},
    ]
    second = client.complete(request(repair))
    try:
        return _parse(model, second.content, second.finish_reason, context)
    except ValueError as exc:
        raise LLMResponseError(f"模型两次返回的内容都无法使用（{error}；修正后：{exc}）") from None


def _ask_drafts(
    client: ChatClient,
    settings: LLMSettings,
    form: Form,
    items: list[IndicatorFacts],
    *,
    prompt: str,
    folder: Path | None,
    feedback: dict[int, list[str]] | None = None,
) -> tuple[dict[int, IndicatorDraft], str]:
    if feedback:
        settings = settings.model_copy(update={"temperature": max(settings.temperature, RETRY_TEMPERATURE)})
    messages = render_messages(
        prompt,
        folder,
        form=form,
        items=[prompt_item(it) for it in items],
        narrative=form.goal.achieved.strip() or "（空）",
        schema_hint=SCHEMA_HINT,
        feedback=feedback or {},
    )
    ids = [it.id for it in items]
    answer = ask_json(client, settings, prompt, messages, DraftAnswer, context={"ids": ids},
                      exact_items=("drafts", len(ids)))
    assert isinstance(answer, DraftAnswer)
    return {d.id: d for d in answer.drafts}, messages[0]["content"]


def prompt_item(it: IndicatorFacts) -> dict[str, object]:
    """The facts of one row for the prompt, with the cause category as a hint. A unit's text the
    checker calls boilerplate (D002) is not shown: the small model copies it as the cause."""
    facts = it.prompt_facts()
    facts["hint"] = CAUSE_KINDS[cause_kind(it)]
    facts["task"] = _task(it)
    if "D002" in it.triggers or (it.indicator.deviation.strip() and _gaps(it.indicator.deviation)):
        facts["existing"] = ""
    return facts


def _task(it: IndicatorFacts) -> str:
    """What the analysis must explain, in words: a met row is explained by why points were lost
    or why the target was low, never by "未达到" (the model's favourite slip)."""
    if it.met is True and "Q006" in it.triggers and not (it.lost and it.lost > 0.005):
        return "实际完成值远超年度指标值，原因只写年度指标值定得偏低"
    if it.met is True:
        return "已达标但被扣分，原因写扣分的原因（如佐证资料不足）"
    if it.met is False:
        return "未达标，分析没有达到的具体原因"
    return "分析扣分或偏差的具体原因"


def _verdict(form: Form, facts: IndicatorFacts, answer: IndicatorDraft, system: str = "") -> list[str]:
    """Guard reasons, plus copies of the prompt itself: its task line, or a worked example's
    cause (about another project), is no analysis of this row. An example's measure may be
    reused: the measures for one cause type are the same everywhere."""
    who = owner_when(form)
    parts = structure_problems(facts, answer.cause, answer.measure, who, form.goal.achieved)
    if any(_copied(answer.cause, line, run=8) or _copied(answer.measure, line, run=8)
           for line in (_task(facts), "结论：" + facts.status)):
        parts.append("照抄了提示词中的任务说明，没有写原因")
    if system and _copied(answer.cause, system):
        parts.append("照抄了提示词中其他项目的示例")
    return parts + guard_draft(form, facts, answer.text(facts.fact, who))


def draft_form(
    form: Form,
    findings: list[Finding] | None,
    client: ChatClient | None,
    settings: LLMSettings,
    *,
    prompt: str = DRAFT_PROMPT,
    folder: Path | None = None,
    unavailable: str | None = None,
) -> list[Draft]:
    """Drafts for every indicator of ``form`` that needs one, model-written where it passes."""
    items = needs_draft(form, findings)
    if not items:
        return []
    if client is None:
        why = unavailable or "未配置模型"
        return [template_draft(form, it, notes=[f"{why}，使用模板草稿"]) for it in items]
    try:
        answers, system = _ask_drafts(client, settings, form, items, prompt=prompt, folder=folder)
    except LLMError as exc:
        return [template_draft(form, it, notes=[f"{exc}，使用模板草稿"]) for it in items]

    who = owner_when(form)
    texts = {it.id: answers[it.id].text(it.fact, who) for it in items}
    verdicts = {it.id: _verdict(form, it, answers[it.id], system) for it in items}
    rejected = [it for it in items if verdicts[it.id]]
    retry: dict[int, IndicatorDraft] = {}
    retry_error: str | None = None
    if rejected:
        try:
            retry, _ = _ask_drafts(
                client, settings, form, rejected, prompt=prompt, folder=folder,
                feedback={it.id: verdicts[it.id] for it in rejected},
            )
        except LLMError as exc:
            retry_error = str(exc)

    out: list[Draft] = []
    for it in items:
        first_text = texts[it.id]
        if not verdicts[it.id]:
            out.append(Draft(form=form.label, indicator=it.name, text=first_text, origin="model",
                             accepted=True, triggers=list(it.triggers)))
            continue
        notes = [f"模型草稿被事实校验拒绝：{'；'.join(verdicts[it.id])}（原稿：{first_text}）"]
        second = retry.get(it.id)
        if second is not None:
            second_text = second.text(it.fact, who)
            again = _verdict(form, it, second, system)
            if not again:
                out.append(Draft(form=form.label, indicator=it.name, text=second_text,
                                 origin="model", accepted=True, triggers=list(it.triggers),
                                 notes=[*notes, "重写后通过校验"]))
                continue
            notes.append(f"重写后仍被拒绝：{'；'.join(again)}（重写稿：{second_text}）")
        elif retry_error:
            notes.append(f"重写失败：{retry_error}")
        notes.append("已改用模板草稿")
        out.append(template_draft(form, it, notes=notes))
    return out


def draft_forms(
    forms: Sequence[Form],
    findings: Sequence[list[Finding]] | None,
    client: ChatClient | None,
    settings: LLMSettings,
    *,
    prompt: str = DRAFT_PROMPT,
    folder: Path | None = None,
    unavailable: str | None = None,
    on_form: Callable[[Form, list[Draft]], None] | None = None,
) -> list[list[Draft]]:
    """Draft many forms, at most ``settings.concurrency`` requests in flight; order kept."""
    per_form = list(findings) if findings is not None else [None] * len(forms)

    def one(i: int) -> list[Draft]:
        drafts = draft_form(forms[i], per_form[i], client, settings, prompt=prompt, folder=folder,
                            unavailable=unavailable)
        if on_form is not None:
            on_form(forms[i], drafts)
        return drafts

    if client is None or settings.concurrency == 1 or len(forms) < 2:
        return [one(i) for i in range(len(forms))]
    with ThreadPoolExecutor(max_workers=settings.concurrency) as pool:
        return list(pool.map(one, range(len(forms))))


def apply_drafts(forms: Sequence[Form], drafts: Sequence[list[Draft]]) -> list[Form]:
    """Copies of the forms with each drafted ``deviation`` filled in (inputs untouched)."""
    out: list[Form] = []
    for form, ds in zip(forms, drafts):
        copy = form.model_copy(deep=True)
        by_name = {d.indicator: d for d in ds}
        for ind in copy.indicators:
            if ind.name in by_name:
                ind.deviation = by_name[ind.name].text
        out.append(copy)
    return out
