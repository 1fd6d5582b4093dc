"""What changed between two JSON Schemas of one place in the API, read in
the direction its data flows: a request's schema may only grow looser, a
response's only stricter (see rules.py).

`$ref`s are followed through `components`. A model that contains itself is
compared down to where it recurs, once along each chain of properties.
Anything that is not a schema object reads as one: `true` as any value,
`false` as none, a node of the wrong type as any value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from codegen.openapi import rules
from codegen.openapi.rules import Direction, Rule

Schema = Mapping[str, Any]
NOTHING: Schema = {"not": {}}  # what `false` admits
# Limits whose lowering refuses requests, and those whose raising does.
MAXIMUMS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
MINIMUMS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
# Formats FastAPI (pydantic) checks in a request: one added refuses values.
# Others (password, binary...) only describe the value.
VALIDATED_FORMATS = frozenset(
    {
        "date",
        "date-time",
        "duration",
        "email",
        "ipv4",
        "ipv6",
        "ipvanyaddress",
        "ipvanyinterface",
        "ipvanynetwork",
        "json-string",
        "multi-host-uri",
        "time",
        "uri",
        "uuid",
        "uuid1",
        "uuid3",
        "uuid4",
        "uuid5",
    }
)


@dataclass(frozen=True)
class Finding:
    """One difference inside a schema: where in it, and what changed."""

    rule: Rule
    where: str  # the property path (`user.tags[]`), "" at the schema's root
    what: str

    @property
    def text(self) -> str:
        if not self.where:
            return self.what
        if self.where.startswith(("[]", "{}")):  # in a list or dict at the root
            return f"{self.where} {self.what}"
        return f"property {self.where} {self.what}"


@dataclass
class Comparison:
    """Two documents' schemas, compared in one direction at one place.

    `nullable`: whether null can be sent at all (not in a query string)."""

    old_document: Schema
    new_document: Schema
    direction: Direction
    nullable: bool = True
    chain: list[tuple[str | None, str | None]] = field(default_factory=list)

    def compare(self, old: Any, new: Any, where: str = "") -> Iterator[Finding]:
        old_view = View.of(self.old_document, old)
        new_view = View.of(self.new_document, new)
        if self.nullable:
            yield from self._nullability(old_view, new_view, where)
        yield from self._types(old_view, new_view, where)
        yield from self._alternatives(old_view, new_view, where)
        for old_branch, new_branch in matched_branches(old_view, new_view):
            yield from self._branch_once(old_branch, new_branch, where)

    def _branch_once(self, old: Any, new: Any, where: str) -> Iterator[Finding]:
        """Compare two alternatives, unless they are models already being
        compared further up: a model that contains itself stops there."""
        models = (reference(old), reference(new))
        if None not in models and models in self.chain:
            return
        old_schema = merged(self.old_document, resolved(self.old_document, old))
        new_schema = merged(self.new_document, resolved(self.new_document, new))
        if not overlaps(type_names(old_schema), type_names(new_schema)):
            return  # another type altogether: its change of type says it all
        self.chain.append(models)  # the models being compared, outermost first
        try:
            yield from self._branch(old_schema, new_schema, where)
        finally:
            self.chain.pop()

    def _nullability(self, old: View, new: View, where: str) -> Iterator[Finding]:
        if old.nullable == new.nullable:
            return
        if new.nullable:
            yield Finding(self.direction.null_accepted, where, "became nullable")
        else:
            yield Finding(self.direction.null_refused, where, "no longer nullable")

    def _types(self, old: View, new: View, where: str) -> Iterator[Finding]:
        if old.types == new.types:
            return
        named = f"from {spoken(old.types)} to {spoken(new.types)}"
        if self.fits(old.types, new.types):
            verb = "widened" if self.direction.request else "narrowed"
            yield Finding(self.direction.type_loosened, where, f"type {verb} {named}")
        else:
            yield Finding(self.direction.type_changed, where, f"type changed {named}")

    def fits(self, old: frozenset[str], new: frozenset[str]) -> bool:
        """Whether what its reader accepted still fits: every value a client
        sent (a request), or every value a client reads (a response)."""
        return covers(new, old) if self.direction.request else covers(old, new)

    def _alternatives(self, old: View, new: View, where: str) -> Iterator[Finding]:
        """Models of a union on one side only (types are compared above)."""
        if len(old.branches) == 1 and len(new.branches) == 1:
            return
        for keys, others, verb in (
            (old.keys, new.keys, "removed"),
            (new.keys, old.keys, "added"),
        ):
            for key in keys:
                if key.startswith(MODEL) and key not in others:
                    looser = (verb == "added") == self.direction.request
                    rule = (
                        self.direction.type_loosened
                        if looser
                        else self.direction.type_changed
                    )
                    yield Finding(
                        rule, where, f"alternative {key.removeprefix(MODEL)} {verb}"
                    )

    def _branch(self, old: Schema, new: Schema, where: str) -> Iterator[Finding]:
        yield from self._format(old, new, where)
        yield from self._enum(old, new, where)
        if self.direction.request:
            yield from limits(old, new, where)
        yield from self._properties(old, new, where)
        for key, suffix in (("items", "[]"), ("additionalProperties", "{}")):
            old_items, new_items = old.get(key), new.get(key)
            if isinstance(old_items, Mapping) and isinstance(new_items, Mapping):
                yield from self.compare(old_items, new_items, where + suffix)

    def _format(self, old: Schema, new: Schema, where: str) -> Iterator[Finding]:
        before, after = old.get("format"), new.get("format")
        if before == after:
            return
        if before is None:
            what = f"format {after} added"
        elif after is None:
            what = f"format {before} removed"
        else:
            what = f"format changed from {before} to {after}"
        if self.direction.request:
            if after in VALIDATED_FORMATS:
                yield Finding(self.direction.format_changed, where, what)
            elif before in VALIDATED_FORMATS:
                yield Finding(self.direction.format_loosened, where, what)
        elif before is None:
            yield Finding(self.direction.format_loosened, where, what)
        else:
            yield Finding(self.direction.format_changed, where, what)

    def _enum(self, old: Schema, new: Schema, where: str) -> Iterator[Finding]:
        old_values, new_values = enum_values(old), enum_values(new)
        if old_values is None and new_values is None:
            return
        if old_values is None or new_values is None:
            restricted = new_values is not None
            values = ", ".join(map(repr, new_values or old_values or []))
            what = (
                f"values restricted to {values}"
                if restricted
                else f"values no longer restricted to {values}"
            )
            looser = restricted != self.direction.request
            rule = (
                self.direction.type_loosened if looser else self.direction.type_changed
            )
            yield Finding(rule, where, what)
            return
        for value in old_values:
            if value not in new_values:
                what = f"enum value {value!r} removed"
                yield Finding(self.direction.enum_value_removed, where, what)
        for value in new_values:
            if value not in old_values:
                what = f"enum value {value!r} added"
                yield Finding(self.direction.enum_value_added, where, what)

    def _properties(self, old: Schema, new: Schema, where: str) -> Iterator[Finding]:
        old_properties = mapping(old.get("properties"))
        new_properties = mapping(new.get("properties"))
        old_required = set(strings(old.get("required")))
        new_required = set(strings(new.get("required")))
        refuses_extra = new.get("additionalProperties") is False
        if (
            self.direction.request
            and refuses_extra
            and old.get("additionalProperties") is not False
        ):
            yield Finding(
                rules.REQUEST_EXTRA_REFUSED, where, "extra properties refused"
            )
        for name, schema in old_properties.items():
            path = f"{where}.{name}" if where else name
            if name not in new_properties:
                if self.direction.request and refuses_extra:
                    what = "removed (extra properties are refused)"
                    yield Finding(rules.REQUEST_PROPERTY_REFUSED, path, what)
                else:
                    yield Finding(self.direction.property_removed, path, "removed")
                continue
            if (name in old_required) != (name in new_required):
                yield self._requirement(path, required=name in new_required)
            yield from self.compare(schema, new_properties[name], path)
        for name in new_properties:
            if name not in old_properties:
                path = f"{where}.{name}" if where else name
                if name in new_required:
                    rule = self.direction.property_added_required
                    what = "added as required" if self.direction.request else "added"
                else:
                    rule, what = self.direction.property_added, "added"
                yield Finding(rule, path, what)

    def _requirement(self, path: str, *, required: bool) -> Finding:
        if required:
            return Finding(self.direction.property_required, path, "became required")
        return Finding(self.direction.property_optional, path, "became optional")


MODEL = "model "  # the key of an alternative that is a model, before its title


@dataclass(frozen=True)
class View:
    """A schema as alternatives: whether it admits null, and the schemas of
    its other values (`anyOf`/`oneOf` branches, nested ones flattened, or
    itself), as written."""

    nullable: bool
    branches: tuple[Any, ...]
    keys: tuple[str, ...]  # what matches each branch with the other side's
    types: frozenset[str]  # empty: any value

    @classmethod
    def of(cls, document: Schema, schema: Any) -> View:
        nullable, branches, keys = False, [], []
        every_type: set[str] = set()
        accepts_anything = False
        for branch, meaning in alternatives(document, schema, set()):
            types = type_names(meaning)
            nullable = nullable or "null" in types or meaning.get("nullable") is True
            if types == {"null"}:
                continue
            branches.append(branch)
            keys.append(branch_key(meaning))
            every_type |= types - {"null"}
            accepts_anything = accepts_anything or not types
        kinds = frozenset() if accepts_anything else frozenset(every_type)
        return cls(nullable, tuple(branches), tuple(keys), kinds)


def alternatives(
    document: Schema, schema: Any, followed: set[int]
) -> Iterator[tuple[Any, Schema]]:
    """Each alternative of a schema as written, with what it means: the
    branches of `anyOf`/`oneOf`, and theirs in turn (`X | None` around a
    union is one level of alternatives)."""
    meaning = merged(document, resolved(document, schema))
    branches = meaning.get("anyOf") or meaning.get("oneOf")
    if not isinstance(branches, list) or id(meaning) in followed:
        yield schema, meaning
        return
    followed.add(id(meaning))
    nullable = meaning.get("nullable") is True
    for branch in branches:
        yield from alternatives(document, branch, followed)
    if nullable:
        yield {"type": "null"}, {"type": "null"}


def as_schema(node: Any) -> Schema:
    """A node read as a schema: `false` admits nothing, and anything else
    that is not an object admits anything."""
    return NOTHING if node is False else mapping(node)


def resolved(document: Schema, node: Any) -> Schema:
    """The schema a `$ref` (or a chain of them) points at, in this document."""
    schema = as_schema(node)
    followed: set[str] = set()
    while (
        isinstance(reference := schema.get("$ref"), str) and reference not in followed
    ):
        followed.add(reference)
        target: Any = document
        for part in reference.removeprefix("#/").split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            target = target.get(part) if isinstance(target, Mapping) else None
        schema = as_schema(target)
    return schema


def merged(
    document: Schema, schema: Schema, within: frozenset[int] = frozenset()
) -> Schema:
    """`allOf` folded into one schema: properties and requirements combined."""
    parts = schema.get("allOf")
    if not isinstance(parts, list) or id(schema) in within:
        return schema
    combined: dict[str, Any] = {
        key: value for key, value in schema.items() if key != "allOf"
    }
    for written in parts:
        part = merged(document, resolved(document, written), within | {id(schema)})
        for key, value in part.items():
            if key == "properties":
                combined["properties"] = {
                    **mapping(combined.get("properties")),
                    **mapping(value),
                }
            elif key == "required":
                combined["required"] = [
                    *strings(combined.get("required")),
                    *strings(value),
                ]
            else:
                combined.setdefault(key, value)
    return combined


def reference(schema: Any) -> str | None:
    """The model a schema is, by its `$ref` (alone, or as its one `allOf`)."""
    schema = as_schema(schema)
    parts = schema.get("allOf")
    if isinstance(parts, list) and len(parts) == 1:
        schema = as_schema(parts[0])
    found = schema.get("$ref")
    return found if isinstance(found, str) else None


def mapping(node: object) -> Mapping[str, Any]:
    """An object of the document, or an empty one for anything else."""
    return node if isinstance(node, Mapping) else {}


def strings(node: Any) -> list[str]:
    return (
        [item for item in node if isinstance(item, str)]
        if isinstance(node, list)
        else []
    )


def type_names(schema: Schema) -> set[str]:
    """The JSON types a schema admits; empty if it says nothing of them."""
    declared = schema.get("type")
    if isinstance(declared, str):
        return {declared}
    if isinstance(declared, list):
        return set(strings(declared))
    if "const" in schema:
        return {json_type(schema["const"])}
    if "properties" in schema:
        return {"object"}
    if "items" in schema:
        return {"array"}
    values = enum_values(schema)
    return {json_type(value) for value in values} if values else set()


def json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def enum_values(schema: Schema) -> list[Any] | None:
    if "const" in schema:
        return [schema["const"]]
    values = schema.get("enum")
    return values if isinstance(values, list) else None


def covers(wide: frozenset[str], narrow: frozenset[str]) -> bool:
    """Whether every value of the `narrow` types is one of the `wide` types
    (no types: any value)."""
    if not wide or not narrow:
        return not wide
    return all(
        kind in wide or (kind == "integer" and "number" in wide) for kind in narrow
    )


def overlaps(some: set[str], others: set[str]) -> bool:
    """Whether a value can be of one of `some` and one of `others`."""
    numbers = {"integer", "number"}
    return (
        not some
        or not others
        or bool(some & others)
        or bool(some & numbers and others & numbers)
    )


def spoken(types: frozenset[str]) -> str:
    return " or ".join(sorted(types)) or "any"


def matched_branches(old: View, new: View) -> Iterator[tuple[Any, Any]]:
    """Pairs of alternatives to compare further: the one of each side, or
    those with the same model or, failing that, the same types."""
    if len(old.branches) == 1 and len(new.branches) == 1:
        yield old.branches[0], new.branches[0]
        return
    partners = dict(zip(new.keys, new.branches, strict=True))
    for key, branch in zip(old.keys, old.branches, strict=True):
        if key in partners:
            yield branch, partners[key]


def branch_key(schema: Schema) -> str:
    title = schema.get("title")
    if isinstance(title, str) and "properties" in schema:
        return f"{MODEL}{title}"
    return spoken(frozenset(type_names(schema)))


def limits(old: Schema, new: Schema, where: str) -> Iterator[Finding]:
    """A request's limits: lowered maximums and raised minimums refuse
    values that were accepted, added limits too; the rest loosen."""
    for key in MAXIMUMS + MINIMUMS:
        before, after = number(old.get(key)), number(new.get(key))
        if before == after:
            continue  # (a boolean exclusiveMaximum, OpenAPI 3.0's, is no number)
        is_maximum = key in MAXIMUMS
        if before is None:
            tighter, what = True, f"{key} {after} added"
        elif after is None:
            tighter, what = False, f"{key} {before} removed"
        else:
            tighter = after < before if is_maximum else after > before
            lower = "lowered" if after < before else "raised"
            what = f"{key} {lower} from {before} to {after}"
        if is_maximum:
            rule = (
                rules.REQUEST_MAXIMUM_LOWERED
                if tighter
                else rules.REQUEST_MAXIMUM_RAISED
            )
        else:
            rule = (
                rules.REQUEST_MINIMUM_RAISED
                if tighter
                else rules.REQUEST_MINIMUM_LOWERED
            )
        yield Finding(rule, where, what)
    before_pattern, after_pattern = old.get("pattern"), new.get("pattern")
    if before_pattern == after_pattern:
        return
    if after_pattern is None:
        yield Finding(rules.REQUEST_PATTERN_REMOVED, where, "pattern removed")
    elif before_pattern is None:
        yield Finding(
            rules.REQUEST_PATTERN_ADDED, where, f"pattern '{after_pattern}' added"
        )
    else:
        what = f"pattern changed from '{before_pattern}' to '{after_pattern}'"
        yield Finding(rules.REQUEST_PATTERN_ADDED, where, what)


def number(value: Any) -> int | float | None:
    """A limit, if it is a number (not a boolean)."""
    return (
        value
        if isinstance(value, int | float) and not isinstance(value, bool)
        else None
    )
