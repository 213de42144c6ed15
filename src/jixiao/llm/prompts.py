"""Prompts are files (``prompts/<name>_v<n>.md.j2``), rendered from facts with StrictUndefined.

A prompt in a file can be read, reviewed and diffed like any other text, and its versioned name
goes into every log entry; a missing fact is an error, never a silently empty hole in a prompt.
One file holds both messages: the part after ``---- system ----`` and after ``---- user ----``.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import UsageError

__all__ = ["prompts_dir", "render_messages", "fmt_num"]

_SYSTEM = "---- system ----"
_USER = "---- user ----"


def prompts_dir() -> Path:
    """``JIXIAO_PROMPTS``, else the repository's top-level ``prompts/`` (editable install),
    else the copy a wheel installs under ``<prefix>/share/jixiao/prompts``."""
    env = os.environ.get("JIXIAO_PROMPTS")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[3] / "prompts"
    if repo.is_dir():
        return repo
    return Path(sys.prefix) / "share" / "jixiao" / "prompts"


def fmt_num(value: float | None) -> str:
    """90.0 → "90", 0.125 → "0.13" (half-up, as the forms round): no float noise in prompts."""
    if value is None:
        return "（空）"
    from decimal import ROUND_HALF_UP, Decimal

    text = str(Decimal(repr(float(value))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@lru_cache(maxsize=8)
def _environment(folder: str) -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = fmt_num
    return env


def render(name: str, folder: Path | None = None, **facts: Any) -> str:
    import jinja2

    base = folder or prompts_dir()
    try:
        template = _environment(str(base)).get_template(f"{name}.md.j2")
        return template.render(**facts)
    except jinja2.TemplateNotFound:
        raise UsageError(f"找不到提示词模板 {name}.md.j2（目录 {base}；可用 JIXIAO_PROMPTS 指定）") from None
    except jinja2.UndefinedError as exc:
        raise UsageError(f"提示词模板 {name} 缺少数据：{exc.message}") from None


def render_messages(name: str, folder: Path | None = None, **facts: Any) -> list[dict[str, str]]:
    """Render a prompt file into chat messages (system, user)."""
    text = render(name, folder, **facts)
    if _SYSTEM not in text or _USER not in text:
        raise UsageError(f"提示词模板 {name} 应包含「{_SYSTEM}」与「{_USER}」两段")
    system, user = text.split(_USER, 1)
    system = system.split(_SYSTEM, 1)[1]
    return [
        {"role": "system", "content": system.strip()},
        {"role": "user", "content": user.strip()},
    ]
