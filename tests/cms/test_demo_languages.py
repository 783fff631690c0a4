"""The demo in every content language: the home page, the 2022-23 campaign and all its stories of the month, the
current-year campaign and its sample stories, and the award recipients are published in all ten, each new sample
marked as awaiting review; Spanish and English stay as they were, and seeding again changes nothing."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Locale, Page

from cms import i18n
from cms.reviews import TranslationReview, is_awaiting_review
from partners import seed_current as partners_current
from partners.models import AwardRecipient, ContactOffice
from stories.models import CampaignIndexPage, StoryPage

pytestmark = pytest.mark.django_db

NEW_LANGUAGES = ["vi", "ru", "uk", "km", "so", "ko", "zh-hans", "sm"]
STORIES_2022_23 = [
    "2023-06-class-of-2023",
    "2023-05-kendy",
    "2023-04-gary",
    "2023-03-jose",
    "2023-01-issiah",
    "2022-12-leila",
    "2022-11-david",
    "2022-10-gabe",
    "2022-09-ellie",
    "2022-08-truth-and-honesty",
]
PAGES = ["better-together", *STORIES_2022_23, "partner-with-tps", "shining-star-award"]


@pytest.fixture
def every_language(settings) -> None:
    settings.DEMO_TRANSLATION_LANGUAGES = None
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_is_published_in_every_language_awaiting_review(every_language, gql) -> None:
    assert sorted(i18n.content_language_codes()) == sorted(["en", "es", *NEW_LANGUAGES])
    for language in NEW_LANGUAGES:
        pages = Page.objects.filter(locale__language_code=language, live=True)
        assert set(pages.values_list("slug", flat=True)) >= set(PAGES), language
        assert pages.filter(depth=2).count() == 1, language  # its own home page
        assert AwardRecipient.objects.filter(locale__language_code=language).count() == 3
    counts = Counter(review.locale.language_code for review in TranslationReview.objects.all())
    # home, the 2022-23 campaign and its ten stories, the current campaigns and their stories, the offices, the
    # partnership and award pages, three recipients
    current = Page.objects.filter(slug__startswith="better-together-", locale=Locale.get_default())
    offices = ContactOffice.objects.filter(locale=Locale.get_default()).count()
    assert offices >= 2
    assert current.exists()
    per_language = 1 + 11 + sum(1 + campaign.get_children().count() for campaign in current) + offices + 2 + 3
    assert counts == dict.fromkeys(NEW_LANGUAGES, per_language)
    assert set(TranslationReview.objects.values_list("origin", flat=True)) == {TranslationReview.SEEDED}

    kendy = gql(
        '{ page(slug: "2023-05-kendy", locale: "ko") { title locale isFallback awaitingReview '
        "... on StoryPage { themeHeadline } } }"
    )["page"]
    assert kendy == {
        "title": "Kendy",
        "locale": "ko",
        "isFallback": False,
        "awaitingReview": True,
        "themeHeadline": "우리는 함께 헌신합니다",
    }
    gary = gql(
        '{ page(slug: "2023-04-gary", locale: "zh-hans") { title awaitingReview ... on StoryPage { summary } } }'
    )
    assert gary["page"]["title"] == "Gary" and gary["page"]["awaitingReview"] is True
    assert gary["page"]["summary"].startswith("Gary 对社会隔阂不感兴趣")
    award = gql('{ page(slug: "shining-star-award", locale: "sm") { title awaitingReview isFallback } }')["page"]
    assert award == {
        "title": "Faailoga Paaga a le Nuu o le Fetu Pupula",
        "awaitingReview": True,
        "isFallback": False,
    }
    spanish = gql('{ page(slug: "2023-05-kendy", locale: "es") { awaitingReview ... on StoryPage { themeHeadline } } }')
    assert spanish["page"] == {"awaitingReview": False, "themeHeadline": "JUNTOS NOS COMPROMETEMOS"}

    # Each sample page says it awaits review, in its own language.
    campaign = Page.objects.get(slug="better-together", locale__language_code="ru")
    html = Client().get(campaign.url).content.decode()
    assert '<html lang="ru">' in html
    assert "Вместе лучше" in html
    assert '<p class="review-notice" role="note" lang="ru">Эта страница переведена автоматически' in html
    assert "review-notice" not in Client().get("/better-together/").content.decode()


def test_seeding_again_changes_nothing_and_keeps_a_review(every_language) -> None:
    TranslationReview.objects.filter(locale__language_code="vi").delete()  # an editor checked the Vietnamese
    pages, reviews = Page.objects.count(), TranslationReview.objects.count()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert (Page.objects.count(), TranslationReview.objects.count()) == (pages, reviews)
    assert "sample translations made" not in out.getvalue()


def test_the_current_year_campaign_and_award_are_in_every_language_awaiting_review(every_language, gql) -> None:
    english = Locale.get_default()
    campaigns = CampaignIndexPage.objects.filter(slug__startswith="better-together-", locale=english)
    items = [item for campaign in campaigns for item in [campaign, *StoryPage.objects.child_of(campaign)]]
    assert len(items) >= 13  # a campaign and its twelve sample stories at least
    items.append(AwardRecipient.objects.get(citation=partners_current.CITATION, locale=english))
    for language in NEW_LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        for item in items:
            translated = item.get_translation(locale)
            assert is_awaiting_review(translated), (language, item)
            assert getattr(translated, "live", True), (language, item)

    campaign = campaigns.first()
    year = campaign.school_year
    page = gql(f'{{ page(slug: "{campaign.slug}", locale: "ko") {{ title awaitingReview isFallback }} }}')["page"]
    assert page == {"title": f"함께하면 더 좋습니다 {year}", "awaitingReview": True, "isFallback": False}
    amara = (
        StoryPage.objects.child_of(campaign)
        .get(student_names="Amara")
        .get_translation(Locale.objects.get(language_code="ru"))
    )
    assert amara.title == "Amara (пример)"
    assert amara.theme_headline == "ВМЕСТЕ МЫ ГОТОВЫ"
    assert amara.summary.startswith("Пример истории для демонстрации. Amara провела август")
    graduates = StoryPage.objects.child_of(campaign).get(student_names="The graduating class")
    assert graduates.get_translation(Locale.objects.get(language_code="zh-hans")).title == "毕业班（示例）"
    intro = campaign.get_translation(Locale.objects.get(language_code="vi")).intro
    assert f"mỗi tháng của năm học {year}" in intro
    recipient = items[-1].get_translation(Locale.objects.get(language_code="uk"))
    assert "нагороду поточного місяця" in recipient.citation
