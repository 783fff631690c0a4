"""Images: alt text, renditions and srcSet from the allow-list only."""

from __future__ import annotations

import pytest

from tests.factories import ImageFactory, StoryPageFactory

QUERY = """query($size: Int!) { page(slug: "poster") { ... on StoryPage { posterImage {
  alt description width height
  rendition(width: $size) { url width height }
} } } }"""


@pytest.fixture
def poster(campaign):
    image = ImageFactory(title="Poster", description="Leila dancing", file__width=1920, file__height=1080)
    return StoryPageFactory(parent=campaign, slug="poster", poster_image=image)


@pytest.mark.django_db
def test_alt_text_is_the_description(poster, gql) -> None:
    image = gql(QUERY, {"size": 640})["page"]["posterImage"]
    assert (image["alt"], image["description"], image["width"], image["height"]) == (
        "Leila dancing",
        "Leila dancing",
        1920,
        1080,
    )


@pytest.mark.django_db
def test_a_decorative_image_has_an_empty_alt(campaign, gql) -> None:
    image = ImageFactory(title="Confetti border", description="", is_decorative=True)
    StoryPageFactory(parent=campaign, slug="poster", poster_image=image)
    poster = gql("""{ page(slug: "poster") { ... on StoryPage { posterImage { alt isDecorative } } } }""")
    assert poster["page"]["posterImage"] == {"alt": "", "isDecorative": True}


@pytest.mark.django_db
def test_allowed_rendition(poster, gql) -> None:
    rendition = gql(QUERY, {"size": 640})["page"]["posterImage"]["rendition"]
    assert (rendition["width"], rendition["height"]) == (640, 360)
    assert rendition["url"].startswith("http://testserver/media/images/")


@pytest.mark.django_db
def test_a_filter_outside_the_allow_list_is_refused(poster, graphql) -> None:
    body = graphql(QUERY, {"size": 641})
    assert body["data"]["page"]["posterImage"]["rendition"] is None
    assert body["errors"][0]["path"] == ["page", "posterImage", "rendition"]
    assert body["errors"][0]["message"].startswith(
        "Image filter 'width-641' is not offered. Ask for one of: width-320,"
    )


@pytest.mark.django_db
def test_src_set_lists_allowed_widths_only(poster, gql) -> None:
    data = gql(
        """{ page(slug: "poster") { ... on StoryPage {
        posterImage { srcSet(sizes: [320, 333, 1280], format: "webp") } } } }"""
    )
    entries = data["page"]["posterImage"]["srcSet"].split(", ")
    assert [entry.rsplit(" ", 1)[1] for entry in entries] == ["320w", "1280w"]
    assert all(".webp" in entry for entry in entries)


@pytest.mark.django_db
def test_src_set_without_sizes_offers_each_width_up_to_the_images(poster, gql) -> None:
    image = gql("""{ page(slug: "poster") { ... on StoryPage { posterImage {
        srcSet webp: srcSet(format: "webp") } } } }""")["page"]["posterImage"]
    widths = [entry.rsplit(" ", 1)[1] for entry in image["srcSet"].split(", ")]
    assert widths == ["320w", "480w", "640w", "800w", "960w", "1280w", "1600w", "1920w"]
    assert len(image["webp"].split(", ")) == 8 and ".webp" in image["webp"]


@pytest.mark.django_db
def test_src_set_without_sizes_of_a_small_image_is_the_image_itself(campaign, gql) -> None:
    image = ImageFactory(title="Badge", description="A badge", file__width=200, file__height=100)
    StoryPageFactory(parent=campaign, slug="badge", poster_image=image)
    data = gql("""{ images { srcSet } page(slug: "badge") { ... on StoryPage { posterImage { srcSet } } } }""")
    assert data["page"]["posterImage"]["srcSet"].endswith(" 200w")
    assert data["images"] == [{"srcSet": data["page"]["posterImage"]["srcSet"]}]
