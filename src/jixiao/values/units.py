"""Units of measure: spelling variants, families, and the few conversions that are exact.

Rules compare the unit of a target with the unit of an actual (Q007) and of a narrative figure
(N002). Spelling variants (㎡ / 平方米, 千米 / 公里, 人/次 / 人次) must compare equal, while words
that only look alike (人 vs 人次, 场 vs 场次) must not: a 人次 counts visits, not people.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["normalize_unit", "unit_family", "convert", "split_unit", "KNOWN_UNITS", "CLASSIFIERS", "in_yuan",
           "bare_multiplied"]

# Spelling variant -> canonical spelling. Only true synonyms belong here.
_ALIASES: dict[str, str] = {
    "㎡": "平方米",
    "m²": "平方米",
    "m2": "平方米",
    "平米": "平方米",
    "㎞": "公里",
    "km": "公里",
    "千米": "公里",
    "m³": "立方米",
    "m3": "立方米",
    "千克": "公斤",
    "kg": "公斤",
    "％": "%",
    "﹪": "%",
    "人/次": "人次",
    "个工作日": "工作日",
    "个百分点": "百分点",
    "周岁": "岁",
    "个小时": "小时",
}

_FAMILIES: dict[str, tuple[str, ...]] = {
    "money": ("元", "千元", "万元", "亿元"),
    "percent": ("%", "‰", "百分点"),
    "people": ("人", "名", "位"),
    "person_times": ("人次",),
    "area": ("平方米", "平方公里", "亩", "公顷"),
    "length": ("米", "公里"),
    "volume": ("立方米", "升"),
    "mass": ("公斤", "吨", "斤"),
    "duration": ("天", "日", "工作日", "个月", "月", "年", "周", "小时", "学时", "课时", "分钟"),
    "score": ("分",),
    "age": ("岁",),
    "count": (
        "个", "项", "次", "场", "场次", "期", "批", "批次", "件", "篇", "份", "户", "户次", "家",
        "所", "处", "座", "台", "套", "区", "村", "条", "本", "册", "部", "辆", "张", "间", "株",
        "棵", "支", "队", "组", "种", "类", "门", "节", "课", "讲", "届", "栋", "幢", "床", "只",
        "头", "架次", "车次", "班", "班次", "轮", "例", "宗", "家次", "期次", "集", "首", "幅",
    ),
}
_FAMILY_OF: dict[str, str] = {u: fam for fam, units in _FAMILIES.items() for u in units}

CLASSIFIERS: frozenset[str] = frozenset(_FAMILIES["count"]) | {"名", "位"}
"""Measure words that may be followed by the noun they count ("16个区", "8个科技小院")."""

KNOWN_UNITS: tuple[str, ...] = tuple(
    sorted(set(_FAMILY_OF) | set(_ALIASES), key=lambda u: (-len(u), u))
)
"""Every unit spelling the grammar recognises unaided, longest first (for alternations)."""

# Factors to the family's base unit; conversion is exact only inside one of these tables.
_FACTORS: dict[str, dict[str, float]] = {
    "money": {"元": 1.0, "千元": 1e3, "万元": 1e4, "亿元": 1e8},
    "percent": {"%": 1.0, "‰": 0.1},
    "area": {"平方米": 1.0, "平方公里": 1e6, "公顷": 1e4, "亩": 10000.0 / 15.0},
    "length": {"米": 1.0, "公里": 1e3},
    "mass": {"公斤": 1.0, "吨": 1e3, "斤": 0.5},
    "days": {"天": 1.0, "日": 1.0},
    "months": {"个月": 1.0, "月": 1.0, "年": 12.0},
}
_FACTOR_TABLE: dict[str, dict[str, float]] = {
    u: table for table in _FACTORS.values() for u in table
}

_STRIP = " \t\r\n\u3000()（）[]【】"


@lru_cache(maxsize=4096)
def normalize_unit(unit: str | None) -> str | None:
    """The canonical spelling of ``unit``, so that equal units compare equal as strings.

    Brackets, blanks and full-width forms are dropped; ``场次`` stays distinct from ``场`` (use
    :func:`unit_family` to see that they count the same kind of thing).
    """
    if unit is None:
        return None
    u = unit.strip(_STRIP).replace(" ", "")
    if not u:
        return None
    u = u.translate(_HALF)
    return _ALIASES.get(u, _ALIASES.get(u.lower(), u))


_HALF = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def unit_family(unit: str | None) -> str | None:
    """What kind of thing a unit measures: ``money``, ``percent``, ``people``, ``person_times``,
    ``area``, ``length``, ``volume``, ``mass``, ``duration``, ``score``, ``age``, ``count``; ``None``
    for a unit the grammar does not know.

    Same family with different spellings (场 vs 次, 个 vs 区) is only wording; different families
    (人 vs 人次) mean different things.
    """
    u = normalize_unit(unit)
    return _FAMILY_OF.get(u) if u is not None else None


def convert(value: float, unit: str, to: str) -> float | None:
    """``value`` expressed in ``unit``, converted to ``to``; ``None`` when no exact conversion exists.

    Identical units (after normalisation) return ``value`` unchanged. 元 ↔ 万元 ↔ 亿元, % ↔ ‰,
    areas, lengths, masses, 天 ↔ 日 and 年 ↔ 个月 convert; 人 vs 人次, 场 vs 次 never do.
    """
    a, b = normalize_unit(unit), normalize_unit(to)
    if a is None or b is None:
        return None
    if a == b:
        return value
    ta, tb = _FACTOR_TABLE.get(a), _FACTOR_TABLE.get(b)
    if ta is None or ta is not tb:
        return None
    return value * ta[a] / tb[b]


_MONEY = _FACTORS["money"]
_MULTIPLIED = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千]\s*[万亿]")


def in_yuan(value: float, unit: str | None) -> float | None:
    """A money amount in 元 ("24亿元" is 2400000000); ``None`` when ``unit`` is not money."""
    factor = _MONEY.get(normalize_unit(unit) or "")
    return None if factor is None else value * factor


@lru_cache(maxsize=4096)
def bare_multiplied(text: str) -> bool:
    """Whether a cell written without a unit states its number with 万 or 亿 ("24亿", "150万").

    The grammar multiplies such a number out (2400000000, 1500000), while "24亿元" stays 24 in
    亿元: against money the bare number is an amount in 元, and it reads best as printed.
    """
    return _MULTIPLIED.search(text) is not None


_KNOWN_SET = frozenset(KNOWN_UNITS)
_MAX_UNIT = max(len(u) for u in KNOWN_UNITS)


def _is_cjk(s: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in s)


def split_unit(raw: str, *, strict: bool, cn_number: bool = False) -> tuple[str | None, bool]:
    """The unit at the start of ``raw`` (a unit word possibly followed by the noun it counts) and
    whether ``raw`` is acceptable as the unit part of a cell.

    "个区" -> 个, "人次" -> 人次, "次/年" stays a rate. ``strict`` is for bare units: an unknown
    word is accepted only if short (≤ 3 characters), and after a Chinese numeral only a known
    unit will do, so "一定效果" or "十分满意" are not read as numbers.
    """
    if raw in _KNOWN_SET:
        return normalize_unit(raw), True
    for n in range(min(len(raw), _MAX_UNIT), 0, -1):
        head = raw[:n]
        if head in _KNOWN_SET:
            rest = raw[n:]
            if rest.startswith("/"):
                return normalize_unit(raw), True  # a rate: 次/年, 元/人
            ok = not strict or (
                len(rest) <= 4 and _is_cjk(rest) and (not cn_number or head in CLASSIFIERS)
            )
            return normalize_unit(head), ok
    if not strict:
        return normalize_unit(raw), True
    latin = raw.isascii()
    ok = not cn_number and (latin or (len(raw) <= 3 and _is_cjk(raw.replace("/", ""))))
    return normalize_unit(raw), ok
