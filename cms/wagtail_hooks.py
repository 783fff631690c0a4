from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.admin_views import OutboundEmailViewSet, OutboxPermissionPolicy
from cms.graphql.display import DisplayQuery
from cms.graphql.hardening import (
    drop_undeclared_models,
    explain_refused_renditions,
    prune_page_types,
    refuse_unreadable_positive_ints,
    route_site_pages_through_public_resolvers,
)
from cms.graphql.queries import PublicQueryMixin, add_locale_arguments
from cms.models import OutboundEmail, School
from cms.rich_text import PublicDocumentLinkHandler, PublicPageLinkHandler


@hooks.register("register_schema_query")
def put_public_resolvers_first(query_mixins: list) -> None:
    query_mixins.insert(0, PublicQueryMixin)
    query_mixins.append(DisplayQuery)
    prune_page_types()
    route_site_pages_through_public_resolvers()
    drop_undeclared_models()
    refuse_unreadable_positive_ints()
    explain_refused_renditions()


# Runs after grapple's own hook has added its root fields, so that they too take a `locale` argument.
@hooks.register("register_schema_query", order=100)
def give_grapple_fields_a_locale(query_mixins: list) -> None:
    add_locale_arguments(query_mixins)


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


# Runs after Wagtail's own link handlers are registered, so these replace them.
@hooks.register("register_rich_text_features", order=100)
def register_public_link_handlers(features) -> None:
    features.register_link_type(PublicDocumentLinkHandler)
    features.register_link_type(PublicPageLinkHandler)


register_permission_policy(OutboundEmail, OutboxPermissionPolicy(OutboundEmail))


@hooks.register("register_admin_viewset")
def register_outbox() -> OutboundEmailViewSet:
    return OutboundEmailViewSet()
