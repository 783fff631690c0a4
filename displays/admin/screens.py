"""The "Screens" admin: the fleet's listing with each screen's state, its edit form, pairing a screen by
its code, and the Identify / Reload / Revoke actions. Pairing and revoking need `displays.pair_display`;
Identify and Reload need permission to change screens."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property, lazy
from django.utils.timesince import timesince
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from cms.i18n import content_language_codes
from cms.language_names import translated_language_name
from cms.models import School
from displays import pairing, screens
from displays.credentials import revoke_credential
from displays.models import Display, FleetSettings
from displays.pulse import bump_fleet

STATE_COLOURS = {screens.ONLINE: "success", screens.OFFLINE: "critical", screens.NEVER_SEEN: "info"}


def _fleet() -> FleetSettings:
    return screens.fleet_settings()


def _can(request: HttpRequest, perm: str) -> bool:
    return request.user.has_perm(f"displays.{perm}")


class ScreenFilterSet(WagtailFilterSet):
    school = django_filters.ModelChoiceFilter(queryset=School.objects.order_by("name"), empty_label="All")
    state = django_filters.ChoiceFilter(
        label="State", choices=[(s, s.capitalize()) for s in screens.STATES], method="filter_state"
    )

    class Meta:
        model = Display
        fields = ["school", "state"]

    def filter_state(self, queryset: Any, name: str, value: str) -> Any:
        return screens.in_state(queryset, value, _fleet(), timezone.now())


class StateColumn(StatusTagColumn):
    def get_value(self, instance: Display) -> str:
        return screens.display_state(instance, _fleet(), timezone.now())

    def get_primary(self, instance: Display) -> bool:
        return self.get_value(instance) == screens.ONLINE


def _last_seen(display: Display) -> str:
    return f"{timesince(display.last_seen_at)} ago" if display.last_seen_at else "—"


def _showing(display: Display) -> str:
    showing = (display.last_report or {}).get("showing") or {}
    if not showing:
        return "—"
    kind = str(showing.get("kind") or "")
    what = SHOWN.get(kind, kind)
    language = showing.get("language")
    return f"{what} ({language})" if language else str(what)


SHOWN = {
    "story": "Story of the month",
    "award": "Award of the month",
    "next": "Coming next",
    "alert": "Emergency alert",
    "unavailable": "Content unavailable",
    "pairing": "Pairing code",
}


def _languages(display: Display) -> str:
    return ", ".join(translated_language_name(code) for code in display.languages or [])


class LanguagesField(forms.MultipleChoiceField):
    """Up to four content languages, in the order they were chosen."""

    def __init__(self, **kwargs: Any):
        # Named in the editor's language, worked out as the form is shown.
        choices = [(code, lazy(translated_language_name, str)(code)) for code in content_language_codes()]
        super().__init__(choices=choices, widget=forms.CheckboxSelectMultiple, **kwargs)

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        if len(value) > 4:
            raise forms.ValidationError("Choose at most four languages.")


class ScreenForm(forms.ModelForm):
    """The edit form, with languages picked from the content languages rather than typed as JSON."""

    languages = LanguagesField()


class PairForm(forms.Form):
    code = forms.CharField(max_length=12, help_text="The code the screen shows, e.g. K7M-4PQ.")
    display = forms.ModelChoiceField(
        queryset=Display.objects.order_by("name"), required=False, help_text="To re-pair a replaced screen."
    )
    name = forms.CharField(max_length=120, required=False)
    school = forms.ModelChoiceField(queryset=School.objects.order_by("name"), required=False)
    location = forms.CharField(max_length=160, required=False)
    languages = LanguagesField(required=False, initial=["en"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("display") and not data.get("name"):
            raise forms.ValidationError("Choose the screen this one replaces, or name the new screen.")
        return data


def pair_view(request: HttpRequest) -> HttpResponse:
    if not _can(request, "pair_display"):
        raise PermissionDenied
    form = PairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = (
            {}
            if data["display"]
            else {
                "name": data["name"],
                "school": data["school"],
                "location": data["location"],
                "languages": data["languages"] or content_language_codes()[:1],
            }
        )
        try:
            display = pairing.claim(data["code"], request.user, display=data["display"], **fields)
        except pairing.PairingError as exc:
            form.add_error("code", str(exc))
        else:
            messages.success(request, f"Paired '{display.name}'. The screen starts showing it within seconds.")
            return redirect("displays_screens:edit", display.pk)
    return TemplateResponse(request, "displays/admin/pair/form.html", {"form": form, "page_title": "Pair a screen"})


@require_POST
def command_view(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    if not _can(request, "change_display"):
        raise PermissionDenied
    display = get_object_or_404(Display, pk=pk)
    screens.issue_command(display, name)
    messages.success(request, f"Sent '{name}' to '{display.name}'.")
    return redirect("displays_screens:edit", pk)


def revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not _can(request, "pair_display"):
        raise PermissionDenied
    display = get_object_or_404(Display, pk=pk)
    if request.method == "POST":
        revoke_credential(display)
        messages.success(request, f"'{display.name}' is unpaired; it shows a pairing code again.")
        return redirect("displays_screens:edit", pk)
    return TemplateResponse(
        request, "displays/admin/pair/revoke.html", {"display": display, "page_title": "Revoke credential"}
    )


class ScreenIndexView(IndexView):
    """The listing, with "Pair a screen" up top for those who may pair."""

    @cached_property
    def header_buttons(self) -> list:
        buttons = list(super().header_buttons)
        if _can(self.request, "pair_display"):
            buttons.append(HeaderButton("Pair a screen", url=reverse("displays_screens:pair"), icon_name="link"))
        return buttons


class ScreenEditView(EditView):
    """The edit form with the screen's health and its actions; saving tells the fleet to look again."""

    template_name = "displays/admin/screens/edit.html"

    def save_instance(self) -> Display:
        instance = super().save_instance()
        bump_fleet()
        return instance

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        display = self.object
        report = display.last_report or {}
        screen = report.get("screen") or {}
        context["health"] = {
            "state": screens.display_state(display, _fleet(), timezone.now()),
            "last_seen": _last_seen(display),
            "script_version": report.get("scriptVersion"),
            "screen": f"{screen['width']} × {screen['height']}" if screen.get("width") and screen.get("height") else "",
            "offline": bool(report.get("offline")),
            "showing": _showing(display),
        }
        context["can_command"] = _can(self.request, "change_display")
        context["can_pair"] = _can(self.request, "pair_display")
        return context


