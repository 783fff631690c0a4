"""Staff exports write what the public typed as text, never as a formula."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from cms.spreadsheets import formula_safe


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "\n=1", "\tHilltop"]
    + [";=1+1", ",=1", "; =HYPERLINK(1)", " =1", ";,\t+1", "  @SUM(A1)", ";;-1", "\r\n=1", " ;@x"],
)
def test_a_cell_that_would_start_a_formula_is_text(value: str) -> None:
    assert formula_safe(value) == f"'{value}"


@pytest.mark.parametrize(
    "value",
    [
        "Hilltop Bakery",
        "",
        ";",
        " ; ,",
        "a=b",
        "; a=b",
        " Hilltop",
        Decimal("-25000"),
        -3,
        datetime.date(2031, 1, 5),
        None,
        "ana@example.org",
    ],
)
def test_everything_else_is_left_alone(value: object) -> None:
    assert formula_safe(value) == value
