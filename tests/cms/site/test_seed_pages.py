"""The rendered campaign and partnership pages say every sentence of the district's pages they were made from
(tests/data/seed-pages/, copied from the district's site), in order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.page_text import normalized, page_words

pytestmark = pytest.mark.django_db

SEED_PAGES = Path(settings.BASE_DIR) / "tests" / "data" / "seed-pages"
# The seed code's one editorial choice (stories/seed.py): Issiah's "January 2022" sits between the 2022-23
# campaign's December 2022 and its later months, so the demo dates it January 2023.
EDITORIAL_CHOICES = {"January 2022": "January 2023"}


def sentences(source: str) -> list[str]:
    """The seed page's sentences, line by line (a list item, a heading and a paragraph are each a line)."""
    found = []
    for line in source.splitlines():
        line = normalized(line.replace("•", ""))
        line = EDITORIAL_CHOICES.get(line, line)
        found += [part for part in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", line) if part]
    return found


def missing_in_order(expected: list[str], page_text: str) -> list[str]:
    """The sentences not found after the one before them; empty when every one reads in order."""
    position, missing = 0, []
    for sentence in expected:
        found = page_text.find(sentence, position)
        if found < 0:
            missing.append(sentence)
        else:
            position = found + len(sentence)
    return missing


def rendered(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return page_words(response.content.decode())


def test_the_campaign_and_partnership_pages_read_as_the_seed_pages(seeded, client: Client, february_2023) -> None:
    expected = sentences((SEED_PAGES / "better-together.txt").read_text())
    assert "WE ARE SMARTER TOGETHER: Video Premiere March 1, 2023" in expected
    assert missing_in_order(expected, rendered(client, "/better-together/")) == []

    expected = sentences((SEED_PAGES / "partner-with-tps.txt").read_text())
    assert "Complete the interest form" in expected and "Request a letter of support" in expected
    assert missing_in_order(expected, rendered(client, "/partner-with-tps/")) == []


def test_the_check_finds_a_sentence_out_of_order() -> None:
    assert missing_in_order(["One.", "Two."], "Two. One.") == ["Two."]
