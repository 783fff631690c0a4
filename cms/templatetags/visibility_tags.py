"""Template tags that keep the HTML pages to what the public may see, by the same rules as the API."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model

from cms.visibility import public_media_item

register = template.Library()


@register.simple_tag(takes_context=True)
def public_media(context: dict[str, Any], item: Model | None) -> Model | None:
    """The image or document if the public may see it (an editor's preview shows it regardless), else None."""
    request = context.get("request")
    if request is not None and getattr(request, "is_preview", False):
        return item
    # Read afresh for each tag: a page's template shows one or two media items.
    return public_media_item(item, None)
