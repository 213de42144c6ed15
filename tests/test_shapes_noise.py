"""OCR noise in value cells: repaired where one reading is possible, left alone elsewhere."""

from __future__ import annotations

import pytest

from jixiao.readers.shapes.noise import repair_cell


@pytest.mark.parametrize(
    ("cell", "repaired"),
    [("IO", "10"), ("≥9O%", "≥90%"), ("工5%", "15%"), ("1O0人", "100人"), ("2O.5", "20.5")],
)
def test_misread_digits_in_number_cells_are_restored(cell: str, repaired: str) -> None:
    assert repair_cell(cell) == repaired


@pytest.mark.parametrize("cell", ["OI", "工作完成", "290%", "M.8", "IOS系统", "达成指标", "100%", ""])
def test_words_and_readings_with_a_second_meaning_are_left_alone(cell: str) -> None:
    assert repair_cell(cell) == cell
