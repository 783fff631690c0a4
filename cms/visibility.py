"""What the public may see. Every public resolver goes through these, so the rule lives in one place.

Public means: a page that is live, not view-restricted and not past its expiry, and below no page
that is restricted, unpublished or expired; a snippet that is live; an image or document outside any
view-restricted collection and outside every collection below one; a collection that is neither; a
redirect to something public; a tag that something public carries.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property
from typing import TYPE_CHECKING, TypeGuard, TypeVar
from urllib.parse import urlsplit

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Collection, DraftStateMixin, Page, PageViewRestriction, Site

from cms.generation import current as current_generation
from cms.memo import remembered

if TYPE_CHECKING:
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import CollectionMember
    from wagtail.models.media import CollectionQuerySet
    from wagtail.query import PageQuerySet

    from cms.i18n import LocaleChoice

M = TypeVar("M", bound=Model)
Media = TypeVar("Media", bound="CollectionMember")  # an image or a document
R = TypeVar("R", bound="Redirect")


class PublicReads:
    """What hides content, read at most once by whoever holds this (a GraphQL answer's context is one).

    Every function below that takes `reads` accepts None too: then nothing is kept between calls.
    """

    def __init__(self) -> None:
        self._first_pages: dict[tuple[type[Page], int | None], Page | None] = {}

    @cached_property
    def generation(self) -> int | None:
        """The content generation these reads are made in (cms.memo keeps what changes only with an edit)."""
        return current_generation()

    @cached_property
    def restricted_page_paths(self) -> tuple[str, ...]:
        """The paths of pages that hide themselves and everything below them (view-restricted, or unpublished
        or expired with children)."""
        return remembered("hidden-page-paths", hidden_page_paths, self.generation)

    @cached_property
    def restricted_collection_ids(self) -> frozenset[int]:
        """Collections with a view restriction and every collection below them."""
        return remembered("restricted-collections", _restricted_collection_ids, self.generation)

    def first_public_page(self, model: type[Page], locales: LocaleChoice) -> Page | None:
        """The first published page of a type (e.g. the interest form) in a locale, else in English."""
        key = (model, locales.locale_id)
        if key not in self._first_pages:
            self._first_pages[key] = locales.apply(public_pages(model.objects.all())).order_by("path").first()
        return self._first_pages[key]


def _restricted_collection_ids() -> frozenset[int]:
    paths = list(Collection.objects.filter(view_restrictions__isnull=False).values_list("path", flat=True).distinct())
    if not paths:
        return frozenset()
    below = Q()
    for path in paths:
        below |= Q(path__startswith=path)
    return frozenset(Collection.objects.filter(below).values_list("id", flat=True))


_answering: ContextVar[PublicReads | None] = ContextVar("answering", default=None)


@contextmanager
def answering(reads: PublicReads) -> Iterator[None]:
    """While an answer is made, `public_pages` reads the hidden branches once, through `reads`."""
    token = _answering.set(reads)
    try:
        yield
    finally:
        _answering.reset(token)


def answering_reads() -> PublicReads | None:
    """The reads of the answer being made, if one is being made."""
    return _answering.get()


def _reads(reads: PublicReads | None) -> PublicReads:
    return reads if reads is not None else PublicReads()


def not_expired() -> Q:
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def hides_its_branch() -> Q:
    """Pages that take what is below them out of public view: unpublished or expired ones with children,
    unless a translation of the same page is public (a translation whose parent is still a draft copy is
    shown below its English parent). Restricted pages are Wagtail's `public()`."""
    public_translation = Page.objects.filter(translation_key=OuterRef("translation_key"), live=True).filter(
        not_expired()
    )
    withdrawn = Q(live=False) | Q(expire_at__lte=timezone.now())
    return Q(numchild__gt=0) & withdrawn & ~Q(Exists(public_translation))


def in_hidden_branch() -> Exists:
    """True for a page below an unpublished or expired page: Wagtail serves such a page while its parent is
    a draft, and an editor who unpublishes a section does not expect what is in it to stay public."""
    ancestor_path = Substr(OuterRef("path"), 1, Length("path"))
    return Exists(Page.objects.filter(hides_its_branch(), path=ancestor_path, depth__lt=OuterRef("depth")))


def hidden_page_paths() -> tuple[str, ...]:
    """The paths of the pages that hide themselves and everything below them: view-restricted ones (Wagtail's
    `public()`), and unpublished or expired ones with children (`hides_its_branch`). One query; a site has few."""
    restricted = Page.objects.filter(pk__in=PageViewRestriction.objects.values("page_id")).order_by()
    withdrawn = Page.objects.filter(hides_its_branch()).order_by()  # served by an index of the pages with children
    return tuple(restricted.values_list("path", flat=True).union(withdrawn.values_list("path", flat=True)))


def public_pages(queryset: PageQuerySet | None = None) -> PageQuerySet:
    """Live, public, unexpired pages below no hidden page, without the tree's root.

    The hidden branches are read first (once per answer, see `answering`) and left out by path prefix: a plain
    filter that any index on the list's order can serve, where a subquery per candidate page cost a 10,000-story
    listing most of its time.
    """
    qs = Page.objects.all() if queryset is None else queryset
    qs = qs.live().filter(not_expired()).filter(depth__gt=1)
    reads = _answering.get()
    paths = reads.restricted_page_paths if reads is not None else hidden_page_paths()
    return qs.exclude(_below_any(paths)) if paths else qs


def _below_any(paths: tuple[str, ...]) -> Q:
    below = Q()
    for path in paths:
        below |= Q(path__startswith=path)
    return below


def is_public_page(page: Page | None, reads: PublicReads | None = None) -> TypeGuard[Page]:
    """Whether the public may see this page; with `reads`, restrictions are read once for all pages asked."""
    if page is None or not page.live or page.depth <= 1:
        return False
    if page.expire_at is not None and page.expire_at <= timezone.now():
        return False
    if reads is None:
        return public_pages(Page.objects.filter(pk=page.pk)).exists()
    return not any(page.path.startswith(path) for path in reads.restricted_page_paths)


def is_withdrawn(page: Page) -> bool:
    """Whether a live page is past its expiry or below an unpublished or expired page: Wagtail would still
    serve it at its URL."""
    if page.expire_at is not None and page.expire_at <= timezone.now():
        return True
    return Page.objects.filter(pk=page.pk).filter(in_hidden_branch()).exists()


def first_public_page(model: type[Page], reads: PublicReads, locales: LocaleChoice) -> Page | None:
    """The first published page of a type in a locale, else in English, looked up once per `reads`."""
    return reads.first_public_page(model, locales)


def live_snippets(queryset: QuerySet[M]) -> QuerySet[M]:
    """Snippets that editors have published; models without draft state are always live."""
    if issubclass(queryset.model, DraftStateMixin):
        return queryset.filter(live=True).filter(not_expired())
    return queryset


def is_live_snippet(obj: Model | None) -> bool:
    if obj is None:
        return False
    if isinstance(obj, DraftStateMixin):
        if not obj.live:
            return False
        return obj.expire_at is None or obj.expire_at > timezone.now()
    return True


def restricted_collection_ids(reads: PublicReads | None) -> frozenset[int]:
    """Collections with a view restriction and every collection below them, once per `reads`."""
    return _reads(reads).restricted_collection_ids


def public_media(queryset: QuerySet[M], reads: PublicReads | None) -> QuerySet[M]:
    """Images or documents outside restricted collections."""
    restricted = restricted_collection_ids(reads)
    return queryset.exclude(collection_id__in=restricted) if restricted else queryset


def public_media_item(obj: Media | None, reads: PublicReads | None) -> Media | None:
    """The image or document itself if the public may see it, else None."""
    if obj is None or obj.collection_id in restricted_collection_ids(reads):
        return None
    return obj


def public_collections(reads: PublicReads | None) -> CollectionQuerySet:
    """Collections with no view restriction on them or above them."""
    return Collection.objects.exclude(id__in=restricted_collection_ids(reads))


def public_tags(reads: PublicReads | None) -> QuerySet:
    """Tags that something public carries (a public page, image or document, a live snippet); a tag that
    only hidden content uses would name it."""
    from taggit.models import Tag

    used = Q(pk__in=[])
    for relation in Tag._meta.related_objects:
        tagged = _public_taggings(relation.related_model, reads)
        if tagged is not None:
            used |= Q(pk__in=tagged.values("tag_id"))
    return Tag.objects.filter(used)


def _public_taggings(through: type[Model], reads: PublicReads | None) -> QuerySet | None:
    """The rows of a tag through-model whose tagged object is public; None for a model it cannot tell."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    fields = {field.name: field for field in through._meta.get_fields()}
    target = fields.get("content_object")
    if target is not None and target.is_relation and isinstance(target.related_model, type):
        return through._default_manager.filter(content_object__in=_public_objects(target.related_model, reads))
    if "content_type" in fields and "object_id" in fields:
        # taggit's generic TaggedItem: Wagtail's images and documents carry their tags there.
        rows = Q(pk__in=[])
        for model in (get_image_model(), get_document_model()):
            public = public_media(model.objects.all(), reads).values("pk")
            rows |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=public)
        return through._default_manager.filter(rows)
    return None


def _public_objects(model: type[Model], reads: PublicReads | None) -> QuerySet:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    if issubclass(model, Page):
        return public_pages(model._default_manager.all())
    if issubclass(model, get_image_model() | get_document_model()):
        return public_media(model._default_manager.all(), reads)
    return live_snippets(model._default_manager.all())


def public_redirects(redirects: list[R], reads: PublicReads | None) -> list[R]:
    """Redirects that lead somewhere public: to a public page, or to a link that is not the address of a
    hidden page or document of this site.

    A redirect to a draft or private page would name its old path and its target's address.
    """
    kept = []
    for redirect in redirects:
        if redirect.redirect_page_id is not None:
            if not is_public_page(redirect.redirect_page, reads):
                continue
        elif redirect.redirect_link and _hidden_address(redirect.redirect_link, redirect.site, reads):
            continue
        kept.append(redirect)
    return kept


def _hidden_address(link: str, site: Site | None, reads: PublicReads | None) -> bool:
    """Whether a link is the address, on this site, of a page or document the public may not see."""
    from django.urls import Resolver404, resolve
    from wagtail.documents import get_document_model

    parts = urlsplit(link)
    if parts.netloc and parts.hostname not in set(Site.objects.values_list("hostname", flat=True)):
        return False
    try:
        match = resolve(parts.path or "/")
    except Resolver404:
        return False
    if match.url_name == "wagtaildocs_serve":
        document = get_document_model().objects.filter(pk=match.args[0]).first()
        return public_media_item(document, reads) is None
    if match.url_name == "wagtail_serve" and site is not None:
        tail = match.args[0] if match.args else ""
        roots = Page.objects.filter(translation_key=site.root_page.translation_key).values_list("url_path", flat=True)
        targets = Page.objects.filter(url_path__in=[f"{root}{tail}" for root in roots])
        return targets.exists() and not public_pages(targets).exists()
    return False
