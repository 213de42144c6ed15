"""The value grammar: how 年度指标值 / 实际完成值 cells and narrative quantities are read.

Every reader and the narrative rules go through this one package, so a number is read the same
way wherever it stands (domain rules §4): ``cells`` reads one value cell, ``narrative`` finds
the quantities of free text and ``dates`` its years, on the shared pieces of ``lex`` (numbers,
operator words), ``units`` (spellings, families, conversions) and ``tiers`` (达成 / 部分达成 /
未达成).
"""

from __future__ import annotations

from .cells import cell_value, is_placeholder, parse_number, parse_value, value_fields
from .dates import find_years
from .narrative import Quantity, find_quantities
from .tiers import infer_tier, tier_of
from .units import bare_multiplied, convert, in_yuan, normalize_unit, unit_family

__all__ = [
    "parse_value",
    "value_fields",
    "cell_value",
    "parse_number",
    "is_placeholder",
    "tier_of",
    "infer_tier",
    "normalize_unit",
    "unit_family",
    "convert",
    "in_yuan",
    "bare_multiplied",
    "Quantity",
    "find_quantities",
    "find_years",
]
