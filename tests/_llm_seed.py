"""The five forms of examples/shanghai-kepu-2024.txt, as the LLM tests read them.

They come from the reader's expected output (``tests/data/expected/shanghai-kepu-2024.json``),
validated into ``Form``: cassettes match on the request body, so the LLM tests replay the same
forms whatever the text reader's internals do, and a change of that expected output (which the
reader's own tests guard) is a deliberate act that calls for a re-record.
"""

from __future__ import annotations

import json
from pathlib import Path

from jixiao.model import Form, validate_form

EXPECTED = Path(__file__).parent / "data" / "expected" / "shanghai-kepu-2024.json"


def seed_forms() -> list[Form]:
    """Fresh copies each call: a test may fill in a deviation without touching the next test."""
    data = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return [validate_form(item) for item in data]