class ScreenViewSet(ModelViewSet):
    model = Display
    name = "displays_screens"
    menu_label = "Screens"
    icon = "desktop"
    add_to_admin_menu = False
    form_fields = ["name", "school", "location", "languages", "rotate_seconds", "poll_seconds", "notes"]
    search_fields = ["name", "location"]
    filterset_class = ScreenFilterSet
    edit_view_class = ScreenEditView
    index_view_class = ScreenIndexView
    list_display = [
        "name",
        "school",
        "location",
        StateColumn("state", label="State"),
        Column("last_seen", label="Last seen", accessor=_last_seen),
        Column("showing", label="Showing", accessor=_showing),
        Column("languages", label="Languages", accessor=_languages),
    ]

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        from wagtail.admin.forms.models import WagtailAdminModelForm

        base = type("ScreenAdminForm", (ScreenForm, WagtailAdminModelForm), {})
        return forms.modelform_factory(
            Display, form=base, fields=self.form_fields, formfield_callback=self.formfield_for_dbfield
        )

    def get_urlpatterns(self) -> list:
        return super().get_urlpatterns() + [
            path("pair/", pair_view, name="pair"),
            path("<int:pk>/identify/", command_view, {"name": "identify"}, name="identify"),
            path("<int:pk>/reload/", command_view, {"name": "reload"}, name="reload"),
            path("<int:pk>/revoke/", revoke_view, name="revoke"),
        ]


def screen_url(pk: int) -> str:
    return reverse("displays_screens:edit", args=[pk])
