"""The examples in docs/intake.md run against the demo content and do what the document says."""

from __future__ import annotations

import base64
import datetime
import json
import re
from pathlib import Path

import pytest
from django.conf import settings

DOC = (Path(settings.BASE_DIR) / "docs" / "intake.md").read_text()
BLOCKS = re.findall(r"```(graphql|json)\n(.*?)```", DOC, flags=re.S)


def example(operation: str) -> tuple[str, dict]:
    """The GraphQL block that runs `operation`, and the JSON variables block right after it, if any."""
    for index, (kind, text) in enumerate(BLOCKS):
        if kind == "graphql" and operation in text:
            following = BLOCKS[index + 1] if index + 1 < len(BLOCKS) else ("", "")
            return text, json.loads(following[1]) if following[0] == "json" else {}
    raise AssertionError(f"docs/intake.md has no example of {operation}")


@pytest.mark.django_db
def test_the_documented_flow_works_on_the_demo_content(seeded, gql) -> None:
    query, _ = example("interestForm(")
    form = gql(query)["interestForm"]
    names = {field["name"] for field in form["formFields"]}

    mutation, variables = example("submitInterestForm(")
    assert {value["name"] for value in variables["values"]} <= names
    submitted = gql(mutation, variables)["submitInterestForm"]
    assert submitted["ok"] is True, submitted["errors"]
    assert gql(mutation, variables)["submitInterestForm"]["alreadyReceived"] is True

    mutation, variables = example("requestLetterOfSupport(")
    # The example's deadline and (abridged) file are made current and whole.
    variables["input"]["deadline"] = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    variables["input"]["attachments"][0]["dataBase64"] = base64.b64encode(pdf).decode()
    requested = gql(mutation, variables)["requestLetterOfSupport"]
    assert requested["ok"] is True, requested["errors"]

    query, _ = example("letterOfSupportStatus(")
    status = gql(query, {"token": requested["statusToken"]})["letterOfSupportStatus"]
    assert status["reference"] == requested["reference"] and status["status"] == "SUBMITTED"
