"""Drafts, private pages, expired pages, draft snippets and restricted media never reach the public.

Each hidden thing carries a marker string. Every root field of the schema is asked for every field
it offers (the selection is generated from the schema, so a new field is probed without a change
here), plainly and with every hidden thing's id, slug and path; every HTML page the project serves
is fetched; no answer may contain any marker.
"""

from __future__ import annotations

import datetime
import io
import json
from collections import deque

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    Undefined,
    get_named_type,
    is_abstract_type,
    is_leaf_type,
    is_non_null_type,
)
from taggit.models import Tag
from wagtail.models import Page

from partners.models import AwardRecipient, ContactOffice
from stories.models import StoryPage
from tests.factories import StoryPageFactory

# Arguments a nested field needs before it answers anything worth probing (allowed renditions only).
NESTED_ARGUMENTS = {"rendition": "(width: 320)", "srcSet": "(sizes: [320])"}
# How deep the generated selection goes below each root field: deep enough for
# `pages { ... on StoryPage { posterImage { rendition { url } } } }` and `redirects { page { parent { title } } }`.
DEPTH = 4
# Root arguments that name one thing: each is tried with every hidden thing's id, slug, path or marker.
LOOKUP_ARGUMENTS = ("id", "slug", "urlPath", "query", "searchQuery", "token", "name", "hostname", "campaign")
MAX_ALIASES = 30
REFUSALS = {"BAD_USER_INPUT", "PREVIEW_TOKEN_INVALID"}


def _schema() -> GraphQLSchema:
    from grapple.schema import schema

    return schema.graphql_schema


def _root_fields() -> list[str]:
    return sorted(name for name in _schema().query_type.fields if not name.startswith("__"))


def _arguments(owner: str, name: str, field: GraphQLField) -> str:
    if name in NESTED_ARGUMENTS:
        return NESTED_ARGUMENTS[name]
    required = [
        arg for arg, spec in field.args.items() if is_non_null_type(spec.type) and spec.default_value is Undefined
    ]
    assert not required, f"{owner}.{name} needs {required}: add a value to NESTED_ARGUMENTS so it is probed"
    return ""


def _shallowest(root: GraphQLNamedType) -> dict[str, int]:
    """How near the root field each type is first met (the root field's own type is at 1)."""
    levels: dict[str, int] = {}
    queue = deque([(root, 1)])
    while queue:
        type_, level = queue.popleft()
        if type_.name in levels or level > DEPTH:
            continue
        levels[type_.name] = level
        if is_abstract_type(type_):
            queue.extend((possible, level) for possible in _schema().get_possible_types(type_))
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for field in type_.fields.values():
                named = get_named_type(field.type)
                if not is_leaf_type(named):
                    queue.append((named, level + 1))
    return levels


class Selection:
    """Every field of a root field's type, with an inline fragment for each type an interface or union may be.

    A type's scalar fields are selected wherever it is met; its object fields, and an interface's fragments,
    once, where it is first met nearest the root, down to DEPTH. Every field of every type that can be
    reached thus runs at least once, and a query stays small enough to run although pages, blocks and
    images link to each other in many ways.
    """

    def __init__(self, root: GraphQLNamedType) -> None:
        self.shallowest = _shallowest(root)
        self.expanded: set[str] = set()
        self.text = self.of(root, 1)

    def _expands(self, type_: GraphQLNamedType, level: int) -> bool:
        if level >= DEPTH and not is_abstract_type(type_):
            return False
        if self.shallowest.get(type_.name) != level or type_.name in self.expanded:
            return False
        self.expanded.add(type_.name)
        return True

    def of(self, type_: GraphQLNamedType, level: int) -> str:
        expand = self._expands(type_, level)
        parts = ["__typename"]
        own: dict[str, GraphQLField] = {}
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            own = type_.fields
            parts += [self.field(type_.name, name, field, level, expand) for name, field in own.items()]
        if is_abstract_type(type_) and expand:
            seen: dict[str, str] = {}
            for possible in _schema().get_possible_types(type_):
                deeper = self._expands(possible, level)
                extra = []
                for name, field in possible.fields.items():
                    if name in own:
                        continue
                    # Fields of one name but different types (`intro: RichText!` and `intro: RichText`)
                    # cannot share a response key.
                    key = seen.setdefault(name, str(field.type))
                    alias = f"{possible.name}_{name}: " if key != str(field.type) else ""
                    part = self.field(possible.name, name, field, level, deeper)
                    extra.append(f"{alias}{part}" if part else "")
                if any(extra):
                    parts.append(f"... on {possible.name} {{ {' '.join(part for part in extra if part)} }}")
        return "{ " + " ".join(part for part in parts if part) + " }"

    def field(self, owner: str, name: str, field: GraphQLField, level: int, expand: bool) -> str:
        named = get_named_type(field.type)
        if is_leaf_type(named):
            return f"{name}{_arguments(owner, name, field)}"
        if not expand:
            return ""
        return f"{name}{_arguments(owner, name, field)} {self.of(named, level + 1)}"


