"""The unit's notes for ``jixiao draft --notes notes.yaml``: a few words per indicator, which the
model turns into a proper 偏差原因分析及改进措施.

The file (YAML; every key optional)::

    owner: 科普部                 # who answers for the measures (all forms)
    deadline: 2025年6月           # by when
    indicators:                   # indicator name → the unit's words, for every form
      受众群体满意度: 问卷原件遗失，明年起电子化存档
    forms:                        # project name → indicator name → words (wins over indicators)
      科普资源配送:
        长效管理制度健全性: 制度草案已起草，待党组会审议

A note is what the unit says happened; it is evidence, and the guard checks that every fact of
it survives in the draft and that nothing is added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .commitments import Commitments

__all__ = ["UnitNotes", "load_notes"]


@dataclass(frozen=True)
class UnitNotes:
    """Notes per indicator, per form, and the owner and deadline they give."""

    commitments: Commitments = Commitments()
    common: dict[str, str] = field(default_factory=dict)
    """Indicator name → note, for every form."""
    per_form: dict[str, dict[str, str]] = field(default_factory=dict)
    """Project name → indicator name → note."""

    def for_row(self, project: str | None, indicator: str) -> str:
        """The note for one indicator of one form ("" when the unit wrote none)."""
        own = self.per_form.get(project or "", {})
        return own.get(indicator) or self.common.get(indicator, "")

    @property
    def names(self) -> set[tuple[str | None, str]]:
        """(project or None for every form, indicator) of each note: to tell the unit about a
        note that matched no row needing a draft."""
        out: set[tuple[str | None, str]] = {(None, name) for name in self.common}
        out |= {(p, name) for p, rows in self.per_form.items() for name in rows}
        return out


def _text(value: Any, where: str, path: Path) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where} 应为一段文字", file=str(path))
    return value.strip()


def _rows(value: Any, where: str, path: Path) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(f"{where} 应为“指标名: 说明”的列表", file=str(path))
    return {str(k).strip(): _text(v, f"{where}.{k}", path) for k, v in value.items()}


def load_notes(path: Path) -> UnitNotes:
    """Read a notes file; a clear Chinese ``InputError`` names what is wrong and where."""
    import yaml

    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("找不到说明文件", file=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"说明文件无法读取（应为 UTF-8 编码的 YAML）：{exc}", file=str(path)) from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"说明文件不是合法的 YAML：{getattr(exc, 'problem', exc)}", file=str(path),
                         line=line) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("说明文件应为键值表（owner、deadline、indicators、forms）", file=str(path))
    unknown = sorted(set(map(str, data)) - {"owner", "deadline", "indicators", "forms"})
    if unknown:
        raise InputError(f"说明文件中有未知的键：{'、'.join(unknown)}（可用：owner、deadline、indicators、forms）",
                         file=str(path))
    forms = data.get("forms") or {}
    if not isinstance(forms, dict):
        raise InputError("forms 应为“项目名: {指标名: 说明}”的列表", file=str(path))
    return UnitNotes(
        commitments=Commitments(
            owner=_text(data["owner"], "owner", path) if data.get("owner") is not None else None,
            deadline=_text(data["deadline"], "deadline", path) if data.get("deadline") is not None else None,
        ),
        common=_rows(data.get("indicators"), "indicators", path),
        per_form={str(p).strip(): _rows(rows, f"forms.{p}", path) for p, rows in forms.items()},
    )
