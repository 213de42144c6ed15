"""``check --llm``: a model reads 实际完成情况 and each 偏差原因 against the table.

It reports what rules cannot see (a reason that explains nothing, a sentence that contradicts
the table in words) as ``LLM0xx`` findings with ``source="llm"``: shown to the reviewer, never
counted for the exit status, and never replacing a deterministic finding.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import LLMError
from ..finding import Finding, Location
from ..model import Form
from ._facts import IndicatorFacts, indicator_facts
from .client import ChatClient
from .config import LLMSettings
from .draft import ask_json
from .guard import _MISS, numbers_in
from .prompts import fmt_num, render_messages
from .schema import ReviewAnswer

__all__ = ["REVIEW_PROMPT", "LLM_RULES", "review_form", "review_forms", "review_for_check"]

REVIEW_PROMPT = "review_narrative_v1"
SCHEMA_HINT = '{"items": [{"kind": "contradiction 或 weak_reason", "id": 指标编号, "message": "问题说明"}]}'

LLM_RULES: dict[str, tuple[str, str, str]] = {
    "contradiction": ("LLM001", "llm-contradiction", "warning"),
    "weak_reason": ("LLM002", "llm-weak-reason", "info"),
}
"""Answer kind → (code, name, severity). Codes are stable like the rule catalogue's."""


def review_form(
    form: Form,
    client: ChatClient,
    settings: LLMSettings,
    *,
    prompt: str = REVIEW_PROMPT,
    folder: Path | None = None,
) -> list[Finding]:
    """Model findings for one form; raises ``LLMError`` when the model cannot be used."""
    facts = indicator_facts(form)
    messages = render_messages(
        prompt,
        folder,
        form=form,
        rows=[f.prompt_facts() for f in facts],
        narrative=form.goal.achieved.strip() or "（空）",
        funds_rate=fmt_num(form.funds.total.rate),
        schema_hint=SCHEMA_HINT,
    )
    answer = ask_json(client, settings, prompt, messages, ReviewAnswer)
    assert isinstance(answer, ReviewAnswer)
    out: list[Finding] = []
    for item in answer.items:
        code, name, severity = LLM_RULES[item.kind]
        target = _named_row(facts, item.id, item.message)
        if item.kind == "contradiction" and _false_alarm(form, target, item.message):
            continue
        line = target.indicator.line if target else form.source.start_line
        out.append(
            Finding(
                rule=code,
                name=name,
                severity=severity,  # type: ignore[arg-type]
                form=form.label,
                indicator=target.name if target else None,
                field="deviation" if target else "goal.achieved",
                message=f"（模型意见，仅供参考）{item.message}",
                evidence={"model": settings.model, "prompt": prompt},
                location=Location(file=form.source.file, line=line, sheet=form.source.sheet),
                source="llm",
            )
        )
    return out


def _named_row(facts: list[IndicatorFacts], given: int, message: str) -> IndicatorFacts | None:
    """The row a model finding is about: the one whose name (or own 偏差原因 text) the message
    quotes, else the id the model gave. The 1.5B model often quotes one row's text under
    another row's id; the finding must land where the reviewer will look."""
    by_id = {f.id: f for f in facts}
    named = [f for f in facts if f.name and f.name in message]
    if named:
        longest = max(len(f.name) for f in named)
        named = [f for f in named if len(f.name) == longest]
    else:
        core = _core(message)
        named = [f for f in facts if len(_core(f.indicator.deviation)) >= 6
                 and (_core(f.indicator.deviation) in core or core in _core(f.indicator.deviation))]
    if not named:
        return by_id.get(given)
    for f in named:
        if f.id == given:
            return f
    return named[0]


def _core(text: str) -> str:
    import re

    return re.sub(r"[\W_]", "", text.replace("<<<", "").replace(">>>", ""))


def _false_alarm(form: Form, target: IndicatorFacts | None, message: str) -> bool:
    """A "contradiction" the table refutes: it quotes the same figure as both what should be and
    what is ("预算执行率应为100%，但实际为100%"), or calls a row missed that the table shows met
    while quoting only that row's own figures. Deterministic, so a false LLM001 never reaches
    the reviewer."""
    nums = numbers_in(message, year=form.year)
    if len(nums) >= 2 and len({round(x, 4) for x in nums}) == 1:
        return True
    if target is not None and target.met is True and not target.qualitative and _MISS.search(message):
        ind = target.indicator
        own = {round(x, 4) for x in (ind.target.value, ind.actual.value, ind.weight, ind.score,
                                      target.lost) if x is not None}
        return all(round(x, 4) in own for x in nums)
    return False


def review_forms(
    forms: Sequence[Form], client: ChatClient, settings: LLMSettings, **kw: object
) -> tuple[list[Finding], list[str]]:
    """(model findings, Chinese notices for forms the model could not read)."""

    def one(form: Form) -> tuple[list[Finding], str | None]:
        try:
            return review_form(form, client, settings, **kw), None  # type: ignore[arg-type]
        except LLMError as exc:
            return [], f"表单「{form.label}」未能获得模型审读：{exc}"

    if settings.concurrency == 1 or len(forms) < 2:
        results = [one(f) for f in forms]
    else:
        with ThreadPoolExecutor(max_workers=settings.concurrency) as pool:
            results = list(pool.map(one, forms))
    findings = [f for fs, _ in results for f in fs]
    notices = [n for _, n in results if n]
    return findings, notices


def review_for_check(
    forms: Sequence[Form],
    *,
    model: str | None = None,
    base_url: str | None = None,
    use_cache: bool = True,
    show_prompt: bool = False,
    log_path: Path | None = None,
    http_client: object = None,
) -> tuple[list[Finding], list[str]]:
    """What ``check --llm`` adds: model findings and notices; never raises for model trouble."""
    import sys

    from ._session import open_client
    from .config import settings_from_env

    settings = settings_from_env(model=model, base_url=base_url, use_cache=use_cache, log_path=log_path)
    client, why = open_client(
        settings,
        show=(lambda text: print(text, file=sys.stderr)) if show_prompt else None,
        http_client=http_client,
    )
    if client is None:
        return [], [f"--llm：{why}；只输出规则检查结果"]
    return review_forms(forms, client, settings)
