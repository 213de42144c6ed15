"""Mutations of real forms: what truncated PDF text, careless edits and odd encodings look like.

Each mutation is a small pure function of (lines, rng); a fuzz case applies one to three of
them to the bundled example. Seeds make every failing case reproducible: the test prints it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

__all__ = ["MUTATIONS", "mutate_text", "mutate_bytes", "ENCODINGS"]

Lines = list[str]

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_OPERATORS = ["≥", "≤", "=", ">", "<", "不少于", "不超过", "±", "~", "-", "", "＝", "≧", "以上"]
_NOISE = ["", " ", "—", "/", "无", "N/A", "。。", "”", "“", "(", "（", "%", "万", "亿", "十六", "\t", "|", "||"]
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "big5", "latin-1"]


def _drop(lines: Lines, rng: random.Random) -> Lines:
    if not lines:
        return lines
    i = rng.randrange(len(lines))
    return lines[:i] + lines[i + rng.randint(1, 5) :]


def _duplicate(lines: Lines, rng: random.Random) -> Lines:
    if not lines:
        return lines
    i = rng.randrange(len(lines))
    j = min(len(lines), i + rng.randint(1, 40))
    return lines[:j] + lines[i:j] + lines[j:]


def _shuffle(lines: Lines, rng: random.Random) -> Lines:
    if len(lines) < 2:
        return lines
    i = rng.randrange(len(lines) - 1)
    window = lines[i : i + rng.randint(2, 12)]
    rng.shuffle(window)
    return lines[:i] + window + lines[i + len(window) :]


def _perturb_number(lines: Lines, rng: random.Random) -> Lines:
    candidates = [i for i, line in enumerate(lines) if _NUMBER.search(line)]
    if not candidates:
        return lines
    i = rng.choice(candidates)
    choices = ["0", "-1", "1e309", "999999999999", "0.0001", "１２", "NaN", "", "3.", ".5", "1,2,3", "十万"]
    lines = list(lines)
    lines[i] = _NUMBER.sub(lambda m: rng.choice(choices) if rng.random() < 0.5 else m.group(), lines[i])
    return lines


def _perturb_operator(lines: Lines, rng: random.Random) -> Lines:
    candidates = [i for i, line in enumerate(lines) if re.search(r"[≥≤=]", line)]
    if not candidates:
        return lines
    i = rng.choice(candidates)
    lines = list(lines)
    lines[i] = re.sub(r"[≥≤=]", lambda m: rng.choice(_OPERATORS), lines[i])
    return lines


def _insert_noise(lines: Lines, rng: random.Random) -> Lines:
    i = rng.randrange(len(lines) + 1)
    return lines[:i] + ["".join(rng.choice(_NOISE) for _ in range(rng.randint(1, 6)))] + lines[i:]


def _split_line(lines: Lines, rng: random.Random) -> Lines:
    candidates = [i for i, line in enumerate(lines) if len(line) > 2]
    if not candidates:
        return lines
    i = rng.choice(candidates)
    cut = rng.randrange(1, len(lines[i]))
    return lines[:i] + [lines[i][:cut], lines[i][cut:]] + lines[i + 1 :]


def _join_lines(lines: Lines, rng: random.Random) -> Lines:
    if len(lines) < 2:
        return lines
    i = rng.randrange(len(lines) - 1)
    return lines[:i] + [lines[i] + rng.choice(["", " "]) + lines[i + 1]] + lines[i + 2 :]


def _keep_window(lines: Lines, rng: random.Random) -> Lines:
    if len(lines) < 3:
        return lines
    i = rng.randrange(len(lines))
    return lines[i : i + rng.randint(1, 300)]


MUTATIONS: list[Callable[[Lines, random.Random], Lines]] = [
    _drop,
    _duplicate,
    _shuffle,
    _perturb_number,
    _perturb_operator,
    _insert_noise,
    _split_line,
    _join_lines,
    _keep_window,
]


def mutate_text(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        lines = rng.choice(MUTATIONS)(lines, rng)
    return "\n".join(lines)


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """Byte-level damage: truncation, flipped bytes, a NUL, a wrong encoding's bytes."""
    kind = rng.randrange(4)
    if kind == 0 and data:
        return data[: rng.randrange(len(data))]
    if kind == 1 and data:
        buf = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf)
    if kind == 2 and data:
        i = rng.randrange(len(data))
        return data[:i] + b"\x00" + data[i:]
    return data.decode("utf-8", "replace").encode(rng.choice(ENCODINGS), "replace")
