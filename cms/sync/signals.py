"""What moves the journal at once: publishing, unpublishing, moving and deleting pages (with everything below
them), view restrictions, and snippets published, saved or deleted. The worker's tick catches the rest."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from wagtail.models import DraftStateMixin, Page, PageViewRestriction
from wagtail.snippets.models import get_snippet_models

from cms.sync.journal import sync_pages, sync_snippets


def _branch(page: Page) -> list[int]:
    return list(Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True))


def on_page_change(sender: type, instance: Page, **kwargs: Any) -> None:
    sync_pages(_branch(instance))


def on_restriction_change(sender: type, instance: PageViewRestriction, **kwargs: Any) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        sync_pages(_branch(page))


def on_delete(sender: type, instance: Model, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        sync_pages([instance.pk])
    elif sender in get_snippet_models():
        sync_snippets(sender, [instance.pk])


def on_snippet_saved(sender: type, instance: Model, **kwargs: Any) -> None:
    # A snippet with drafts changes for the public when published (below); saving a draft changes nothing.
    if sender in get_snippet_models() and not isinstance(instance, DraftStateMixin):
        sync_snippets(sender, [instance.pk], touched=True)


def on_snippet_published(sender: type, instance: Model, **kwargs: Any) -> None:
    if sender in get_snippet_models():
        sync_snippets(sender, [instance.pk])
