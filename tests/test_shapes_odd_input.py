"""Odd text never breaks a shape: it gives rows, or no grid, and never an exception."""

from __future__ import annotations

import pytest

from jixiao.readers.shapes import text_to_grids


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n", "|", "||||\n|\n||", "项目名称", "a,b,c\n三级指标,x,y", "\ufeff（2024年度）\r\n"],
)
def test_empty_or_broken_text_gives_no_grid_or_plain_rows(text: str) -> None:
    grids = text_to_grids(text, file="odd.txt")
    assert all(cell.text.strip() == cell.text for grid in grids for cell in grid.cells)


def test_a_long_glued_run_of_digits_is_left_whole() -> None:
    text = "一级指标二级指标三级指标分值得分产出指标数量指标培训场次" + "1" * 200
    rows = [[c.text for c in row] for row in text_to_grids(text, file="odd.txt")[0].rows()]
    assert rows == [["一级指标", "二级指标", "三级指标", "分值", "得分"], ["产出指标数量指标培训场次" + "1" * 200]]