def _literal(value: object) -> str:
    return json.dumps(str(value))


def root_probes(name: str, lookups: dict[str, list[object]]) -> list[str]:
    """Queries that ask `name` for everything it offers: once plainly and once per hidden id, slug, path,
    token or marker its arguments take, as aliases of one selection."""
    field = _schema().query_type.fields[name]
    named = get_named_type(field.type)
    body = "" if is_leaf_type(named) else Selection(named).text
    required = {arg for arg, spec in field.args.items() if is_non_null_type(spec.type)}
    calls: list[str] = []
    if not required:
        calls.append(name)
    for arg in field.args:
        if arg in LOOKUP_ARGUMENTS:
            calls += [f"{name}({arg}: {_literal(value)})" for value in lookups[arg]]
    assert calls, f"{name} needs {required}: add them to LOOKUP_ARGUMENTS"
    aliased = [f"probe{index}: {call} {body}" for index, call in enumerate(calls)]
    return [
        "{ " + " ".join(aliased[start : start + MAX_ALIASES]) + " }" for start in range(0, len(aliased), MAX_ALIASES)
    ]


def _lookups(hidden: dict[str, object], markers: dict[str, str]) -> dict[str, list[object]]:
    """Every hidden thing's id, slug and path, and words that only hidden things contain."""
    pages = list(Page.objects.filter(title__startswith="MARKER") | Page.objects.filter(pk__in=_hidden_page_ids(hidden)))
    ids: list[object] = [page.pk for page in pages]
    ids += [hidden["image"].pk, hidden["document"].pk, *(c.pk for c in hidden["collections"])]
    ids += list(Tag.objects.filter(name__startswith="MARKER").values_list("pk", flat=True))
    ids += list(ContactOffice.objects.filter(live=False).values_list("pk", flat=True))
    words = ["MARKER", *markers.values()]
    return {
        "id": ids,
        "slug": [page.slug for page in pages] + list(ContactOffice.objects.values_list("slug", flat=True)),
        "urlPath": [_site_path(page) for page in pages],
        "query": words[:5],
        "searchQuery": words[:5],
        "token": ["not-a-token"],
        "name": [],
        "hostname": [],
        "campaign": [page.pk for page in pages if page.depth == 3],
    }


def _site_path(page: Page) -> str:
    """'/home-test/better-together/live-story/' → '/better-together/live-story/'."""
    return "/" + page.url_path.split("/", 2)[-1]


def _hidden_page_ids(hidden: dict[str, object]) -> list[int]:
    return [obj.pk for obj in hidden.values() if isinstance(obj, Page)]


def _where(data: object, markers: dict[str, str], path: str = "") -> list[str]:
    """The paths in an answer whose values carry a marker, e.g. 'probe0.pages.3.posterImage.file'."""
    if isinstance(data, dict):
        return [hit for key, value in data.items() for hit in _where(value, markers, f"{path}.{key}")]
    if isinstance(data, list):
        return [hit for index, value in enumerate(data) for hit in _where(value, markers, f"{path}.{index}")]
    return [path.lstrip(".")] if _leaked(str(data), markers) else []


