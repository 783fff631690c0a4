"""Staff exports that a spreadsheet opens as text: a cell never runs as a formula.

Anything the public typed into a form (an organization's name, a project description) reaches staff
exports. A cell starting with '=', '+', '-' or '@' (or a tab or carriage return, which some spreadsheets
skip before reading one of those) would be run as a formula when the CSV is opened; OWASP's advice is to
prefix such a cell with an apostrophe, which makes it text. A spreadsheet that takes ';' or ',' as its list
separator, or that trims blanks, reads `;=1` or ` =1` as a formula too, so the triggers are looked for after any
leading separators and blanks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # checked as the Wagtail view it is mixed into
    from wagtail.admin.views.mixins import SpreadsheetExportMixin as _MixedInto
else:
    _MixedInto = object

FORMULA_TRIGGERS = ("=", "+", "-", "@")
# A cell starting with one of these is text whatever follows: some spreadsheets skip them before a formula.
ALWAYS_TEXT_STARTS = ("\t", "\r", "\n")
# What a spreadsheet may skip or split on before it reads a formula's first character.
LEADING_SKIPPED = " \t\r\n;,"


def formula_safe(value: Any) -> Any:
    """`value` as a spreadsheet shows it as text: a string that would start a formula gets a leading
    apostrophe; numbers, dates and everything else are left alone."""
    if isinstance(value, str) and (
        value.startswith(ALWAYS_TEXT_STARTS) or value.lstrip(LEADING_SKIPPED).startswith(FORMULA_TRIGGERS)
    ):
        return f"'{value}"
    return value


class FormulaSafeExportMixin(_MixedInto):
    """For a Wagtail view with SpreadsheetExportMixin: every exported text cell, CSV or XLSX, goes through
    `formula_safe`."""

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        return formula_safe(super().preprocess_field_value(field, value, export_format))
