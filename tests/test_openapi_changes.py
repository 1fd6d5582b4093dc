"""What `openapi --breaking` finds between two documents: one pair per class
of change (tests/contract_corpus/changes.py), FastAPI's own tutorials as
they grow, and random changes to real documents, each classified as its
class says.
"""

from __future__ import annotations

import copy
import importlib.util
import itertools
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastapi
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from codegen.openapi import rules
from codegen.openapi.compare import changes, operations
from codegen.openapi.rules import RULES, Rule
from codegen.openapi.schemas import View, resolved
from tests.contract_corpus.changes import BEFORE, PAIRS, Pair
from tests.project import REPOSITORY

Document = dict[str, Any]
TUTORIALS = REPOSITORY / "tests" / "contract_corpus" / "fastapi_docs"
TUTORIAL_CHANGES = REPOSITORY / "tests" / "contract_corpus" / "fastapi_docs_changes.txt"
COMMITTED = [
    REPOSITORY / "generated" / "openapi.json",
    REPOSITORY / "examples" / "conduit" / "generated" / "openapi.json",
]


def printed(old: Document, new: Document) -> list[str]:
    return [change.line for change in changes(old, new)]


def test_every_class_of_change_has_its_pair() -> None:
    assert sorted(pair.name for pair in PAIRS) == sorted(rule.name for rule in RULES)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair.name)
def test_a_pair_prints_its_changes_each_of_its_class(pair: Pair) -> None:
    found = changes(BEFORE, pair.after)

    assert tuple(change.line for change in found) == pair.printed
    assert pair.rule in {change.rule for change in found}


def test_the_rules_table_says_breaking_for_the_classes_that_break_clients() -> None:
    breaking = {rule.name for rule in RULES if rule.breaking}

    assert breaking == {
        "operation-removed",
        "operation-id-changed",
        "security-added",
        "path-parameter-removed",
        "required-parameter-added",
        "parameter-became-required",
        "request-body-became-required",
        "request-media-type-removed",
        "request-property-added-as-required",
        "request-property-became-required",
        "request-property-removed-and-refused",
        "request-extra-properties-refused",
        "request-type-changed",
        "request-format-changed",
        "request-null-refused",
        "request-enum-value-removed",
        "request-maximum-lowered",
        "request-minimum-raised",
        "request-pattern-added",
        "success-response-removed",
        "response-media-type-removed",
        "response-property-removed",
        "response-property-became-optional",
        "response-became-nullable",
        "response-type-changed",
        "response-format-changed",
        "response-enum-value-added",
    }


# The tutorials' documents, and so their changes, are those FastAPI writes:
# recorded with the pinned release (the oldest FastAPI the generator
# supports may not even import them).
PINNED_FASTAPI = next(
    pin.split("==")[1]
    for pin in tomllib.loads((REPOSITORY / "pyproject.toml").read_text())[
        "dependency-groups"
    ]["app"]
    if pin.startswith("fastapi==")
)
ON_PINNED_FASTAPI = pytest.mark.skipif(
    fastapi.__version__ != PINNED_FASTAPI,
    reason=f"recorded with FastAPI {PINNED_FASTAPI}",
)


def document_with_pets(pet: Any, *, in_body: bool = False) -> Document:
    """One operation that returns (or receives) `pet`, with Cat and Dog models."""
    models = {
        "Cat": {
            "title": "Cat",
            "type": "object",
            "properties": {"meow": {"type": "integer"}},
        },
        "Dog": {
            "title": "Dog",
            "type": "object",
            "properties": {"bark": {"type": "string"}},
        },
        "Fish": {
            "title": "Fish",
            "type": "object",
            "properties": {"fins": {"type": "integer"}},
        },
        "Owner": {
            "title": "Owner",
            "type": "object",
            "properties": {
                "home": {"$ref": "#/components/schemas/Address"},
                "work": {"$ref": "#/components/schemas/Address"},
            },
        },
        "Address": {
            "title": "Address",
            "type": "object",
            "properties": {"zip": {"type": "string"}},
        },
    }
    content = {"content": {"application/json": {"schema": pet}}}
    operation: Document = {"operationId": "pet", "responses": {"200": content}}
    if in_body:
        operation = {"operationId": "pet", "requestBody": content, "responses": {}}
    return {"paths": {"/pet": {"post": operation}}, "components": {"schemas": models}}


def pets(*names: str) -> list[dict[str, str]]:
    return [{"$ref": f"#/components/schemas/{name}"} for name in names]


RETURNED = "POST /pet: response 200 application/json"
RECEIVED = "POST /pet: request body application/json"


