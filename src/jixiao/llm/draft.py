"""Drafting 偏差原因分析及改进措施: grounded in the unit's words, validated, guarded, or a template.

Flow per form: the indicators that need text (checker findings, points lost, target unmet) →
the unit's words about each (its 偏差原因, narrative sentences about the row, its notes) → rows
with no cause in those words get a template with a visible placeholder, no request → for the
others the model writes only a cause (rephrasing the unit's) and a measure; the code puts the
table's fact sentence in front and the owner and deadline the unit gave (or placeholders) behind
→ JSON checked by pydantic (one repair turn quoting the error) → the guard judges each row on its
own facts (numbers, verdict, grounding, direction, notes kept) → one regeneration for a rejected
row, with the guard's reasons → the template for whatever is still rejected. A model failure
never stops the run: the form gets template drafts and the user is told why.

One request per row (``granularity="row"``, the default) or one per form with per-row answers
(``"form"``); README "请求粒度" gives the measurement behind the default.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..errors import LLMError, LLMResponseError
from ..finding import Draft, Finding
from ..model import Form
from ._facts import IndicatorFacts, needs_draft
from .client import ChatClient, ChatRequest
from .commitments import Commitments
from .config import LLMSettings
from .evidence import Evidence, row_evidence
from .fallback import measure_clauses, template_draft
from .guard import _copied, cause_problems, guard_draft, notes_problems, structure_problems
from .notes import UnitNotes
from .prompts import render_messages
from .schema import DraftAnswer, IndicatorDraft

__all__ = ["DRAFT_PROMPT", "SCHEMA_HINT", "ask_json", "prompt_item", "draft_form", "draft_forms", "apply_drafts",
           "Row", "plan_rows"]

DRAFT_PROMPT = "draft_deviation_v2"
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


@dataclass(frozen=True)
class Row:
    """One row to draft: its facts, the unit's words about it, and the owner and deadline."""

    facts: IndicatorFacts
    evidence: Evidence
    commitments: Commitments

    @property
    def id(self) -> int:
        return self.facts.id

    @property
    def given(self) -> str:
        """What the unit told us beyond the form; its numbers are facts a draft may state."""
        return self.evidence.notes + " " + self.commitments.text

    @property
    def asks_model(self) -> bool:
        """Only a row whose cause the unit stated is worth a request: the model rewrites causes,
        it never finds them."""
        return self.evidence.has_cause


def plan_rows(form: Form, findings: list[Finding] | None, commitments: Commitments = Commitments(),
              notes: UnitNotes | None = None) -> list[Row]:
    """The rows of ``form`` that need a draft, each with its evidence and commitments."""
    given = commitments.merged(notes.commitments) if notes is not None else commitments
    return [
        Row(it, row_evidence(form, it, notes.for_row(form.project, it.name) if notes else ""), given)
        for it in needs_draft(form, findings)
    ]


def _ask_drafts(
    client: ChatClient,
    settings: LLMSettings,
    form: Form,
    rows: list[Row],
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
        items=[prompt_item(r) for r in rows],
        schema_hint=SCHEMA_HINT,
        feedback=feedback or {},
    )
    ids = [r.id for r in rows]
    answer = ask_json(client, settings, prompt, messages, DraftAnswer, context={"ids": ids},
                      exact_items=("drafts", len(ids)))
    assert isinstance(answer, DraftAnswer)
    return {d.id: d for d in answer.drafts}, messages[0]["content"]


def prompt_item(row: Row) -> dict[str, object]:
    """The facts of one row for the prompt, the task in words and the unit's words as evidence."""
    facts = row.facts.prompt_facts()
    facts["task"] = _TASKS[row.facts.direction]
    facts["evidence"] = [*row.evidence.causes, *(m for m in _unit_measures(row.evidence) if m)]
    facts["notes"] = row.evidence.notes
    return facts


def _unit_measures(evidence: Evidence) -> list[str]:
    return list(dict.fromkeys(m for s in (evidence.notes, evidence.existing) for m in measure_clauses(s)))


_TASKS = {
    "miss": "该指标未达到年度指标值：cause 写没有达到的原因",
    "over": "该指标超出年度指标值：cause 写超出的原因",
    "deducted": "该指标已达到年度指标值但被扣分：cause 写扣分的原因，不能写未达到，也不能写指标值偏低",
    "other": "cause 写偏差的原因",
}
"""What the explanation must explain, in words: the model need not compare numbers."""


def _verdict(form: Form, row: Row, answer: IndicatorDraft, system: str = "") -> list[str]:
    """Every reason to reject the model's answer for one row, judged on that row's facts only."""
    facts, who = row.facts, row.commitments.sentence()
    parts = structure_problems(facts, answer.cause, answer.measure, who, form.goal.achieved)
    if any(_copied(answer.cause, line, run=8) or _copied(answer.measure, line, run=8)
           for line in (_TASKS[facts.direction], "结论：" + facts.status)):
        parts.append("照抄了提示词中的任务说明，没有写原因")
    if system and _copied(answer.cause, system):
        parts.append("照抄了提示词中其他项目的示例")
    parts += cause_problems(facts, answer.cause, answer.measure, row.evidence)
    parts += notes_problems(row.evidence.notes, answer.cause, answer.measure)
    return parts + guard_draft(form, facts, answer.text(facts.fact, who), given=row.given)


