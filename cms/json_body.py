"""JSON sent by clients, read with a bound on how deeply it nests.

Python's JSON parser recurses once per level: a body of a few kilobytes nested thousands deep raises
RecursionError, which is neither ValueError nor anything a view expects, so it became a 500. Anything that
walks a parsed value recursively (GraphQL's variable coercion) meets the same limit. A body is refused with
TooDeep when its nesting passes MAX_DEPTH, far beyond what any request of ours needs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

MAX_DEPTH = 32


class TooDeep(ValueError):
    """The JSON nests more deeply than MAX_DEPTH: a ValueError, so callers refusing bad JSON refuse it too."""

    def __init__(self, limit: int = MAX_DEPTH):
        super().__init__(f"The JSON nests more than {limit} levels deep.")
        self.limit = limit


def loads(text: str | bytes, max_depth: int = MAX_DEPTH) -> Any:
    """`json.loads(text)`, raising TooDeep (a ValueError) when it nests more than `max_depth` levels."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise TooDeep(max_depth) from None
    if depth_over(value, max_depth):
        raise TooDeep(max_depth)
    return value


def depth_over(value: Any, max_depth: int) -> bool:
    """Whether `value` nests objects and arrays more than `max_depth` levels deep (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterable[Any] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > max_depth:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False
