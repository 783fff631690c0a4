"""What the export holds, and what it leaves out on purpose (docs/export.md says why for each)."""

from __future__ import annotations

from django.apps import apps
from django.db import models

FORMAT = "better-together-cms-content"
VERSION = 1

# In the order an import loads them (it checks every reference at the end, so the order is for readers).
CONTENT = [
    # Who: groups with their permissions, and the editors named on pages and revisions (without passwords).
    "auth.Group",
    "auth.User",
    # The tree and its history.
    "wagtailcore.Locale",
    "wagtailcore.Collection",
    "wagtailcore.CollectionViewRestriction",
    "wagtailcore.GroupCollectionPermission",
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupSitePermission",
    "wagtailcore.Task",
    "wagtailcore.GroupApprovalTask",
    "wagtailcore.Workflow",
    "wagtailcore.WorkflowTask",
    "wagtailcore.WorkflowPage",
    "wagtailcore.WorkflowContentType",
    # Media.
    "cms.CustomImage",
    "cms.CustomRendition",
    "wagtaildocs.Document",
    "wagtailembeds.Embed",
    # The district, its schools and every page type's own fields, snippets and settings.
    "cms.School",
    "cms.DistrictSettings",
    "home.HomePage",
    "stories.CampaignIndexPage",
    "stories.StoryPage",
    "stories.CaptionTrack",
    "taggit.Tag",
    "stories.StoryProgramTag",
    "taggit.TaggedItem",
    "partners.PartnershipPage",
    "partners.ShiningStarAwardPage",
    "partners.AwardRecipient",
    "partners.ContactOffice",
    "partners.InterestFormPage",
    "partners.InterestFormField",
    "partners.LetterOfSupportPage",
    "displays.FleetSettings",
    "displays.AlertTemplate",
    "displays.AlertTemplateText",
    # Redirects and promoted search results.
    "wagtailredirects.Redirect",
    "wagtailsearchpromotions.Query",
    "wagtailsearchpromotions.SearchPromotion",
    # Translations: what each page was translated from, the strings and their translations.
    "wagtail_localize.TranslatableObject",
    "wagtail_localize.TranslationSource",
    "wagtail_localize.Translation",
    "wagtail_localize.TranslationLog",
    "wagtail_localize.String",
    "wagtail_localize.TranslationContext",
    "wagtail_localize.StringTranslation",
    "wagtail_localize.Template",
    "wagtail_localize.SegmentOverride",
    "wagtail_localize.StringSegment",
    "wagtail_localize.TemplateSegment",
    "wagtail_localize.RelatedObjectSegment",
    "wagtail_localize.OverridableSegment",
    "wagtail_localize.LocaleSynchronization",
    "cms.TranslationReview",
]

# Never exported, and why (docs/export.md): people's own submissions and operational records are in the backups
# (docs/operations.md), not in a content export; what is derived is rebuilt by the import.
LEFT_OUT = {
    "personal data, in the backups": [
        "partners.InterestSubmission",
        "partners.LetterOfSupportRequest",
        "partners.LetterRequestEvent",
        "partners.LetterAttachment",
        "wagtailforms.FormSubmission",
    ],
    "this install's own operations": [
        "cms.OutboundEmail",
        "cms.WebhookEndpoint",
        "cms.WebhookEvent",
        "cms.WebhookDelivery",
        "cms.WebhookClock",
        "cms.WorkerBeat",
        "cms.Counter",
        "displays.Display",
        "displays.PairingCode",
        "displays.PlayTally",
        "displays.Alert",
        "displays.AlertText",
        "displays.AlertSource",
        "wagtailcore.APIToken",
        "wagtailcore.UploadedFile",
        "wagtailadmin.Admin",
        "wagtailadmin.EditingSession",
        "wagtailadmin.FormState",
        "wagtailusers.UserProfile",
        "sessions.Session",
        "axes.AccessFailureLog",
        "axes.AccessAttempt",
        "axes.AccessAttemptExpiration",
        "axes.AccessLog",
        "wagtailsearchpromotions.QueryDailyHits",
    ],
    "editorial history, kept by the old install": [
        "wagtailcore.ModelLogEntry",
        "wagtailcore.PageLogEntry",
        "wagtailcore.Comment",
        "wagtailcore.CommentReply",
        "wagtailcore.PageSubscription",
        "wagtailcore.WorkflowState",
        "wagtailcore.TaskState",
    ],
    "derived, rebuilt by the import": [
        "cms.SyncEntry",
        "cms.SyncState",
        "wagtailcore.ReferenceIndex",
        "wagtailsearch.IndexEntry",
        "wagtailsearch.SQLiteFTSIndexEntry",
        "wagtailimages.Image",
        "wagtailimages.Rendition",
        "contenttypes.ContentType",
        "auth.Permission",
    ],
}

# Fields an export never carries: a password hash is a secret, and a last login says nothing of the content.
OMITTED_FIELDS = {"auth.User": {"password", "last_login"}}


def content_models() -> list[type[models.Model]]:
    return [apps.get_model(label) for label in CONTENT]


def file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [field for field in model._meta.get_fields() if isinstance(field, models.FileField)]


def serialized_fields(model: type[models.Model]) -> list[str] | None:
    """The fields to write (None: all): every local field and many-to-many but the omitted ones."""
    omitted = OMITTED_FIELDS.get(model._meta.label)
    if not omitted:
        return None
    names = [f.name for f in model._meta.local_fields if not f.primary_key]
    names += [f.name for f in model._meta.local_many_to_many]
    return [name for name in names if name not in omitted]
