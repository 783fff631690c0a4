from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "CMS plumbing"

    def ready(self) -> None:
        from cms.graphql.response_cache import connect_invalidation

        connect_invalidation()
