"""Reports → Awaiting review: the translations no one has checked yet, counted per language, each with a link to
edit it and a button to mark it reviewed."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from cms import i18n
from cms.reviews import TranslationReview, mark_reviewed


class AwaitingReviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cms/admin/awaiting_review.html"
    page_title = "Awaiting review"
    header_icon = "help"

    def get_context_data(self, **kwargs: Any) -> dict:
        context = super().get_context_data(**kwargs)
        reviews = TranslationReview.objects.select_related("content_type", "locale").order_by("-created_at")
        chosen = self.request.GET.get("locale", "")
        finder = AdminURLFinder(self.request.user)
        rows = []
        for review in reviews:
            item = review.item()
            if item is None:  # deleted since: nothing left to review
                continue
            rows.append(
                {
                    "review": review,
                    "item": item,
                    "kind": "Page" if isinstance(item, Page) else item._meta.verbose_name.capitalize(),
                    "edit_url": finder.get_edit_url(item),
                    "live_url": item.get_url(self.request) if isinstance(item, Page) and item.live else None,
                }
            )
        counts = Counter(row["review"].locale.language_code for row in rows)
        context.update(
            rows=[row for row in rows if not chosen or row["review"].locale.language_code == chosen],
            chosen=chosen,
            languages=[
                {"code": code, "name": i18n.language_name(code), "count": counts.get(code, 0)}
                for code in i18n.content_language_codes()[1:]
            ],
            total=len(rows),
        )
        return context


@require_POST
def mark_reviewed_view(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(TranslationReview, pk=pk)
    item = review.item()
    if item is None or AdminURLFinder(request.user).get_edit_url(item) is None:
        raise PermissionDenied
    mark_reviewed(review)
    messages.success(request, f"“{item}” ({review.locale.get_display_name()}) is marked reviewed.")
    chosen = request.POST.get("locale", "")
    return redirect(reverse("awaiting_review") + (f"?locale={chosen}" if i18n.supported_language(chosen) else ""))


def urls() -> list:
    return [
        path("reports/awaiting-review/", AwaitingReviewView.as_view(), name="awaiting_review"),
        path("reports/awaiting-review/<int:pk>/reviewed/", mark_reviewed_view, name="awaiting_review_done"),
    ]
