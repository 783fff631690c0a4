from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "CMS plumbing"

    def ready(self) -> None:
        from cms.changes import connect as connect_changes
        from cms.i18n import ensure_locales
        from cms.reviews import connect as connect_reviews
        from cms.surrogate_keys import connect as connect_surrogate_keys

        connect_changes()  # what follows a content change, in its written order
        connect_surrogate_keys()  # which rows an answer read
        connect_reviews()  # machine-translated strings mark their translation as awaiting review
        post_migrate.connect(ensure_locales, sender=self, dispatch_uid="cms.ensure_locales")
