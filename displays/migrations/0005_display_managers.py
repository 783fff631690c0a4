"""The "Display managers" group: may reach the admin, pair and revoke screens, and see and change them (their
name, school, location, languages, timing; Identify and Reload), and nothing more: no alerts, no pages."""

from django.db import migrations

GROUP = "Display managers"
PERMISSIONS = [
    ("displays", "pair_display"),
    ("displays", "view_display"),
    ("displays", "change_display"),
    ("wagtailadmin", "access_admin"),
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
        *(Permission.objects.get(codename=codename, content_type__app_label=app) for app, codename in PERMISSIONS)
    )


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("displays", "0004_cap_sender_registration"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # After Wagtail's grants of choosing images and documents to every group then existing.
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create, remove)]
