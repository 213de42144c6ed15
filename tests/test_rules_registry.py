"""The catalogue: every code of rules.md §3 is registered, documented and unique."""

from __future__ import annotations

import re

import pytest

from jixiao.errors import UsageError
from jixiao.rules import FAMILIES, all_rules, get_rule, matching_rules

CATALOGUE = {
    "F001": "error", "F002": "error", "F003": "error", "F004": "error", "F005": "warning", "F006": "error",
    "F007": "warning", "F008": "info", "F009": "warning", "F010": "warning", "F011": "warning", "F012": "error",
    "S001": "error", "S002": "error", "S003": "error", "S004": "error", "S005": "info", "S006": "warning",
    "S007": "warning", "S008": "warning", "S009": "error", "S010": "warning", "S011": "error",
    "Q001": "error", "Q002": "error", "Q003": "error", "Q004": "error", "Q005": "warning", "Q006": "warning",
    "Q007": "warning", "Q008": "warning", "Q009": "info", "Q010": "warning",
    "L001": "warning", "L002": "warning", "L003": "info",
    "D001": "error", "D002": "warning", "D003": "info", "D004": "warning",
    "N001": "error", "N002": "warning", "N003": "warning", "N004": "info", "N005": "warning", "N006": "warning",
    "N007": "info", "N008": "warning",
    "E001": "warning", "E002": "info",
    "X001": "info", "X002": "info",
    "P001": "info",
    "R001": "warning", "R002": "info",
}


def test_every_catalogue_code_with_its_severity() -> None:
    assert {r.code: r.severity for r in all_rules()} == CATALOGUE


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_each_rule_is_documented(rule) -> None:  # type: ignore[no-untyped-def]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.name)
    assert rule.family in FAMILIES
    for part in ("检查", "原因", "示例", "修正"):
        assert part in rule.doc, f"{rule.code} doc lacks {part}"
    assert re.search(r"[\u4e00-\u9fff]", rule.summary)


def test_names_are_unique() -> None:
    names = [r.name for r in all_rules()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("code", "name"), [("Q005", "met-but-deducted"), ("l002", "score-outside-tier-band")])
def test_get_rule(code: str, name: str) -> None:
    assert get_rule(code).name == name


def test_unknown_code_is_a_usage_error_in_chinese() -> None:
    with pytest.raises(UsageError, match="未知的规则代码"):
        get_rule("Z999")


@pytest.mark.parametrize(("prefix", "count"), [("Q", 10), ("Q00", 9), ("P001", 1), ("Z", 0), ("", len(CATALOGUE))])
def test_matching_rules(prefix: str, count: int) -> None:
    assert len(matching_rules(prefix)) == count


def test_a_rule_says_whether_it_takes_the_forms_facts_and_its_signature_must_agree() -> None:
    from jixiao.rules import rule

    assert get_rule("S001").wants_facts and not get_rule("P001").wants_facts

    def two(form, settings):  # type: ignore[no-untyped-def]
        return []

    def three(form, settings, facts):  # type: ignore[no-untyped-def]
        return []

    with pytest.raises(RuntimeError, match="Z"):  # an unknown family is refused before the signature
        rule("Z901", "x", "info", "x", doc="x", facts=True)(three)
    with pytest.raises(RuntimeError, match="P901 takes 3 arguments"):
        rule("P901", "test-three-without-flag", "info", "x", doc="x")(three)
    with pytest.raises(RuntimeError, match="P902 takes 2 arguments"):
        rule("P902", "test-two-with-flag", "info", "x", doc="x", facts=True)(two)
    assert "P901" not in {r.code for r in all_rules()} and "P902" not in {r.code for r in all_rules()}
