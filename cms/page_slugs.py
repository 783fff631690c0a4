"""A new page whose slug is taken by a draft nobody published: Wagtail's autosave saves a new page's form as a draft
as soon as it is valid, so a form left unfinished leaves one behind, and starting over with the same title then
meets "The slug is already in use". The editor is told what that draft is, with a link to continue it, and a free
slug to use instead."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.html import format_html
from wagtail.models import Page

if TYPE_CHECKING:  # checked as the page form it is mixed into
    from wagtail.admin.forms.pages import WagtailAdminPageForm as _MixedInto
else:
    _MixedInto = object


def free_slug(parent: Page, slug: str) -> str:
    """`slug` with the first number suffix no page below `parent` uses: 'ada-2', 'ada-3'…"""
    taken = set(Page.objects.child_of(parent).filter(slug__startswith=slug).values_list("slug", flat=True))
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"


class AbandonedDraftSlugMixin(_MixedInto):
    """Explains a slug clash with a never-published draft (most often one autosave kept) and how to go on."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        slug = self.data.get(self.add_prefix("slug"), "")
        if not slug or "slug" not in self.errors or self.parent_page is None:
            return cleaned
        draft = (
            Page.objects.child_of(self.parent_page)
            .filter(slug=slug, live=False, first_published_at__isnull=True)
            .exclude(pk=self.instance.pk)
            .first()
        )
        if draft is not None:
            message = format_html(
                "A draft called “{title}” already uses the slug “{slug}” here; it was never published, and was most "
                'likely saved automatically from a new page left unfinished. <a href="{url}">Continue editing that '
                "draft</a> (or delete it there), or give this page another slug, such as “{free}”.",
                title=draft.title,
                slug=slug,
                url=reverse("wagtailadmin_pages:edit", args=[draft.pk]),
                free=free_slug(self.parent_page, slug),
            )
            self.errors["slug"] = self.error_class([message])
        return cleaned
