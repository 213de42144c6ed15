"""Name, target and actual of one PDF-text indicator row, from the pieces the extractor emitted.

Cells on one visual line are separated by spaces; a wrapped cell continues on the next line. A
line break is therefore either a wrap or a cell boundary, and we decide from the right:

1. The actual value: the last piece, extended to the left across line breaks while the joined
   text is still the tail of a tier label ("部分达成指" + "标并具有一" + "定效果").
2. Between name and target, a space on one line is a cell boundary (the last one wins: a name
   may hold spaces, a target hardly ever does).
3. With no space to go by, the name keeps the next line only while its current piece is as wide
   as a wrapped name piece (80 % of the widest one-line name of the form): "科学咖啡馆系列科普
   活动举办及" + "时性" wraps, the short "科普形式多样性" does not.
"""

from __future__ import annotations

from ._text_common import display_width, join_wrapped, split_cells_of

__all__ = ["split_cells", "TIER_PHRASES"]

TIER_PHRASES = (
    "达成年度指标",
    "达成预期指标",
    "达成指标",
    "部分达成年度指标并具有一定效果",
    "部分达成预期指标并具有一定效果",
    "部分达成指标并具有一定效果",
    "未达成年度指标且效果较差",
    "未达成预期指标且效果较差",
    "未达成指标且效果较差",
)
_TIER_SET = frozenset(TIER_PHRASES)
_TIER_TAILS = frozenset(p[i:] for p in TIER_PHRASES for i in range(len(p)))

_NL, _SP = "\n", " "


def _segments(piece_lines: list[str], pre: list[str]) -> tuple[list[str], list[str]]:
    """Pieces and the boundary before each (newline or space); the first boundary is unused."""
    segs: list[str] = []
    bounds: list[str] = []
    for line_tokens in [split_cells_of(line) for line in piece_lines] + [pre]:
        if "" not in line_tokens:  # the usual line: every cell kept, a newline before the first
            if line_tokens:
                segs += line_tokens
                bounds.append(_NL)
                bounds += [_SP] * (len(line_tokens) - 1)
            continue
        for j, tok in enumerate(line_tokens):
            if not tok:
                continue
            bounds.append(_NL if j == 0 else _SP)
            segs.append(tok)
    return segs, bounds


def _join(segs: list[str], bounds: list[str]) -> str:
    lines: list[str] = []
    for seg, bound in zip(segs, bounds):
        if lines and bound == _SP:
            lines[-1] += " " + seg
        else:
            lines.append(seg)
    return join_wrapped(lines)


def split_cells(piece_lines: list[str], pre: list[str], threshold: float) -> tuple[str, str, str]:
    if not piece_lines and len(pre) == 3:
        return pre[0], pre[1], pre[2]  # the usual one-line row
    segs, bounds = _segments(piece_lines, pre)
    n = len(segs)
    if n == 0:
        return "", "", ""
    if n == 1:
        return segs[0], "", ""
    if n == 2:
        if segs[1] in _TIER_SET:
            return segs[0], "", segs[1]
        return segs[0], segs[1], ""
    # 1. the actual value, from the right
    j = n - 1
    actual = segs[j]
    if not any(map(str.isdigit, actual)):
        while j - 1 >= 1 and bounds[j] == _NL and (segs[j - 1] + actual) in _TIER_TAILS:
            j -= 1
            actual = segs[j] + actual
    rest, rest_bounds = segs[:j], bounds[:j]
    if len(rest) == 1:
        return rest[0], "", actual
    # 2. a space is a cell boundary
    spaces = [k for k in range(1, len(rest)) if rest_bounds[k] == _SP]
    if spaces:
        cut = spaces[-1]
    else:
        # 3. widths decide whether the name wrapped
        cut = 1
        while cut < len(rest) - 1 and display_width(rest[cut - 1]) >= threshold:
            cut += 1
    name = _join(rest[:cut], rest_bounds[:cut])
    target = _join(rest[cut:], [_NL] + rest_bounds[cut + 1 :])
    return name, target, actual
