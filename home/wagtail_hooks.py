from wagtail import hooks
from wagtail.models import Page

from home import seed as home_seed


# First of the demo seeds: the others build under the home page.
@hooks.register("register_demo_seed", order=10)
def seed_home(seeded: dict[str, Page]) -> Page:
    return home_seed.seed()