def _leaked(text: str, markers: dict[str, str]) -> list[str]:
    text = text.lower()
    return [name for name, marker in markers.items() if marker.lower() in text]


@pytest.fixture
def probe_limits(settings) -> None:
    """The probes ask for everything at once: the limits on one query's size are not what is tested here."""
    settings.GRAPHQL_MAX_TOKENS = 10**6
    settings.GRAPHQL_MAX_ALIASES = 10**4
    settings.GRAPHQL_MAX_COST = 10**9
    settings.GRAPHQL_MAX_BODY_BYTES = 10**7
    settings.GRAPHQL_MAX_DEPTH = 100


@pytest.mark.django_db
@pytest.mark.parametrize("root_field", _root_fields())
def test_no_root_field_shows_hidden_content(
    more_hidden_content, interest_form, letter_page, leak_markers, graphql, probe_limits, root_field: str
) -> None:
    for query in root_probes(root_field, _lookups(more_hidden_content, leak_markers)):
        body = graphql(query)
        # A lookup a field refuses (`searchQuery` on `sites`, a made-up preview token) gets a coded refusal.
        unmeant = [error for error in body.get("errors", []) if error["extensions"]["code"] not in REFUSALS]
        assert unmeant == [], unmeant
        leaked = _leaked(json.dumps(body, ensure_ascii=False), leak_markers)
        assert leaked == [], f"{leaked} leaked through {root_field}: {_where(body['data'], leak_markers)}"


def _site_paths(hidden: dict[str, object]) -> list[str]:
    """Every URL the project serves HTML at: each page's (public or not) in each content language, the
    display page, and the usual crawler files."""
    paths = ["/display/", "/display/?locale=es,vi", "/sitemap.xml", "/robots.txt", "/feed/", "/rss/"]
    languages = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE]
    for path in ["/", *(_site_path(page) for page in Page.objects.filter(depth__gt=2))]:
        paths += [path] + [f"/{code}{path}" for code in languages]
    return paths


