"""Admin for intake: the letters listing, the review screen, workflow moves, attachments, and the warnings
when a staff notification would reach nobody."""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from cms.spreadsheets import FormulaSafeExportMixin
from partners.intake.attachments import LetterAttachment
from partners.intake.exports import LETTER_EXPORT_FIELDS, LETTER_EXPORT_HEADINGS
from partners.intake.letters import LetterOfSupportRequest
from partners.intake.pages import InterestFormPage, LetterOfSupportPage
from partners.intake.staff import GRANTS_GROUP, SUPERINTENDENT_GROUP, group_addresses
from partners.intake.workflow import TransitionError, available_transitions, move

VIEW = "partners.view_letterofsupportrequest"


def notification_gaps() -> list[str]:
    """Each staff notification of intake that would reach nobody today, said so an editor can fix it."""
    gaps: list[str] = []
    page_notices = (
        (
            LetterOfSupportPage,
            "New letter-of-support requests",
            f", or add staff with an email address to the '{GRANTS_GROUP}' group",
        ),
        (InterestFormPage, "Partnership interest forms sent", ""),
    )
    for model, what, or_else in page_notices:
        for page in model.objects.live().select_related("office", "locale"):
            if not page.notify_addresses:
                office = page.office.name if page.office else "no office"
                gaps.append(
                    f"{what} on '{page.title}' ({page.locale.language_code}) reach nobody: "
                    f"give its office ({office}) an email address{or_else}."
                )
    if LetterOfSupportPage.objects.live().exists() and not group_addresses(SUPERINTENDENT_GROUP):
        gaps.append(
            "Letters of support awaiting signature reach nobody: add staff with an email address to the "
            f"'{SUPERINTENDENT_GROUP}' group."
        )
    return gaps


class LetterRequestPermissionPolicy(ModelPermissionPolicy):
    """Requests come only from the public: nobody adds one in admin."""

    def user_has_permission(self, user, action: str) -> bool:
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class LetterRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=LetterOfSupportRequest.Status.choices, empty_label="Any status")
    deadline_near = django_filters.BooleanFilter(
        label="Deadline near", method="filter_deadline_near", help_text="Open requests due soon or overdue."
    )
    deadline = django_filters.DateFromToRangeFilter(label="Grant deadline", widget=DateRangePickerWidget)
    submitted_at = django_filters.DateFromToRangeFilter(label="Submitted", widget=DateRangePickerWidget)

    class Meta:
        model = LetterOfSupportRequest
        fields = ["status", "deadline_near", "deadline", "submitted_at"]

    def filter_deadline_near(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        near = LetterOfSupportRequest.objects.deadline_near().values("pk")
        return queryset.filter(pk__in=near) if value else queryset.exclude(pk__in=near)


class DeadlineColumn(Column):
    """The deadline, flagged when an open request is due soon."""

    cell_template_name = "partners/admin/deadline_cell.html"


class LetterRequestEditView(EditView):
    template_name = "partners/admin/letter_request_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        letter = self.object
        context.update(
            letter=letter,
            transitions=available_transitions(letter, self.request.user),
            move_url=reverse("letter_requests:move", args=[letter.pk]),
            attachments=letter.attachments.all(),
            events=letter.events.select_related("actor"),
        )
        return context


class LetterRequestIndexView(FormulaSafeExportMixin, IndexView):
    """The letters listing: warns when a stage's notification would reach nobody; its CSV and XLSX exports write
    requesters' words as text, never as formulas."""

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Said on the full listing only: the filtered results reload through the same view.
        if not self.results_only:
            for gap in notification_gaps():
                messages.warning(request, gap)
        return super().get(request, *args, **kwargs)


@require_POST
def move_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One workflow move from the review screen; the model checks who may make it."""
    if not isinstance(request.user, User) or not request.user.has_perm(VIEW):
        raise PermissionDenied
    letter = get_object_or_404(LetterOfSupportRequest, pk=pk)
    try:
        letter = move(letter.pk, request.POST.get("action", ""), request.user, request.POST.get("reason", ""))
    except (TransitionError, PermissionDenied) as problem:
        messages.error(request, str(problem) or "You may not make that move.")
    else:
        messages.success(request, f"{letter.reference} is now '{letter.status_label}'; the requester is emailed.")
    return redirect("letter_requests:edit", letter.pk)


def attachment_view(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    """Staff download an attachment: streamed from disk, or by a short-lived signed URL on object storage."""
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    attachment = get_object_or_404(LetterAttachment, pk=attachment_id, request_id=pk)
    return attachment.file.storage.download(
        attachment.file.name, filename=attachment.name, content_type=attachment.content_type
    )


class LetterRequestViewSet(ModelViewSet):
    model = LetterOfSupportRequest
    name = "letter_requests"
    url_prefix = "letter-requests"
    icon = "doc-full-inverse"
    menu_label = "Letters of support"
    menu_order = 210
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = LetterRequestIndexView
    edit_view_class = LetterRequestEditView
    filterset_class = LetterRequestFilterSet
    search_fields = ["organization", "contact_name", "email", "grant_program", "funder"]
    ordering = ["deadline", "submitted_at"]
    list_display = [
        TitleColumn("reference", label="Reference", url_name="letter_requests:edit"),
        "organization",
        "grant_program",
        DeadlineColumn("deadline", label="Grant deadline", sort_key="deadline"),
        StatusTagColumn("status_label", label="Status", primary=lambda letter: letter.is_open),
        DateColumn("submitted_at", label="Submitted", sort_key="submitted_at"),
    ]
    list_export = LETTER_EXPORT_FIELDS
    export_headings = LETTER_EXPORT_HEADINGS
    export_filename = "letter-of-support-requests"

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/move/", move_view, name="move"),
            path("<int:pk>/attachments/<int:attachment_id>/", attachment_view, name="attachment"),
        ]
