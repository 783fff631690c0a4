"""A block's `rawValue` as the String the schema promises."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from graphql import GraphQLResolveInfo
from grapple.types.interfaces import StreamFieldInterface
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue


def answer_raw_values_as_text(query_mixins: list) -> None:
    """A block's `rawValue` is text: a struct's or a list's stored value is written out as JSON.

    grapple returns a struct's value as a Python dict where the schema promises a String, so graphql-core refused
    to write it and the whole block came back null.
    """
    grapple_raw_value = StreamFieldInterface.resolve_raw_value

    def resolve_raw_value(self: Any, info: GraphQLResolveInfo, **kwargs: Any) -> Any:
        if isinstance(self, StructValue | ListValue):
            return json.dumps(self.block.get_prep_value(self), cls=DjangoJSONEncoder, ensure_ascii=False)
        value = getattr(self, "value", None)
        if isinstance(value, StructValue | ListValue | StreamValue | dict | list):
            prepared = self.block.get_prep_value(value) if hasattr(self, "block") else value
            return json.dumps(prepared, cls=DjangoJSONEncoder, ensure_ascii=False)
        return grapple_raw_value(self, info, **kwargs)

    StreamFieldInterface.resolve_raw_value = resolve_raw_value
