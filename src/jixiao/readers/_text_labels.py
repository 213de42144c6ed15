"""The merged 一级/二级 label cells: the known labels and a tracker for their fragments.

PDF extraction breaks a merged label cell into pieces ("可持", "续影", "响指", "标") and emits the
pieces of the 一级 and 二级 columns one after the other, sometimes split by a row and a page
break. Knowing the labels of the national template (and their parent-child pairs) is what lets
the reader tell these fragments from content.
"""

from __future__ import annotations

__all__ = ["LEVEL1", "LEVEL2", "LABELS", "PIECES", "LabelTracker", "is_label"]

LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2 = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "生态成本指标",
)
_CHILDREN = {
    "产出指标": {"数量指标", "质量指标", "时效指标", "成本指标"},
    "效益指标": {"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"},
    "满意度指标": {"服务对象满意度指标"},
    "成本指标": {"经济成本指标", "社会成本指标", "生态环境成本指标", "生态成本指标"},
}
LABELS = tuple(dict.fromkeys(LEVEL1 + LEVEL2))
_PREFIXES = frozenset(label[:i] for label in LABELS for i in range(1, len(label) + 1))
_LEVEL1_ONLY = frozenset(LEVEL1) - frozenset(LEVEL2)
_LABEL_SET = frozenset(LABELS)
_EXTENDABLE = frozenset(a for a in LABELS if any(b != a and b.startswith(a) for b in LABELS))
_CLOSING = _LABEL_SET - _EXTENDABLE
"""Labels that no longer label begins: read whole, they are closed at once."""
PIECES = frozenset(label[i:j] for label in LABELS for i in range(len(label)) for j in range(i + 1, len(label) + 1))
"""Every fragment a label cell can break into: a text outside this set is content whatever the
tracker's state (a buffer extension, an owed rest and a new label are all pieces of labels)."""


def is_label(text: str) -> bool:
    return text in _LABEL_SET


class LabelTracker:
    """Follows the merged 一级/二级 label cells, whose text PDF extraction breaks into fragments.

    Fragments arrive column by column ("满意","度指","服务","对象", then the row, then "标",
    "满意","度指","标" after a page break), so a buffer is closed as soon as the next fragment
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
        """Take ``line`` if it is made of label fragments; False (and no change) means content.

        Fragments of different label columns can share a visual line ("产出 数量", or "标 满意
        度指 标" after a page break), so a line with spaces is fed token by token, all or nothing.
        A line without spaces, most of an indicator table, is taken here with no further call.
        """
        if " " in line:
            return self.feed_tokens(line.split(" "))
        return self.feed_fragment(line)

    def feed_fragment(self, line: str) -> bool:
        """``feed`` of a line without spaces, for a caller that has already looked for one."""
        return line in PIECES and self.feed_piece(line)  # most content lines end at the set

    def feed_piece(self, line: str) -> bool:
        """``feed_fragment`` of a line known to be in ``PIECES``: the table walk and
        ``feed_tokens`` test that first (in C), so the set is not asked twice."""
        buffer = self._buffer
        if buffer:
            joined = buffer + line
            if joined in _PREFIXES:
                if joined in _CLOSING:
                    self._pending.append(joined)
                    self._buffer = ""
                else:
                    self._buffer = joined
                return True
        if self._owed:  # mostly nothing is owed: no loop to set up
            for i, owed in enumerate(self._owed):
                if owed.startswith(line):
                    rest = owed[len(line) :]
                    if rest:
                        self._owed[i] = rest
                    else:
                        del self._owed[i]
                    return True
        if line in _PREFIXES:
            if buffer:
                self._flush_buffer()
            if line in _CLOSING:
                self._pending.append(line)
            else:
                self._buffer = line
            return True
        return False

    def feed_tokens(self, tokens: list[str]) -> bool:
        """``feed`` of a line with spaces, split at them (each token space-free)."""
        if len(tokens) > 6 or not PIECES.issuperset(tokens):
            return False  # one token that is no fragment makes the whole line content (tested in C)
        saved = (self.level1, self.level2, self._buffer, list(self._pending), list(self._owed))
        if all(self.feed_piece(token) for token in tokens):  # each token: one fragment, tested above
            return True
        self.level1, self.level2, self._buffer, self._pending, self._owed = saved
        return False

    @property
    def starting(self) -> bool:
        """A new label is being read (not a leftover): the previous row's texts are over."""
        return bool(self._buffer or self._pending)

    def _flush_buffer(self) -> None:
        if not self._buffer:
            return
        if self._buffer in _LABEL_SET:
            self._pending.append(self._buffer)
        else:
            full = self._complete(self._buffer)
            self._pending.append(full)
            if full != self._buffer:
                self._owed.append(full[len(self._buffer) :])
        self._buffer = ""

    def _complete(self, part: str) -> str:
        candidates = [label for label in LABELS if label.startswith(part)]
        if not candidates:
            return part
        children = _CHILDREN.get(self.level1, set())
        for label in candidates:
            if label in children:
                return label
        return candidates[0]

    def take(self) -> tuple[str, str]:
        """Labels for the row that starts now (merged cells carry the previous ones down)."""
        if self._buffer:
            self._flush_buffer()
        pending = self._pending
        if not pending:
            return self.level1, self.level2  # a row under the labels of the one before
        self._pending = []
        for i, label in enumerate(pending):
            if label in _LEVEL1_ONLY or (
                label == "成本指标" and self._starts_level1(label, pending[i + 1] if i + 1 < len(pending) else None)
            ):  # the next label matters only to 成本指标, both a 一级 and a 二级 label
                self.level1, self.level2 = label, ""
            else:
                self.level2 = label
        return self.level1, self.level2

    def _starts_level1(self, label: str, nxt: str | None) -> bool:
        if nxt is not None:
            return nxt in _CHILDREN[label]
        return self.level1 != "产出指标"


