import graphene
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from partners import seed as partners_seed
from partners import seed_current as partners_seed_current
from partners import seed_languages as partners_languages
from partners.graphql import AwardOfTheMonthQuery, PartnersQuery
from partners.intake.admin import VIEW, LetterRequestPermissionPolicy, LetterRequestViewSet, notification_gaps
from partners.intake.graphql import IntakeMutation, IntakeQuery
from partners.models import AwardRecipient, ContactOffice, LetterOfSupportRequest


@hooks.register("register_schema_query")
def add_partners_queries(query_mixins: list) -> None:
    query_mixins += [PartnersQuery, AwardOfTheMonthQuery, IntakeQuery]


@hooks.register("register_schema_mutation")
def add_intake_mutations(mutation_mixins: list) -> None:
    mutation_mixins += [IntakeMutation, graphene.ObjectType]


class ContactOfficeViewSet(SnippetViewSet):
    model = ContactOffice
    icon = "mail"
    menu_label = "Contact offices"
    list_display = ["name", "email", "phone", "live"]
    search_fields = ["name", "description"]


class AwardRecipientViewSet(SnippetViewSet):
    model = AwardRecipient
    icon = "pick"
    menu_label = "Shining Star recipients"
    list_display = ["name", "kind", "month", "live"]
    list_filter = ["kind", "live"]
    search_fields = ["name", "organization"]
    ordering = ["-month"]


class PartnershipsGroup(SnippetViewSetGroup):
    menu_label = "Partnerships"
    menu_icon = "group"
    menu_order = 200
    items = (AwardRecipientViewSet, ContactOfficeViewSet)


register_snippet(PartnershipsGroup)

register_permission_policy(LetterOfSupportRequest, LetterRequestPermissionPolicy(LetterOfSupportRequest))


@hooks.register("register_admin_viewset")
def register_letter_requests() -> LetterRequestViewSet:
    return LetterRequestViewSet()


@hooks.register("register_log_actions")
def register_letter_actions(actions) -> None:
    actions.register_action("partners.letter_request.moved", "Letter request moved", "Letter request moved")


class LettersDueSoonPanel(Component):
    """On the dashboard of those who review letters: open requests whose grant deadline is near."""

    name = "letters_due_soon"
    template_name = "partners/admin/deadlines_panel.html"
    order = 50

    def __init__(self, letters) -> None:
        self.letters = letters

    def get_context_data(self, parent_context):
        return {"letters": self.letters}


@hooks.register("construct_homepage_panels")
def add_letters_due_soon(request, panels: list) -> None:
    if request.user.has_perm(VIEW):
        letters = list(LetterOfSupportRequest.objects.deadline_near()[:10])
        if letters:
            panels.append(LettersDueSoonPanel(letters))


class NotificationGapsPanel(Component):
    """On the dashboard of those who run intake: staff notifications that would reach nobody."""

    name = "notification_gaps"
    template_name = "partners/admin/notification_gaps_panel.html"
    order = 40

    def __init__(self, gaps: list[str]) -> None:
        self.gaps = gaps

    def get_context_data(self, parent_context):
        return {"gaps": self.gaps}


@hooks.register("construct_homepage_panels")
def add_notification_gaps(request, panels: list) -> None:
    if request.user.has_perm(VIEW) or request.user.has_perm("auth.change_group"):
        gaps = notification_gaps()
        if gaps:
            panels.append(NotificationGapsPanel(gaps))


# Demo content after stories' (20): it is built under the home page.
@hooks.register("register_demo_seed", order=30)
def seed_partners(seeded: dict[str, Page]) -> Page:
    page = partners_seed.seed(seeded["home"])
    partners_seed_current.seed()
    return page


@hooks.register("register_demo_translations", order=30)
def translate_partners() -> int:
    return partners_languages.translate()