def draft_form(
    form: Form,
    findings: list[Finding] | None,
    client: ChatClient | None,
    settings: LLMSettings,
    *,
    prompt: str = DRAFT_PROMPT,
    folder: Path | None = None,
    unavailable: str | None = None,
    commitments: Commitments = Commitments(),
    notes: UnitNotes | None = None,
    on_row: Callable[[], None] | None = None,
) -> list[Draft]:
    """Drafts for every indicator of ``form`` that needs one, model-written where it passes.
    ``on_row`` is called once per row the model was asked about, when that row is settled."""
    rows = plan_rows(form, findings, commitments, notes)
    asked = [r for r in rows if r.asks_model]
    done: dict[int, Draft] = {}
    for r in rows:
        if not r.asks_model:
            done[r.id] = template_draft(form, r.facts, r.evidence, r.commitments,
                                        notes=["单位没有写明原因，原因与措施留待单位补充"])
    if client is None:
        why = unavailable or "未配置模型"
        for r in asked:
            done[r.id] = template_draft(form, r.facts, r.evidence, r.commitments, notes=[f"{why}，使用模板草稿"])
    elif asked:
        groups = [[r] for r in asked] if settings.granularity == "row" else [asked]
        for group in groups:
            for d in _draft_group(form, group, client, settings, prompt=prompt, folder=folder):
                done[next(r.id for r in group if r.facts.name == d.indicator)] = d
            for _ in group:
                if on_row is not None:
                    on_row()
    return [done[r.id] for r in rows]


def _draft_group(form: Form, rows: list[Row], client: ChatClient, settings: LLMSettings, *, prompt: str,
                 folder: Path | None) -> list[Draft]:
    """One request for ``rows``, one regeneration for the rejected ones, templates for the rest."""
    try:
        answers, system = _ask_drafts(client, settings, form, rows, prompt=prompt, folder=folder)
    except LLMError as exc:
        return [template_draft(form, r.facts, r.evidence, r.commitments, notes=[f"{exc}，使用模板草稿"])
                for r in rows]
    texts = {r.id: answers[r.id].text(r.facts.fact, r.commitments.sentence()) for r in rows}
    verdicts = {r.id: _verdict(form, r, answers[r.id], system) for r in rows}
    rejected = [r for r in rows if verdicts[r.id]]
    retry: dict[int, IndicatorDraft] = {}
    retry_error: str | None = None
    if rejected:
        try:
            retry, _ = _ask_drafts(client, settings, form, rejected, prompt=prompt, folder=folder,
                                   feedback={r.id: verdicts[r.id] for r in rejected})
        except LLMError as exc:
            retry_error = str(exc)

    out: list[Draft] = []
    for r in rows:
        name, triggers = r.facts.name, list(r.facts.triggers)
        if not verdicts[r.id]:
            out.append(Draft(form=form.label, indicator=name, text=texts[r.id], origin="model",
                             accepted=True, triggers=triggers))
            continue
        notes = [f"模型草稿被事实校验拒绝：{'；'.join(verdicts[r.id])}（原稿：{texts[r.id]}）"]
        second = retry.get(r.id)
        if second is not None:
            second_text = second.text(r.facts.fact, r.commitments.sentence())
            again = _verdict(form, r, second, system)
            if not again:
                out.append(Draft(form=form.label, indicator=name, text=second_text, origin="model",
                                 accepted=True, triggers=triggers, notes=[*notes, "重写后通过校验"]))
                continue
            notes.append(f"重写后仍被拒绝：{'；'.join(again)}（重写稿：{second_text}）")
        elif retry_error:
            notes.append(f"重写失败：{retry_error}")
        notes.append("已改用模板草稿")
        out.append(template_draft(form, r.facts, r.evidence, r.commitments, notes=notes))
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
    commitments: Commitments = Commitments(),
    notes: UnitNotes | None = None,
    on_form: Callable[[Form, list[Draft]], None] | None = None,
    on_row: Callable[[], None] | None = None,
) -> list[list[Draft]]:
    """Draft many forms, at most ``settings.concurrency`` forms in flight; order kept."""
    per_form = list(findings) if findings is not None else [None] * len(forms)

    def one(i: int) -> list[Draft]:
        drafts = draft_form(forms[i], per_form[i], client, settings, prompt=prompt, folder=folder,
                            unavailable=unavailable, commitments=commitments, notes=notes, on_row=on_row)
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
        copy = deepcopy(form)
        by_name = {d.indicator: d for d in ds}
        for ind in copy.indicators:
            if ind.name in by_name:
                ind.deviation = by_name[ind.name].text
        out.append(copy)
    return out
