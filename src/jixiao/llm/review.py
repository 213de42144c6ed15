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
from ._facts import indicator_facts
from .client import ChatClient
from .config import LLMSettings
from .draft import ask_json
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
    by_id = {f.id: f for f in facts}
    out: list[Finding] = []
    for item in answer.items:
        code, name, severity = LLM_RULES[item.kind]
        target = by_id.get(item.id)
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
