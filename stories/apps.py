from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Better Together stories"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from cms.i18n import keep_translations_in_step
        from stories.models import StoryPage

        page_published.connect(
            keep_translations_in_step(StoryPage, ("month", "premiere_at")),
            sender=StoryPage,
            weak=False,
            dispatch_uid="stories.story_time_in_step",
        )
