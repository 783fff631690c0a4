"""Spreadsheets of what intake received: written as text, so no answer runs as a formula when opened."""

from __future__ import annotations

from wagtail.contrib.forms.views import SubmissionsListView

from cms.spreadsheets import FormulaSafeExportMixin

LETTER_EXPORT_FIELDS = [
    "reference",
    "status_label",
    "organization",
    "contact_name",
    "email",
    "phone",
    "grant_program",
    "funder",
    "amount",
    "deadline",
    "project",
    "district_role",
    "decline_reason",
    "submitted_at",
    "updated_at",
    "language_name",
]
LETTER_EXPORT_HEADINGS = {"reference": "Reference", "status_label": "Status", "language_name": "Language"}


class InterestSubmissionsView(FormulaSafeExportMixin, SubmissionsListView):
    """An interest form's submissions; their CSV and XLSX exports write answers as text, never as formulas."""
