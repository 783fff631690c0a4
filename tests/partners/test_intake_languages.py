"""The intake forms in the families' languages: definitions, validation messages, storage and emails."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from cms.models import OutboundEmail
from cms.seed import publish_translation
from partners.intake.workflow import move
from partners.models import InterestSubmission, LetterOfSupportRequest

pytestmark = pytest.mark.django_db

SPANISH_FORM = {
    "Partnership interest form": "Formulario de interés",
    "Organization name": "Nombre de la organización",
    "Partner type": "Tipo de socio",
    "Business<br/>Community group<br/>Individual": "Empresa<br/>Grupo comunitario<br/>Particular",
    "Email": "Correo electrónico",
    "We reply here.": "Le respondemos aquí.",
    "What you would like to offer": "Lo que le gustaría ofrecer",
    "Youth program<br/>Internship<br/>One-time donation": "Programa juvenil<br/>Pasantía<br/>Donación única",
    "Message": "Mensaje",
    "Consent": "Consentimiento",
    "You may contact me.": "Pueden comunicarse conmigo.",
    "Send": "Enviar",
    "Thank you; we will be in touch.": "Gracias; nos comunicaremos con usted.",
    "We received your partnership interest form": "Recibimos su formulario de interés",
    "Thank you for your interest.": "Gracias por su interés.",
}

DEFINITION = """query($locale: String) { interestForm(slug: "interest-form", locale: $locale) {
  title locale isFallback formFields { name label helpText choices } } }"""

SUBMIT = """mutation($values: [FormValueInput!]!, $locale: String) {
  submitInterestForm(slug: "interest-form", values: $values, locale: $locale) {
    ok reference thankYouText errors { field messages } } }"""


@pytest.fixture
def spanish_form(interest_form, translate):
    """The interest form translated into Spanish through wagtail-localize, as a translator would."""
    translate(interest_form.get_parent().get_parent())  # the home page
    translate(interest_form.get_parent().specific)  # the partnership page
    publish_translation(interest_form.office, "es", {"Community Partnership": "Asociaciones Comunitarias"})
    return publish_translation(interest_form, "es", SPANISH_FORM)


@pytest.fixture
def spanish_answers() -> list[dict]:
    return [
        {"name": "organization_name", "value": "Panadería Hilltop"},
        {"name": "partner_type", "value": "Empresa"},
        {"name": "email", "value": "ana@hilltop.example"},
        {"name": "what_you_would_like_to_offer", "values": ["Pasantía", "Donación única"]},
        {"name": "message", "value": "Queremos recibir a dos pasantes."},
        {"name": "consent", "value": "true"},
    ]


def test_the_form_is_described_in_the_language_asked_for(gql, spanish_form) -> None:
    form = gql(DEFINITION, {"locale": "es"})["interestForm"]
    assert (form["title"], form["locale"], form["isFallback"]) == ("Formulario de interés", "es", False)
    fields = {f["name"]: f for f in form["formFields"]}
    assert fields["partner_type"]["label"] == "Tipo de socio"
    assert fields["partner_type"]["choices"] == ["Empresa", "Grupo comunitario", "Particular"]
    assert fields["email"]["helpText"] == "Le respondemos aquí."
    # The names to submit under are the same in every language.
    assert list(fields) == [f["name"] for f in gql(DEFINITION)["interestForm"]["formFields"]]


def test_a_form_not_translated_comes_in_english(gql, interest_form) -> None:
    form = gql(DEFINITION, {"locale": "vi"})["interestForm"]
    assert (form["title"], form["locale"], form["isFallback"]) == ("Partnership interest form", "en", True)


def test_problems_are_worded_in_the_language_asked_for(graphql, spanish_form, spanish_answers) -> None:
    answers = [a for a in spanish_answers if a["name"] != "email"] + [{"name": "colour", "value": "red"}]
    result = graphql(SUBMIT, {"values": answers, "locale": "es"})["data"]["submitInterestForm"]
    errors = {e["field"]: e["messages"] for e in result["errors"]}
    assert result["ok"] is False
    assert errors["email"] == ["Este campo es necesario."]
    assert errors["colour"] == ["Este formulario no tiene ningún campo llamado «colour»."]
    assert not InterestSubmission.objects.exists()


def test_django_s_own_messages_come_in_languages_without_a_project_catalog_entry(graphql, interest_form) -> None:
    result = graphql(SUBMIT, {"values": [], "locale": "vi"})["data"]["submitInterestForm"]
    assert {e["field"]: e["messages"] for e in result["errors"]}["email"] == ["Trường này là bắt buộc."]


def test_a_spanish_submission_is_kept_with_the_original_form_in_its_words(
    graphql, interest_form, spanish_form, spanish_answers
) -> None:
    result = graphql(SUBMIT, {"values": spanish_answers, "locale": "es"})["data"]["submitInterestForm"]
    assert result["ok"] is True, result["errors"]
    assert result["thankYouText"] == "<p>Gracias; nos comunicaremos con usted.</p>"
    submission = InterestSubmission.objects.get()
    assert submission.page_id == interest_form.pk
    assert submission.language == "es"
    assert submission.form_data["partner_type"] == "Business"
    assert submission.form_data["what_you_would_like_to_offer"] == ["Internship", "One-time donation"]
    assert submission.form_data["organization_name"] == "Panadería Hilltop"


def test_the_office_reads_english_and_the_submitter_their_own_language(graphql, spanish_form, spanish_answers) -> None:
    graphql(SUBMIT, {"values": spanish_answers, "locale": "es"})
    office = OutboundEmail.objects.get(topic="interest.notify")
    assert office.to == ["partners@example.org"]
    assert "Filled in: Spanish" in office.body
    assert "Partner type: Business" in office.body
    assert "What you would like to offer: Internship, One-time donation" in office.body
    copy = OutboundEmail.objects.get(topic="interest.confirm")
    assert copy.to == ["ana@hilltop.example"]
    assert copy.subject == "Recibimos su formulario de interés"
    assert copy.body.startswith("Gracias por su interés.")
    assert "Una copia de sus respuestas:" in copy.body
    assert "Tipo de socio: Empresa" in copy.body
    assert "Consentimiento: Sí" in copy.body
    assert "Asociaciones Comunitarias" in copy.body


def test_submissions_list_their_language_for_the_office(client, graphql, interest_form, spanish_form, spanish_answers):
    graphql(SUBMIT, {"values": spanish_answers, "locale": "es"})
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    html = client.get(f"/admin/forms/submissions/{interest_form.pk}/").content.decode()
    assert "Language" in html and "Spanish" in html


LETTER_PAGE = """query($locale: String) { letterOfSupportPage(locale: $locale) {
  locale isFallback formFields { name label helpText } } }"""

REQUEST = """mutation($input: LetterOfSupportInput!, $locale: String) {
  requestLetterOfSupport(input: $input, locale: $locale) { ok reference statusToken errors { field messages } } }"""

STATUS = """query($token: String!, $locale: String) { letterOfSupportStatus(token: $token, locale: $locale) {
  statusLabel history { statusLabel } } }"""


def test_the_letter_form_speaks_the_language_asked_for(gql, letter_page) -> None:
    page = gql(LETTER_PAGE, {"locale": "es"})["letterOfSupportPage"]
    # The page itself is not translated, so its texts fall back; the form's own words are Spanish.
    assert (page["locale"], page["isFallback"]) == ("en", True)
    labels = {f["name"]: f["label"] for f in page["formFields"]}
    assert labels["contactName"] == "Nombre de contacto"
    assert labels["deadline"] == "Fecha límite de la subvención"
    assert labels["attachments"] == "Archivos adjuntos"


def test_a_letter_request_in_spanish(graphql, letter_page, letter_input) -> None:
    too_soon = {**letter_input, "deadline": "2000-01-01"}
    refused = graphql(REQUEST, {"input": too_soon, "locale": "es"})["data"]["requestLetterOfSupport"]
    assert refused["errors"] == [
        {"field": "deadline", "messages": ["La fecha límite de la subvención debe ser posterior a hoy."]}
    ]
    sent = graphql(REQUEST, {"input": letter_input, "locale": "es"})["data"]["requestLetterOfSupport"]
    assert sent["ok"] is True
    letter = LetterOfSupportRequest.objects.get()
    assert letter.language == "es"
    confirmation = OutboundEmail.objects.get(topic="letter.confirm")
    assert confirmation.subject == f"Recibimos su solicitud de carta de apoyo ({letter.reference})"
    assert confirmation.body.startswith("Estimado/a Dana Reyes:")
    assert "Para consultar el estado en cualquier momento, use este código de estado privado:" in confirmation.body
    staff = OutboundEmail.objects.get(topic="letter.notify")
    assert staff.subject.startswith("Letter-of-support request ") and "A new letter-of-support request" in staff.body


def test_status_names_follow_the_request_s_language_or_the_one_asked_for(graphql, letter_page, letter_input) -> None:
    token = graphql(REQUEST, {"input": letter_input, "locale": "es"})["data"]["requestLetterOfSupport"]["statusToken"]
    reviewer = get_user_model().objects.create_superuser("grants", "grants@example.org", "pw")
    move(LetterOfSupportRequest.objects.get().pk, "start_review", reviewer)
    assert graphql(STATUS, {"token": token})["data"]["letterOfSupportStatus"] == {
        "statusLabel": "En revisión por la Oficina de Subvenciones",
        "history": [{"statusLabel": "Enviada"}, {"statusLabel": "En revisión por la Oficina de Subvenciones"}],
    }
    english = graphql(STATUS, {"token": token, "locale": "en"})["data"]["letterOfSupportStatus"]
    assert english["statusLabel"] == "In Grants Office review"
    update = OutboundEmail.objects.get(topic="letter.status")
    assert update.subject.endswith(": En revisión por la Oficina de Subvenciones")
    assert "La Oficina de Subvenciones comenzó a revisar su solicitud." in update.body
