"""Real GraphQL clients (Apollo Client, urql, Python gql) against a live server, on every documented query.

Each client keeps one normalized cache while the queries run in English, then Spanish, then English again;
every answer read through that cache must equal the answer a fresh cache gets for the same query and language.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from graphql import (
    ArgumentNode,
    FieldNode,
    GraphQLInterfaceType,
    GraphQLObjectType,
    NameNode,
    SelectionSetNode,
    StringValueNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    build_schema,
    get_named_type,
    introspection_from_schema,
    parse,
    print_ast,
    visit,
)

from tests.documented import operations, variables_for

ROOT = Path(settings.BASE_DIR)
# The queries docs/queries.md documents, read here as tests/cms/test_docs_queries.py reads them.
QUERIES = operations()
RUNNER = Path(__file__).with_name("run_clients.mjs")
LOCALES = ("en", "es", "en")
SCHEMA = build_schema((ROOT / "schema.graphql").read_text())

pytestmark = pytest.mark.django_db(transaction=True)


def possible_types() -> dict[str, list[str]]:
    """Apollo's `possibleTypes`, as frontends take them: the generated `possibleTypes.json` beside the schema."""
    return json.loads((ROOT / "possibleTypes.json").read_text())


def _field(name: str) -> FieldNode:
    return FieldNode(name=NameNode(value=name), arguments=(), directives=())


class Identify(Visitor):
    """Adds `id` and `__typename` where the type has an `id`, and `locale` to every field that takes one."""

    def __init__(self, type_info: TypeInfo, locale: str, ids: bool = True) -> None:
        super().__init__()
        self.type_info = type_info
        self.locale = locale
        self.ids = ids

    def enter_field(self, node: FieldNode, *_: Any) -> FieldNode | None:
        field = self.type_info.get_field_def()
        if field is None or "locale" not in field.args or any(a.name.value == "locale" for a in node.arguments):
            return None
        argument = ArgumentNode(name=NameNode(value="locale"), value=StringValueNode(value=self.locale))
        return FieldNode(
            alias=node.alias,
            name=node.name,
            arguments=(*node.arguments, argument),
            directives=node.directives,
            selection_set=node.selection_set,
        )

    def leave_selection_set(self, node: SelectionSetNode, *_: Any) -> SelectionSetNode | None:
        if not self.ids:
            return None
        kind = get_named_type(self.type_info.get_type())
        names = {s.name.value for s in node.selections if isinstance(s, FieldNode) and s.alias is None}
        extra = []
        if isinstance(kind, GraphQLObjectType | GraphQLInterfaceType) and "id" in kind.fields and "id" not in names:
            extra.append(_field("id"))
        if "__typename" not in names and kind is not None and kind is not SCHEMA.query_type:
            extra.append(_field("__typename"))
        return SelectionSetNode(selections=(*node.selections, *extra)) if extra else None


def prepared(query: str, locale: str, ids: bool = True) -> str:
    type_info = TypeInfo(SCHEMA)
    return print_ast(visit(parse(query), TypeInfoVisitor(type_info, Identify(type_info, locale, ids))))


def runs(ids: bool = True) -> list[dict[str, Any]]:
    """Every documented query in English, Spanish and English again, in that order."""
    out = []
    for locale in LOCALES:
        for query in QUERIES:
            document = parse(query)
            name = document.definitions[0].name.value
            declared = {v.variable.name.value for v in document.definitions[0].variable_definitions}
            variables = {**variables_for(query, declared), **({"locale": locale} if "locale" in declared else {})}
            out.append({"name": name, "locale": locale, "query": prepared(query, locale, ids), "variables": variables})
    return out


def disagreements(shared: Any, fresh: Any, owner: str = "(root)") -> list[str]:
    """Where two answers differ, named by the nearest (typename, id) that holds the difference."""
    if isinstance(shared, dict) and isinstance(fresh, dict):
        if "id" in fresh and "__typename" in fresh:
            owner = f"({fresh['__typename']}, {fresh['id']})"
        found = []
        for key in sorted(set(shared) | set(fresh)):
            found += disagreements(shared.get(key), fresh.get(key), owner)
        return found
    if isinstance(shared, list) and isinstance(fresh, list) and len(shared) == len(fresh):
        return [d for s, f in zip(shared, fresh, strict=True) for d in disagreements(s, f, owner)]
    if shared != fresh:
        return [f"{owner}: cached {json.dumps(shared)[:120]} != fresh {json.dumps(fresh)[:120]}"]
    return []


