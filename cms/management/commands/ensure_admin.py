"""Make sure an admin login exists, and say how to sign in."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

CREDENTIALS_FILE = Path(settings.BASE_DIR) / ".admin-credentials"


class Command(BaseCommand):
    help = (
        "Create a superuser if none exists. The password comes from DJANGO_ADMIN_PASSWORD, or, in development only, "
        "is generated and written to .admin-credentials."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        username = settings.ADMIN_BOOTSTRAP_USERNAME
        if user_model.objects.filter(is_superuser=True).exists():
            hint = f" (see {CREDENTIALS_FILE.name})" if CREDENTIALS_FILE.exists() else ""
            self.stdout.write(f"Admin login exists{hint}. Sign in at {settings.WAGTAILADMIN_BASE_URL}/admin/")
            return
        password = settings.ADMIN_BOOTSTRAP_PASSWORD
        generated = not password
        if generated:
            if not settings.DEBUG:
                raise CommandError("No admin exists: set DJANGO_ADMIN_PASSWORD (and DJANGO_ADMIN_USERNAME) and rerun.")
            password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(username=username, email="", password=password)
        if generated:
            CREDENTIALS_FILE.write_text(f"username: {username}\npassword: {password}\n")
            CREDENTIALS_FILE.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login created at {settings.WAGTAILADMIN_BASE_URL}/admin/ : username '{username}'"
                + (f", password '{password}' (saved in {CREDENTIALS_FILE.name})" if generated else "")
            )
        )
