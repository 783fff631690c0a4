from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from partners.graphql import AwardOfTheMonthQuery, PartnersQuery
from partners.models import AwardRecipient, ContactOffice


@hooks.register("register_schema_query")
def add_partners_queries(query_mixins: list) -> None:
    query_mixins += [PartnersQuery, AwardOfTheMonthQuery]


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
