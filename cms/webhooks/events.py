"""Events: what happened, stored with one delivery per endpoint that wants it, in the transaction that
causes it. Sending happens after commit (cms.webhooks.sending)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from wagtail.models import Page, Site

from cms.generation import content_version
from cms.i18n import locale_table
from cms.surrogate_keys import change_keys
from cms.webhooks.models import EventType, WebhookDelivery, WebhookEndpoint, WebhookEvent


def public_path(url_path: str) -> str:
    """A page's path on the public site from Wagtail's stored `url_path` ('/home/stories/x/' → '/stories/x/')."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return url_path


def locale_code(obj: Model) -> str:
    """The language code of a translatable object; '' for one that has none."""
    locale_id = getattr(obj, "locale_id", None)
    return locale_table().code_of(locale_id) if locale_id is not None else ""


def describe(obj: Model) -> dict[str, Any]:
    """An item as a payload names it: its GraphQL type, id, language and (for a page) public path."""
    item: dict[str, Any] = {"type": type(obj).__name__, "id": str(obj.pk)}
    code = locale_code(obj)
    if code:
        item["locale"] = code
    if isinstance(obj, Page):
        parts = obj.get_url_parts(None)
        item["urlPath"] = parts[2] if parts else public_path(obj.url_path)
    return item


def _wants(endpoint: WebhookEndpoint, type: str, locale: str, page_type: str) -> bool:
    if endpoint.events and type not in endpoint.events:
        return False
    locales = {each.language_code for each in endpoint.locales.all()}
    if locale and locales and locale not in locales:
        return False
    page_types = {f"{each.app_label}.{each.model}" for each in endpoint.page_types.all()}
    return not (page_type and page_types and page_type not in page_types)


def emit(
    type: str, items: list[dict[str, Any]], *, keys: list[str], locale: str = "", page_type: str = ""
) -> WebhookEvent | None:
    """Store an event with a delivery for each active endpoint that wants it; None when none does. `keys` are
    the surrogate keys of the cached answers it changes."""
    endpoints = WebhookEndpoint.objects.filter(is_active=True).prefetch_related("locales", "page_types")
    wanting = [endpoint for endpoint in endpoints if _wants(endpoint, type, locale, page_type)]
    if not wanting:
        return None
    event = WebhookEvent.objects.create(
        type=type, items=items, locale=locale, page_type=page_type, generation=content_version(), surrogate_keys=keys
    )
    deliveries = WebhookDelivery.objects.bulk_create([WebhookDelivery(endpoint=each, event=event) for each in wanting])
    _send_after_commit([delivery.pk for delivery in deliveries])
    return event


def emit_about(type: str, obj: Model) -> WebhookEvent | None:
    """An event about one page or snippet."""
    page_type = f"{obj._meta.app_label}.{obj._meta.model_name}" if isinstance(obj, Page) else ""
    return emit(type, [describe(obj)], keys=change_keys(obj), locale=locale_code(obj), page_type=page_type)


def send_test(endpoint: WebhookEndpoint) -> WebhookDelivery:
    """A test event for this endpoint alone."""
    event = WebhookEvent.objects.create(type=EventType.TEST, items=[], generation=content_version())
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event)
    _send_after_commit([delivery.pk])
    return delivery


def _send_after_commit(ids: list[int]) -> None:
    from cms.webhooks.sending import send_after_commit

    send_after_commit(ids)
