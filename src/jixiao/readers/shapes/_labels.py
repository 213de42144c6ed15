"""The merged 一级/二级 label cells of PDF text, which extraction breaks into fragments.

PDF extraction breaks a merged label cell into pieces ("可持", "续影", "响指", "标") and emits the
pieces of the 一级 and 二级 columns one after the other, sometimes split by a row and a page
break. Knowing the labels of the national template (and their parent-child pairs) is what lets
the reader tell these fragments from content: ``LabelTracker`` is fed the lines of the table
that are made of fragments and says, when a row starts, which labels it sits under.
"""

from __future__ import annotations

__all__ = ["LabelTracker", "PIECES", "is_label"]

_LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
_CHILDREN: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标", "生态成本指标"),
}
_LEVEL2 = tuple(dict.fromkeys(label for children in _CHILDREN.values() for label in children))
_LABELS = tuple(dict.fromkeys(_LEVEL1 + _LEVEL2))
_PREFIXES = frozenset(label[:i] for label in _LABELS for i in range(1, len(label) + 1))
_LEVEL1_ONLY = frozenset(_LEVEL1) - frozenset(_LEVEL2)
_EXTENDABLE = frozenset(a for a in _LABELS if any(b != a and b.startswith(a) for b in _LABELS))
_CLOSED = frozenset(_LABELS) - _EXTENDABLE
"""Labels that no longer label begins: read whole, they are done at once."""
PIECES = frozenset(label[i:j] for label in _LABELS for i in range(len(label)) for j in range(i + 1, len(label) + 1))
"""Every fragment a label cell can break into: a text outside this set is content."""


def is_label(text: str) -> bool:
    """Whether ``text`` is a whole 一级 or 二级 label of the national template."""
    return text in _LABELS


class LabelTracker:
    """Follows the merged 一级/二级 label cells through their fragments.

    Fragments arrive column by column ("满意", "度指", "服务", "对象", then the row, then "标",
    "满意", "度指", "标" after a page break), so a buffer is closed as soon as the next fragment
    cannot extend it, a half label is resolved to the one known label it begins, and the rest it
    still owes is swallowed when it turns up later instead of leaking into a deviation text.
    """

    def __init__(self) -> None:
        self.level1 = ""
        self.level2 = ""
        self._buffer = ""
        self._pending: list[str] = []
        self._owed: list[str] = []

    def feed(self, line: str) -> bool:
        """Take ``line`` if it is made of label fragments (several, parted by spaces, are taken
        all or none); ``False``, and no change, means the line is content."""
        if line in PIECES:
            return self._feed_piece(line)  # one piece; a piece not taken changes nothing
        tokens = line.split(" ")
        if len(tokens) == 1 or len(tokens) > 6 or not PIECES.issuperset(tokens):
            return False
        saved = (self.level1, self.level2, self._buffer, list(self._pending), list(self._owed))
        if all(self._feed_piece(t) for t in tokens):
            return True
        self.level1, self.level2, self._buffer, self._pending, self._owed = saved
        return False

    def _feed_piece(self, piece: str) -> bool:
        if self._buffer and self._buffer + piece in _PREFIXES:
            joined = self._buffer + piece
            if joined in _CLOSED:
                self._pending.append(joined)
                self._buffer = ""
            else:
                self._buffer = joined
            return True
        for i, owed in enumerate(self._owed):
            if owed.startswith(piece):
                rest = owed[len(piece) :]
                if rest:
                    self._owed[i] = rest
                else:
                    del self._owed[i]
                return True
        if piece in _PREFIXES:
            self._flush_buffer()
            if piece in _CLOSED:
                self._pending.append(piece)
            else:
                self._buffer = piece
            return True
        return False

    @property
    def starting(self) -> bool:
        """A new label is being read (not a leftover): the previous row's texts are over."""
        return bool(self._buffer or self._pending)

    def _flush_buffer(self) -> None:
        if not self._buffer:
            return
        if self._buffer in _LABELS:
            self._pending.append(self._buffer)
        else:
            full = self._complete(self._buffer)
            self._pending.append(full)
            if full != self._buffer:
                self._owed.append(full[len(self._buffer) :])
        self._buffer = ""

    def _complete(self, part: str) -> str:
        candidates = [label for label in _LABELS if label.startswith(part)]
        if not candidates:
            return part
        children = _CHILDREN.get(self.level1, ())
        return next((label for label in candidates if label in children), candidates[0])

    def take(self) -> tuple[str, str]:
        """The labels of the row that starts now (merged cells carry the previous ones down)."""
        self._flush_buffer()
        pending, self._pending = self._pending, []
        for i, label in enumerate(pending):
            following = pending[i + 1] if i + 1 < len(pending) else None
            if label in _LEVEL1_ONLY or (label == "成本指标" and self._starts_level1(label, following)):
                self.level1, self.level2 = label, ""
            else:
                self.level2 = label
        return self.level1, self.level2

    def _starts_level1(self, label: str, following: str | None) -> bool:
        """成本指标 is both a 一级 and a 二级 label: it is the 一级 when a 二级 of its own follows,
        or when nothing follows and the row is not under 产出指标."""
        if following is not None:
            return following in _CHILDREN[label]
        return self.level1 != "产出指标"
