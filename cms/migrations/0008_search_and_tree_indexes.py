"""Indexes on tables of Wagtail's own that the public queries need at 10,000 pages.

- Search matches `(title || body) @@ query` (Wagtail's PostgreSQL backend): only an index on that very expression
  serves it, where the indexes on each column alone do not; and the backend joins its hits to pages on
  `id::varchar = object_id`, which the page's primary key cannot serve.
- The pages that hide their branch (cms.visibility.hidden_page_paths) are found among the pages with children.
"""

from django.db import migrations

POSTGRESQL = [
    ("cms_search_entry_vector", "wagtailsearch_indexentry USING GIN ((title || body))"),
    ("cms_page_id_as_text", "wagtailcore_page (((id::varchar(50))::text))"),
]
EVERYWHERE = [("cms_page_with_children", "wagtailcore_page (id) WHERE numchild > 0")]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for name, target in EVERYWHERE + (POSTGRESQL if vendor == "postgresql" else []):
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    for name, _target in EVERYWHERE + POSTGRESQL:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0007_webhook_event_surrogate_keys"),
        ("wagtailcore", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
