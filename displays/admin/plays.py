"""The "Proof of play" report: per school and item, how many times and how long it was on the screens, over a
date range, with CSV and Excel export. Anyone who may view the screens may read it."""

from __future__ import annotations

from typing import Any

import django_filters
from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from cms.models import School
from cms.spreadsheets import FormulaSafeExportMixin
from displays.models import Display, PlayTally
from displays.plays import as_duration, per_item_and_school, totals

KIND_LABELS = dict(PlayTally.Kind.choices)
view_policy = ModelPermissionPolicy(Display)


class PlaysFilterSet(WagtailFilterSet):
    day = django_filters.DateFromToRangeFilter(label="Dates", widget=DateRangePickerWidget)
    school = django_filters.ModelChoiceFilter(
        label="School", field_name="display__school", queryset=School.objects.order_by("name"), empty_label="All"
    )

    class Meta:
        model = PlayTally
        fields = ["day", "school"]


class ProofOfPlayView(FormulaSafeExportMixin, ReportView):
    page_title = "Proof of play"
    header_icon = "list-ul"
    results_template_name = "displays/admin/plays_results.html"
    filterset_class = PlaysFilterSet
    index_url_name = "displays_plays:index"
    index_results_url_name = "displays_plays:results"
    permission_policy = view_policy
    permission_required = "view"
    export_filename = "proof-of-play"
    paginate_by = 100
    columns = [
        Column("school", label="School"),
        Column("kind_label", label="Kind"),
        Column("label", label="Item"),
        Column("item_id", label="Item id"),
        Column("shows", label="Shows"),
        Column("duration", label="Time on screen"),
        Column("screens", label="Screens"),
        Column("days", label="Days"),
    ]
    list_export = ["school", "kind_label", "label", "item_id", "shows", "seconds", "screens", "days"]
    export_headings = {
        "school": "School",
        "kind_label": "Kind",
        "label": "Item",
        "item_id": "Item id",
        "shows": "Shows",
        "seconds": "Seconds on screen",
        "screens": "Screens",
        "days": "Days",
    }

    def get_queryset(self):
        return PlayTally.objects.all()

    def get_filtered_queryset(self):
        self.filtered = self.filter_queryset(self.get_queryset())
        return per_item_and_school(self.filtered)

    def decorate_paginated_queryset(self, object_list) -> list[dict[str, Any]]:
        return [
            {
                **row,
                "school": row["display__school__name"] or "District (no school)",
                "kind_label": KIND_LABELS.get(row["kind"], row["kind"]),
                "label": row["label"] or f"#{row['item_id']}",
                "duration": as_duration(row["seconds"]),
            }
            for row in object_list
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        summed = totals(self.filtered)
        context["totals"] = {**summed, "duration": as_duration(summed["seconds"])}
        return context


class ViewPermissionMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return view_policy.user_has_permission(request.user, "view")


class ProofOfPlayViewSet(ViewSet):
    """Mounts the report at /admin/displays/proof-of-play/ in the Displays menu."""

    name = "displays_plays"
    url_prefix = "displays/proof-of-play"
    icon = "list-ul"
    menu_label = "Proof of play"

    @cached_property
    def menu_item_class(self):
        return ViewPermissionMenuItem

    def get_urlpatterns(self):
        return [
            path("", ProofOfPlayView.as_view(), name="index"),
            path("results/", ProofOfPlayView.as_view(results_only=True), name="results"),
        ]
