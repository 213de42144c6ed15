"""jixiao (绩效): read, check and draft 财政项目支出绩效自评表.

The public API is re-exported here lazily so ``import jixiao`` (and ``jixiao --help``) stays
cheap; heavy parts (readers' libraries, the LLM client) load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "Form", "Finding", "read_path"]

if TYPE_CHECKING:
    from .finding import Finding
    from .model import Form
    from .readers import read_path


def __getattr__(name: str) -> Any:
    if name == "Form":
        from .model import Form

        return Form
    if name == "Finding":
        from .finding import Finding

        return Finding
    if name == "read_path":
        from .readers import read_path

        return read_path
    raise AttributeError(name)
