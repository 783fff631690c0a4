"""Each CAP sender (AlertSource) is registered with the <sender> values it may use, and CAP identifiers are unique
per source rather than across every source.

Existing sources are registered with the <sender> values of the alerts they already issued, so a system that has
been sending keeps working; a source that never sent anything starts with none, and refuses every message until an
editor lists its <sender> in admin (Displays › CAP senders).

The new constraint (source, sender, identifier) is implied by the old one (sender, identifier), so existing rows
always satisfy it.
"""

from django.db import migrations, models


def register_senders_from_their_alerts(apps, schema_editor):
    AlertSource = apps.get_model("displays", "AlertSource")
    Alert = apps.get_model("displays", "Alert")
    for source in AlertSource.objects.all():
        senders = sorted(
            set(Alert.objects.filter(source=source).exclude(cap_sender="").values_list("cap_sender", flat=True))
        )
        if senders:
            source.cap_senders = "\n".join(senders)
            source.save(update_fields=["cap_senders"])


class Migration(migrations.Migration):

    dependencies = [
        ("displays", "0003_alert_template_translations"),
    ]

    operations = [
        migrations.AddField(
            model_name="alertsource",
            name="cap_senders",
            field=models.TextField(
                default="",
                help_text="The <sender> value(s) this system writes in its CAP messages, one per line (for example "
                "alerts@tacoma.k12.wa.us). A message whose <sender> is not listed here is refused (403), so one "
                "system can never update or cancel another's alerts.",
                verbose_name="CAP sender values",
            ),
        ),
        migrations.RunPython(register_senders_from_their_alerts, migrations.RunPython.noop, elidable=True),
        migrations.RemoveConstraint(
            model_name="alert",
            name="displays_alert_cap_identifier_once",
        ),
        migrations.AddConstraint(
            model_name="alert",
            constraint=models.UniqueConstraint(
                condition=models.Q(("cap_identifier", ""), _negated=True),
                fields=("source", "cap_sender", "cap_identifier"),
                name="displays_alert_cap_identifier_once_per_source",
            ),
        ),
    ]
