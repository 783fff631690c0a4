from wagtail import hooks
from wagtail.models import Page

from home import seed as home_seed
from home import seed_languages as home_languages


# First of the demo seeds: the others build under the home page.
@hooks.register("register_demo_seed", order=10)
def seed_home(seeded: dict[str, Page]) -> Page:
    return home_seed.seed()


# The home page in every language first: the other translations are made under it.
@hooks.register("register_demo_translations", order=10)
def translate_home() -> int:
    return home_languages.translate()
