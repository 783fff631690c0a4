"""Admin for emergency alerts: issue one from a template, end it with an all clear, edit the templates.

Only members of "Emergency alerts" (permission `displays.issue_alert`) may see, issue, change, delete or
clear alerts: an alert takes over every screen in its scope, so the permission is one and deliberate.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.i18n import content_language_codes
from displays.alerts import clear, log_issue, state
from displays.models import Alert, AlertTemplate, AlertText

PERMISSION = "issue_alert"


class IssueAlertPolicy(ModelPermissionPolicy):
    """Every action on alerts and their templates asks for the one permission `displays.issue_alert`."""

    def __init__(self, model: type) -> None:
        super().__init__(model)
        self.app_label = "displays"

    def _get_permission_codename(self, action: str) -> str:
        return PERMISSION


def _issuer(alert: Alert) -> str:
    if alert.issued_by:
        return alert.issued_by.get_full_name() or alert.issued_by.get_username()
    return alert.source.name if alert.source else ""


register_permission_policy(Alert, IssueAlertPolicy(Alert))
register_permission_policy(AlertTemplate, IssueAlertPolicy(AlertTemplate))


class AlertIndexView(generic.IndexView):
    @cached_property
    def header_more_buttons(self) -> list:
        """Issue from a template: one entry per template, pre-filling its severity and words."""
        buttons = super().header_more_buttons
        if self.add_url:
            for template in AlertTemplate.objects.all():
                buttons.append(HeaderButton(f"Issue: {template.name}", url=f"{self.add_url}?template={template.slug}"))
        return buttons

    def get_list_more_buttons(self, instance: Alert) -> list:
        buttons = super().get_list_more_buttons(instance)
        if instance.cleared_at is None and self.permission_policy.user_has_permission(self.request.user, "change"):
            namespace = self.index_url_name.rsplit(":", 1)[0]
            url = reverse(f"{namespace}:all_clear", args=[instance.pk])
            buttons.append(MenuItem("All clear", url=url, icon_name="success", priority=5))
        return buttons


class AlertCreateView(generic.CreateView):
    """Issue an alert; `?template=<slug>` starts from a template's severity and words in every language."""

    def get_initial_form_instance(self) -> Alert | None:
        slug = self.request.GET.get("template")
        template = AlertTemplate.objects.filter(slug=slug).prefetch_related("texts").first() if slug else None
        if template is None:
            return super().get_initial_form_instance()
        alert = Alert(severity=template.severity)
        alert.texts = [AlertText(language=t.language, title=t.title, message=t.message) for t in template.texts.all()]
        return alert

    def get_context_data(self, **kwargs: Any) -> dict:
        context = super().get_context_data(**kwargs)
        context["alert_templates"] = AlertTemplate.objects.all()
        return context

    def save_instance(self) -> Alert:
        self.form.instance.issued_by = self.request.user
        alert = super().save_instance()
        log_issue(alert, self.request.user)
        return alert


class AllClearView(WagtailAdminTemplateMixin, TemplateView):
    """Ask, then end the alert now (cleared_at, cleared_by, the audit log, every screen told)."""

    template_name = "displays/admin/alerts_all_clear.html"
    page_title = "All clear"
    permission_policy = IssueAlertPolicy(Alert)
    url_namespace = ""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        self.alert = get_object_or_404(Alert, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return str(self.alert)

    def get_context_data(self, **kwargs: Any) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(alert=self.alert, index_url=reverse(f"{self.url_namespace}:index"))
        return context

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        clear(self.alert, request.user)
        messages.success(request, f"All clear: “{self.alert}” has ended.")
        return redirect(f"{self.url_namespace}:index")


def _language_rows() -> int:
    return len(content_language_codes())


class AlertViewSet(ModelViewSet):
    model = Alert
    menu_label = "Alerts"
    icon = "warning"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = AlertIndexView
    add_view_class = AlertCreateView
    list_display = [
        "__str__",
        Column("state", label="State", accessor=state),
        Column("scope", label="Scope", accessor="get_scope_display"),
        Column("severity", label="Severity", accessor="get_severity_display"),
        "starts_at",
        Column("issued_by", label="Issued by", accessor=_issuer),
    ]
    list_filter = ["severity", "scope"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("severity"), FieldPanel("scope"), FieldPanel("schools"), FieldPanel("displays")],
            heading="Who sees it",
        ),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading="When"),
        InlinePanel("texts", heading="Words, one row per language", min_num=1, max_num=_language_rows()),
    ]

    def get_queryset(self, request: Any) -> Any:
        return Alert.objects.select_related("issued_by", "source").prefetch_related("texts")

    @property
    def all_clear_view(self) -> Any:
        return self.construct_view(AllClearView, url_namespace=self.url_namespace)

    def get_urlpatterns(self) -> list:
        return [*super().get_urlpatterns(), path("all-clear/<int:pk>/", self.all_clear_view, name="all_clear")]


class AlertTemplateViewSet(ModelViewSet):
    """The prewritten words alerts start from, editable by those who issue alerts."""

    model = AlertTemplate
    menu_label = "Alert templates"
    icon = "doc-full"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["name", "slug", Column("severity", label="Severity", accessor="get_severity_display")]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("severity"),
        FieldPanel("sort_order"),
        InlinePanel("texts", heading="Words, one row per language", min_num=1),
    ]
