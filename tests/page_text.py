"""A rendered page's words as a reader meets them, in order: the text, and each image's alt text where the
image stands, outside scripts and styles, with runs of white space made one space."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "title"):
            self.skipping += 1
        elif tag == "img":
            self.parts.append(f" {dict(attrs).get('alt') or ''} ")
        else:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title"):
            self.skipping -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def page_words(html: str) -> str:
    parser = _Words()
    parser.feed(html)
    return normalized("".join(parser.parts))
