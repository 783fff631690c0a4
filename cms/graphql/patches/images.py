"""grapple's image renditions: a refused filter explained, `srcSet` without `sizes`."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLResolveInfo
from grapple.settings import grapple_settings
from grapple.types.images import ImageObjectType, get_image_type, rendition_allowed
from wagtail.images.models import AbstractImage

from cms.errors import user_error


def explain_refused_renditions(query_mixins: list) -> None:
    """A rendition outside the allow-list gets an error that names the filter and what is offered.

    grapple raises a bare TypeError there, which the view would mask as an internal error.
    """
    offered = ", ".join(grapple_settings.ALLOWED_IMAGE_FILTERS or [])

    def resolve_rendition(instance: AbstractImage, info: GraphQLResolveInfo, **kwargs: Any):
        spec = "|".join(f"{key}-{value}" for key, value in kwargs.items() if key != "preserve_svg")
        if not rendition_allowed(spec):
            raise user_error(f"Image filter '{spec}' is not offered. Ask for one of: {offered}.")
        return ImageObjectType.resolve_rendition(instance, info, **kwargs)

    get_image_type().resolve_rendition = resolve_rendition


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


def offer_src_sets_without_sizes(query_mixins: list) -> None:
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
