"""Who answers for a measure and by when: only the unit can say, so jixiao never guesses.

Owner and deadline come from ``--owner`` / ``--deadline``, the notes file, or the ``owner`` /
``deadline`` settings of ``[tool.jixiao]``, in that order; whatever is not given stays a visible
placeholder (【请补充：责任科室】) that the unit fills in before filing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .evidence import placeholder

__all__ = ["Commitments", "OWNER_PLACEHOLDER", "DEADLINE_PLACEHOLDER"]

OWNER_PLACEHOLDER = placeholder("责任科室")
DEADLINE_PLACEHOLDER = placeholder("完成时间")


@dataclass(frozen=True)
class Commitments:
    """The responsible office and the deadline the unit gave (None: not given)."""

    owner: str | None = None
    deadline: str | None = None

    def sentence(self) -> str:
        """由科普部负责，于2025年6月前完成 — or the same with placeholders for what is missing."""
        who = (self.owner or "").strip() or OWNER_PLACEHOLDER
        when = re.sub(r"(?:之?前)?(?:完成)?$", "", (self.deadline or "").strip()) or DEADLINE_PLACEHOLDER
        return f"由{who}负责，于{when}前完成"

    def merged(self, other: Commitments) -> Commitments:
        """These values, with ``other``'s filling what is missing."""
        return Commitments(owner=self.owner or other.owner, deadline=self.deadline or other.deadline)

    @property
    def text(self) -> str:
        """Owner and deadline as given: the numbers in them are facts a draft may state."""
        return " ".join(x for x in (self.owner, self.deadline) if x)
