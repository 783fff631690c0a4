"""Fixtures shared by the whole suite: a GraphQL client, a site tree, the demo content."""

from __future__ import annotations

import datetime
import io
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    DraftStateMixin,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)

from cms import counters, memo
from cms.graphql import local_answers
from cms.seed import ensure_foundations
from home.models import HomePage
from partners.models import ContactOffice, InterestFormPage, LetterOfSupportPage, PartnershipPage
from stories.models import StoryPage
from tests.factories import (
    AwardRecipientFactory,
    CampaignIndexPageFactory,
    ContactOfficeFactory,
    DocumentFactory,
    HomePageFactory,
    ImageFactory,
    InterestFormFieldFactory,
    InterestFormPageFactory,
    LetterOfSupportPageFactory,
    PartnershipPageFactory,
    ShiningStarAwardPageFactory,
    StoryPageFactory,
)

GraphQL = Callable[..., dict[str, Any]]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `postgresql` (real concurrency) run in CI's PostgreSQL pass and are left out on SQLite; tests
    marked `cluster` bring every service of their own, and `browser` tests check what the browser does (the
    server's side of every request they make is tested on both databases without a browser), so both run
    once, in the SQLite pass."""
    from django.conf import settings

    postgresql = "postgresql" in settings.DATABASES["default"]["ENGINE"]
    left_out = {"cluster", "browser"} if postgresql else {"postgresql"}
    kept = [item for item in items if not any(item.get_closest_marker(name) for name in left_out)]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


def post_graphql(client: Client, query: str, variables: dict | None = None) -> dict[str, Any]:
    """The JSON answer; a request the server refuses before execution (400) answers with errors too."""
    response = client.post(
        "/graphql/", json.dumps({"query": query, "variables": variables or {}}), content_type="application/json"
    )
    assert response.status_code in (200, 400), response.content
    return response.json()


@pytest.fixture(autouse=True)
def _counters_read_first(request: pytest.FixtureRequest) -> None:
    """A test with the database reads its counters (cms.counters) before anything it measures: each process reads
    them once and then sees its own changes at once, so no SQL count depends on which read came first."""
    names = request.fixturenames
    wanted = "transactional_db" if "transactional_db" in names else "db" if "db" in names else None
    if wanted is None and request.node.get_closest_marker("django_db") is None:
        return
    if wanted is not None:
        request.getfixturevalue(wanted)
    counters.values()


@pytest.fixture(autouse=True)
def _empty_caches_after_each_test() -> Iterator[None]:
    """Cached entries (Wagtail's renditions, site root paths) must not outlive the rows a test rolled back."""
    yield
    for each in caches.all():
        each.clear()
    memo.forget()  # the generation starts over in an emptied cache
    counters.forget()  # the test's counter rows were rolled back
    local_answers.local.clear()


@pytest.fixture
def graphql(client: Client) -> GraphQL:
    """Send a query to /graphql/ and return the whole JSON answer (data and errors)."""

    def run(query: str, variables: dict | None = None) -> dict[str, Any]:
        return post_graphql(client, query, variables)

    return run


@pytest.fixture
def gql(graphql: GraphQL) -> GraphQL:
    """Send a query and return its data, failing the test if the answer carries errors."""

    def run(query: str, variables: dict | None = None) -> dict[str, Any]:
        body = graphql(query, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    return run


@pytest.fixture
def home(db: None) -> HomePage:
    """A home page as the default site's root (also after a transactional test has emptied the database)."""
    ensure_foundations()
    root = Page.get_first_root_node()
    Page.objects.child_of(root).type(Page).exact_type(Page).delete()  # Wagtail's "Welcome" page
    home = HomePageFactory(parent=root, slug="home-test")
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    return home


@pytest.fixture
def translate(db: None) -> Callable[..., Any]:
    """Make a translation of a page or snippet with some fields changed, published unless `publish=False`.

    A page's untranslated ancestors are copied too (as drafts), as wagtail-localize does.
    """

    def run(obj: Any, language: str = "es", *, publish: bool = True, **fields: Any) -> Any:
        locale = Locale.objects.get(language_code=language)
        if isinstance(obj, Page):
            copy = obj.copy_for_translation(locale, copy_parents=True).specific
        else:
            copy = obj.copy_for_translation(locale)
            if isinstance(copy, DraftStateMixin):
                copy.live = publish
        for name, value in fields.items():
            setattr(copy, name, value)
        copy.save()
        if isinstance(copy, Page | DraftStateMixin):
            revision = copy.save_revision()
            if publish:
                revision.publish()
        copy.refresh_from_db()
        return copy

    return run


@pytest.fixture
def campaign(home: HomePage):
    return CampaignIndexPageFactory(parent=home, slug="better-together")


@pytest.fixture
def partnership(home: HomePage) -> PartnershipPage:
    return PartnershipPageFactory(parent=home, slug="partner")


# The interest form as tests know it: (label, kind, required, choices, help text), in order.
INTEREST_FIELDS = [
    ("Organization name", "singleline", True, "", ""),
    ("Partner type", "radio", True, "Business\nCommunity group\nIndividual", ""),
    ("Email", "email", True, "", "We reply here."),
    ("What you would like to offer", "checkboxes", True, "Youth program\nInternship\nOne-time donation", ""),
    ("Message", "multiline", False, "", ""),
    ("Consent", "checkbox", True, "", "You may contact me."),
]


@pytest.fixture
def interest_form(partnership: PartnershipPage) -> InterestFormPage:
    """A published interest form under the partnership page; its office's email is partners@example.org."""
    page = InterestFormPageFactory(parent=partnership)
    for label, kind, required, choices, help_text in INTEREST_FIELDS:
        InterestFormFieldFactory(
            page=page, label=label, field_type=kind, required=required, choices=choices, help_text=help_text
        )
    return page


@pytest.fixture
def interest_answers() -> list[dict[str, Any]]:
    """A complete, valid submission of `interest_form`."""
    return [
        {"name": "organization_name", "value": "Hilltop Bakery"},
        {"name": "partner_type", "value": "Business"},
        {"name": "email", "value": "ana@hilltop.example"},
        {"name": "what_you_would_like_to_offer", "values": ["Internship", "One-time donation"]},
        {"name": "message", "value": "We would like to host two interns."},
        {"name": "consent", "value": "true"},
    ]


@pytest.fixture
def letter_page(partnership: PartnershipPage) -> LetterOfSupportPage:
    """The published letter-of-support page; its office's email is grants@example.org; 10 days' notice."""
    return LetterOfSupportPageFactory(parent=partnership)


@pytest.fixture
def letter_input() -> dict[str, Any]:
    """A complete, valid letter-of-support request, due 60 days from now."""
    deadline = datetime.date.today() + datetime.timedelta(days=60)
    return {
        "organization": "Eastside Youth Collective",
        "contactName": "Dana Reyes",
        "email": "dana@eastside.example",
        "phone": "253-555-0142",
        "grantProgram": "Summer Learning Fund",
        "funder": "Washington Community Foundation",
        "amount": "25000",
        "deadline": deadline.isoformat(),
        "project": "A six-week summer reading program at two elementary schools.",
        "districtRole": "Host the program in school libraries.",
    }


# Each hidden thing carries a marker string no public answer may contain.
LEAK_MARKERS = {
    "draft page": "MARKER-DRAFT-PAGE",
    "draft revision": "MARKER-DRAFT-REVISION",
    "private page": "MARKER-PRIVATE-PAGE",
    "below private page": "MARKER-BELOW-PRIVATE",
    "expired page": "MARKER-EXPIRED-PAGE",
    "scheduled page": "MARKER-SCHEDULED-PAGE",
    "draft office": "MARKER-DRAFT-OFFICE",
    "draft recipient": "MARKER-DRAFT-RECIPIENT",
    "restricted image": "MARKER-RESTRICTED-IMAGE",
    "restricted document": "MARKER-RESTRICTED-DOCUMENT",
    "below draft page": "MARKER-BELOW-DRAFT",
    "below expired page": "MARKER-BELOW-EXPIRED",
    "draft page slug": "marker-draft-slug",
    "draft snippet revision": "MARKER-DRAFT-SNIPPET-REVISION",
    "restricted image file": "marker-restricted-image-file",
    "image in restricted collection": "MARKER-IMAGE-IN-RESTRICTED",
    "restricted document file": "marker-restricted-document-file",
    "restricted collection": "MARKER-RESTRICTED-COLLECTION",
    "below restricted collection": "MARKER-BELOW-COLLECTION",
    "redirect to draft page": "marker-redirect-to-draft",
    "redirect below private page": "marker-redirect-below-private",
    "redirect to expired page": "marker-redirect-to-expired",
    "redirect to restricted document": "marker-redirect-to-document",
    "redirect to hidden address": "marker-redirect-to-address",
    "draft translation": "MARKER-DRAFT-TRANSLATION",
    "draft page tag": "MARKER-DRAFT-TAG",
    "private page tag": "MARKER-PRIVATE-TAG",
    "expired page tag": "MARKER-EXPIRED-TAG",
    "restricted image tag": "MARKER-IMAGE-TAG",
}


@pytest.fixture
def hidden_content(campaign, home) -> dict[str, object]:
    """One of every kind of thing the public must not see, each carrying its marker."""
    now = timezone.now()
    made: dict[str, object] = {}

    draft = StoryPageFactory(parent=campaign, title=LEAK_MARKERS["draft page"], slug="draft-story")
    draft.unpublish()
    made["draft"] = draft

    live = StoryPageFactory(parent=campaign, title="Live story", slug="live-story")
    live.summary = LEAK_MARKERS["draft revision"]
    live.save_revision()  # saved, never published

    private = StoryPageFactory(parent=campaign, title=LEAK_MARKERS["private page"], slug="private-story")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    partners = PartnershipPageFactory(parent=home, slug="private-partners", title=LEAK_MARKERS["private page"])
    PageViewRestriction.objects.create(page=partners, restriction_type=PageViewRestriction.PASSWORD, password="x")
    ShiningStarAwardPageFactory(parent=partners, title=LEAK_MARKERS["below private page"], slug="hidden-award")

    expired = StoryPageFactory(parent=campaign, title=LEAK_MARKERS["expired page"], slug="expired-story")
    Page.objects.filter(pk=expired.pk).update(expire_at=now - datetime.timedelta(minutes=1))
    made["expired"] = expired

    scheduled = StoryPageFactory(parent=campaign, title=LEAK_MARKERS["scheduled page"], slug="scheduled-story")
    scheduled.unpublish()
    scheduled.go_live_at = now + datetime.timedelta(days=3)
    scheduled.save_revision().publish()  # a future go-live only schedules
    made["scheduled"] = scheduled

    ContactOfficeFactory(name=LEAK_MARKERS["draft office"], description=LEAK_MARKERS["draft office"], live=False)
    AwardRecipientFactory(name=LEAK_MARKERS["draft recipient"], citation=LEAK_MARKERS["draft recipient"], live=False)

    restricted = Collection.get_first_root_node().add_child(name=LEAK_MARKERS["restricted collection"])
    below = restricted.add_child(name=LEAK_MARKERS["below restricted collection"])
    restriction = CollectionViewRestriction.objects.create(
        collection=restricted, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Staff")[0])
    image = ImageFactory(
        title=LEAK_MARKERS["restricted image"],
        collection=below,
        file__filename=f"{LEAK_MARKERS['restricted image file']}.png",
    )
    image.tags.add(LEAK_MARKERS["restricted image tag"])
    ImageFactory(title=LEAK_MARKERS["image in restricted collection"], collection=restricted)
    document = DocumentFactory(
        title=LEAK_MARKERS["restricted document"],
        collection=below,
        file__filename=f"{LEAK_MARKERS['restricted document file']}.pdf",
    )
    # The restricted image embedded in the story's text, and the restricted document linked from it.
    body = (
        f'<p>Our chart:</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt="A chart"/>'
        f'<p><a linktype="document" id="{document.pk}">The plan</a></p>'
    )
    StoryPageFactory(
        parent=campaign, title="Story with hidden media", slug="media-story", poster_image=image, body=body
    )
    campaign.printed_calendar = document
    campaign.banner_image = image
    campaign.save_revision().publish()
    made["image"], made["document"] = image, document
    made["collections"] = [restricted, below]
    return made


@pytest.fixture
def more_hidden_content(hidden_content: dict[str, object], campaign, home, translate) -> dict[str, object]:
    """`hidden_content`, plus what hides in less obvious places: pages below a draft or an expired page,
    a draft page's slug, a snippet's unpublished changes, redirects to hidden pages or media, tags that
    only hidden content uses."""
    from wagtail.contrib.redirects.models import Redirect

    now = timezone.now()
    made = dict(hidden_content)
    draft = made["draft"]
    draft.programs.add(LEAK_MARKERS["draft page tag"])
    draft.save_revision()
    Page.objects.filter(pk=draft.pk).update(slug=LEAK_MARKERS["draft page slug"])

    draft_campaign = CampaignIndexPageFactory(parent=home, title=LEAK_MARKERS["draft page"], slug="draft-campaign")
    below_draft = StoryPageFactory(parent=draft_campaign, title=LEAK_MARKERS["below draft page"], slug="below-draft")
    Page.objects.filter(pk=draft_campaign.pk).update(live=False)
    made["below draft"] = below_draft

    expired_campaign = CampaignIndexPageFactory(
        parent=home, title=LEAK_MARKERS["expired page"], slug="expired-campaign"
    )
    below_expired = StoryPageFactory(
        parent=expired_campaign, title=LEAK_MARKERS["below expired page"], slug="below-expired"
    )
    Page.objects.filter(pk=expired_campaign.pk).update(expire_at=now - datetime.timedelta(minutes=1))
    made["below expired"] = below_expired

    private = StoryPage.objects.get(slug="private-story")
    private.programs.add(LEAK_MARKERS["private page tag"])
    private.save_revision().publish()
    expired = StoryPage.objects.get(pk=made["expired"].pk)
    expired.programs.add(LEAK_MARKERS["expired page tag"])
    expired.save()

    live = StoryPage.objects.get(slug="live-story")
    translate(live, "es", title="Historia publicada")
    translate(StoryPage.objects.get(slug="media-story"), "es", publish=False, title=LEAK_MARKERS["draft translation"])

    office = ContactOfficeFactory(name="Community Partnership", description="Open weekdays.", live=True)
    office.description = LEAK_MARKERS["draft snippet revision"]
    office.save_revision()  # saved, never published
    ContactOffice.objects.filter(pk=office.pk).update(description="Open weekdays.")

    below_private = Page.objects.get(slug="hidden-award")
    for marker, target in (
        ("redirect to draft page", draft),
        ("redirect below private page", below_private),
        ("redirect to expired page", expired),
    ):
        Redirect.objects.create(old_path=f"/{LEAK_MARKERS[marker]}", redirect_page=target)
    Redirect.objects.create(
        old_path=f"/{LEAK_MARKERS['redirect to restricted document']}", redirect_link=made["document"].url
    )
    Redirect.objects.create(old_path=f"/{LEAK_MARKERS['redirect to hidden address']}", redirect_link=draft.url)
    Redirect.objects.create(old_path="/old-live-story", redirect_page=live)
    Redirect.objects.create(old_path="/old-calendar", redirect_link="https://www.tacomaschools.org/calendar")
    return made


@pytest.fixture
def leak_markers() -> dict[str, str]:
    """The marker string each hidden thing of `hidden_content` carries."""
    return dict(LEAK_MARKERS)


@pytest.fixture
def seeded(db: None) -> None:
    # The district's 2022-23 pages only: the tests that use them set the clock to 2023 (see `living_demo` for the rest).
    call_command("seed_demo", "--no-current-year", stdout=io.StringIO())


# The seed pages' moment: Leila's story (December) is out, José's (March) is still to premiere.
SEED_PAGES_MOMENT = datetime.datetime(2023, 2, 15, 12, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


@pytest.fixture
def february_2023() -> Iterator[None]:
    """The clock at the seed pages' moment (mid-February 2023), running from there, in every thread."""
    with time_machine.travel(SEED_PAGES_MOMENT, tick=True):
        yield


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class OneRequestPerConnectionHandler(QuietWSGIRequestHandler):
    """No keep-alive: once the server stops, no open connection is left to answer from. Requests still being
    answered are counted, so stopping can wait for them: they share the test's SQLite connection, and one
    still writing while the test's database is emptied breaks its foreign keys."""

    protocol_version = "HTTP/1.0"
    in_flight = 0
    settled = threading.Condition()

    def handle(self) -> None:
        with self.settled:
            OneRequestPerConnectionHandler.in_flight += 1
        try:
            super().handle()
        finally:
            with self.settled:
                OneRequestPerConnectionHandler.in_flight -= 1
                self.settled.notify_all()


class RestartableLiveServerThread(LiveServerThread):
    """Django's live server thread, able to bind its port again right after stopping."""

    def _create_server(self, connections_override=None):
        return self.server_class(
            (self.host, self.port),
            OneRequestPerConnectionHandler,
            allow_reuse_address=True,
            connections_override=connections_override,
        )


class RestartableServer:
    """A live server on a fixed port that a test can stop and start again, as a real outage would."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread: LiveServerThread | None = None
        self.shared: list = []

    def start(self) -> None:
        # An in-memory SQLite test database exists only in this connection: the server threads share it.
        overrides = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
        for connection in overrides.values():
            connection.inc_thread_sharing()
        self.shared = list(overrides.values())
        self.thread = RestartableLiveServerThread(
            "127.0.0.1", StaticFilesHandler, connections_override=overrides, port=self.port
        )
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error

    def stop(self) -> None:
        if self.thread is not None:
            self.thread.terminate()
            self.thread = None
            with OneRequestPerConnectionHandler.settled:
                OneRequestPerConnectionHandler.settled.wait_for(
                    lambda: OneRequestPerConnectionHandler.in_flight == 0, timeout=30
                )
            for connection in self.shared:
                connection.dec_thread_sharing()


@pytest.fixture
def cms_server(settings) -> Iterator[RestartableServer]:
    """The whole site served over HTTP on loopback, with media URLs pointing at it.

    Tests using it need `pytest.mark.django_db(transaction=True)`: the server's threads see committed data only.
    """
    # An earlier transactional test emptied the database, and content types came back with new ids:
    # forget the ids cached in this process (Django's, and Wagtail's list of form page types).
    ContentType.objects.clear_cache()
    get_form_types.cache_clear()
    server = RestartableServer()
    settings.WAGTAILADMIN_BASE_URL = server.url
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    from django.conf import settings as django_settings

    if not Path(django_settings.CHROMIUM_PATH).exists():
        message = f"Chromium not found at {django_settings.CHROMIUM_PATH} (apt-get install chromium)."
        if django_settings.REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=django_settings.CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def xmlsec1() -> str:
    """Debian's xmlsec1 (`make xmlsec`), which signs CAP messages as a real sender's tools do."""
    from django.conf import settings as django_settings

    if not Path(django_settings.XMLSEC1_PATH).exists():
        message = f"xmlsec1 not found at {django_settings.XMLSEC1_PATH} (make xmlsec, or apt-get install xmlsec1)."
        if django_settings.REQUIRE_XMLSEC:
            pytest.fail(message)
        pytest.skip(message)
    return django_settings.XMLSEC1_PATH


@pytest.fixture
def browser_page(chromium) -> Iterator[Any]:
    """A fresh browser context (empty storage) at 1920x1080."""
    context = chromium.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    yield page
    context.close()


def until(page: Any, expression: str, timeout: float = 10) -> None:
    """Wait for `expression` to hold in the page, asked from outside it: Playwright's own wait compiles the
    expression inside the page, which the Content-Security-Policy (no 'unsafe-eval') forbids."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if page.evaluate(expression):
                return
        except PlaywrightError:  # the page is loading again: its old context is gone
            pass
        assert time.monotonic() < deadline, f"never true: {expression}"
        time.sleep(0.1)
