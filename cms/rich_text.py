"""Rich text links as a separate frontend needs them: documents absolute, hidden targets unlinked."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from cms.visibility import is_public_page, restricted_collection_ids


class PublicDocumentLinkHandler(DocumentLinkHandler):
    """A link to a document, absolute (documents are served by the CMS, not the frontend)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict[str, Any]]) -> list[str]:
        ids = [attrs.get("id") for attrs in attrs_list]
        documents = get_document_model().objects.in_bulk([i for i in ids if i and str(i).isdigit()])
        restricted = restricted_collection_ids(None) if documents else frozenset()
        tags = []
        for attrs in attrs_list:
            document = documents.get(int(attrs["id"])) if str(attrs.get("id", "")).isdigit() else None
            if document is None or document.collection_id in restricted:
                tags.append("<a>")
            else:
                tags.append(f'<a href="{escape(settings.WAGTAILADMIN_BASE_URL + document.url)}">')
        return tags


class PublicPageLinkHandler(PageLinkHandler):
    """A link to a page, kept only while that page is public."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict[str, Any]]) -> list[str]:
        ids = [int(attrs["id"]) for attrs in attrs_list if str(attrs.get("id", "")).isdigit()]
        pages = Page.objects.in_bulk(ids)
        tags = []
        for attrs in attrs_list:
            page = pages.get(int(attrs["id"])) if str(attrs.get("id", "")).isdigit() else None
            url = page.url if page is not None and is_public_page(page) else None
            tags.append(f'<a href="{escape(url)}">' if url else "<a>")
        return tags
