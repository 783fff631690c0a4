"""Every public query answers in the locale asked for, with English where a translation is missing."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from partners.models import AwardRecipient
from stories.models import StoryPage
from tests.factories import (
    AwardRecipientFactory,
    ContactOfficeFactory,
    PartnershipPageFactory,
    ShiningStarAwardPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGE_FIELDS = "locale isFallback availableLocales { code name nativeName url }"


@pytest.fixture
def stories(campaign, translate) -> dict[str, object]:
    """Three stories; the newest two are translated into Spanish, the oldest is not."""
    made = {}
    for month, slug in [(5, "kendy"), (4, "gary"), (3, "jose")]:
        made[slug] = StoryPageFactory(
            parent=campaign,
            slug=slug,
            title=slug.title(),
            theme_headline=f"THEME {slug.upper()}",
            month=datetime.date(2023, month, 1),
            premiere_at=timezone.now() - datetime.timedelta(days=10 * (6 - month)),
        )
    translate(campaign, title="Mejores juntos")
    translate(made["kendy"], title="Kendy (es)", theme_headline="JUNTOS NOS COMPROMETEMOS")
    translate(made["gary"], title="Gary (es)", theme_headline="JUNTOS SOMOS AVENTUREROS")
    return made


def test_the_languages_content_may_be_in(gql) -> None:
    locales = gql("{ locales { code name nativeName isDefault } }")["locales"]
    assert [entry["code"] for entry in locales] == ["en", "es", "vi", "ru", "uk", "km", "so", "ko", "zh-hans", "sm"]
    assert locales[0] == {"code": "en", "name": "English", "nativeName": "English", "isDefault": True}
    assert locales[1] == {"code": "es", "name": "Spanish", "nativeName": "Español", "isDefault": False}
    assert not any(entry["isDefault"] for entry in locales[1:])


def test_an_unknown_locale_is_refused_with_the_ones_offered(graphql, stories) -> None:
    body = graphql('{ stories(locale: "xx") { title } }')
    error = body["errors"][0]
    assert error["message"] == "Unknown locale 'xx'. Use one of: en, es, vi, ru, uk, km, so, ko, zh-hans, sm."
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("asked", ["es", "ES", "es-MX", "es-419"])
def test_regional_and_capitalised_tags_mean_the_language(gql, stories, asked: str) -> None:
    story = gql('query($l: String) { page(slug: "kendy", locale: $l) { title locale } }', {"l": asked})["page"]
    assert story == {"title": "Kendy (es)", "locale": "es"}


def test_a_page_in_the_locale_asked_for(gql, stories) -> None:
    query = f'{{ page(slug: "kendy", locale: "es") {{ title {LANGUAGE_FIELDS} }} }}'
    page = gql(query)["page"]
    assert (page["title"], page["locale"], page["isFallback"]) == ("Kendy (es)", "es", False)
    assert page["availableLocales"] == [
        {"code": "en", "name": "English", "nativeName": "English", "url": "/better-together/kendy/"},
        {"code": "es", "name": "Spanish", "nativeName": "Español", "url": "/es/better-together/kendy/"},
    ]


def test_a_page_not_translated_comes_back_in_english_marked_as_fallback(gql, stories) -> None:
    query = f'{{ page(slug: "jose", locale: "es") {{ title {LANGUAGE_FIELDS} }} }}'
    page = gql(query)["page"]
    assert (page["title"], page["locale"], page["isFallback"]) == ("Jose", "en", True)
    assert [entry["code"] for entry in page["availableLocales"]] == ["en"]


def test_without_a_locale_english_comes_back_and_nothing_is_a_fallback(gql, stories) -> None:
    page = gql('{ page(slug: "kendy") { title locale isFallback } }')["page"]
    assert page == {"title": "Kendy", "locale": "en", "isFallback": False}


def test_a_language_without_any_translation_falls_back_everywhere(gql, stories) -> None:
    listing = gql('{ stories(locale: "so") { title locale isFallback } }')["stories"]
    assert listing == [
        {"title": "Kendy", "locale": "en", "isFallback": True},
        {"title": "Gary", "locale": "en", "isFallback": True},
        {"title": "Jose", "locale": "en", "isFallback": True},
    ]


def test_a_page_by_id_or_url_path_in_a_locale(gql, stories) -> None:
    kendy = stories["kendy"]
    by_id = gql(f'{{ page(id: {kendy.pk}, locale: "es") {{ title }} }}')["page"]
    by_path = gql('{ page(urlPath: "/better-together/kendy/", locale: "es") { title } }')["page"]
    by_url = gql('{ page(urlPath: "/es/better-together/kendy/") { title locale } }')["page"]
    assert by_id == by_path == {"title": "Kendy (es)"}
    assert by_url == {"title": "Kendy (es)", "locale": "es"}


def test_a_translated_slug_finds_the_page_too(gql, stories, translate) -> None:
    jose = translate(stories["jose"], slug="pepe", title="José (es)")
    found = gql('{ page(slug: "pepe", locale: "es") { id title } }')["page"]
    assert found == {"id": str(jose.pk), "title": "José (es)"}
    assert gql('{ page(slug: "jose", locale: "es") { title } }')["page"] == {"title": "José (es)"}


def test_lists_hold_one_version_of_each_item(gql, stories) -> None:
    titles = [s["title"] for s in gql('{ stories(locale: "es") { title } }')["stories"]]
    assert titles == ["Kendy (es)", "Gary (es)", "Jose"]
    english = [s["title"] for s in gql("{ stories { title } }")["stories"]]
    assert english == ["Kendy", "Gary", "Jose"]
    pages = gql('{ pages(locale: "es", contentType: "stories.StoryPage") { title } }')["pages"]
    assert [p["title"] for p in pages] == ["Kendy (es)", "Gary (es)", "Jose"]


def test_a_draft_translation_leaves_the_english_original_in_its_place(gql, stories, translate) -> None:
    translate(stories["jose"], title="José (borrador)", publish=False)
    titles = [s["title"] for s in gql('{ stories(locale: "es") { title isFallback } }')["stories"]]
    assert titles == ["Kendy (es)", "Gary (es)", "Jose"]
    assert gql('{ page(slug: "jose", locale: "es") { title } }')["page"] == {"title": "Jose"}


def test_what_is_below_a_page_comes_in_its_locale(gql, stories) -> None:
    campaign = gql(
        '{ page(slug: "better-together", locale: "es") { title ... on CampaignIndexPage { '
        "stories { title isFallback } releasedStories { title } } children { title } parent { title locale } } }"
    )["page"]
    assert campaign["title"] == "Mejores juntos"
    assert [s["title"] for s in campaign["stories"]] == ["Kendy (es)", "Gary (es)", "Jose"]
    assert [s["isFallback"] for s in campaign["stories"]] == [False, False, True]
    assert {c["title"] for c in campaign["children"]} == {"Kendy (es)", "Gary (es)", "Jose"}
    assert campaign["parent"] == {"title": "Home", "locale": "es"}  # copied when the campaign was translated


def test_a_parent_without_a_translation_stands_in_in_english(gql, home, translate) -> None:
    partners = PartnershipPageFactory(parent=home, slug="partner-with-tps")
    award = ShiningStarAwardPageFactory(parent=partners)
    spanish = translate(award, title="Premio")
    Page.objects.filter(pk=spanish.get_parent().pk).update(live=False)  # the copied parent is still a draft
    page = gql('{ page(slug: "shining-star", locale: "es") { title parent { title locale isFallback } } }')["page"]
    assert page == {"title": "Premio", "parent": {"title": "Partner with us", "locale": "en", "isFallback": True}}


def test_a_searched_list_stays_in_its_locale(gql, stories) -> None:
    found = gql('{ stories(locale: "es", searchQuery: "Gary") { title } }')["stories"]
    assert found == [{"title": "Gary (es)"}]


def test_the_monthly_story_and_whats_next_in_a_locale(gql, stories) -> None:
    data = gql(
        '{ monthlyStory(locale: "es") { story { title monthLabel locale } } '
        'upcomingStories(locale: "es", at: "2000-01-01T00:00:00Z") { title monthLabel isFallback } }'
    )
    assert data["monthlyStory"]["story"] == {"title": "Kendy (es)", "monthLabel": "mayo de 2023", "locale": "es"}
    assert [s["title"] for s in data["upcomingStories"]] == ["Jose", "Gary (es)", "Kendy (es)"]
    assert data["upcomingStories"][0]["monthLabel"] == "March 2023"  # a fallback reads in its own language


def test_the_display_query_in_a_locale(gql, stories) -> None:
    display = gql('{ display(locale: "es") { locale story { publicUrl story { title isFallback } } } }')["display"]
    assert display["locale"] == "es"
    assert display["story"]["story"] == {"title": "Kendy (es)", "isFallback": False}
    assert display["story"]["publicUrl"].endswith("/es/better-together/kendy/")


def test_awards_in_a_locale(gql, translate) -> None:
    march = AwardRecipientFactory(name="Hilltop Bakery", month=datetime.date(2023, 3, 1), citation="<p>Bread.</p>")
    AwardRecipientFactory(name="Eastside Pantry", month=datetime.date(2023, 2, 1), citation="<p>Food.</p>")
    translate(march, citation="<p>Pan.</p>")
    listing = gql('{ awardRecipients(locale: "es") { name citation monthLabel isFallback } }')["awardRecipients"]
    assert listing == [
        {"name": "Hilltop Bakery", "citation": "<p>Pan.</p>", "monthLabel": "marzo de 2023", "isFallback": False},
        {"name": "Eastside Pantry", "citation": "<p>Food.</p>", "monthLabel": "February 2023", "isFallback": True},
    ]
    award = gql('{ awardOfTheMonth(at: "2023-03-10T12:00:00", locale: "es") { recipient { citation locale } } }')
    assert award["awardOfTheMonth"]["recipient"] == {"citation": "<p>Pan.</p>", "locale": "es"}


def test_contact_offices_in_a_locale(gql, translate) -> None:
    office = ContactOfficeFactory(name="Community Partnership", slug="community-partnership", sort_order=1)
    ContactOfficeFactory(name="Grants Office", slug="grants-office", sort_order=2)
    translate(office, name="Asociaciones Comunitarias")
    offices = gql('{ contactOffices(locale: "es") { name slug phone isFallback availableLocales { code } } }')
    assert offices["contactOffices"] == [
        {
            "name": "Asociaciones Comunitarias",
            "slug": "community-partnership",
            "phone": "253-571-7980",
            "isFallback": False,
            "availableLocales": [{"code": "en"}, {"code": "es"}],
        },
        {
            "name": "Grants Office",
            "slug": "grants-office",
            "phone": "253-571-7980",
            "isFallback": True,
            "availableLocales": [{"code": "en"}],
        },
    ]
    one = gql('{ contactOffice(slug: "community-partnership", locale: "es") { name } }')["contactOffice"]
    assert one == {"name": "Asociaciones Comunitarias"}


def test_the_partnership_page_brings_its_office_and_award_page_in_its_locale(gql, home, translate) -> None:
    office = ContactOfficeFactory(name="Community Partnership", slug="community-partnership")
    page = PartnershipPageFactory(parent=home, slug="partner-with-tps", contact_office=office)
    award = ShiningStarAwardPageFactory(parent=page)
    translate(office, name="Asociaciones Comunitarias")
    translate(home, title="Inicio")
    translate(page, title="Asóciese")
    translate(award, title="Premio Estrella Brillante")
    data = gql(
        '{ page(slug: "partner-with-tps", locale: "es") { title ... on PartnershipPage { '
        "contactOffice { name locale } awardProgram { title locale } } } }"
    )["page"]
    assert data == {
        "title": "Asóciese",
        "contactOffice": {"name": "Asociaciones Comunitarias", "locale": "es"},
        "awardProgram": {"title": "Premio Estrella Brillante", "locale": "es"},
    }


def test_snippets_and_search_in_a_locale(gql, translate) -> None:
    office = ContactOfficeFactory(name="Community Partnership", description="Partnership requests")
    translate(office, name="Asociaciones Comunitarias", description="Solicitudes de asociación")
    names = {s.get("name") for s in gql('{ snippets(locale: "es") { ... on ContactOffice { name } } }')["snippets"]}
    assert "Asociaciones Comunitarias" in names and "Community Partnership" not in names
    hits = gql('{ search(query: "Asociaciones", locale: "es") { ... on ContactOffice { name } } }')["search"]
    assert hits == [{"name": "Asociaciones Comunitarias"}]
    assert gql('{ search(query: "Asociaciones") { ... on ContactOffice { name } } }')["search"] == []


def test_the_site_listing_in_a_locale(gql, stories) -> None:
    sites = gql('{ sites { pages(locale: "es", contentType: "stories.StoryPage") { title } } }')["sites"]
    assert [p["title"] for p in sites[0]["pages"]] == ["Kendy (es)", "Gary (es)", "Jose"]


def test_a_translated_page_is_served_under_its_language(client, stories) -> None:
    html = client.get("/es/better-together/kendy/").content.decode()
    assert '<html lang="es">' in html
    assert "Kendy (es)" in html
    assert "mayo de 2023" in html
    assert client.get("/better-together/kendy/").content.decode().count('<html lang="en">') == 1


def _queries(gql, query: str) -> int:
    gql(query)
    with CaptureQueriesContext(connection) as captured:
        gql(query)
    return len(captured)


def test_languages_of_a_list_cost_the_same_for_any_number_of_items(gql, campaign, translate) -> None:
    """`locale`, `isFallback` and `availableLocales` are read for a whole list at once, not per item."""
    query = f'{{ stories(locale: "es", limit: 100) {{ title {LANGUAGE_FIELDS} }} }}'
    costs = []
    for batch in range(2):
        for n in range(5):
            story = StoryPageFactory(parent=campaign, month=datetime.date(2020 + batch, n + 1, 1))
            if n % 2:
                translate(story, title=f"{story.title} (es)")
        costs.append(_queries(gql, query))
    assert len(gql(query)["stories"]) == 10
    assert costs[0] == costs[1]


def test_a_story_s_month_and_premiere_are_the_same_in_every_language(gql, stories) -> None:
    """Moving the English premiere moves the Spanish one at once, before translators sync anything."""
    kendy = StoryPage.objects.get(pk=stories["kendy"].pk)
    later = timezone.now() + datetime.timedelta(days=30)
    kendy.premiere_at = later
    kendy.month = datetime.date(2023, 6, 1)
    kendy.save_revision().publish()
    spanish = gql('{ page(slug: "kendy", locale: "es") { ... on StoryPage { title status month } } }')["page"]
    assert spanish == {"title": "Kendy (es)", "status": "UPCOMING", "month": "2023-06"}
    # And a translation published with other dates takes the original's.
    translated = StoryPage.objects.get(translation_key=kendy.translation_key, locale__language_code="es")
    translated.premiere_at = timezone.now() - datetime.timedelta(days=1)
    translated.save_revision().publish()
    assert StoryPage.objects.get(pk=translated.pk).premiere_at == later


def test_an_award_recipient_s_month_is_the_same_in_every_language(gql, translate) -> None:
    recipient = AwardRecipientFactory(month=datetime.date(2023, 3, 1))
    spanish = translate(recipient, citation="<p>Pan.</p>")
    recipient.month = datetime.date(2023, 4, 1)
    recipient.save_revision().publish()
    assert AwardRecipient.objects.get(pk=spanish.pk).month == datetime.date(2023, 4, 1)


def test_a_hidden_translation_leaves_no_trace(gql, stories, translate) -> None:
    translate(stories["jose"], title="MARKER-DRAFT-TRANSLATION", summary="MARKER-DRAFT-TRANSLATION", publish=False)
    answers = [
        gql('{ page(slug: "jose", locale: "es") { title availableLocales { code url } } }'),
        gql('{ stories(locale: "es") { title summary availableLocales { code } } }'),
        gql('{ pages(locale: "es") { title } }'),
        gql('{ search(query: "MARKER", locale: "es") { ... on PageInterface { title } } }'),
    ]
    assert "MARKER-DRAFT-TRANSLATION" not in str(answers)
    assert answers[0]["page"]["availableLocales"] == [{"code": "en", "url": "/better-together/jose/"}]


def test_the_browser_s_language_changes_nothing_so_caches_need_not_vary_by_it(client, stories) -> None:
    query = {"query": '{ page(slug: "kendy") { locale ... on StoryPage { monthLabel } } }'}
    spanish_browser = client.get("/graphql/", query, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    english_browser = client.get("/graphql/", query, HTTP_ACCEPT_LANGUAGE="en-US")
    assert spanish_browser.content == english_browser.content
    assert spanish_browser.json()["data"]["page"] == {"locale": "en", "monthLabel": "May 2023"}
    assert "accept-language" not in spanish_browser["Vary"].lower()
    page = client.get("/es/better-together/kendy/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert page["Content-Language"] == "es" and "accept-language" not in page.get("Vary", "").lower()


def test_a_page_found_without_a_locale_brings_its_own_language_to_what_is_below_it(seeded, gql) -> None:
    spanish = Page.objects.get(slug="partner-with-tps", locale__language_code="es")
    query = f"""{{ page(id: {spanish.pk}) {{ locale ... on PartnershipPage {{
      pathways {{ ... on PathwayBlock {{ callsToAction {{ ... on CallToActionBlock {{ page {{ url locale }} }} }} }} }}
      letterOfSupportActions {{ ... on CallToActionBlock {{ page {{ url }} }} }} contactOffice {{ name isFallback }}
    }} }} }}"""
    page = gql(query)["page"]
    assert page["locale"] == "es"
    assert page["pathways"][0]["callsToAction"][0]["page"] == {
        "url": "/es/partner-with-tps/interest-form/",
        "locale": "es",
    }
    assert page["letterOfSupportActions"][0]["page"] == {"url": "/es/partner-with-tps/letter-of-support/"}
    assert page["contactOffice"] == {"name": "Asociaciones Comunitarias", "isFallback": False}


def test_a_recipient_s_kind_reads_in_its_language(gql, translate) -> None:
    hilltop = AwardRecipientFactory(name="Hilltop Bakery", month=datetime.date(2023, 3, 1), kind="partner")
    AwardRecipientFactory(name="Ana Flores", month=datetime.date(2023, 2, 1), kind="volunteer")
    translate(hilltop)
    listing = gql('{ awardRecipients(locale: "es") { name kindLabel } }')["awardRecipients"]
    assert listing == [
        {"name": "Hilltop Bakery", "kindLabel": "Socio comunitario"},
        {"name": "Ana Flores", "kindLabel": "Community volunteer"},  # not translated: English, like its citation
    ]