@pytest.mark.django_db
def test_no_html_page_shows_hidden_content(
    more_hidden_content, interest_form, letter_page, leak_markers, client
) -> None:
    served = set()
    for path in _site_paths(more_hidden_content):
        response = client.get(path)
        assert response.status_code in (200, 302, 404), (path, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        leaked = _leaked(body.decode(errors="replace"), leak_markers)
        assert leaked == [], f"{leaked} leaked through {path}"
        served |= {path} if response.status_code == 200 else set()
    public = {"/", "/display/", "/better-together/media-story/", "/es/better-together/live-story/"}
    assert public | {"/partner/interest-form/", "/partner/letter-of-support/"} <= served


@pytest.mark.django_db
def test_every_marker_is_planted(more_hidden_content, leak_markers) -> None:
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    assert _leaked(out.getvalue(), leak_markers) == list(leak_markers)


def test_the_probe_reaches_every_field_of_a_page_listing() -> None:
    query = root_probes("pages", {arg: [] for arg in LOOKUP_ARGUMENTS})[0]
    assert "... on StoryPage {" in query and "posterImage { " in query and "rendition(width: 320) {" in query
    assert "children { " in query and "redirects" not in query


@pytest.mark.django_db
def test_hidden_pages_are_not_found_by_slug_or_path(hidden_content, gql) -> None:
    for slug in ("draft-story", "private-story", "expired-story", "scheduled-story", "hidden-award"):
        data = gql("query($slug: String) { page(slug: $slug) { title } }", {"slug": slug})
        assert data["page"] is None, slug
    assert gql('{ page(urlPath: "/better-together/private-story/") { title } }')["page"] is None


@pytest.mark.django_db
def test_public_content_beside_hidden_content_is_served(hidden_content, gql) -> None:
    titles = {page["title"] for page in gql("{ stories(limit: 100) { title } }")["stories"]}
    assert titles == {"Live story", "Story with hidden media"}
    live = gql('{ page(slug: "live-story") { ... on StoryPage { summary } } }')["page"]
    assert live == {"summary": "A short teaser."}


@pytest.mark.django_db
def test_media_in_a_restricted_collection_is_null_where_used(hidden_content, gql) -> None:
    story = gql('{ page(slug: "media-story") { ... on StoryPage { posterImage { title } } } }')["page"]
    assert story == {"posterImage": None}
    campaign = gql(
        '{ page(slug: "better-together") { ... on CampaignIndexPage { bannerImage { id } printedCalendar { id } } } }'
    )
    assert campaign["page"] == {"bannerImage": None, "printedCalendar": None}


@pytest.mark.django_db
def test_an_expired_page_is_unpublished_by_the_worker(hidden_content) -> None:
    call_command("run_worker", stdout=io.StringIO())
    expired = StoryPage.objects.get(pk=hidden_content["expired"].pk)
    assert (expired.live, expired.expired) == (False, True)


@pytest.mark.django_db
def test_a_scheduled_page_goes_live_once_due(hidden_content, gql, leak_markers) -> None:
    scheduled = hidden_content["scheduled"]
    revision = scheduled.get_latest_revision()
    due = timezone.now() - datetime.timedelta(seconds=1)
    revision.approved_go_live_at = due
    revision.content["go_live_at"] = due.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("run_worker", stdout=io.StringIO())
    data = gql('{ page(slug: "scheduled-story") { title } }')
    assert data["page"] == {"title": leak_markers["scheduled page"]}


@pytest.mark.django_db
def test_draft_snippets_exist_but_stay_hidden(hidden_content) -> None:
    assert ContactOffice.objects.filter(live=False).exists()
    assert AwardRecipient.objects.filter(live=False).exists()


@pytest.mark.django_db
def test_rich_text_links_to_hidden_pages_lose_their_address(campaign, gql) -> None:
    hidden = StoryPageFactory(parent=campaign, title="Hidden", slug="hidden-target")
    hidden.unpublish()
    public = StoryPageFactory(parent=campaign, title="Public", slug="public-target")
    campaign.intro = (
        f'<p><a linktype="page" id="{hidden.pk}">hidden</a> and <a linktype="page" id="{public.pk}">public</a></p>'
    )
    campaign.save_revision().publish()
    intro = gql('{ page(slug: "better-together") { ... on CampaignIndexPage { intro } } }')["page"]["intro"]
    assert "hidden-target" not in intro
    assert 'href="/better-together/public-target/"' in intro


@pytest.mark.django_db
def test_pages_below_a_parent_or_ancestor(hidden_content, campaign, home, gql) -> None:
    query = "query($p: ID, $a: ID) { pages(parent: $p, ancestor: $a, limit: 100) { title } }"
    below_campaign = {p["title"] for p in gql(query, {"p": campaign.pk})["pages"]}
    assert below_campaign == {"Live story", "Story with hidden media"}
    below_home = {p["title"] for p in gql(query, {"a": home.pk})["pages"]}
    assert below_home == {"Better Together", "Live story", "Story with hidden media"}
    private = Page.objects.get(slug="private-partners")
    assert gql(query, {"a": private.pk})["pages"] == []
    assert gql(query, {"p": hidden_content["draft"].pk})["pages"] == []


@pytest.mark.django_db
def test_public_redirects_tags_and_collections_are_still_listed(more_hidden_content, gql) -> None:
    data = gql("{ redirects { oldPath newUrl page { title } } tags { name } collections { name } }")
    assert {(r["oldPath"], r["newUrl"]) for r in data["redirects"]} == {
        ("/old-live-story", "/better-together/live-story/"),
        ("/old-calendar", "https://www.tacomaschools.org/calendar"),
    }
    live = StoryPage.objects.get(slug="live-story", locale__language_code="en")
    live.programs.add("CAB Cafe")
    live.save_revision().publish()
    assert [tag["name"] for tag in gql("{ tags { name } }")["tags"]] == ["CAB Cafe"]
    assert [c["name"] for c in data["collections"]] == ["Root"]
