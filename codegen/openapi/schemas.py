"""What changed between two JSON Schemas of one place in the API, read in
the direction its data flows: a request's schema may only grow looser, a
response's only stricter (see rules.py).

`$ref`s are followed through `components`; a model that contains itself is
compared once per place it is reached from, where first reached.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from codegen.openapi import rules
from codegen.openapi.rules import Rule

Schema = Mapping[str, Any]
# Limits whose lowering refuses requests, and those whose raising does.
MAXIMUMS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
MINIMUMS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
NUMBER_TYPES = {"integer", "number"}


@dataclass(frozen=True)
class Finding:
    """One difference inside a schema: where in it, and what changed."""

    rule: Rule
    where: str  # the property path (`user.tags[]`), "" at the schema's root
    what: str

    @property
    def text(self) -> str:
        return f"property {self.where} {self.what}" if self.where else self.what


@dataclass
class Comparison:
    """Two documents' schemas, compared in one direction at one place."""

    old_document: Schema
    new_document: Schema
    request: bool
    seen: set[tuple[str, str]] = field(default_factory=set)

    def compare(self, old: Schema, new: Schema, where: str = "") -> Iterator[Finding]:
        old_view = View.of(self.old_document, old)
        new_view = View.of(self.new_document, new)
        yield from self._nullability(old_view, new_view, where)
        yield from self._types(old_view, new_view, where)
        for old_branch, new_branch in matched_branches(old_view, new_view):
            yield from self._branch_once(old_branch, new_branch, where)

    def _branch_once(self, old: Schema, new: Schema, where: str) -> Iterator[Finding]:
        """Compare two alternatives, unless they are models already compared
        here: a model that contains itself is compared where first reached."""
        old_model, new_model = reference(old), reference(new)
        if old_model is not None and new_model is not None:
            if (old_model, new_model) in self.seen:
                return
            self.seen.add((old_model, new_model))
        old = merged(self.old_document, resolved(self.old_document, old))
        new = merged(self.new_document, resolved(self.new_document, new))
        old_types, new_types = frozenset(type_names(old)), frozenset(type_names(new))
        if not overlaps(old_types, new_types):
            return  # another type altogether: its change of type says it all
        yield from self._branch(old, new, where)

    def _nullability(self, old: View, new: View, where: str) -> Iterator[Finding]:
        if old.nullable == new.nullable:
            return
        if self.request:
            rule = (
                rules.REQUEST_NULL_ACCEPTED
                if new.nullable
                else rules.REQUEST_NULL_REFUSED
            )
        else:
            rule = (
                rules.RESPONSE_NULLABLE if new.nullable else rules.RESPONSE_NOT_NULLABLE
            )
        yield Finding(rule, where, rule.example)

    def _types(self, old: View, new: View, where: str) -> Iterator[Finding]:
        old_types, new_types = old.types, new.types
        if old_types == new_types:
            return
        named = f"from {spoken(old_types)} to {spoken(new_types)}"
        if self.request:
            widened = covers(new_types, old_types)
            rule = (
                rules.REQUEST_TYPE_WIDENED if widened else rules.REQUEST_TYPE_NARROWED
            )
            verb = "widened" if widened else "changed"
        else:
            narrowed = covers(old_types, new_types)
            rule = (
                rules.RESPONSE_TYPE_NARROWED
                if narrowed
                else rules.RESPONSE_TYPE_CHANGED
            )
            verb = "narrowed" if narrowed else "changed"
        yield Finding(rule, where, f"type {verb} {named}")

    def _branch(self, old: Schema, new: Schema, where: str) -> Iterator[Finding]:
        yield from self._format(old, new, where)
        yield from self._enum(old, new, where)
        if self.request:
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
        if self.request:  # FastAPI validates the formats it emits
            tighter = after is not None
            rule = (
                rules.REQUEST_FORMAT_CHANGED
                if tighter
                else rules.REQUEST_FORMAT_REMOVED
            )
        else:
            added = before is None
            rule = (
                rules.RESPONSE_FORMAT_ADDED if added else rules.RESPONSE_FORMAT_CHANGED
            )
        yield Finding(rule, where, what)

    def _enum(self, old: Schema, new: Schema, where: str) -> Iterator[Finding]:
        old_values, new_values = enum_values(old), enum_values(new)
        if old_values is None or new_values is None:
            return
        removed = [value for value in old_values if value not in new_values]
        added = [value for value in new_values if value not in old_values]
        if self.request:
            kinds = (rules.REQUEST_ENUM_VALUE_REMOVED, rules.REQUEST_ENUM_VALUE_ADDED)
        else:
            kinds = (rules.RESPONSE_ENUM_VALUE_REMOVED, rules.RESPONSE_ENUM_VALUE_ADDED)
        for rule, values, verb in (
            (kinds[0], removed, "removed"),
            (kinds[1], added, "added"),
        ):
            for value in values:
                yield Finding(rule, where, f"enum value {value!r} {verb}")

    def _properties(self, old: Schema, new: Schema, where: str) -> Iterator[Finding]:
        old_properties = old.get("properties") or {}
        new_properties = new.get("properties") or {}
        old_required = set(old.get("required") or ())
        new_required = set(new.get("required") or ())
        for name in old_properties:
            path = f"{where}.{name}" if where else name
            if name not in new_properties:
                rule = (
                    rules.REQUEST_PROPERTY_REMOVED
                    if self.request
                    else rules.RESPONSE_PROPERTY_REMOVED
                )
                yield Finding(rule, path, "removed")
                continue
            was, now = name in old_required, name in new_required
            if was != now:
                yield self._requirement(path, now)
            yield from self.compare(old_properties[name], new_properties[name], path)
        for name in new_properties:
            if name in old_properties:
                continue
            path = f"{where}.{name}" if where else name
            if not self.request:
                yield Finding(rules.RESPONSE_PROPERTY_ADDED, path, "added")
            elif name in new_required:
                yield Finding(
                    rules.REQUEST_PROPERTY_REQUIRED_ADDED, path, "added as required"
                )
            else:
                yield Finding(rules.REQUEST_PROPERTY_ADDED, path, "added")

    def _requirement(self, path: str, required: bool) -> Finding:
        if self.request:
            rule = (
                rules.REQUEST_PROPERTY_REQUIRED
                if required
                else rules.REQUEST_PROPERTY_OPTIONAL
            )
        else:
            rule = (
                rules.RESPONSE_PROPERTY_REQUIRED
                if required
                else rules.RESPONSE_PROPERTY_OPTIONAL
            )
        return Finding(rule, path, "became required" if required else "became optional")


