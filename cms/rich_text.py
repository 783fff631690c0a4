"""Rich text as the public gets it: one renderer for every embed and link type a rich text field can hold.

Rich text is stored with references (`<embed embedtype="image" id="4">`, `<a linktype="page" id="9">`) that
Wagtail expands when the text is rendered, in the GraphQL answers and the HTML pages alike. Wagtail's own
handlers expand them whatever the target's visibility, so an image in a view-restricted collection came out
as an `<img>` with a working rendition URL. Every type is handled here instead, and `register_public_handlers`
puts them in place of Wagtail's: a target the public may not see (cms.visibility) leaves no trace, neither
its URL nor its file name. A test holds that every type Wagtail knows is one of these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.embeds.rich_text import MediaEmbedHandler
from wagtail.images import get_image_model
from wagtail.images.formats import get_image_format
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from cms.visibility import is_public_page, restricted_collection_ids

if TYPE_CHECKING:
    from wagtail.models import CollectionMember


def _ids(attrs_list: list[dict[str, Any]]) -> list[int]:
    return [int(attrs["id"]) for attrs in attrs_list if str(attrs.get("id", "")).isdigit()]


def _public_media(model: type[CollectionMember], attrs_list: list[dict[str, Any]]) -> list[Any]:
    """The image or document each reference names, or None where it is missing or in a restricted collection."""
    found = model.objects.in_bulk(_ids(attrs_list))
    restricted = restricted_collection_ids(None) if found else frozenset()
    items = []
    for attrs in attrs_list:
        item = found.get(int(attrs["id"])) if str(attrs.get("id", "")).isdigit() else None
        items.append(None if item is None or item.collection_id in restricted else item)
    return items


class PublicImageEmbedHandler(ImageEmbedHandler):
    """An image in the text, only while it is public; otherwise nothing at all (Wagtail leaves an empty img)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict[str, Any]]) -> list[str]:
        tags = []
        for attrs, image in zip(attrs_list, _public_media(get_image_model(), attrs_list), strict=True):
            if image is None:
                tags.append("")
            else:
                tags.append(get_image_format(attrs.get("format", "")).image_to_html(image, attrs.get("alt", "")))
        return tags


class PublicMediaEmbedHandler(MediaEmbedHandler):
    """A video or post from an outside provider (oEmbed): public on the provider's side, so shown as Wagtail
    shows it; named here so that every embed type goes through this module."""


class PublicDocumentLinkHandler(DocumentLinkHandler):
    """A link to a document, absolute (documents are served by the CMS, not the frontend); unlinked while the
    document is in a restricted collection."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict[str, Any]]) -> list[str]:
        return [
            f'<a href="{escape(settings.WAGTAILADMIN_BASE_URL + document.url)}">' if document else "<a>"
            for document in _public_media(get_document_model(), attrs_list)
        ]


class PublicPageLinkHandler(PageLinkHandler):
    """A link to a page, kept only while that page is public."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict[str, Any]]) -> list[str]:
        pages = Page.objects.in_bulk(_ids(attrs_list))
        tags = []
        for attrs in attrs_list:
            page = pages.get(int(attrs["id"])) if str(attrs.get("id", "")).isdigit() else None
            url = page.url if page is not None and is_public_page(page) else None
            tags.append(f'<a href="{escape(url)}">' if url else "<a>")
        return tags


EMBED_HANDLERS = (PublicImageEmbedHandler, PublicMediaEmbedHandler)
LINK_HANDLERS = (PublicDocumentLinkHandler, PublicPageLinkHandler)


def register_public_handlers(features: Any) -> None:
    """Put this module's handlers in place of Wagtail's, for every rich text rendered anywhere."""
    for embed in EMBED_HANDLERS:
        features.register_embed_type(embed)
    for link in LINK_HANDLERS:
        features.register_link_type(link)
