"""The interest form page in Debian's Chromium: filled as an editor configured it, then found in admin."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from partners.models import InterestFormField, InterestFormPage, InterestSubmission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def form_server(cms_server):
    """The demo site, with one question an editor added to the interest form and published."""
    call_command("seed_demo", "--no-current-year", stdout=io.StringIO())
    form = InterestFormPage.objects.get(slug="interest-form", locale__language_code="en")
    InterestFormField.objects.create(
        page=form,
        label="How did you hear about us",
        field_type="dropdown",
        choices="A friend\nThe district website\nA school event",
        required=True,
        sort_order=100,
    )
    form.save_revision().publish()
    cms_server.form_url = f"{cms_server.url}{form.url}"
    cms_server.form = form
    return cms_server


def test_a_family_fills_the_form_and_staff_see_it_in_admin(form_server, browser_page) -> None:
    page = browser_page
    page.goto(form_server.form_url)
    form = page.locator("#intake-form")
    expect(form).to_be_visible()
    expect(page.get_by_label("How did you hear about us")).to_be_visible()

    page.get_by_label("Organization name").fill("Hilltop Bakery")
    page.get_by_label("Business", exact=True).check()
    page.get_by_label("Contact name").fill("Ana Flores")
    page.get_by_label("Email").fill("ana at hilltop")
    page.get_by_label("Internship", exact=True).check()
    page.get_by_label("High school", exact=True).check()
    page.get_by_label("Message").fill("Two summer interns.")
    page.get_by_label("How did you hear about us").select_option("A school event")
    page.get_by_role("button", name="Send").click()

    # Consent is missing and the email is wrong: each problem is shown beside its field.
    expect(page.locator("#field-email-error")).to_have_text("Enter a valid email address.")
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#field-consent-error")).to_have_text("This field is required.")
    expect(page.locator("#intake-problems")).to_have_text("Please correct 2 fields marked below.")
    assert not InterestSubmission.objects.exists()

    page.get_by_label("Email").fill("ana@hilltop.example")
    page.get_by_label("Consent").check()
    page.get_by_role("button", name="Send").click()
    done = page.locator("#intake-done")
    expect(done).to_be_visible()
    expect(done).to_be_focused()
    expect(page.locator("#intake-reference")).to_have_text(re.compile(r"^PI-\d{4}-\d{5}$"))
    expect(done).to_contain_text("The Community Partnership office will be in touch soon.")
    submission = InterestSubmission.objects.get()
    assert submission.form_data["how_did_you_hear_about_us"] == "A school event"
    assert submission.form_data["what_you_would_like_to_offer"] == ["Internship"]

    get_user_model().objects.create_superuser("partnerships", "p@example.org", "a-long-test-password")
    page.goto(f"{form_server.url}/admin/login/")
    page.get_by_label("Username").fill("partnerships")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.goto(f"{form_server.url}/admin/forms/submissions/{form_server.form.pk}/")
    table = page.locator("table.listing")
    expect(table).to_contain_text("Hilltop Bakery")
    expect(table).to_contain_text("A school event")


def test_the_form_page_passes_an_automated_wcag_aa_check(form_server, browser_page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser_page
    page.goto(form_server.form_url)
    expect(page.locator("#intake-form")).to_be_visible()
    results = Axe().run(page, options={"runOnly": WCAG_AA})
    assert results.violations_count == 0, results.generate_report()
    # With the problems showing, too.
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#intake-problems")).to_be_visible()
    results = Axe().run(page, options={"runOnly": WCAG_AA})
    assert results.violations_count == 0, results.generate_report()
