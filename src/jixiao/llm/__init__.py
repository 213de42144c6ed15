"""The LLM side: drafts 偏差原因分析及改进措施 and reads the narrative for ``check --llm``.

Consumes forms and findings, hands drafts back through the facts guard; the deterministic
checker never imports this package. Submodules load openai and jinja2 only when used.
"""

from __future__ import annotations

__all__: list[str] = []
