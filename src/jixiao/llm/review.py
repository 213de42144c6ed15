"""``check --llm``: a model reads the form's own words for what rules cannot judge.

It asks for what only reading finds: a cause that does not explain the row's deviation, a measure
that does not address the cause, a narrative that contradicts itself. Every answer must quote the
exact sentence it is about; a quote that is not a substring of the form, a finding on a row where
a rule already reported, or an answer carrying the prompt's markup is dropped. What is left
becomes an ``LLM0xx`` finding with ``source="llm"``: shown in line order with the rule findings,
never counted for the exit status.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import LLMError
from ..finding import Finding, Location, Severity
from ..model import Form
from ._facts import IndicatorFacts, indicator_facts
from .client import ChatClient
from .config import LLMSettings
from .draft import ask_json
from .guard import _MISS, numbers_in
from .prompts import fmt_num, render_messages
from .schema import ReviewAnswer, ReviewItem

__all__ = ["REVIEW_PROMPT", "LLM_RULES", "LLM_RULES_CODES", "form_text", "review_form", "review_forms",
           "review_for_check", "merge_findings"]

REVIEW_PROMPT = "review_narrative_v2"
SCHEMA_HINT = ('{"items": [{"kind": "cause_mismatch 或 measure_mismatch 或 self_contradiction", "id": 指标编号, '
               '"quote": "原文中的一句话（逐字照抄）", "message": "问题说明"}]}')

LLM_RULES: dict[str, tuple[str, str, Severity]] = {
    "self_contradiction": ("LLM001", "llm-contradiction", "warning"),
    "cause_mismatch": ("LLM002", "llm-cause-mismatch", "info"),
    "measure_mismatch": ("LLM003", "llm-measure-mismatch", "info"),
}
"""Answer kind → (code, name, severity). Codes are stable like the rule catalogue's."""
LLM_RULES_CODES: frozenset[str] = frozenset(code for code, _, _ in LLM_RULES.values())

_MARKUP = re.compile(r"<<<|>>>|<<|>>|‹|›|【编号|编号\s*\d|表内文字|单位材料")
"""The prompt's own delimiters and labels: an answer carrying them echoes the prompt."""
_RESTATED = ("D", "Q", "L", "E", "N")
"""Rule families that already speak about a row's deviation text or its narrative sentence."""


def form_text(form: Form) -> str:
    """The words of the form a quote may come from, whitespace removed (as quotes are compared)."""
    parts = [form.goal.achieved, form.goal.planned, form.conclusion or "", form.shortcomings or "",
             form.measures or "", *(ind.deviation for ind in form.indicators)]
    return _squeeze("\n".join(parts))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def review_form(
    form: Form,
    client: ChatClient,
    settings: LLMSettings,
    *,
    prompt: str = REVIEW_PROMPT,
    folder: Path | None = None,
    rule_findings: Sequence[Finding] = (),
) -> list[Finding]:
    """Model findings for one form that survive the checks; raises ``LLMError`` when the model
    cannot be used."""
    facts = indicator_facts(form)
    messages = render_messages(
        prompt,
        folder,
        form=form,
        rows=[f.prompt_facts() for f in facts if f.indicator.deviation.strip()],
        narrative=form.goal.achieved.strip() or "（空）",
        funds_rate=fmt_num(form.funds.total.rate),
        schema_hint=SCHEMA_HINT,
    )
    answer = ask_json(client, settings, prompt, messages, ReviewAnswer)
    assert isinstance(answer, ReviewAnswer)
    flagged = {f.indicator for f in rule_findings
               if f.form == form.label and f.source == "rules" and f.indicator and f.severity != "info"
               and f.rule.startswith(_RESTATED)}
    text = form_text(form)
    out: list[Finding] = []
    for item in answer.items:
        target = _named_row(facts, item.id, item.quote + item.message)
        if not _kept(form, item, target, text, flagged):
            continue
        code, name, severity = LLM_RULES[item.kind]
        line = target.indicator.line if target else form.source.start_line
        out.append(
            Finding(
                rule=code,
                name=name,
                severity=severity,
                form=form.label,
                indicator=target.name if target else None,
                field="deviation" if target else "goal.achieved",
                message=f"（模型意见，仅供参考）「{item.quote.strip()}」：{item.message.strip()}",
                evidence={"model": settings.model, "prompt": prompt, "quote": _squeeze(item.quote)},
                location=Location(file=form.source.file, line=line, sheet=form.source.sheet),
                source="llm",
            )
        )
    return out


def _kept(form: Form, item: ReviewItem, target: IndicatorFacts | None, text: str, flagged: set[str]) -> bool:
    """An answer is shown only if it quotes the form word for word, carries no prompt markup,
    says something a rule did not already say about that row, and is not refuted by the table."""
    quote = _squeeze(item.quote)
    if len(quote) < 4 or quote not in text:
        return False
    if _MARKUP.search(item.quote + item.message):
        return False
    if target is not None and target.name in flagged:
        return False
    if target is None and item.kind != "self_contradiction":
        return False
    return not (item.kind == "self_contradiction" and _false_alarm(form, target, item.message))


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
    forms: Sequence[Form],
    client: ChatClient,
    settings: LLMSettings,
    *,
    rule_findings: Sequence[Finding] = (),
    on_form: Callable[[], None] | None = None,
    **kw: object,
) -> tuple[list[Finding], list[str]]:
    """(model findings, Chinese notices for forms the model could not read)."""

    def one(form: Form) -> tuple[list[Finding], str | None]:
        try:
            return review_form(form, client, settings, rule_findings=rule_findings, **kw), None  # type: ignore[arg-type]
        except LLMError as exc:
            return [], f"表单「{form.label}」未能获得模型审读：{exc}"
        finally:
            if on_form is not None:
                on_form()

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
    rule_findings: Sequence[Finding] = (),
    quiet: bool = False,
) -> tuple[list[Finding], list[str]]:
    """What ``check --llm`` adds: model findings and notices; never raises for model trouble."""
    import sys

    from ._session import open_client
    from .config import settings_from_env
    from .progress import progress

    settings = settings_from_env(model=model, base_url=base_url, use_cache=use_cache, log_path=log_path)
    client, why = open_client(
        settings,
        show=(lambda text: print(text, file=sys.stderr)) if show_prompt else None,
        http_client=http_client,
    )
    if client is None:
        return [], [f"--llm：{why}；只输出规则检查结果"]
    with progress("模型审读", len(forms), quiet=quiet) as bar:
        return review_forms(forms, client, settings, rule_findings=rule_findings, on_form=bar.advance)


def merge_findings(rules: Sequence[Finding], model: Sequence[Finding]) -> list[Finding]:
    """Model findings sorted in with the rule findings (already in line order per form): forms
    in their order, lines ascending, a rule finding first on a shared line."""
    order: dict[str, int] = {}
    for f in (*rules, *model):
        order.setdefault(f.form, len(order))
    both = list(enumerate((*rules, *model)))
    both.sort(key=lambda p: (order[p[1].form], p[1].location.line or 0, p[1].source == "llm", p[0]))
    return [f for _, f in both]
