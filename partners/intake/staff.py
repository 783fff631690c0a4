"""The staff groups that work through intake, and what each may do."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig, apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

GRANTS_GROUP = "Grants Office"
SUPERINTENDENT_GROUP = "Superintendent's Office"
PARTNERSHIP_GROUP = "Community Partnership"

LETTER_VIEW = ("partners", "view_letterofsupportrequest")
LETTER_NOTES = ("partners", "change_letterofsupportrequest")
ADMIN_ACCESS = ("wagtailadmin", "access_admin")

GROUP_PERMISSIONS = {
    GRANTS_GROUP: [ADMIN_ACCESS, LETTER_VIEW, LETTER_NOTES, ("partners", "review_letterofsupportrequest")],
    SUPERINTENDENT_GROUP: [ADMIN_ACCESS, LETTER_VIEW, LETTER_NOTES, ("partners", "sign_letterofsupportrequest")],
    # Interest-form submissions are reached through page permissions on the form, given by seed_demo.
    PARTNERSHIP_GROUP: [ADMIN_ACCESS],
}


def ensure_staff_groups(app_config: AppConfig | None = None, using: str = "default", **kwargs: Any) -> None:
    """Create the groups with their permissions; adds what is missing and never removes anything."""
    create_permissions(app_config or apps.get_app_config("partners"), verbosity=0, using=using)
    for name, codes in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        for app_label, codename in codes:
            permission = (
                Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename).first()
            )
            if permission is not None:
                group.permissions.add(permission)


def group_addresses(group_name: str) -> list[str]:
    """The email addresses of a staff group's active members."""
    members = get_user_model().objects.filter(groups__name=group_name, is_active=True).exclude(email="")
    return sorted(set(members.values_list("email", flat=True)))
