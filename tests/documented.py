"""The operations docs/queries.md shows, each block as printed, and the variables each needs on the demo content;
read by the docs test and the client conformance test alike."""

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


def operations() -> list[str]:
    """Every documented operation, exactly as its block prints it: a newcomer pastes a block as it stands."""
    return [block for block in BLOCKS if re.search(r"^(query|mutation|subscription)\b", block, flags=re.M)]


def operation_name(document: str) -> str:
    return re.search(r"^(?:query|mutation) (\w+)", document, flags=re.M)[1]


def variables_for(document: str, declared: set[str]) -> dict[str, Any]:
    """Values for the variables an operation declares (a token is the caller's to make)."""
    values = {**OTHER_VARIABLES, "urlPath": URL_PATHS.get(operation_name(document))}
    return {name: value for name, value in values.items() if name in declared}
