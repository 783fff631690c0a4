"""Webhooks in admin (Settings > Webhooks): the endpoints with their state, the form, each endpoint's
delivery log with "Send again" and "Send a test event", rolling the secret, and the dashboard's flag on
endpoints that have failed for a day. Everything needs permission to change webhooks."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.views.decorators.http import require_POST
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale, get_page_models

from cms.webhooks.addresses import check_url
from cms.webhooks.models import EventType, WebhookDelivery, WebhookEndpoint, new_secret

LOG_PAGE_SIZE = 50


def _can(request: HttpRequest) -> bool:
    return request.user.has_perm("cms.change_webhookendpoint")


def endpoint_state(endpoint: WebhookEndpoint) -> str:
    if not endpoint.is_active:
        return "off"
    if endpoint.failing_since is not None:
        return f"failing for {timesince(endpoint.failing_since)}"
    return "OK" if endpoint.last_success_at else "nothing delivered yet"


def failing_endpoints(now: datetime.datetime | None = None) -> list[WebhookEndpoint]:
    """Active endpoints whose deliveries have failed for WEBHOOK_FAILING_FLAG_HOURS or longer."""
    since = (now or timezone.now()) - datetime.timedelta(hours=settings.WEBHOOK_FAILING_FLAG_HOURS)
    return list(WebhookEndpoint.objects.filter(is_active=True, failing_since__lte=since).order_by("failing_since"))


class EndpointForm(WagtailAdminModelForm):
    url = forms.URLField(
        label="URL", max_length=500, assume_scheme="https", help_text=WebhookEndpoint._meta.get_field("url").help_text
    )
    events = forms.MultipleChoiceField(
        choices=[(value, label) for value, label in EventType.choices if value != EventType.TEST],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The events to send; none ticked means every event.",
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "page_types", "locales", "is_active"]
        widgets = {"page_types": forms.CheckboxSelectMultiple, "locales": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        page_types = [
            ContentType.objects.get_for_model(model)
            for model in get_page_models()
            if model._meta.app_label != "wagtailcore"
        ]
        self.fields["page_types"].queryset = ContentType.objects.filter(pk__in=[each.pk for each in page_types])
        self.fields["page_types"].label_from_instance = lambda each: each.model_class()._meta.verbose_name.capitalize()
        self.fields["locales"].queryset = Locale.objects.order_by("language_code")
        self.fields["locales"].label = "Languages"

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        check_url(url)
        return url


class StateColumn(StatusTagColumn):
    def get_value(self, instance: WebhookEndpoint) -> str:
        return endpoint_state(instance)

    def get_primary(self, instance: WebhookEndpoint) -> bool:
        return self.get_value(instance) == "OK"


def _log_link(endpoint: WebhookEndpoint) -> str:
    return format_html('<a href="{}">Deliveries</a>', reverse("webhooks:deliveries", args=[endpoint.pk]))


class EndpointEditView(EditView):
    """The form, with the secret, "Send a test event", "Roll secret" and a link to the delivery log."""

    template_name = "cms/webhooks/edit.html"


def deliveries_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not _can(request):
        raise PermissionDenied
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    deliveries = endpoint.deliveries.select_related("event").order_by("-created_at", "-pk")
    page = Paginator(deliveries, LOG_PAGE_SIZE).get_page(request.GET.get("p"))
    context = {
        "endpoint": endpoint,
        "page": page,
        "state": endpoint_state(endpoint),
        "page_title": f"Deliveries to {endpoint}",
    }
    return TemplateResponse(request, "cms/webhooks/deliveries.html", context)


@require_POST
def send_test_view(request: HttpRequest, pk: int) -> HttpResponse:
    from cms.webhooks.events import send_test

    if not _can(request):
        raise PermissionDenied
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    send_test(endpoint)
    messages.success(request, f"A test event is on its way to '{endpoint}'; its delivery is at the top of the log.")
    return redirect("webhooks:deliveries", pk)


@require_POST
def send_again_view(request: HttpRequest, pk: int, delivery_pk: int) -> HttpResponse:
    from cms.webhooks.sending import redeliver

    if not _can(request):
        raise PermissionDenied
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_pk, endpoint_id=pk)
    redeliver(delivery)
    messages.success(request, f"'{delivery.event.get_type_display()}' is sent again, as a new delivery.")
    return redirect("webhooks:deliveries", pk)


@require_POST
def roll_secret_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not _can(request):
        raise PermissionDenied
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    endpoint.secret = new_secret()
    endpoint.save(update_fields=["secret"])
    messages.warning(request, f"'{endpoint}' has a new secret: deliveries from now on are signed with it only.")
    return redirect("webhooks:edit", pk)


class WebhookViewSet(ModelViewSet):
    model = WebhookEndpoint
    name = "webhooks"
    icon = "link-external"
    menu_label = "Webhooks"
    add_to_settings_menu = True
    form_fields = ["name", "url", "events", "page_types", "locales", "is_active"]
    search_fields = ["name", "url"]
    edit_view_class = EndpointEditView
    list_display = [
        "name",
        "url",
        StateColumn("state", label="State"),
        Column("last_success_at", label="Last delivered"),
        Column("log", label="Log", accessor=_log_link),
    ]

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return EndpointForm

    def get_urlpatterns(self) -> list:
        return super().get_urlpatterns() + [
            path("<int:pk>/deliveries/", deliveries_view, name="deliveries"),
            path("<int:pk>/test/", send_test_view, name="send_test"),
            path("<int:pk>/roll-secret/", roll_secret_view, name="roll_secret"),
            path("<int:pk>/deliveries/<int:delivery_pk>/again/", send_again_view, name="send_again"),
        ]


class FailingWebhooksPanel(Component):
    """On the dashboard: endpoints that have failed for a day, with links to their logs; nothing otherwise."""

    name = "failing_webhooks"
    order = 50

    def render_html(self, parent_context: dict | None = None) -> str:
        failing = failing_endpoints()
        if not failing:
            return ""
        rows = [(endpoint, timesince(endpoint.failing_since)) for endpoint in failing if endpoint.failing_since]
        return render_to_string("cms/webhooks/dashboard_panel.html", {"rows": rows})
