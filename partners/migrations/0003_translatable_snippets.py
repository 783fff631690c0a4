"""Contact offices, award recipients and interest-form questions become translatable.

Existing rows are given the default locale and a translation key of their own (Wagtail's bootstrap
for models that become translatable); the next migration makes both required.
"""

import django.db.models.deletion
from django.db import migrations, models
from wagtail.models import BootstrapTranslatableModel


def _translatable_fields(model_name: str) -> list:
    return [
        migrations.AddField(
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name=model_name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
            ),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_intake"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        *_translatable_fields("contactoffice"),
        *_translatable_fields("awardrecipient"),
        *_translatable_fields("interestformfield"),
        BootstrapTranslatableModel("partners.ContactOffice"),
        BootstrapTranslatableModel("partners.AwardRecipient"),
        BootstrapTranslatableModel("partners.InterestFormField"),
    ]
