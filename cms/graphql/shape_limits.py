"""Limits on a document's shape, depth and cost, checked in time linear in the document.

Both rules run only on a document the spec's own rules have passed (cms.graphql.documents), so every fragment
spread names a fragment and no fragment spreads itself. A fragment's depth and cost are worked out once per
document and reused wherever it is spread: walking every expansion instead doubles the work with each fragment
that spreads the next one twice, and a few hundred bytes would keep a worker busy for minutes.
"""

from __future__ import annotations

from django.conf import settings
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLNamedType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    get_named_type,
    get_nullable_type,
    is_list_type,
)

from cms.errors import ErrorCode


def _list_size(node: FieldNode, paginated: bool) -> int:
    """How many items a list field may return: its literal `limit`; the most a variable `limit` may ask
    for; else what a list returns when not asked."""
    grapple = settings.GRAPPLE
    for argument in node.arguments or ():
        if argument.name.value == "limit":
            if isinstance(argument.value, IntValueNode):
                return max(int(argument.value.value), 0)
            return grapple.get("MAX_PAGE_SIZE", 100)
    return grapple.get("PAGE_SIZE", 20) if paginated else settings.GRAPHQL_LIST_COST_SIZE


class ShapeLimitRule(ValidationRule):
    """Each operation's depth may not pass GRAPHQL_MAX_DEPTH, nor its cost GRAPHQL_MAX_COST.

    Depth counts the fields with a selection below them on the longest path (introspection fields count 0).
    Cost: each field costs 1, and everything below a list field is counted once per item it may return; a list's
    size is its literal `limit`, GRAPPLE's MAX_PAGE_SIZE when `limit` is a variable, its PAGE_SIZE when a
    paginated list is not given one, and GRAPHQL_LIST_COST_SIZE for other lists. An operation too deep is
    refused for its depth alone, its cost not worked out.
    """

    def __init__(self, context) -> None:
        super().__init__(context)
        self.fragments = {
            f.name.value: f for f in context.document.definitions if isinstance(f, FragmentDefinitionNode)
        }
        self.depths: dict[str, int] = {}
        self.costs: dict[str, int] = {}

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args) -> None:
        name = node.name.value if node.name else "anonymous"
        max_depth = settings.GRAPHQL_MAX_DEPTH
        depth = self._depth(node.selection_set)
        if depth > max_depth:
            self.report_error(
                GraphQLError(
                    f"'{name}' exceeds maximum operation depth of {max_depth}: it nests {depth} fields deep.",
                    node,
                    extensions={"code": str(ErrorCode.QUERY_TOO_DEEP), "limit": max_depth, "depth": depth},
                )
            )
            return
        root = self.context.schema.get_root_type(node.operation)
        if root is None:
            return
        cost = self._cost(node.selection_set, root)
        limit = settings.GRAPHQL_MAX_COST
        if cost > limit:
            self.report_error(
                GraphQLError(
                    f"The query's cost is {cost}; the limit (GRAPHQL_MAX_COST) is {limit}. Ask for fewer items "
                    "(a smaller `limit`) or fewer fields below lists.",
                    node,
                    extensions={"code": str(ErrorCode.QUERY_TOO_COSTLY), "limit": limit, "cost": cost},
                )
            )

    def _depth(self, selection_set: SelectionSetNode | None) -> int:
        deepest = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                if selection.selection_set is None or selection.name.value.startswith("__"):
                    continue
                deepest = max(deepest, 1 + self._depth(selection.selection_set))
            elif isinstance(selection, InlineFragmentNode):
                deepest = max(deepest, self._depth(selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode):
                deepest = max(deepest, self._fragment_depth(selection.name.value))
        return deepest

    def _fragment_depth(self, name: str) -> int:
        if name not in self.depths:
            self.depths[name] = 0  # a spread of itself (refused by the spec's rules) adds nothing
            fragment = self.fragments.get(name)
            self.depths[name] = self._depth(fragment.selection_set) if fragment else 0
        return self.depths[name]

    def _cost(self, selection_set: SelectionSetNode | None, parent_type: GraphQLNamedType) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += self._field_cost(selection, parent_type)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.context.schema.get_type(condition.name.value) if condition else parent_type
                total += self._cost(selection.selection_set, target or parent_type)
            elif isinstance(selection, FragmentSpreadNode):
                total += self._fragment_cost(selection.name.value, parent_type)
        return total

    def _fragment_cost(self, name: str, parent_type: GraphQLNamedType) -> int:
        if name not in self.costs:
            self.costs[name] = 0  # a spread of itself (refused by the spec's rules) adds nothing
            fragment = self.fragments.get(name)
            if fragment is not None:
                target = self.context.schema.get_type(fragment.type_condition.name.value) or parent_type
                self.costs[name] = self._cost(fragment.selection_set, target)
        return self.costs[name]

    def _field_cost(self, node: FieldNode, parent_type: GraphQLNamedType) -> int:
        name = node.name.value
        if name.startswith("__"):  # introspection has its own switch, GRAPHQL_INTROSPECTION
            return 1
        fields = getattr(get_named_type(parent_type), "fields", None) or {}
        definition = fields.get(name)
        if definition is None:  # __typename, or an unknown field the spec rules report
            return 1
        field_type = definition.type
        below = self._cost(node.selection_set, get_named_type(field_type))
        unwrapped = get_nullable_type(field_type)
        if is_list_type(unwrapped):
            return 1 + _list_size(node, "limit" in definition.args) * max(below, 1)
        return 1 + below
