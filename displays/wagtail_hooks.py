from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from displays.admin.plays import ProofOfPlayViewSet
from displays.graphql import DisplayQuery


# Ahead of the content apps' hooks (order 0): the Query class lists `display` right after the public root
# fields, so the schema's field and type order stays as clients have it.
@hooks.register("register_schema_query", order=-1)
def add_display_query(query_mixins: list) -> None:
    query_mixins.append(DisplayQuery)


class FleetGroup(ViewSetGroup):
    """One "Displays" menu for the fleet: screens, pairing, alerts, proof of play."""

    menu_label = "Displays"
    menu_icon = "desktop"
    menu_order = 250
    items: tuple = ()


FleetGroup.items += (ProofOfPlayViewSet,)


@hooks.register("register_admin_viewset")
def register_fleet_admin() -> ViewSetGroup | list:
    return FleetGroup() if FleetGroup.items else []


@hooks.register("worker_tick")
def fleet_health() -> None:
    """Write the collected heartbeats, then mark screens offline or back and email their schools."""
    from displays.health import worker_duty

    worker_duty()
