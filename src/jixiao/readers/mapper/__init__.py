"""The one mapper: rows of cells (a ``Grid`` from any source) → ``Form`` objects.

It is the only code that knows what a cell means, and it reads that from the vocabulary
(``readers.vocabulary``) and the templates (``readers.templates``). ``_walk`` reads a grid
top to bottom, ``_columns`` matches a row's cells to its header's roles, ``_rows`` reads the
funds, goal and indicator rows, ``_labels`` the header labels, ``_draft`` finishes each form
and sets how it was read (``Form.reading``, with the reading check of ``readers.reading``).
"""

from __future__ import annotations

from ._walk import grid_to_forms

__all__ = ["grid_to_forms"]