def require(found: bool, message: str) -> None:
    """Under CI a missing tool fails the test; on a developer's machine it skips it."""
    if not found:
        if settings.REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def seeded_live_server(live_server) -> Any:
    # An earlier transactional test may have emptied the database and given content types new ids.
    ContentType.objects.clear_cache()
    call_command("seed_demo", "--no-current-year", stdout=io.StringIO())
    return live_server


@pytest.fixture
def node() -> str:
    path = shutil.which("node")
    require(path is not None, "node not found (apt-get install nodejs).")
    require((ROOT / "node_modules" / "@apollo" / "client").exists(), "Node packages missing: run `npm ci`.")
    return path


def test_apollo_and_urql_share_one_cache_across_languages(seeded_live_server, node: str, tmp_path: Path) -> None:
    spec = {
        "url": f"{seeded_live_server.url}/graphql/",
        "possibleTypes": possible_types(),
        "introspection": introspection_from_schema(SCHEMA),
        "runs": runs(),
    }
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    done = subprocess.run(
        [node, str(RUNNER), str(tmp_path / "spec.json"), str(tmp_path / "out.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads((tmp_path / "out.json").read_text())
    # Transport first: every client got every answer, by POST and by GET, the hash-only GETs included.
    methods = {r["method"] for r in out["requests"]}
    assert methods == {"GET", "POST"}, methods
    assert any("extensions=" in r["url"] and "query=" not in r["url"] for r in out["requests"]), "no hash-only GET"
    failed = [
        f"{client} {result['name']} [{result['locale']}]: {answer['errors']}"
        for client, results in out["clients"].items()
        for result in results
        for answer in (result["shared"], result["fresh"])
        if answer["errors"] or answer["data"] is None
    ]
    assert failed == [], "\n".join(failed)
    # Then identity: one cache across languages answers as a fresh one would, without a warning.
    problems = [f"client warning: {w[:300]}" for w in out["warnings"]]
    for client, results in out["clients"].items():
        for result in results:
            where = f"{client} {result['name']} [{result['locale']}]"
            problems += [f"{where} {d}" for d in disagreements(result["shared"]["data"], result["fresh"]["data"])]
    assert problems == [], f"{len(problems)} cache disagreements:\n" + "\n".join(problems)


def test_python_gql_answers_every_documented_query(seeded_live_server) -> None:
    from gql import Client, gql
    from gql.transport.requests import RequestsHTTPTransport

    transport = RequestsHTTPTransport(url=f"{seeded_live_server.url}/graphql/", use_json=True)
    client = Client(transport=transport, fetch_schema_from_transport=False)
    answers: dict[tuple[str, str], Any] = {}
    # gql keeps no normalized cache: the documented queries as written, in each language.
    for run in runs(ids=False):
        request = gql(run["query"])
        request.variable_values = run["variables"]
        data = client.execute(request)
        assert data, run["name"]
        key = (run["name"], run["locale"])
        assert answers.setdefault(key, data) == data, key


QUICKSTART = ROOT / "docs" / "frontend-quickstart.md"
EXAMPLES = re.findall(r"```(js|python)\n(.*?)```", QUICKSTART.read_text(), flags=re.S)


def test_the_quick_start_has_an_example_per_client() -> None:
    assert [language for language, _ in EXAMPLES] == ["js", "js", "python"]


@pytest.mark.parametrize("language,code", EXAMPLES, ids=["apollo", "urql", "gql"])
def test_quick_start_example_runs(seeded_live_server, language: str, code: str, tmp_path: Path) -> None:
    code = code.replace("http://localhost:8000/graphql/", f"{seeded_live_server.url}/graphql/")
    if language == "js":
        node = shutil.which("node")
        require(node is not None, "node not found (apt-get install nodejs).")
        require((ROOT / "node_modules" / "@urql" / "core").exists(), "Node packages missing: run `npm ci`.")
        # An .mjs file inside the repository, so `import` finds the repository's node_modules.
        script = ROOT / "tests" / "clients" / f".quickstart-{tmp_path.name}.mjs"
        command = [node, str(script)]
    else:
        script = tmp_path / "quickstart.py"
        command = [sys.executable, str(script)]
    script.write_text(code)
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        if language == "js":
            script.unlink()
    assert done.returncode == 0, done.stderr
    assert "Oficina" in done.stdout or "Office" in done.stdout, done.stdout
