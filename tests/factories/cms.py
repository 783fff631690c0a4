import factory
import wagtail_factories
from wagtail.documents import get_document_model

from cms.models import School


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
    description = factory.LazyAttribute(lambda o: f"Alt text for {o.title}")


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Document {n}")

    class Meta:
        model = get_document_model()


class SchoolFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"School {n}")
    slug = factory.Sequence(lambda n: f"school-{n}")
    level = School.Level.HIGH

    class Meta:
        model = School
        django_get_or_create = ("slug",)
