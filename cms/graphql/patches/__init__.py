"""Where grapple's schema is mended: each patch a named function saying what grapple does wrong.

`install_grapple_patches` runs them all, in the order of `GRAPPLE_PATCHES`, from a `register_schema_query`
hook that runs after grapple's own: grapple's hook is what adds its root fields (`pages`, `search`…) to the
Query's mixins and builds the `search` union, and the last two patches mend exactly those. Every patch takes
the Query's mixins, whether or not it reads them, so the list reads as one sequence.
"""

from __future__ import annotations

from collections.abc import Callable

from cms.graphql.patches.identity import identify_blocks_by_owner, identify_items_as_served
from cms.graphql.patches.images import explain_refused_renditions, offer_src_sets_without_sizes
from cms.graphql.patches.public_resolvers import (
    keep_collection_relatives_public,
    route_site_pages_through_public_resolvers,
)
from cms.graphql.patches.raw_values import answer_raw_values_as_text
from cms.graphql.patches.root_fields import add_locale_arguments, type_documents_in_search
from cms.graphql.patches.scalars import refuse_unreadable_positive_ints
from cms.graphql.patches.schema_shape import drop_undeclared_models, prune_page_types

# Order matters in three places: the page types lose their undeclared fields before ids are wrapped (so only
# fields that stay are wrapped); the undeclared models leave the registry before the `search` union is rebuilt
# from it; the root fields get their `locale` argument before the `search` field is rebuilt with its arguments.
GRAPPLE_PATCHES: tuple[Callable[[list], None], ...] = (
    prune_page_types,
    route_site_pages_through_public_resolvers,
    drop_undeclared_models,
    refuse_unreadable_positive_ints,
    explain_refused_renditions,
    identify_items_as_served,
    identify_blocks_by_owner,
    keep_collection_relatives_public,
    offer_src_sets_without_sizes,
    answer_raw_values_as_text,
    add_locale_arguments,
    type_documents_in_search,
)


def install_grapple_patches(query_mixins: list) -> None:
    """Apply every patch, in order, once grapple's hook has filled `query_mixins`."""
    for patch in GRAPPLE_PATCHES:
        patch(query_mixins)
