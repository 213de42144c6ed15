"""Settings: which rules run, what fails the run, and the local variants of the scoring rules.

Provinces differ on a few points (rules.md marks them *local*); each is a knob here and a
profile is just a named set of knob values, so a local rule is never hard-coded into a check.
Settings come from ``[tool.jixiao]`` in the nearest ``pyproject.toml`` or a ``jixiao.toml``
(the nearer file wins; in one folder ``jixiao.toml`` wins), and the command line wins over both.

Keys (in files use either ``fail-on`` or ``fail_on``)::

    select = ["Q", "L002"]     # code prefixes to run (default: all)
    ignore = ["P", "E002"]     # code prefixes to skip; the longer matching prefix decides
    fail-on = "warning"        # error | warning | info: lowest severity that fails the run
    profile = "sichuan"        # national | sichuan | guangxi | jiangxi
    funds-weight = 20          # plus any profile knob, overriding the profile's value
    max-size = 50              # MB: a larger input file is refused before it is read
    owner = "科普部"           # jixiao draft: who answers for the measures (else a placeholder)
    deadline = "2025年6月"     # jixiao draft: by when (else a placeholder)
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from .errors import UsageError

__all__ = ["Settings", "PROFILES", "KNOBS", "load_settings", "find_config"]

KNOBS = (
    "funds_weight",
    "partial_floor",
    "reverse_convention",
    "over_achievement_ratio",
    "over_achievement_reason_required",
    "execution_floor",
    "execution_reason_required",
    "low_execution",
)

PROFILES: dict[str, dict[str, Any]] = {
    "national": {},
    # Sichuan asks for a reason whenever 执行率 < 90%: F007 becomes an error there.
    "sichuan": {"execution_reason_required": True, "execution_floor": 0.9},
    # Guangxi requires a reason when the actual reaches 130% of the target: Q006 is an error.
    "guangxi": {"over_achievement_reason_required": True, "over_achievement_ratio": 1.3},
    # Older Jiangxi forms put the 部分达成 band at 50%-80% instead of 60%-80%.
    "jiangxi": {"partial_floor": 0.5},
}
"""Profile name → knob values that differ from the national defaults."""

PROFILE_NAMES_CN = {"national": "全国通用", "sichuan": "四川", "guangxi": "广西", "jiangxi": "江西（旧）"}


class Settings(BaseModel):
    """Everything a check run depends on besides the forms; immutable once built."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    select: tuple[str, ...] = ()
    """Code prefixes to run; empty means every rule."""
    ignore: tuple[str, ...] = ()
    fail_on: Literal["error", "warning", "info"] = "error"
    profile: str = "national"
    max_size: float = 50.0
    """Largest input file read, in MB; a bigger one is refused (TooLargeError) before reading."""
    owner: str | None = None
    """The office a drafted measure names as responsible; unset, drafts carry a placeholder."""
    deadline: str | None = None
    """The date a drafted measure is due by; unset, drafts carry a placeholder."""

    funds_weight: float = 10.0
    """Expected 分值 of 执行率 (some provinces use 20); S005 compares the weights with it."""
    partial_floor: float = 0.6
    """Lower edge of the 部分达成 band as a share of the weight (Jiangxi, older: 0.5)."""
    reverse_convention: Literal["either", "ratio", "linear"] = "either"
    """How a missed 反向 target is scored: w×A/B (ratio), w×(1−(B−A)/A) (linear), or either."""
    over_achievement_ratio: float = 1.3
    over_achievement_reason_required: bool = False
    execution_floor: float = 0.9
    """执行率 below this asks for an explanation (F007)."""
    execution_reason_required: bool = False
    low_execution: float = 0.6
    """执行率 below this while everything claims completion is suspicious (N006)."""

    @model_validator(mode="before")
    @classmethod
    def _apply_profile(cls, data: Any) -> Any:
        """A profile fills in its knobs; knobs given explicitly still win."""
        if isinstance(data, dict) and data.get("profile") in PROFILES:
            return {**PROFILES[data["profile"]], **data}
        return data

    @field_validator("select", "ignore", mode="before")
    @classmethod
    def _codes(cls, v: Any) -> tuple[str, ...]:
        if v is None:
            return ()
        if isinstance(v, str):
            v = v.split(",")
        return tuple(c.strip().upper() for c in v if c and c.strip())

    @field_validator("max_size")
    @classmethod
    def _max_size(cls, v: float) -> float:
        if not v > 0:
            raise UsageError(f"文件大小上限（--max-size 或配置项 max-size）须为正数，单位 MB，收到 {v:g}")
        return v

    @field_validator("profile")
    @classmethod
    def _profile(cls, v: str) -> str:
        if v not in PROFILES:
            names = "、".join(PROFILES)
            # UsageError passes through pydantic untouched: the CLI maps it to exit 2.
            raise UsageError(f"未知的地区规则配置 {v!r}（可选：{names}）")
        return v

    def validate_codes(self) -> Settings:
        """Raise ``UsageError`` for a select/ignore prefix that names no rule."""
        from .rules import matching_rules

        for code in (*self.select, *self.ignore):
            if not matching_rules(code):
                raise UsageError(f"未知的规则代码 {code!r}（用 `jixiao rules` 查看全部规则）")
        return self

    def enabled(self, code: str) -> bool:
        """flake8's decision: the longest matching prefix of select vs ignore decides."""
        sel = max((len(p) for p in self.select if code.startswith(p)), default=-1) if self.select else 0
        ign = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        if sel < 0:
            return False
        return sel >= ign if ign >= 0 else True


def _normalise(data: dict[str, Any], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    allowed = set(Settings.model_fields)
    for key, value in data.items():
        k = key.replace("-", "_")
        if k not in allowed:
            raise UsageError(f"{where}：未知的配置项 {key!r}")
        out[k] = value
    return out


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config at or above ``start``: (file, its jixiao table)."""
    here = start.resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        for name in ("jixiao.toml", "pyproject.toml"):
            path = folder / name
            if not path.is_file():
                continue
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise UsageError(f"配置文件 {path} 无法读取：{exc}") from None
            if name == "jixiao.toml":
                return path, data.get("tool", {}).get("jixiao", data)
            table = data.get("tool", {}).get("jixiao")
            if table is not None:
                return path, table
    return None


def load_settings(overrides: dict[str, Any] | None = None, start: Path | None = None) -> Settings:
    """Profile defaults, then the config file, then ``overrides`` (None values are ignored)."""
    file_values: dict[str, Any] = {}
    where = "命令行"
    if start is not None:
        found = find_config(start)
        if found is not None:
            where = f"配置文件 {found[0]}"
            file_values = _normalise(dict(found[1]), where)
    cli = _normalise({k: v for k, v in (overrides or {}).items() if v is not None}, "命令行")
    merged = {**file_values, **cli}
    profile = merged.get("profile", "national")
    if profile not in PROFILES:
        names = "、".join(PROFILES)
        raise UsageError(f"未知的地区规则配置 {profile!r}（可选：{names}）")
    try:
        settings = Settings(**merged)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(x) for x in err["loc"])
        raise UsageError(f"{where}：配置项 {key} 无效：{err['msg']}") from None
    return settings.validate_codes()
