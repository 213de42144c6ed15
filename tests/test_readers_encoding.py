"""Encodings a finance office's .txt files come in, detected without being told."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from jixiao.errors import NotTextError
from jixiao.readers.encoding import decode, normalize_newlines
from jixiao.readers.text import read_text

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = (ROOT / "examples/shanghai-kepu-2024.txt").read_text(encoding="utf-8")
SAMPLE = "财政项目支出绩效自评表（2024年度）受众群体满意度 ≥90.00(%) “人民城市”\n"


@pytest.mark.parametrize(
    ("encoded", "label"),
    [
        (SAMPLE.encode("utf-8"), "UTF-8"),
        (SAMPLE.encode("utf-8-sig"), "UTF-8 with BOM"),
        (SAMPLE.encode("gbk"), "GBK"),
        (SAMPLE.encode("gb18030"), "GB18030"),
        (SAMPLE.encode("utf-16"), "UTF-16 with BOM (platform order)"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "UTF-16 BE with BOM"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "UTF-16 LE with BOM"),
        (SAMPLE.encode("utf-32"), "UTF-32 with BOM"),
    ],
)
def test_decodes_without_being_told(encoded: bytes, label: str) -> None:
    assert decode(encoded, name="a.txt") == SAMPLE, label


def test_gb18030_characters_outside_gbk() -> None:
    text = "项目名称 䶮字测试 𠀀\n"
    assert decode(text.encode("gb18030"), name="a.txt") == text


def test_empty_input_is_empty_text() -> None:
    assert decode(b"", name="a.txt") == ""


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00<<>>", "NUL"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "NUL"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 40, "控制字符"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "UTF-8"),
    ],
)
def test_binary_content_is_refused_naming_the_file(content: bytes, words: str) -> None:
    with pytest.raises(NotTextError) as info:
        decode(content, name="报表/附件.txt")
    message = str(info.value)
    assert message.startswith("文件 报表/附件.txt：") and words in message


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_never_escape_as_anything_but_not_text(seed: int) -> None:
    data = random.Random(seed).randbytes(4096)
    try:
        text = decode(data, name="r.bin")
    except NotTextError as exc:
        assert "r.bin" in str(exc)
    else:  # a permissive decode is allowed only if it looks like text
        assert isinstance(text, str)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a\r\nb\r\n", ["a", "b", ""]),
        ("a\rb", ["a", "b"]),
        ("项目名称\u3000基层", ["项目名称 基层"]),
        ("第一页\f第二页", ["第一页第二页"]),
        ("\ufeff标题\xa0（2024年度）", ["标题 （2024年度）"]),
        ("a\tb\u200bc", ["a bc"]),
    ],
)
def test_normalize_newlines(text: str, lines: list[str]) -> None:
    assert normalize_newlines(text) == lines


@pytest.mark.parametrize("codec", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_seed_reads_the_same_in_every_encoding(codec: str) -> None:
    expected = read_text(SEED_TEXT.encode("utf-8"), name="seed.txt")
    assert read_text(SEED_TEXT.encode(codec), name="seed.txt") == expected


@pytest.mark.parametrize(
    ("controls", "refused"),
    [(0, False), (10, False), (11, True), (40, True)],  # of 1,000 characters: refused above 1 %
)
@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030"])
def test_control_characters_are_counted_the_same_in_every_encoding(controls: int, refused: bool, codec: str) -> None:
    # UTF-8 counts control bytes, the other encodings count characters: the verdict must agree.
    text = "".join("\x1b" if i < controls else "绩效"[i % 2] for i in range(1000))
    if refused:
        with pytest.raises(NotTextError, match="控制字符"):
            decode(text.encode(codec), name="a.txt")
    else:
        assert decode(text.encode(codec), name="a.txt") == text
