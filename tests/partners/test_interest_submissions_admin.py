"""Interest-form submissions in admin: the Community Partnership office lists, filters and exports them."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from partners.intake.staff import PARTNERSHIP_GROUP
from partners.models import InterestFormPage

pytestmark = pytest.mark.django_db

SUBMIT = 'mutation($v: [FormValueInput!]!) { submitInterestForm(slug: "interest-form", values: $v) { ok } }'


@pytest.fixture
def partnership_staff(client: Client) -> Client:
    user = get_user_model().objects.create_user("cp", "cp@example.org", "x")
    user.groups.add(Group.objects.get(name=PARTNERSHIP_GROUP))
    client.force_login(user)
    return client


def submit(values: list[dict]) -> None:
    body = json.dumps({"query": SUBMIT, "variables": {"v": values}})
    answer = Client().post("/graphql/", body, content_type="application/json").json()
    assert answer["data"]["submitInterestForm"]["ok"] is True


def seeded_answers() -> list[dict]:
    return [
        {"name": "organization_name", "value": "Hilltop Bakery"},
        {"name": "partner_type", "value": "Business"},
        {"name": "contact_name", "value": "Ana Flores"},
        {"name": "email", "value": "ana@hilltop.example"},
        {"name": "what_you_would_like_to_offer", "values": ["Internship", "Youth program"]},
        {"name": "consent", "value": "true"},
    ]


def test_the_office_lists_and_exports_submissions(seeded, partnership_staff: Client) -> None:
    submit(seeded_answers())
    form = InterestFormPage.objects.get(slug="interest-form", locale__language_code="en")
    assert form.title in partnership_staff.get(reverse("wagtailforms:index")).content.decode()
    url = reverse("wagtailforms:list_submissions", args=[form.pk])
    listing = partnership_staff.get(url)
    assert listing.status_code == 200 and "Hilltop Bakery" in listing.content.decode()

    exported = partnership_staff.get(url, {"export": "csv"})
    text = b"".join(exported.streaming_content).decode()
    header, row = text.strip().splitlines()
    assert "Organization name" in header and "What you would like to offer" in header
    assert "Hilltop Bakery" in row and "Internship" in row

    workbook = openpyxl.load_workbook(
        io.BytesIO(b"".join(partnership_staff.get(url, {"export": "xlsx"}).streaming_content))
    )
    values = [cell.value for cell in next(workbook.active.iter_rows(min_row=2, max_row=2))]
    assert "Hilltop Bakery" in values


def test_the_exports_write_formulas_as_text(seeded, partnership_staff: Client) -> None:
    answers = seeded_answers()
    answers[0]["value"] = "=1+1"
    submit([*answers, {"name": "message", "value": "@SUM(A1:A9)"}])
    form = InterestFormPage.objects.get(slug="interest-form", locale__language_code="en")
    url = reverse("wagtailforms:list_submissions", args=[form.pk])
    text = b"".join(partnership_staff.get(url, {"export": "csv"}).streaming_content).decode()
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["Organization name"] == "'=1+1" and row["Message"] == "'@SUM(A1:A9)"

    workbook = openpyxl.load_workbook(
        io.BytesIO(b"".join(partnership_staff.get(url, {"export": "xlsx"}).streaming_content))
    )
    assert "'=1+1" in [cell.value for cell in next(workbook.active.iter_rows(min_row=2, max_row=2))]


def test_submissions_filter_by_date(seeded, partnership_staff: Client) -> None:
    submit(seeded_answers())
    form = InterestFormPage.objects.get(slug="interest-form", locale__language_code="en")
    url = reverse("wagtailforms:list_submissions", args=[form.pk])
    assert "Hilltop Bakery" not in partnership_staff.get(url, {"date_to": "2000-01-01"}).content.decode()
    assert "Hilltop Bakery" in partnership_staff.get(url, {"date_from": "2000-01-01"}).content.decode()


def test_others_do_not_see_submissions(seeded, client: Client) -> None:
    submit(seeded_answers())
    user = get_user_model().objects.create_user("grants", "g@example.org", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    form = InterestFormPage.objects.get(slug="interest-form", locale__language_code="en")
    response = client.get(reverse("wagtailforms:list_submissions", args=[form.pk]))
    assert response.status_code in (302, 403)
    assert "Hilltop Bakery" not in response.content.decode()