def test_a_union_that_gains_or_loses_a_model_is_a_change_of_type() -> None:
    two, three = {"oneOf": pets("Cat", "Dog")}, {"oneOf": pets("Cat", "Dog", "Fish")}
    returned = [document_with_pets(union) for union in (two, three)]
    received = [document_with_pets(union, in_body=True) for union in (two, three)]

    assert [(c.line, c.breaking) for c in changes(*returned)] == [
        (f"{RETURNED}: alternative Fish added", True)
    ]
    assert [(c.line, c.breaking) for c in changes(*received)] == [
        (f"{RECEIVED}: alternative Fish added", False)
    ]
    assert [(c.line, c.breaking) for c in changes(*reversed(received))] == [
        (f"{RECEIVED}: alternative Fish removed", True)
    ]


def test_a_union_made_optional_is_compared_inside() -> None:
    """`Cat | Dog | None` is one level of alternatives, not a union in one."""
    union = {"oneOf": pets("Cat", "Dog")}
    before = document_with_pets(union)
    after = document_with_pets({"anyOf": [union, {"type": "null"}]})
    after["components"]["schemas"]["Cat"]["properties"]["meow"] = {"type": "string"}

    assert printed(before, after) == [
        f"{RETURNED}: became nullable",
        f"{RETURNED}: property meow type changed from integer to string",
    ]


def test_a_model_reached_twice_is_compared_at_each_place() -> None:
    before = document_with_pets({"$ref": "#/components/schemas/Owner"})
    after = copy.deepcopy(before)
    after["components"]["schemas"]["Address"]["properties"]["zip"] = {"type": "integer"}

    assert printed(before, after) == [
        f"{RETURNED}: property home.zip type changed from string to integer",
        f"{RETURNED}: property work.zip type changed from string to integer",
    ]


def test_a_free_value_restricted_to_an_enum_is_a_narrowed_request() -> None:
    before = document_with_pets({"type": "string"}, in_body=True)
    after = document_with_pets({"type": "string", "enum": ["a", "b"]}, in_body=True)

    assert [(c.line, c.breaking) for c in changes(before, after)] == [
        (f"{RECEIVED}: values restricted to 'a', 'b'", True)
    ]


def test_a_query_parameter_made_not_nullable_breaks_nothing() -> None:
    """`q: str | None = None` to `q: str = ""`: a query string sends no null."""
    query = {"name": "q", "in": "query", "schema": {"type": "string"}}
    nullable = {**query, "schema": {"anyOf": [{"type": "string"}, {"type": "null"}]}}
    before, after = (
        {"paths": {"/items": {"get": {"parameters": [parameter]}}}}
        for parameter in (nullable, query)
    )

    assert printed(before, after) == []


# Any JSON at all where a document's parts go: a change is found, or none,
# and nothing raises.
OPENAPI_WORDS = st.sampled_from(
    [
        *("paths", "/a", "/a/{x}", "get", "post", "parameters", "in", "name"),
        *("query", "path", "header", "schema", "required", "requestBody"),
        *("content", "application/json", "responses", "200", "404", "$ref"),
        *("components", "schemas", "A", "properties", "type", "anyOf", "oneOf"),
        *("allOf", "items", "additionalProperties", "enum", "const", "format"),
        *("maximum", "minLength", "pattern", "nullable", "security", "operationId"),
        *("title", "string", "object", "integer", "null", "date-time"),
        "#/components/schemas/A",
    ]
)
ANY_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | OPENAPI_WORDS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(OPENAPI_WORDS, inner, max_size=4)
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(
    old=st.dictionaries(OPENAPI_WORDS, ANY_JSON),
    new=st.dictionaries(OPENAPI_WORDS, ANY_JSON),
)
def test_any_json_where_a_document_goes_is_compared_without_raising(
    old: Document, new: Document
) -> None:
    found = changes(old, new)

    assert all(change.rule in RULES for change in found)


