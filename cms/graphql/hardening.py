"""Schema hardening applied while grapple builds the schema.

Page types: grapple derives page types from the Page model and keeps every column that Wagtail's Page has,
among them `draftTitle`, `hasUnpublishedChanges`, `aliases` and `aliasOf`, which describe drafts
and unpublished aliases. A page type here keeps only the page interface's fields and the fields its
model declares in `graphql_fields`.
"""

from __future__ import annotations

from typing import Any

import graphene
from graphene import Int
from graphql import GraphQLError, GraphQLResolveInfo, Undefined
from grapple.registry import registry
from grapple.settings import grapple_settings
from grapple.types.documents import get_document_type
from grapple.types.images import ImageObjectType, get_image_type, rendition_allowed
from grapple.types.interfaces import get_page_interface
from grapple.types.pages import Page as GenericPageType
from grapple.types.structures import PositiveInt
from taggit.models import Tag
from wagtail.images.models import AbstractImage


def prune_page_types() -> list[str]:
    """Drop undeclared model columns from every page type; returns 'Type.field' for each removed."""
    kept_everywhere = set(get_page_interface()._meta.fields) | {"id"}
    removed: list[str] = []
    for node in {GenericPageType, *registry.pages.values()}:
        for name in list(node._meta.fields):
            if name in kept_everywhere or hasattr(node, f"resolve_{name}"):
                continue
            del node._meta.fields[name]
            removed.append(f"{node._meta.name}.{name}")
    return removed


def explain_refused_renditions() -> None:
    """A rendition outside the allow-list gets an error that names the filter and what is offered.

    grapple raises a bare TypeError there, which the view would mask as an internal error.
    """
    offered = ", ".join(grapple_settings.ALLOWED_IMAGE_FILTERS or [])

    def resolve_rendition(instance: AbstractImage, info: GraphQLResolveInfo, **kwargs: Any):
        spec = "|".join(f"{key}-{value}" for key, value in kwargs.items() if key != "preserve_svg")
        if not rendition_allowed(spec):
            raise GraphQLError(f"Image filter '{spec}' is not offered. Ask for one of: {offered}.")
        return ImageObjectType.resolve_rendition(instance, info, **kwargs)

    get_image_type().resolve_rendition = resolve_rendition


def drop_undeclared_models() -> list[str]:
    """Leave out of the schema the plain models that declare no `graphql_fields`.

    grapple gives every model of its apps a type, and the `search` union lists them all; for records the
    public never reads (form submissions, letter requests, the email outbox) that is an `id`-only type
    that only advertises they exist. Returns the names of the models left out.
    """
    dropped = [model for model in registry.django_models if not getattr(model, "graphql_fields", None)]
    for model in dropped:
        del registry.django_models[model]
    return sorted(model._meta.label for model in dropped)


def refuse_unreadable_positive_ints() -> None:
    """`limit: "ten"` or `limit: -1` gets the spec's "Expected value of type 'PositiveInt'" error.

    grapple's PositiveInt compares whatever it was given with 0, so a string crashed validation.
    """

    def parse_literal(ast: Any, _variables: Any = None) -> Any:
        value = Int.parse_literal(ast, _variables)
        return value if isinstance(value, int) and value >= 0 else Undefined

    PositiveInt.parse_literal = staticmethod(parse_literal)


def route_site_pages_through_public_resolvers() -> None:
    """`sites { pages page }` answer like the root `pages` and `page`: public pages only, in a locale.

    grapple's own resolvers there served expired pages, failed on a translated page's slug, and took
    preview tokens that never expire.
    """
    from grapple.types.sites import SiteObjectType

    from cms.graphql.locales import locale_argument
    from cms.graphql.queries import site_page, site_pages

    for name in ("pages", "page"):
        SiteObjectType._meta.fields[name].args["locale"] = locale_argument()
    SiteObjectType.resolve_pages = staticmethod(site_pages)
    SiteObjectType.resolve_page = staticmethod(site_page)


def offered_widths(format: str | None = None) -> list[int]:
    """The widths `width-N` renditions are offered at (in `format`, when given), narrowest first."""
    suffix = f"format-{format}" if format else ""
    widths = set()
    for spec in grapple_settings.ALLOWED_IMAGE_FILTERS or []:
        size, _, rest = spec.partition("|")
        kind, _, width = size.partition("-")
        if kind == "width" and width.isdigit() and rest == suffix:
            widths.add(int(width))
    return sorted(widths)


def offer_src_sets_without_sizes() -> None:
    """`srcSet` without `sizes` lists the image at each offered width up to its own (the narrowest offered
    when it is smaller than all of them: renditions never enlarge an image).

    grapple's resolver takes `sizes` as a required argument although the schema lets a client leave it out,
    so asking for `srcSet` alone raised a TypeError, masked as an internal error.
    """
    image_type = get_image_type()
    grapple_src_set = image_type.resolve_src_set

    def resolve_src_set(
        instance: AbstractImage, info: GraphQLResolveInfo, sizes: list[int] | None = None, **kwargs: Any
    ) -> str:
        if sizes is None:
            offered = offered_widths(kwargs.get("format"))
            sizes = [width for width in offered if width <= instance.width] or offered[:1]
        return grapple_src_set(instance, info, sizes=sizes, **kwargs)

    image_type.resolve_src_set = resolve_src_set


def refuse_a_tag_without_an_id(query_mixins: list) -> None:
    """`tag` without an `id` gets an error that asks for one (null would read as "no such tag").

    grapple declares `id` optional on `tag` but its resolver takes it as a required argument, so leaving it
    out raised a TypeError, masked as an internal error.
    """

    def resolve_tag(root: Any, info: GraphQLResolveInfo, id: str | None = None, **kwargs: Any) -> Tag | None:
        if id is None:
            raise GraphQLError("`tag` needs the `id` of the tag to return, e.g. tag(id: 1).")
        return Tag.objects.filter(pk=id).first()

    for mixin in query_mixins:
        if "resolve_tag" in vars(mixin):
            mixin.resolve_tag = resolve_tag


def type_documents_in_search(query_mixins: list) -> None:
    """The `search` union holds the document type, so a search that matches a document can answer it.

    grapple builds the union from the models of its apps, which Wagtail's document model is not one of,
    so a search that matched a document failed as a whole: "Abstract type 'Search' must resolve to an Object
    type at runtime".
    """
    for mixin in query_mixins:
        field = vars(mixin).get("search")
        if field is None:
            continue
        union = field.of_type.of_type
        meta = type("Meta", (), {"name": union._meta.name, "types": (*union._meta.types, get_document_type())})
        search = type(union.__name__, (graphene.Union,), {"Meta": meta})
        mixin.search = graphene.List(graphene.NonNull(search), **field.kwargs)
