"""Settings: select/ignore decisions, profiles, config files, and errors in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.config import Settings, load_settings
from jixiao.errors import UsageError


@pytest.mark.parametrize(
    ("select", "ignore", "code", "enabled"),
    [
        ((), (), "Q005", True),
        ((), ("Q",), "Q005", False),
        (("Q",), (), "F001", False),
        (("Q",), ("Q005",), "Q005", False),   # the longer prefix wins
        (("Q005",), ("Q",), "Q005", True),
        (("Q",), ("Q005",), "Q001", True),
        (("P001",), ("P001",), "P001", True),  # a tie keeps it selected (flake8)
    ],
)
def test_select_ignore_decision(select: tuple, ignore: tuple, code: str, enabled: bool) -> None:
    assert Settings(select=select, ignore=ignore).enabled(code) is enabled


@pytest.mark.parametrize(
    ("profile", "knob", "value"),
    [
        ("national", "partial_floor", 0.6),
        ("jiangxi", "partial_floor", 0.5),
        ("sichuan", "execution_reason_required", True),
        ("guangxi", "over_achievement_reason_required", True),
        ("national", "over_achievement_reason_required", False),
    ],
)
def test_profiles_set_their_knobs(profile: str, knob: str, value: object) -> None:
    assert getattr(Settings(profile=profile), knob) == value


def test_unknown_profile_in_settings_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="未知的地区规则配置 'hainan'"):
        Settings(profile="hainan")


def test_explicit_knob_beats_profile() -> None:
    assert Settings(profile="jiangxi", partial_floor=0.55).partial_floor == 0.55


def test_codes_from_a_comma_list() -> None:
    assert Settings(select="q, L002").select == ("Q", "L002")


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.jixiao]\nignore = ["P"]\nfail-on = "warning"\nprofile = "jiangxi"\n', encoding="utf-8")
    sub = tmp_path / "forms" / "2024"
    sub.mkdir(parents=True)
    s = load_settings({}, sub)
    assert (s.ignore, s.fail_on, s.profile, s.partial_floor) == (("P",), "warning", "jiangxi", 0.5)


def test_jixiao_toml_and_command_line_wins(tmp_path: Path) -> None:
    (tmp_path / "jixiao.toml").write_text('select = ["Q"]\nfunds-weight = 20\n', encoding="utf-8")
    s = load_settings({"select": "L", "ignore": None}, tmp_path)
    assert s.select == ("L",) and s.funds_weight == 20


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.jixiao]\nignore = ["E"]\n', encoding="utf-8")
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_settings({}, inner).ignore == ("E",)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"profile": "hainan"}, "未知的地区规则配置"),
        ({"select": "Z9"}, "未知的规则代码"),
        ({"ignore": "Q0099"}, "未知的规则代码"),
        ({"fail_on": "fatal"}, "配置项 fail_on 无效"),
    ],
)
def test_usage_errors(tmp_path: Path, overrides: dict, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        load_settings(overrides, tmp_path)


def test_unknown_key_in_a_config_file(tmp_path: Path) -> None:
    (tmp_path / "jixiao.toml").write_text('slect = ["Q"]\n', encoding="utf-8")
    with pytest.raises(UsageError, match="未知的配置项 'slect'"):
        load_settings({}, tmp_path)


def test_broken_toml(tmp_path: Path) -> None:
    (tmp_path / "jixiao.toml").write_text('select = [\n', encoding="utf-8")
    with pytest.raises(UsageError, match="无法读取"):
        load_settings({}, tmp_path)