@dataclass(frozen=True)
class View:
    """A schema as alternatives: whether it admits null, and the schemas of
    its other values (`anyOf`/`oneOf` branches, or itself), as written."""

    nullable: bool
    branches: tuple[Schema, ...]
    keys: tuple[str, ...]  # what matches each branch with the other side's
    types: frozenset[str]  # empty: any value

    @classmethod
    def of(cls, document: Schema, schema: Schema) -> View:
        whole = merged(document, resolved(document, schema))
        alternatives = whole.get("anyOf") or whole.get("oneOf")
        written = alternatives if isinstance(alternatives, list) else [schema]
        nullable = bool(whole.get("nullable"))
        branches, keys, every_type = [], [], set()
        accepts_anything = False
        for branch in written:
            meaning = merged(document, resolved(document, branch))
            types = type_names(meaning)
            nullable = nullable or "null" in types or bool(meaning.get("nullable"))
            if types == {"null"}:
                continue
            branches.append(branch)
            keys.append(branch_key(meaning))
            every_type |= types - {"null"}
            accepts_anything = accepts_anything or not types
        kinds = frozenset() if accepts_anything else frozenset(every_type)
        return cls(nullable, tuple(branches), tuple(keys), kinds)


def reference(schema: Schema) -> str | None:
    """The model a schema is, by its `$ref` (alone, or as its one `allOf`)."""
    parts = schema.get("allOf")
    if isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], Mapping):
        schema = parts[0]
    found = schema.get("$ref")
    return found if isinstance(found, str) else None


def resolved(document: Schema, schema: Schema) -> Schema:
    """The schema a `$ref` (or a chain of them) points at, in this document."""
    followed: set[str] = set()
    while (
        isinstance(reference := schema.get("$ref"), str) and reference not in followed
    ):
        followed.add(reference)
        target: Any = document
        for part in reference.removeprefix("#/").split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        schema = target if isinstance(target, Mapping) else {}
    return schema


def merged(document: Schema, schema: Schema) -> Schema:
    """`allOf` folded into one schema: properties and requirements combined."""
    parts = schema.get("allOf")
    if not isinstance(parts, list):
        return schema
    combined: dict[str, Any] = {
        key: value for key, value in schema.items() if key != "allOf"
    }
    for part in parts:
        part = merged(document, resolved(document, part))
        for key, value in part.items():
            if key == "properties":
                combined["properties"] = {**combined.get("properties", {}), **value}
            elif key == "required":
                combined["required"] = [*combined.get("required", []), *value]
            else:
                combined.setdefault(key, value)
    return combined


def type_names(schema: Schema) -> set[str]:
    """The JSON types a schema admits; empty if it says nothing of them."""
    declared = schema.get("type")
    if isinstance(declared, str):
        return {declared}
    if isinstance(declared, list):
        return set(declared)
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


def overlaps(some: frozenset[str], others: frozenset[str]) -> bool:
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


def matched_branches(old: View, new: View) -> Iterator[tuple[Schema, Schema]]:
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
        return f"model {title}"
    return spoken(frozenset(type_names(schema)))


def limits(old: Schema, new: Schema, where: str) -> Iterator[Finding]:
    """A request's limits: lowered maximums and raised minimums refuse
    values that were accepted, added limits too; the rest loosen."""
    for key in MAXIMUMS + MINIMUMS:
        before, after = old.get(key), new.get(key)
        if before == after or isinstance(before, bool) or isinstance(after, bool):
            continue  # (a boolean exclusiveMaximum is OpenAPI 3.0's modifier)
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
    before, after = old.get("pattern"), new.get("pattern")
    if before == after:
        return
    if after is None:
        yield Finding(rules.REQUEST_PATTERN_REMOVED, where, "pattern removed")
    elif before is None:
        yield Finding(rules.REQUEST_PATTERN_ADDED, where, f"pattern '{after}' added")
    else:
        what = f"pattern changed from '{before}' to '{after}'"
        yield Finding(rules.REQUEST_PATTERN_ADDED, where, what)