def tutorial_documents() -> dict[str, dict[str, list[Document]]]:
    """Each tutorial's documents, one per variant, by topic then tutorial."""
    topics: dict[str, dict[str, list[Document]]] = {}
    for path in sorted(TUTORIALS.glob("*/*.py")):
        tutorial = re.sub(r"(_an)?_py\d+$", "", path.stem)
        module_name = f"fastapi_docs_{path.parent.name}_{path.stem}"
        spec = importlib.util.spec_from_file_location(module_name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        variants = topics.setdefault(path.parent.name, {}).setdefault(tutorial, [])
        variants.append(module.app.openapi())
    return topics


@pytest.fixture(scope="module")
def tutorials() -> dict[str, dict[str, list[Document]]]:
    return tutorial_documents()


@ON_PINNED_FASTAPI
def test_the_variants_of_a_fastapi_tutorial_differ_in_nothing(
    tutorials: dict[str, dict[str, list[Document]]],
) -> None:
    """FastAPI writes some tutorials twice (with and without `Annotated`):
    one API, so no change between them, and none from a document to itself."""
    compared = 0
    for documents in tutorials.values():
        for variants in documents.values():
            for variant in variants:
                assert printed(variants[0], variant) == []
                compared += 1
    assert compared > 50


@ON_PINNED_FASTAPI
def test_fastapi_tutorials_as_they_grow_give_the_changes_recorded(
    tutorials: dict[str, dict[str, list[Document]]],
) -> None:
    """Each tutorial of a topic against the next: the classified changes in
    tests/contract_corpus/fastapi_docs_changes.txt (B: breaking)."""
    lines = []
    for topic, documents in tutorials.items():
        names = sorted(documents)
        for old, new in itertools.pairwise(names):
            lines.append(f"## {topic}: {old} -> {new}")
            lines += [
                f"{'B' if change.breaking else ' '} {change.line}"
                for change in changes(documents[old][0], documents[new][0])
            ]

    assert "\n".join(lines) + "\n" == TUTORIAL_CHANGES.read_text()


@pytest.mark.parametrize("path", COMMITTED, ids=lambda path: path.parent.parent.name)
def test_a_committed_document_against_itself_or_with_models_inlined_has_no_change(
    path: Path,
) -> None:
    document = json.loads(path.read_text())

    assert printed(document, document) == []
    assert printed(document, inlined(document)) == []
    assert printed(inlined(document), document) == []


def inlined(document: Document) -> Document:
    """The document with every `$ref` to a model that does not contain itself
    replaced by the model: the same API, written differently."""

    def walk(node: Any, through: frozenset[str]) -> Any:
        if isinstance(node, list):
            return [walk(item, through) for item in node]
        if not isinstance(node, dict):
            return node
        reference = node.get("$ref")
        if isinstance(reference, str) and reference not in through:
            target = resolved(document, node)
            return walk(target, through | {reference})
        return {key: walk(value, through) for key, value in node.items()}

    result: Document = walk(document, frozenset())
    return result


# Random changes to real documents: each is made at one place of an operation
# (with the models on the way written out, so that nothing else shares it),
# and every change printed must be of its class.

Mutation = Callable[[Document, Document, st.DataObject], bool]
MUTATIONS: list[tuple[Rule, Mutation]] = []


def mutation(rule: Rule) -> Callable[[Mutation], Mutation]:
    def register(function: Mutation) -> Mutation:
        MUTATIONS.append((rule, function))
        return function

    return register


def pick(data: st.DataObject, items: list[Any]) -> Any:
    assume(items)
    return data.draw(st.sampled_from(items))


def an_operation(document: Document, data: st.DataObject) -> Document:
    spec: Document = pick(data, [op.spec for op in operations(document).values()])
    return spec


def object_schemas(node: Any) -> list[Document]:
    """Every object schema with properties within a schema (refs inlined)."""
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict) and node["properties"]:
            found.append(node)
        for value in node.values():
            found += object_schemas(value)
    elif isinstance(node, list):
        for item in node:
            found += object_schemas(item)
    return found


def response_objects(operation: Document) -> list[Document]:
    return [
        schema
        for status, response in (operation.get("responses") or {}).items()
        if status.startswith("2")
        for media in (response.get("content") or {}).values()
        for schema in object_schemas(media.get("schema"))
    ]


def request_objects(operation: Document) -> list[Document]:
    content = (operation.get("requestBody") or {}).get("content") or {}
    return [
        schema
        for media in content.values()
        for schema in object_schemas(media.get("schema"))
    ]


@mutation(rules.OPERATION_REMOVED)
def remove_an_operation(document: Document, _: Document, data: st.DataObject) -> bool:
    path = pick(data, sorted(document["paths"]))
    document["paths"].pop(path)
    return True


@mutation(rules.REQUIRED_PARAMETER_ADDED)
def add_a_required_parameter(
    _: Document, operation: Document, __: st.DataObject
) -> bool:
    parameter = {"name": "added", "in": "query", "required": True, "schema": {}}
    operation.setdefault("parameters", []).append(parameter)
    return True


