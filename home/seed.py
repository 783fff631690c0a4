"""Demo content for the home page: it becomes the default site's root; a sample Spanish translation is the
root of the Spanish pages."""

from __future__ import annotations

from wagtail.models import Locale, Page, Site

from cms.models import DistrictSettings
from cms.seed import publish_translation
from home.models import HomePage

HOME_SLUG = "home"
INTRO = "Stories of Tacoma Public Schools students, and how families, partners and volunteers can take part."

# Sample translations, written for the demo: a district would have its own translators review them.
SPANISH = {
    "Tacoma Public Schools community": "Comunidad de las Escuelas Públicas de Tacoma",
    INTRO: "Historias de estudiantes de las Escuelas Públicas de Tacoma, y cómo pueden participar las familias, "
    "los socios y los voluntarios. (Las páginas en español son traducciones de muestra, escritas para esta "
    "demostración.)",
}


def seed() -> HomePage:
    home = _english_home()
    publish_translation(home, "es", SPANISH)
    return home


def _english_home() -> HomePage:
    existing = HomePage.objects.filter(depth=2, locale=Locale.get_default()).first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    # Wagtail's first migration leaves a plain "Welcome" page where the home page belongs.
    for welcome in Page.objects.child_of(root).filter(
        content_type__model="page", content_type__app_label="wagtailcore"
    ):
        if welcome.numchild == 0:
            welcome.delete()
    home = HomePage(
        title="Tacoma Public Schools community",
        slug=HOME_SLUG,
        intro=f"<p>{INTRO}</p>",
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, site_name="Tacoma Public Schools", root_page=home, is_default_site=True
        )
    else:
        site.root_page = home
        site.site_name = site.site_name or "Tacoma Public Schools"
        site.save()
    DistrictSettings.objects.get_or_create(
        site=site,
        defaults={
            "district_name": "Tacoma Public Schools",
            "short_name": "TPS",
            # Blank: the project's own pages are the demo's frontend, so QR codes and previews land on them.
            # A district sets its website here once that site renders these pages from the API.
            "frontend_base_url": "",
            "social_hashtag": "BetterTogether",
            "website_url": "https://www.tacomaschools.org/",
            "contact_phone": "253-571-1000",
        },
    )
    return home
