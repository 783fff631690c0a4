"""Demo content for the home page: it becomes the default site's root."""

from __future__ import annotations

from wagtail.models import Page, Site

from cms.models import DistrictSettings
from home.models import HomePage

HOME_SLUG = "home"


def seed() -> HomePage:
    existing = HomePage.objects.filter(depth=2).first()
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
        intro="<p>Stories of Tacoma Public Schools students, and how families, partners and volunteers "
        "can take part.</p>",
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
            "frontend_base_url": "https://www.tacomaschools.org",
            "social_hashtag": "BetterTogether",
        },
    )
    return home