@mutation(rules.OPTIONAL_PARAMETER_ADDED)
def add_an_optional_parameter(
    _: Document, operation: Document, __: st.DataObject
) -> bool:
    parameter = {"name": "added", "in": "query", "schema": {"type": "string"}}
    operation.setdefault("parameters", []).append(parameter)
    return True


@mutation(rules.OPERATION_ID_CHANGED)
def rename_the_operation(_: Document, operation: Document, __: st.DataObject) -> bool:
    operation["operationId"] = f"{operation.get('operationId')}_renamed"
    return "operationId" in operation


@mutation(rules.SECURITY_ADDED)
def add_a_security_requirement(
    _: Document, operation: Document, __: st.DataObject
) -> bool:
    operation["security"] = [{"Added": []}]
    return True


@mutation(rules.SUCCESS_RESPONSE_REMOVED)
def remove_a_success_response(
    _: Document, operation: Document, data: st.DataObject
) -> bool:
    responses = operation.get("responses") or {}
    status = pick(data, sorted(code for code in responses if code.startswith("2")))
    del responses[status]
    return True


@mutation(rules.RESPONSE_PROPERTY_REMOVED)
def drop_a_response_property(
    _: Document, operation: Document, data: st.DataObject
) -> bool:
    schema = pick(data, response_objects(operation))
    schema["properties"].pop(pick(data, sorted(schema["properties"])))
    return True


@mutation(rules.RESPONSE_PROPERTY_ADDED)
def add_a_response_property(
    _: Document, operation: Document, data: st.DataObject
) -> bool:
    schema = pick(data, response_objects(operation))
    schema["properties"]["added_property"] = {"type": "string"}
    return True


@mutation(rules.RESPONSE_PROPERTY_OPTIONAL)
def make_a_response_property_optional(
    _: Document, operation: Document, data: st.DataObject
) -> bool:
    schema = pick(data, [s for s in response_objects(operation) if s.get("required")])
    schema["required"].remove(pick(data, schema["required"]))
    return True


@mutation(rules.RESPONSE_TYPE_CHANGED)
def change_a_response_property_type(
    document: Document, operation: Document, data: st.DataObject
) -> bool:
    schema = pick(data, response_objects(operation))
    name = pick(data, sorted(schema["properties"]))
    types = View.of(document, schema["properties"][name]).types
    schema["properties"][name] = {"type": "boolean"}
    return bool(types) and "boolean" not in types


@mutation(rules.REQUEST_PROPERTY_REQUIRED_ADDED)
def add_a_required_request_property(
    _: Document, operation: Document, data: st.DataObject
) -> bool:
    schema = pick(data, request_objects(operation))
    schema["properties"]["added_property"] = {"type": "string"}
    schema["required"] = [*schema.get("required", []), "added_property"]
    return True


@mutation(rules.REQUEST_PROPERTY_REQUIRED)
def make_a_request_property_required(
    _: Document, operation: Document, data: st.DataObject
) -> bool:
    schema = pick(data, request_objects(operation))
    optional = sorted(set(schema["properties"]) - set(schema.get("required", [])))
    schema["required"] = [*schema.get("required", []), pick(data, optional)]
    return True


@mutation(rules.REQUEST_PROPERTY_REMOVED)
def drop_a_request_property(
    _: Document, operation: Document, data: st.DataObject
) -> bool:
    schema = pick(data, request_objects(operation))
    name = pick(data, sorted(schema["properties"]))
    del schema["properties"][name]
    if name in schema.get("required", []):
        schema["required"].remove(name)
    return True


@mutation(rules.REQUEST_MAXIMUM_LOWERED)
def lower_a_parameter_maximum(
    _: Document, operation: Document, data: st.DataObject
) -> bool:
    parameter = pick(data, operation.get("parameters") or [])
    schema = parameter.setdefault("schema", {})
    limit = schema.get("maximum")
    schema["maximum"] = -1_000_000 if limit is None else limit - 1
    return "anyOf" not in schema


@pytest.mark.parametrize(
    ("rule", "mutate"), MUTATIONS, ids=[rule.name for rule, _ in MUTATIONS]
)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_a_random_change_to_a_real_document_is_printed_as_its_class(
    rule: Rule, mutate: Mutation, data: st.DataObject
) -> None:
    """The template's and Conduit's documents, with their models written
    out, changed at one place of one operation."""
    path = data.draw(st.sampled_from(COMMITTED))
    document = inlined(json.loads(path.read_text()))
    changed = copy.deepcopy(document)
    operation = an_operation(changed, data)
    assume(mutate(changed, operation, data))

    found = changes(document, changed)

    assert found
    assert {change.rule for change in found} == {rule}, [c.line for c in found]
