"""The operations docs/queries.md shows, each with the fragments it spreads from other blocks and the variables
it needs on the demo content; read by the docs test and the client conformance test alike."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

DOC = Path(__file__).resolve().parent.parent / "docs" / "queries.md"
BLOCKS = re.findall(r"```graphql\n(.*?)```", DOC.read_text(), flags=re.S)
# The public site's page queries take the page's path; the demo content has one page of each type here.
URL_PATHS = {
    "HomePage": "/",
    "CampaignIndexPage": "/better-together/",
    "StoryPage": "/better-together/2022-12-leila/",
    "PartnershipPage": "/partner-with-tps/",
    "ShiningStarAwardPage": "/partner-with-tps/shining-star-award/",
    "IntakePage": "/partner-with-tps/interest-form/",
}
OTHER_VARIABLES = {"status": "RELEASED", "school": "mount-tahoma", "locale": "en"}


def _fragment_blocks() -> dict[str, str]:
    return {name: block for block in BLOCKS for name in re.findall(r"^fragment (\w+)", block, flags=re.M)}


def operations() -> list[str]:
    """Every documented operation, with the documented fragments it spreads but does not define appended."""
    fragments = _fragment_blocks()
    found = []
    for block in BLOCKS:
        if not re.search(r"^(query|mutation|subscription)\b", block, flags=re.M):
            continue
        defined = set(re.findall(r"^fragment (\w+)", block, flags=re.M))
        extra = []
        for name in re.findall(r"\.\.\.(\w+)", block):
            if name in fragments and name not in defined and fragments[name] not in extra:
                extra.append(fragments[name])
        found.append("\n".join([block, *extra]))
    return found


def operation_name(document: str) -> str:
    return re.search(r"^(?:query|mutation) (\w+)", document, flags=re.M)[1]


def variables_for(document: str, declared: set[str]) -> dict[str, Any]:
    """Values for the variables an operation declares (a token is the caller's to make)."""
    values = {**OTHER_VARIABLES, "urlPath": URL_PATHS.get(operation_name(document))}
    return {name: value for name, value in values.items() if name in declared}
