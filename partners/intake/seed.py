"""Demo intake: the interest form and the letter-of-support page,
and one sample staff member with a sample email in each group a letter request notifies, so every staff
notification goes somewhere a demo can show. Sample addresses are on example.org, which receives no mail."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from cms.seed import child_page
from partners.intake.interest import InterestFormField
from partners.intake.pages import InterestFormPage, LetterOfSupportPage
from partners.intake.staff import GRANTS_GROUP, PARTNERSHIP_GROUP, SUPERINTENDENT_GROUP
from partners.models.offices import ContactOffice
from partners.models.pages import PartnershipPage
from partners.seed_text import LETTER_OF_SUPPORT

# (username, last name, email, staff group): one sample member per group that letter requests notify.
SAMPLE_STAFF = [
    ("grants.sample", "Grants Office (sample)", "grants-staff.sample@example.org", GRANTS_GROUP),
    ("superintendent.sample", "Superintendent (sample)", "superintendent.sample@example.org", SUPERINTENDENT_GROUP),
]

INTEREST_FIELDS = [
    ("Organization name", "singleline", True, "", "If you are offering as an individual, write 'Individual'."),
    (
        "Partner type",
        "radio",
        True,
        "Community-based organization\nBusiness\nCommunity group\nIndividual",
        "",
    ),
    ("Contact name", "singleline", True, "", ""),
    ("Email", "email", True, "", "We reply here, and send you a copy of this form."),
    ("Phone", "singleline", False, "", ""),
    (
        "What you would like to offer",
        "checkboxes",
        True,
        "Youth program\nGoods and services\nInternship\nOne-time donation\nRecurring donation\n"
        "Employee volunteer activity",
        "Choose all that apply.",
    ),
    (
        "Grade levels of interest",
        "checkboxes",
        False,
        "Early learning\nElementary school\nMiddle school\nHigh school\nAny",
        "",
    ),
    ("Schools of interest", "singleline", False, "", "Name any schools you have in mind."),
    ("Message", "multiline", False, "", "Tell us about your idea, and anything we should know."),
    (
        "Consent",
        "checkbox",
        True,
        "",
        "I agree that Tacoma Public Schools may contact me about this partnership.",
    ),
]


def intake_pages(parent: PartnershipPage, partnership_office: ContactOffice, grants_office: ContactOffice) -> None:
    form = child_page(
        parent,
        InterestFormPage,
        "interest-form",
        title="Partnership interest form",
        intro="<p>Tell us how you would like to partner with Tacoma Public Schools, and the Community Partnership "
        "office will contact you to talk it through.</p>",
        thank_you_text="<p>Thank you for your interest in partnering with Tacoma Public Schools. The Community "
        "Partnership office will be in touch soon.</p>",
        office=partnership_office,
        confirmation_text="Thank you for your interest in partnering with Tacoma Public Schools.",
        form_fields=[
            InterestFormField(label=label, field_type=kind, required=required, choices=choices, help_text=help_text)
            for label, kind, required, choices, help_text in INTEREST_FIELDS
        ],
    )
    child_page(
        parent,
        LetterOfSupportPage,
        "letter-of-support",
        title="Request a letter of support",
        intro=f"<p>{LETTER_OF_SUPPORT}</p>",
        office=grants_office,
        minimum_notice_days=10,
        thank_you_text="<p>Thank you. We emailed you a confirmation with a private status code; the Grants Office "
        "will email you at each step of its review.</p>",
    )
    # The Community Partnership office reads the interest form's submissions.
    group = Group.objects.filter(name=PARTNERSHIP_GROUP).first()
    if group is not None:
        for codename in ("change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=form,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )


def sample_staff() -> None:
    """A sample member with a sample email in each group a letter request notifies; no password, so no login."""
    user_model = get_user_model()
    for username, last_name, email, group_name in SAMPLE_STAFF:
        group, _ = Group.objects.get_or_create(name=group_name)
        if user_model.objects.filter(username=username).exists():
            continue
        user = user_model(username=username, first_name="Sample", last_name=last_name, email=email)
        user.set_unusable_password()
        user.save()
        user.groups.add(group)
