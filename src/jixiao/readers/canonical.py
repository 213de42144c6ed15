"""The canonical form file: the model itself as YAML or JSON, read and written losslessly.

A canonical file holds one form (a mapping) or several (a list). ``dump_forms`` →
``read_canonical`` gives back equal models; that round trip is what lets people keep corrected
forms under version control and feed them back in.

People typing a form by hand may write an indicator's ``target`` or ``actual`` as the cell text
alone (``target: "≥90%"``, ``actual: 达成年度指标``): it is read by the value grammar, as a
reader would read the printed cell.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..errors import NoFormError
from ..model import Form, form_data, validate_form
from ..values import value_fields
from .encoding import decode

__all__ = ["read_canonical", "dump_forms", "forms_to_data"]


def forms_to_data(forms: list[Form]) -> list[dict[str, Any]]:
    return [form_data(f) for f in forms]


def dump_forms(forms: list[Form], fmt: str = "json") -> str:
    data = forms_to_data(forms)
    if fmt == "yaml":
        return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return json.dumps(data, ensure_ascii=False, indent=2)


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _load(text: str) -> Any:
    """JSON through ``json`` (fast), anything else, and broken JSON, through YAML.

    JSON is YAML, so a JSON file that ``json`` rejects is parsed again as YAML: either it is
    YAML-only JSON (comments, trailing text) or the YAML error carries the line of the fault.
    """
    if text.lstrip()[:1] in ("{", "["):
        try:
            return json.loads(text)
        except ValueError:
            pass
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader


def read_canonical(data: bytes, *, name: str) -> list[Form]:
    text = decode(data, name=name)  # UTF-8 (BOM or not), GBK/GB18030, UTF-16: as editors save it
    try:
        loaded = _load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise NoFormError(f"YAML/JSON 语法错误：{getattr(exc, 'problem', exc)}", file=name, line=line) from None
    if loaded is None:
        raise NoFormError("文件为空，没有找到自评表", file=name)
    items = loaded if isinstance(loaded, list) else [loaded]
    forms: list[Form] = []
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise NoFormError(f"第 {i} 项不是自评表对象", file=name)
        try:
            form = validate_form(_with_cell_values(item))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(x) for x in err["loc"])
            raise NoFormError(f"第 {i} 张表字段 {where} 无效：{_message(err)}", file=name) from None
        if not form.source.file:
            form.source.file = name
        forms.append(form)
    return forms


_MAPPING_WORDS = {
    "unexpected_keyword_argument": "Extra inputs are not permitted",
    "dataclass_type": "Input should be a valid dictionary or instance of {class_name}",
}
"""pydantic's words for a dataclass field, in terms of the file: a key the form has no place for
is an extra input, not a keyword argument, and a part that is no mapping should be one."""


def _message(err: ErrorDetails) -> str:
    words = _MAPPING_WORDS.get(err["type"])
    return err["msg"] if words is None else words.format(**err.get("ctx", {}))


def _with_cell_values(item: dict[str, Any]) -> dict[str, Any]:
    """``item`` with every indicator ``target``/``actual`` written as a bare cell text (or
    number) read into a value; other entries are left for validation to judge."""
    indicators = item.get("indicators")
    if not isinstance(indicators, list):
        return item
    rows = []
    for ind in indicators:
        if isinstance(ind, dict):
            ind = {
                k: value_fields(str(v)) if k in ("target", "actual") and isinstance(v, (str, int, float))
                and not isinstance(v, bool) else v
                for k, v in ind.items()
            }
        rows.append(ind)
    return {**item, "indicators": rows}
