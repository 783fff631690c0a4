"""No application module reaches into a private part of Django, redis-py, django-redis, Wagtail or grapple.

A private attribute or module changes without notice between releases, so what rests on one breaks on an upgrade,
silently where it was a speedup. A fix that must do it anyway is a grapple patch (`cms/graphql/patches/`, each named
and probed by a test) or is listed in `ALLOWED` below with the reason and the test that would catch the change.
`_meta`, `_default_manager`, `_base_manager` and `_state` are Django's documented API and are not listed.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

APPS = ("cms", "home", "stories", "partners", "displays", "config")
EXEMPT = ("cms/graphql/patches/",)

# Attributes known to be private to those libraries (and to signxml, for the one allowed use below).
PRIVATE_ATTRIBUTES = {
    # Django's QuerySet, Query and SQL compiler
    "_chain": "QuerySet",
    "_clone": "QuerySet",
    "_fetch_all": "QuerySet",
    "_result_cache": "QuerySet",
    "_iterable_class": "QuerySet",
    "_prefetch_related_lookups": "QuerySet",
    "_known_related_objects": "QuerySet",
    "_hints": "QuerySet",
    "_db": "QuerySet",
    "_for_write": "QuerySet",
    "_sticky_filter": "QuerySet",
    "_fields": "QuerySet",
    "_prefetch_done": "QuerySet",
    "_filter_or_exclude": "QuerySet",
    "_prefetched_objects_cache": "Model (prefetch_related's cache; use Prefetch(to_attr=...))",
    "low_mark": "Query",
    "high_mark": "Query",
    "clear_limits": "Query",
    "set_limits": "Query",
    "clear_ordering": "Query",
    "combinator": "Query",
    "get_compiler": "Query",
    "execute_sql": "SQLCompiler",
    "SQLCompiler": "django.db.models.sql.compiler",
    # Django's forms, cache and lazy objects
    "_post_clean": "ModelForm",
    "_clean_fields": "Form",
    "_clean_form": "Form",
    "_errors": "Form",
    "_cache": "cache backend",
    "_wrapped": "LazyObject",
    "_setup": "LazyObject",
    # redis-py and django-redis
    "_sock": "redis Connection",
    "_parser": "redis Connection",
    "_buffer": "redis Connection",
    "_pool": "redis client",
    "_connection": "redis PubSub/client",
    "_client": "django-redis",
    "_clients": "django-redis",
    "_ignore_exceptions": "django-redis",
    "_log_ignored_exceptions": "django-redis",
    "_serializer": "django-redis",
    "_compressor": "django-redis",
    "_get_client": "django-redis",
    # Wagtail and grapple
    "_get_prefetched_renditions": "Wagtail AbstractImage",
    "_add_to_prefetched_renditions": "Wagtail AbstractImage",
    "_get_site_root_paths": "Wagtail Page",
    "_get_relevant_site_root_paths": "Wagtail Page",
    "_update_descendant_url_paths": "Wagtail Page",
    "_sliced_queryset": "grapple.utils",
    # signxml
    "_c14n": "signxml XMLVerifier",
    "_fromstring": "signxml XMLVerifier",
    "_resolve_reference": "signxml XMLVerifier",
}
PRIVATE_PACKAGES = ("django", "redis", "django_redis", "wagtail", "grapple")
PRIVATE_MODULES = ("django.db.models.sql", "redis.connection", "redis._parsers", "django_redis.client")

ALLOWED = {
    ("displays/cap_signature.py", "_c14n"): (
        "signxml canonicalizes a subtree wrongly under every lxml release; probed by tests/displays/"
        "test_cap_signatures.py (test_lxml_still_canonicalizes_such_a_subtree_wrongly and the verifier's own tests)"
    ),
    ("displays/cap_signature.py", "_fromstring"): "the same canonicalization fix, probed by the same tests",
    ("displays/cap_signature.py", "_resolve_reference"): (
        "signxml keeps comments in a URI='' reference, which XML Signature leaves out; probed by "
        "test_a_reference_with_no_canonicalization_transform_is_canonicalized_as_xml_signature_says"
    ),
}


def _private_module(module: str) -> bool:
    parts = module.split(".")
    if parts[0] not in PRIVATE_PACKAGES:
        return False
    if any(part.startswith("_") and not part.startswith("__") for part in parts):
        return True
    return any(module == private or module.startswith(f"{private}.") for private in PRIVATE_MODULES)


def private_uses(source: str) -> list[tuple[int, str]]:
    """(line, name) of each private attribute or module of those libraries that `source` uses."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in PRIVATE_ATTRIBUTES:
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.Name) and node.id == "SQLCompiler":  # a module's own `_name` is its own
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            names = node.func.id in ("getattr", "hasattr", "setattr", "delattr") and node.args[1:2]
            for argument in names or ():
                if isinstance(argument, ast.Constant) and argument.value in PRIVATE_ATTRIBUTES:
                    found.append((node.lineno, argument.value))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if _private_module(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if _private_module(node.module):
                found.append((node.lineno, node.module))
            elif node.module.split(".")[0] in PRIVATE_PACKAGES:
                imported = (alias.name for alias in node.names)
                found += [(node.lineno, name) for name in imported if name.startswith("_") or name == "SQLCompiler"]
    return found


def _application_sources() -> list[Path]:
    base = Path(settings.BASE_DIR)
    paths = (path for app in APPS for path in sorted((base / app).rglob("*.py")))
    return [
        path for path in paths if "migrations" not in path.parts and not str(path.relative_to(base)).startswith(EXEMPT)
    ]


def test_no_application_module_uses_a_private_api_of_a_dependency() -> None:
    base = Path(settings.BASE_DIR)
    sources = _application_sources()
    assert len(sources) > 50  # the apps were found
    problems = []
    for path in sources:
        relative = str(path.relative_to(base))
        for line, name in private_uses(path.read_text()):
            if (relative, name) not in ALLOWED:
                problems.append(f"{relative}:{line} uses {name} ({PRIVATE_ATTRIBUTES.get(name, 'a private module')})")
    assert not problems, "\n".join(problems)


def test_every_allowed_use_is_still_there() -> None:
    """An allow-list entry outlives its use only by mistake: it would let a new one in unnoticed."""
    base = Path(settings.BASE_DIR)
    for relative, name in ALLOWED:
        assert name in {used for _line, used in private_uses((base / relative).read_text())}, (relative, name)


def test_the_check_finds_private_attributes_and_modules() -> None:
    planted = """
from django.db.models.sql.compiler import SQLCompiler
from wagtail.models._specific import thing
import redis.connection
from grapple.utils import _sliced_queryset

def page(queryset):
    whole = queryset._chain()
    whole.query.clear_limits()
    sock = getattr(client.connection, "_sock")
    return whole.query.low_mark, queryset._meta, queryset.model._default_manager
"""
    assert sorted(private_uses(planted)) == [
        (2, "django.db.models.sql.compiler"),
        (3, "wagtail.models._specific"),
        (4, "redis.connection"),
        (5, "_sliced_queryset"),
        (8, "_chain"),
        (9, "clear_limits"),
        (10, "_sock"),
        (11, "low_mark"),
    ]
