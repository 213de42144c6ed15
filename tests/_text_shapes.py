"""Test helper shared by the text-reader tests: other shapes made from the bundled test forms."""

from __future__ import annotations

import csv
import io

__all__ = ["pipe_to_csv"]


def pipe_to_csv(text: str) -> str:
    """The pipe-table test form as Excel would save it as CSV (CRLF, quoted where needed)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for line in text.split("\n"):
        s = line.strip()
        if s.startswith("|---"):
            continue
        writer.writerow([c.strip() for c in s[1:-1].split("|")] if s.startswith("|") else ([s] if s else []))
    return out.getvalue()
