"""Which way an indicator counts: higher is better (正向) or lower is better (反向).

What the form prints decides: the 指标性质 column (``Indicator.direction``), then the target's
operator (≤ 不超过 …以内 are 反向), then a deadline ("9月前": an earlier month meets it). Only
when nothing is printed is the direction inferred from the indicator's name (投诉率, 结余率,
事故…); rules then say that it was inferred, and do not raise an error on an inference alone.
Yes/no targets (是/否, 有/无) are not counted at all: they are qualitative, met when the actual
gives the same answer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any


def compact(text: str) -> str:
    """Text without whitespace (as ``_common.compact``, which imports this module)."""
    return "".join(text.split())

__all__ = ["direction", "effective_op", "yes_no", "deadline_tier", "inferred_note"]

_NEGATIVE_NAME = re.compile(r"结余率|调整率|投诉率|发生率|事故|超支|变动率|差错率|失误率|不合格率|违规|违纪|超标|逾期|"
                            r"上访|死亡率|发病率|流失率|损失率|返工率|空置率")
"""Names of lower-is-better indicators (rules.md §6)."""
_POSITIVE_NAME = re.compile(r"处理率|处置率|办结率|查处率|结案率|整改率|回复率|满意|节约|合格率|完成率|覆盖率")
"""Names that contain a lower-is-better word but count the other way (事故处理率, 成本节约率)."""
_MONEY_WORD = re.compile(r"成本|经费|费用|支出|资金|预算|三公")
"""A 控制率 counts downwards only for money (成本控制率 ≤100%), not for 疫情控制率 ≥95%."""
_MONEY_UNITS = ("元", "万元", "亿元")
_DEADLINE = re.compile(r"月(?:\d{1,2}[日号])?(?:底|末|中旬|上旬|下旬)?(?:之|以)?前")
"""A month or day followed by 前: "9月前", "11月底前", "12月31日前"."""
_FULL_DATE = re.compile(r"\d{4}年\d{1,2}月")
"""A target that is a date ("完成时间为2022年12月30日") is a deadline too."""
_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})[日号])?")

_YES_NO = {"是": "yes", "有": "yes", "已": "yes", "否": "no", "无": "no", "未": "no", "没有": "no"}


def direction(ind: Any) -> tuple[bool, str | None]:
    """(lower is better, the name words it was inferred from: None when the form prints it)."""
    if ind.direction is not None:
        return ind.direction == "negative", None
    t = ind.target
    op = t.op
    if op in ("<=", "<"):
        return True, None
    if op in (">=", ">", "range", "±"):
        return False, None
    if t.unit in ("月", "日", "号") and _DEADLINE.search(compact(t.text)):
        return True, None
    return _by_name(ind.name, ind.level2, t.unit)


@lru_cache(maxsize=4096)
def _by_name(name: str, level2: str, unit: str | None) -> tuple[bool, str | None]:
    """``direction`` inferred from the indicator's name when nothing is printed (memoised: the same
    names recur form after form)."""
    name = compact(name)
    if _POSITIVE_NAME.search(name):
        return False, None
    m = _NEGATIVE_NAME.search(name)
    if m is None and "控制率" in name and _MONEY_WORD.search(name):
        return True, "控制率"
    if m is None and "成本" in name + compact(level2) and (unit or "").split("/")[0] in _MONEY_UNITS:  # 元/人·天 too
        return True, "成本"
    return (True, m.group(0)) if m else (False, None)


def effective_op(ind: Any, reverse: bool) -> str | None:
    """The operator the target is judged by: a 反向 row's bare or "=" target is an upper bound."""
    op = ind.target.op
    if reverse and op not in ("<=", "<", "range", "±"):
        return "<="
    if not reverse and op in ("<=", "<"):
        return ">="  # 指标性质 printed 正向 beside a ≤: the printed nature decides
    return op


def yes_no(text: str) -> str | None:
    """The answer a yes/no cell gives: "yes" (是, 有) or "no" (否, 无), else None."""
    return _YES_NO.get(compact(text).strip("。."))


def deadline_tier(target: str, actual: str) -> str | None:
    """achieved / unachieved for a deadline target ("2024年9月30日前", "完成时间为2022年12月30日") against an actual date
    ("2024年7月完成"), None when either has no date. A year missing on one side is taken as the
    other's."""
    if "月" not in target or "月" not in actual:
        return None
    t, a = compact(target), compact(actual)
    if not (_DEADLINE.search(t) or _FULL_DATE.search(t)):
        return None
    mt, ma = _DATE.search(t), _DATE.search(a)
    if mt is None or ma is None:
        return None
    ty, ay = mt.group(1) or ma.group(1), ma.group(1) or mt.group(1)
    due = (int(ty or 0), int(mt.group(2)), int(mt.group(3) or 31))
    done = (int(ay or 0), int(ma.group(2)), int(ma.group(3) or 1))
    return "achieved" if done <= due else "unachieved"


def inferred_note(word: str | None) -> str:
    """What a message adds when the row's direction was inferred from its name, else ""."""
    return f"（表中未印指标性质，按名称中的「{word}」推断为反向指标）" if word else ""
