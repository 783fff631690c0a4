"""The "Emergency alerts" group (may issue and end alerts, and reach the admin) and the four prewritten
templates. The templates' words are a frozen copy, so later edits to displays/alert_templates.py do not
change what this migration did."""

from django.db import migrations

GROUP = "Emergency alerts"

TEMPLATES = [
    ("lockdown", "Lockdown", "extreme", "Lockdown",
     "Lockdown now. Go to the nearest room that locks. Lock the door, turn off the lights, stay out of sight "
     "and keep silent. Do not open the door until staff or police say it is safe."),
    ("shelter-in-place", "Shelter in place", "extreme", "Shelter in place",
     "Stay inside. Go into the nearest room and close the doors and windows. Do not leave the building until "
     "staff say it is safe."),
    ("weather-closure", "Weather closure", "severe", "School closed for weather",
     "School is closed because of the weather. Follow staff directions and go home safely. Check the district "
     "website for updates."),
    ("all-clear", "All clear", "info", "All clear", "The emergency is over. It is safe. Follow staff directions."),
]


def create(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(codename="issue_alert", content_type__app_label="displays"),
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
    )
    AlertTemplate = apps.get_model("displays", "AlertTemplate")
    AlertTemplateText = apps.get_model("displays", "AlertTemplateText")
    for order, (slug, name, severity, title, message) in enumerate(TEMPLATES):
        template, created = AlertTemplate.objects.get_or_create(
            slug=slug, defaults={"name": name, "severity": severity, "sort_order": order}
        )
        if created:
            AlertTemplateText.objects.create(template=template, language="en", title=title, message=message)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()
    apps.get_model("displays", "AlertTemplate").objects.filter(slug__in=[row[0] for row in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("displays", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create, remove)]
