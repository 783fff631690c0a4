from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partnerships"

    def ready(self) -> None:
        from wagtail.signals import published

        from cms.i18n import keep_translations_in_step
        from partners.intake.staff import ensure_staff_groups
        from partners.models import AwardRecipient

        post_migrate.connect(ensure_staff_groups, sender=self, dispatch_uid="partners.ensure_staff_groups")
        published.connect(
            keep_translations_in_step(AwardRecipient, ("month",)),
            sender=AwardRecipient,
            weak=False,
            dispatch_uid="partners.recipient_month_in_step",
        )
