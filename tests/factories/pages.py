import datetime

import factory
import wagtail_factories
from django.utils import timezone

from home.models import HomePage
from partners.models import (
    InterestFormField,
    InterestFormPage,
    LetterOfSupportPage,
    PartnershipPage,
    ShiningStarAwardPage,
)
from stories.models import CampaignIndexPage, StoryPage
from tests.factories.snippets import ContactOfficeFactory


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    intro = "<p>Welcome</p>"

    class Meta:
        model = HomePage


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "Better Together"
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    school_year = "2022-23"
    intro = "<p>Campaign intro</p>"
    hashtag = "BetterTogether"

    class Meta:
        model = CampaignIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Story {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    student_names = "Ada"
    theme_headline = "WE ARE CURIOUS TOGETHER"
    summary = "A short teaser."
    body = "<p>The full story.</p>"
    month = datetime.date(2023, 3, 1)
    premiere_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Meta:
        model = StoryPage


class PartnershipPageFactory(wagtail_factories.PageFactory):
    title = "Partner with us"
    slug = "partner"
    definition = "<p>Partnership is working together.</p>"

    class Meta:
        model = PartnershipPage


class ShiningStarAwardPageFactory(wagtail_factories.PageFactory):
    title = "Shining Star"
    slug = "shining-star"
    established_year = 2014
    purpose = "<p>To thank partners.</p>"

    class Meta:
        model = ShiningStarAwardPage


class InterestFormPageFactory(wagtail_factories.PageFactory):
    title = "Partnership interest form"
    slug = "interest-form"
    thank_you_text = "<p>Thank you; we will be in touch.</p>"
    confirmation_text = "Thank you for your interest."
    office = factory.SubFactory(ContactOfficeFactory, name="Community Partnership", email="partners@example.org")

    class Meta:
        model = InterestFormPage


class InterestFormFieldFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(InterestFormPageFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    field_type = "singleline"
    required = True
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = InterestFormField


class LetterOfSupportPageFactory(wagtail_factories.PageFactory):
    title = "Request a letter of support"
    slug = "letter-of-support"
    minimum_notice_days = 10
    thank_you_text = "<p>Thank you; the Grants Office will email you.</p>"
    office = factory.SubFactory(ContactOfficeFactory, name="Grants Office", email="grants@example.org")

    class Meta:
        model = LetterOfSupportPage
