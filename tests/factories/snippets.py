import datetime

import factory

from partners.models import AwardRecipient, ContactOffice


class ContactOfficeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Office {n}")
    slug = factory.Sequence(lambda n: f"office-{n}")
    street_address = "601 South 8th Street"
    city = "Tacoma"
    state = "WA"
    postal_code = "98405"
    email = "office@example.org"
    phone = "253-571-7980"
    live = True

    class Meta:
        model = ContactOffice


class AwardRecipientFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = AwardRecipient.Kind.PARTNER
    citation = "<p>For everything they do.</p>"
    month = factory.Sequence(lambda n: datetime.date(2020 + n // 12, n % 12 + 1, 1))
    live = True

    class Meta:
        model = AwardRecipient
