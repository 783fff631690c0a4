from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partnerships"

    def ready(self) -> None:
        from partners.staff import ensure_staff_groups

        post_migrate.connect(ensure_staff_groups, sender=self, dispatch_uid="partners.ensure_staff_groups")
