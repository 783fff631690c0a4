"""Admin for the email outbox: what was sent, what waits, and sending a given-up message again; and whether
the worker that sends it is alive."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from cms.models import OutboundEmail
from cms.outbox import requeue, send_outbox
from cms.worker import liveness


class OutboxPermissionPolicy(ModelPermissionPolicy):
    """The outbox is a record: messages are never added, edited or deleted by hand."""

    def user_has_permission(self, user, action: str) -> bool:
        return action in ("view", "change") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class OutboxEditView(EditView):
    template_name = "cms/admin/outbound_email_edit.html"


@require_POST
def requeue_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("cms.change_outboundemail"):
        raise PermissionDenied
    message = get_object_or_404(OutboundEmail, pk=pk)
    if requeue(OutboundEmail.objects.filter(pk=message.pk)):
        result = send_outbox(ids=[message.pk])
        if result["sent"]:
            messages.success(request, f"Sent to {', '.join(message.to)}.")
        else:
            messages.warning(request, "The mail server refused it again; it stays queued and will be retried.")
    return redirect("outgoing_email:edit", message.pk)


class OutboundEmailViewSet(ModelViewSet):
    model = OutboundEmail
    name = "outgoing_email"
    url_prefix = "outgoing-email"
    icon = "mail"
    menu_label = "Outgoing email"
    add_to_settings_menu = True
    copy_view_enabled = False
    edit_view_class = OutboxEditView
    list_display = ["subject", "to", "topic", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "topic"]
    search_fields = ["subject", "about"]
    ordering = ["-created_at"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("<int:pk>/requeue/", requeue_view, name="requeue")]


class WorkerPanel(Component):
    """On the dashboard: how long ago the worker last ticked, flagged when it missed three ticks or a duty
    fails, since nothing else sends email and webhooks or applies schedules."""

    name = "worker"
    order = 40

    def render_html(self, parent_context: dict | None = None) -> str:
        return render_to_string("cms/admin/worker_panel.html", {"worker": liveness()})
