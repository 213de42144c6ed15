"""Bytes → text for the text reader, without asking the user which encoding they saved in.

Finance offices save text in whatever their tool defaults to: UTF-8 (with or without the BOM
Notepad adds), GBK/GB18030 from older Windows, UTF-16 from "Unicode" in Notepad or Excel. We try
the encodings that are strict enough to reject each other first (BOMs, strict UTF-8, GB18030),
and only then ask charset-normalizer, so a clean UTF-8 file is never misread as something exotic.
Binary files (a .txt that is really a PDF or a zip) are refused with the file named rather than
producing mojibake forms.
"""

from __future__ import annotations

import codecs
import re

from ..errors import NotTextError

__all__ = ["decode", "normalize_newlines", "normalize_text"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newline, carriage return, vertical tab and form feed: text saved by
# a person never holds them, binary data decoded by a permissive codec is full of them.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x20)) + b"\x7f"
_CONTROL_BYTE_LIST = [bytes([b]) for b in _CONTROL_BYTES if b]  # NUL is refused before they are counted
_MAX_CONTROL_RATIO = 0.01


def decode(data: bytes, *, name: str) -> str:
    """Decode ``data`` or raise ``NotTextError`` naming ``name``; empty input gives ``""``."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), name=name, codec=codec)
            except UnicodeDecodeError:
                raise NotTextError(f"文件以 {codec.upper()} 标记开头，但内容无法按该编码解码", file=name) from None
    if b"\x00" in data:
        raise NotTextError("含有 NUL 字节，是二进制文件而不是文本（PDF/Excel/Word 请用原文件检查）", file=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # In UTF-8 a control character is its own byte and no other character holds that byte, so
        # counting bytes is exact; most texts hold none, which a search for each byte tells first.
        controls = 0
        for byte in _CONTROL_BYTE_LIST:
            if byte in data:
                controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
                break
        return _checked(text, name=name, codec="utf-8", controls=controls)
    try:
        return _checked(data.decode("gb18030"), name=name, codec="gb18030")
    except UnicodeDecodeError:
        pass
    return _checked(_guess(data, name=name), name=name, codec="charset-normalizer")


def _guess(data: bytes, *, name: str) -> str:
    """Last resort (Big5, Latin-1 …): charset-normalizer is slow to import, so only here."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise NotTextError("无法识别文本编码（不是 UTF-8、GBK/GB18030 或 UTF-16），可能是二进制文件", file=name)
    return str(best)


def _checked(text: str, *, name: str, codec: str, controls: int | None = None) -> str:
    """``text``, unless control characters (``controls`` of them, if the caller counted) show binary."""
    if not text:
        return text
    if controls is None:
        controls = len(_CONTROL.findall(text))
    if controls and controls / len(text) > _MAX_CONTROL_RATIO:
        raise NotTextError(f"按 {codec} 解码后含有大量控制字符，可能是二进制文件", file=name)
    return text


# Full-width and no-break spaces become ordinary spaces; zero-width characters vanish. Form
# feeds (page breaks in extracted text) vanish too: the blank lines around them already mark the
# page break, and dropping them keeps our line numbers equal to an editor's. ``str.replace`` per
# character present is an order of magnitude faster than ``str.translate`` on CJK text.
_REPLACEMENTS = (  # after the carriage returns
    ("\u3000", " "),
    ("\xa0", " "),
    ("\t", " "),
    ("\v", " "),
    ("\f", ""),
    ("\u200b", ""),
    ("\ufeff", ""),
)


def normalize_newlines(text: str) -> list[str]:
    """Split into lines the way an editor numbers them (only ``\\n``, ``\\r\\n`` and ``\\r``)."""
    return normalize_text(text).split("\n")


def normalize_text(text: str) -> str:
    """``normalize_newlines`` before the split: the reader also searches the whole text."""
    if "\r" in text:  # "\r\n" holds one: a text without "\r" needs neither search
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text
