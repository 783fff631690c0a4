"""CAP senders (AlertSource): the systems allowed to issue alerts; each gets a token shown once, on creation."""

from __future__ import annotations

import secrets

from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from displays.credentials import digest
from displays.models import AlertSource


class AlertSourceCreateView(CreateView):
    """Makes the sender's token; only its digest is stored, so the success message is the one place to copy it."""

    def save_instance(self):
        self.token = secrets.token_urlsafe(32)
        instance = self.form.save(commit=False)
        instance.token_hash = digest(self.token)
        instance.save()
        self.form.save_m2m()
        return instance

    def get_success_message(self, instance):
        return (
            f"CAP sender '{instance}' added. Its token, shown only now: {self.token} "
            "(send it as Authorization: Bearer <token>)."
        )


class AlertSourceViewSet(ModelViewSet):
    model = AlertSource
    icon = "warning"
    menu_label = "CAP senders"
    add_to_admin_menu = False
    form_fields = ["name", "cap_senders", "certificate", "enabled"]
    list_display = ["name", "cap_senders", "enabled", "last_used_at", "created_at"]
    add_view_class = AlertSourceCreateView
