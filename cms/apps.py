from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "CMS plumbing"

    def ready(self) -> None:
        from cms.generation import connect as connect_generation
        from cms.i18n import ensure_locales

        connect_generation()
        from cms.graphql.surrogate_keys import connect as connect_surrogate_keys

        connect_surrogate_keys()
        # After the generation's own handlers, so an event carries the generation its change made.
        from cms.webhooks.signals import connect as connect_webhooks

        connect_webhooks()
        from cms.sync.signals import connect as connect_sync

        connect_sync()
        post_migrate.connect(ensure_locales, sender=self, dispatch_uid="cms.ensure_locales")
