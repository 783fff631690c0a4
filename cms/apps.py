from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "CMS plumbing"

    def ready(self) -> None:
        from cms.graphql.response_cache import connect_invalidation, watch

        watch(_public_content)
        connect_invalidation()


def _public_content(model: type) -> bool:
    """Models whose rows can appear in, or hide something from, a public answer."""
    from taggit.models import TaggedItemBase
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    public = (
        Page,
        Collection,
        CollectionViewRestriction,
        PageViewRestriction,
        Site,
        BaseSiteSetting,
        TaggedItemBase,
        get_image_model(),
        get_document_model(),
    )
    return issubclass(model, public) or model in get_snippet_models()
