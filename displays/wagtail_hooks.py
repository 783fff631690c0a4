from django.db.models import F
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from displays.admin.alerts import AlertTemplateViewSet, AlertViewSet
from displays.admin.cap import AlertSourceViewSet
from displays.admin.plays import ProofOfPlayViewSet
from displays.admin.screens import ScreenViewSet
from displays.graphql import DisplayQuery
from displays.graphql_alerts import AlertsQuery


# Ahead of the content apps' hooks (order 0): the Query class lists `display` right after the public root
# fields, so the schema's field and type order stays as clients have it.
@hooks.register("register_schema_query", order=-1)
def add_display_query(query_mixins: list) -> None:
    query_mixins.append(DisplayQuery)
    query_mixins.append(AlertsQuery)


class FleetGroup(ViewSetGroup):
    """One "Displays" menu for the fleet: screens, pairing, alerts, proof of play."""

    menu_label = "Displays"
    menu_icon = "desktop"
    menu_order = 250
    items: tuple = ()


FleetGroup.items += (ScreenViewSet, AlertViewSet, AlertTemplateViewSet, AlertSourceViewSet, ProofOfPlayViewSet)


@hooks.register("register_admin_viewset")
def register_fleet_admin() -> ViewSetGroup | list:
    return FleetGroup() if FleetGroup.items else []


@hooks.register("worker_tick")
def fleet_health() -> None:
    """Write the collected heartbeats, then mark screens offline or back and email their schools."""
    from displays.health import worker_duty

    worker_duty()


# Alerts: their signals (imported here so they connect at start), cache boundaries and audit actions.
from displays.alerts import next_change  # noqa: E402


@hooks.register("graphql_answer_boundaries")
def alert_boundaries(now) -> list:
    return next_change(now)


@hooks.register("timed_changes")
def alerts_starting_or_ending(since, until) -> list:
    """Alerts issued to start later, and alerts that end by themselves, in (since, until]: webhooks tell of
    them then (one issued to start at once, or cleared by hand, is told of there and then)."""
    from cms.timed import TimedChange
    from displays.models import Alert
    from displays.models.alerts import Scope

    window = {"cleared_at__isnull": True}
    starting = Alert.objects.filter(starts_at__gt=since, starts_at__lte=until, **window).exclude(
        starts_at__lte=F("created_at")
    )
    ending = Alert.objects.filter(ends_at__gt=since, ends_at__lte=until, **window)
    # A screen-scoped alert is for its screens alone: no outside endpoint hears of it (displays.alerts.is_public).
    starting, ending = starting.exclude(scope=Scope.DISPLAYS), ending.exclude(scope=Scope.DISPLAYS)
    return [TimedChange("alert.issued", list(starting)), TimedChange("alert.ended", list(ending))]


@hooks.register("register_log_actions")
def register_alert_actions(actions) -> None:
    actions.register_action("displays.alert.issue", "Alert issued", "Alert issued")
    actions.register_action("displays.alert.all_clear", "All clear", "All clear")


@hooks.register("metrics")
def fleet_metrics() -> list:
    """For /metrics (cms/metrics.py): paired screens online and offline per school, the age of each school's
    newest heartbeat, and the alerts in force by scope and severity."""
    from django.db.models import Count, Max, Q
    from django.utils import timezone

    from cms.metrics import gauge
    from displays.models import Alert, Display

    now = timezone.now()
    paired = Display.objects.exclude(credential_hash="").filter(revoked_at=None)
    per_school = (
        paired.values_list("school__name")
        .annotate(
            online=Count("pk", filter=Q(offline_since=None) & ~Q(last_seen_at=None)),
            offline=Count("pk", filter=~Q(offline_since=None)),
            unseen=Count("pk", filter=Q(last_seen_at=None)),
            newest=Max("last_seen_at"),
        )
        .order_by("school__name")
    )
    rows = [(school or "district", *counts) for school, *counts in per_school]
    in_force = (
        Alert.objects.filter(Q(ends_at=None) | Q(ends_at__gt=now), cleared_at=None, starts_at__lte=now)
        .values_list("scope", "severity")
        .annotate(n=Count("pk"))
    )
    return [
        gauge(
            "btcms_screens",
            "Paired screens by school and state: online, offline (quiet past their limit), never seen.",
            ["school", "state"],
            [
                (row[0], state, row[index])
                for row in rows
                for index, state in ((1, "online"), (2, "offline"), (3, "unseen"))
            ],
        ),
        gauge(
            "btcms_school_last_heartbeat_age_seconds",
            "Seconds since any screen of the school was last heard from.",
            ["school"],
            [(row[0], (now - row[4]).total_seconds()) for row in rows if row[4] is not None],
        ),
        gauge(
            "btcms_alerts_in_force",
            "Emergency alerts in force, by scope and severity.",
            ["scope", "severity"],
            in_force,
        ),
    ]
