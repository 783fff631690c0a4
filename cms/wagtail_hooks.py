from typing import TYPE_CHECKING

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import review_admin, translation_publishing
from cms.admin_views import OutboundEmailViewSet, OutboxPermissionPolicy, WorkerPanel
from cms.graphql.patches import install_grapple_patches
from cms.graphql.queries import PublicQueryMixin
from cms.models import OutboundEmail, School
from cms.publishing import PublishChecksMixin, problems_in_words
from cms.rich_text import register_public_handlers
from cms.visibility import is_withdrawn
from cms.webhooks.admin import FailingWebhooksPanel, WebhookViewSet

if TYPE_CHECKING:
    from wagtail.admin.views.bulk_action import BulkAction


# Placed first in the Query class, so graphene finds its resolvers before grapple's.
@hooks.register("register_schema_query")
def put_public_resolvers_first(query_mixins: list) -> None:
    query_mixins.insert(0, PublicQueryMixin)


# After grapple's own hook (order 0), which adds the root fields and the `search` union the patches mend.
@hooks.register("register_schema_query", order=100)
def patch_grapple(query_mixins: list) -> None:
    install_grapple_patches(query_mixins)


class SchoolViewSet(SnippetViewSet):
    model = School
    icon = "home"
    menu_label = "Schools"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "short_name", "level"]
    list_filter = ["level"]
    search_fields = ["name", "short_name"]


register_snippet(SchoolViewSet)


@hooks.register("before_serve_page")
def refuse_withdrawn_pages(page: Page, request: HttpRequest, serve_args: list, serve_kwargs: dict) -> None:
    """An expired page, or one below an unpublished or expired page, is not found, as in the API."""
    if is_withdrawn(page):
        raise Http404


# Runs after Wagtail's own embed and link handlers are registered, so these replace them.
@hooks.register("register_rich_text_features", order=100)
def register_public_rich_text(features) -> None:
    register_public_handlers(features)


register_permission_policy(OutboundEmail, OutboxPermissionPolicy(OutboundEmail))


@hooks.register("register_admin_viewset")
def register_outbox() -> OutboundEmailViewSet:
    return OutboundEmailViewSet()


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_what_is_not_ready(
    request: HttpRequest, action_type: str, objects: list, action: "BulkAction"
) -> HttpResponse | None:
    """Publishing from a listing skips the editor's form, so its checks run here, on each latest revision."""
    if action_type != "publish":
        return None
    candidates = list(objects)
    if getattr(action, "cleaned_form", None) is not None and action.cleaned_form.cleaned_data.get(
        "include_descendants"
    ):
        for page in objects:
            candidates += list(Page.objects.descendant_of(page).not_live().specific())
    refused = []
    for item in candidates:
        item = item.specific if isinstance(item, Page) else item
        revision = item.get_latest_revision()
        content = revision.as_object() if revision is not None else item
        if isinstance(content, PublishChecksMixin) and (problems := content.publish_problems()):
            refused.append(problems_in_words(content, problems))
    if not refused:
        return None
    for message in refused:
        messages.error(request, message)
    return redirect(action.next_url)


@hooks.register("register_schema_query")
def add_sync_query(query_mixins: list) -> None:
    from cms.sync.graphql import SyncQuery

    query_mixins.append(SyncQuery)


@hooks.register("register_admin_viewset")
def register_webhooks() -> WebhookViewSet:
    return WebhookViewSet()


@hooks.register("construct_homepage_panels")
def flag_failing_webhooks(request, panels: list) -> None:
    if request.user.has_perm("cms.change_webhookendpoint"):
        panels.append(FailingWebhooksPanel())


@hooks.register("construct_homepage_panels")
def show_worker_liveness(request, panels: list) -> None:
    if request.user.has_perm("cms.change_outboundemail"):
        panels.append(WorkerPanel())


# Before wagtail-localize's own hooks (order 0), which answer a translation's edit page with its translation editor.
@hooks.register("before_edit_page", order=-10)
def explain_refused_translations(request: HttpRequest, page: Page) -> HttpResponse | None:
    return translation_publishing.check_page_before_publishing(request, page)


@hooks.register("before_edit_snippet", order=-10)
def explain_refused_snippet_translations(request: HttpRequest, instance) -> HttpResponse | None:
    return translation_publishing.check_snippet_before_publishing(request, instance)


@hooks.register("register_admin_urls")
def register_awaiting_review_urls() -> list:
    return review_admin.urls()


@hooks.register("register_reports_menu_item")
def register_awaiting_review_report() -> MenuItem:
    return MenuItem("Awaiting review", reverse("awaiting_review"), icon_name="help", order=900)
