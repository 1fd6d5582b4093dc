"""Every change between two OpenAPI documents, operation by operation, each
classified by a rule of rules.py.

Operations are matched by method and path, whatever their path parameters
are called (`/items/{id}` is `/items/{item_id}`), so that a renamed
parameter shows as such. What a client cannot see is not compared: titles,
descriptions, examples, and the limits of responses (see docs/openapi.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from codegen.openapi import rules
from codegen.openapi.rules import READ_BY_CLIENTS, READ_BY_SERVER, Rule
from codegen.openapi.schemas import (
    Comparison,
    Schema,
    as_schema,
    mapping,
    resolved,
    strings,
)

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PATH_PARAMETER = re.compile(r"\{[^}]*\}")


@dataclass(frozen=True)
class Change:
    """One change: `METHOD /path: location: what changed`, and its class."""

    operation: str
    location: str
    what: str
    rule: Rule

    @property
    def line(self) -> str:
        return f"{self.operation}: {self.location}: {self.what}"

    @property
    def breaking(self) -> bool:
        return self.rule.breaking


@dataclass(frozen=True)
class Operation:
    name: str  # `GET /items/{item_id}`
    spec: Schema
    shared_parameters: tuple[Any, ...]  # declared on its path, for every method


def changes(old: Schema, new: Schema) -> list[Change]:
    """What changed from `old` to `new`, in the order of their operations."""
    old_operations, new_operations = operations(old), operations(new)
    found: list[Change] = []
    for key, before in old_operations.items():
        after = new_operations.get(key)
        if after is None:
            found.append(
                Change(before.name, "operation", "removed", rules.OPERATION_REMOVED)
            )
        else:
            found += OperationChanges(old, new, after.name).between(before, after)
    found += [
        Change(after.name, "operation", "added", rules.OPERATION_ADDED)
        for key, after in new_operations.items()
        if key not in old_operations
    ]
    return found


def operations(document: Schema) -> dict[tuple[str, str], Operation]:
    """Each operation by method and path, path parameters unnamed."""
    found = {}
    for path, written in mapping(document.get("paths")).items():
        item = resolved(document, written)
        shared = tuple(listed(item.get("parameters")))
        for method in METHODS:
            if isinstance(spec := item.get(method), Mapping):
                name = f"{method.upper()} {path}"
                key = (method, PATH_PARAMETER.sub("{}", path))
                found[key] = Operation(name, spec, shared)  # the last of a clash
    return found


@dataclass(frozen=True)
class OperationChanges:
    """The changes within one operation present in both documents."""

    old_document: Schema
    new_document: Schema
    name: str

    def between(self, old: Operation, new: Operation) -> Iterator[Change]:
        yield from self._identity(old.spec, new.spec)
        yield from self._security(old.spec, new.spec)
        yield from self._parameters(old, new)
        yield from self._body(old.spec.get("requestBody"), new.spec.get("requestBody"))
        yield from self._responses(old.spec, new.spec)

    def _change(self, location: str, what: str, rule: Rule) -> Change:
        return Change(self.name, location, what, rule)

    def _schemas(
        self, location: str, old: Any, new: Any, *, request: bool, nullable: bool = True
    ) -> Iterator[Change]:
        direction = READ_BY_SERVER if request else READ_BY_CLIENTS
        comparison = Comparison(
            self.old_document, self.new_document, direction, nullable
        )
        for finding in comparison.compare(old, new):
            yield self._change(location, finding.text, finding.rule)

    def _identity(self, old: Schema, new: Schema) -> Iterator[Change]:
        before, after = old.get("operationId"), new.get("operationId")
        if before is not None and before != after:
            yield self._change(
                "operation",
                f"operationId changed from {before} to {after}",
                rules.OPERATION_ID_CHANGED,
            )

    def _security(self, old: Schema, new: Schema) -> Iterator[Change]:
        before = requirements(self.old_document, old)
        after = requirements(self.new_document, new)
        if any(not satisfied_by(way, after) for way in before):
            what = f"security requirement added: {described(after)}"
            yield self._change("operation", what, rules.SECURITY_ADDED)
        elif any(not satisfied_by(way, before) for way in after):
            what = f"security requirement removed: {described(before)}"
            yield self._change("operation", what, rules.SECURITY_REMOVED)

    def _parameters(self, old: Operation, new: Operation) -> Iterator[Change]:
        before = parameters(self.old_document, old)
        after = parameters(self.new_document, new)
        for key, parameter in before.items():
            location = where(parameter)
            if key not in after:
                rule = (
                    rules.PATH_PARAMETER_REMOVED
                    if parameter.get("in") == "path"
                    else rules.PARAMETER_REMOVED
                )
                yield self._change(location, "removed", rule)
                continue
            was, now = is_required(parameter), is_required(after[key])
            if was != now:
                rule = rules.PARAMETER_REQUIRED if now else rules.PARAMETER_OPTIONAL
                yield self._change(location, became(required=now), rule)
            yield from self._schemas(
                location,
                parameter.get("schema"),
                after[key].get("schema"),
                request=True,
                nullable=False,  # a query string, header or cookie sends no null
            )
        for key, parameter in after.items():
            if key not in before:
                if is_required(parameter):
                    rule, what = rules.REQUIRED_PARAMETER_ADDED, "added as required"
                else:
                    rule, what = rules.OPTIONAL_PARAMETER_ADDED, "added"
                yield self._change(where(parameter), what, rule)

    def _body(self, old: Any, new: Any) -> Iterator[Change]:
        if old is not None and new is None:
            yield self._change("request body", "removed", rules.BODY_REMOVED)
            return
        before = resolved(self.old_document, old or {})
        after = resolved(self.new_document, new or {})
        was, now = bool(before.get("required")), bool(after.get("required"))
        if was != now:
            rule = rules.BODY_REQUIRED if now else rules.BODY_OPTIONAL
            what = "added as required" if old is None else became(required=now)
            yield self._change("request body", what, rule)
        yield from self._contents("request body", before, after, request=True)

    def _responses(self, old: Schema, new: Schema) -> Iterator[Change]:
        before = mapping(old.get("responses"))
        after = mapping(new.get("responses"))
        for status, response in before.items():
            location = f"response {status}"
            if status not in after:
                rule = (
                    rules.SUCCESS_RESPONSE_REMOVED
                    if str(status).startswith("2")
                    else rules.RESPONSE_REMOVED
                )
                yield self._change(location, "removed", rule)
                continue
            yield from self._contents(
                location,
                resolved(self.old_document, response),
                resolved(self.new_document, after[status]),
                request=False,
            )
        for status in after:
            if status not in before:
                yield self._change(f"response {status}", "added", rules.RESPONSE_ADDED)

    def _contents(
        self, location: str, old: Schema, new: Schema, *, request: bool
    ) -> Iterator[Change]:
        """A body's media types, and the schema of each kept: a type removed
        refuses requests (or answers something else), a type added does not."""
        old_content = mapping(old.get("content"))
        new_content = mapping(new.get("content"))
        removed, added = (
            (rules.REQUEST_MEDIA_TYPE_REMOVED, rules.REQUEST_MEDIA_TYPE_ADDED)
            if request
            else (rules.RESPONSE_MEDIA_TYPE_REMOVED, rules.RESPONSE_MEDIA_TYPE_ADDED)
        )
        for media, described in old_content.items():
            if media not in new_content:
                yield self._change(location, f"media type {media} removed", removed)
            else:
                yield from self._schemas(
                    f"{location} {media}",
                    as_schema(described).get("schema"),
                    as_schema(new_content[media]).get("schema"),
                    request=request,
                )
        for media in new_content:
            if media not in old_content:
                yield self._change(location, f"media type {media} added", added)


def parameters(document: Schema, operation: Operation) -> dict[tuple[str, str], Schema]:
    """The operation's parameters by place and name (a header's in any case),
    its own over those of its path."""
    found: dict[tuple[str, str], Schema] = {}
    for written in (
        *operation.shared_parameters,
        *listed(operation.spec.get("parameters")),
    ):
        parameter = resolved(document, written)
        place, name = str(parameter.get("in", "")), str(parameter.get("name", ""))
        found[(place, name.lower() if place == "header" else name)] = parameter
    return found


def listed(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []


def where(parameter: Schema) -> str:
    return f"{parameter.get('in', '')} parameter {parameter.get('name', '')}"


def became(*, required: bool) -> str:
    return "became required" if required else "became optional"


def is_required(parameter: Schema) -> bool:
    return bool(parameter.get("required")) or parameter.get("in") == "path"


Requirement = dict[str, frozenset[str]]  # scheme -> scopes, all needed at once


def requirements(document: Schema, operation: Schema) -> list[Requirement]:
    """The ways to be let in (any one will do); `[{}]` when anyone is."""
    written = listed(operation.get("security", document.get("security"))) or [{}]
    return [
        {str(scheme): frozenset(strings(scopes)) for scheme, scopes in way.items()}
        for way in written
        if isinstance(way, Mapping)
    ]


def satisfied_by(credentials: Requirement, ways: list[Requirement]) -> bool:
    """Whether a client let in by `credentials` is let in by one of `ways`."""
    return any(
        all(
            scheme in credentials and scopes <= credentials[scheme]
            for scheme, scopes in way.items()
        )
        for way in ways
    )


def described(ways: list[Requirement]) -> str:
    """`A`, `A and B`, `A or B`, `A (scopes: me)`; `none` for anyone."""
    return " or ".join(
        " and ".join(
            scheme + (f" (scopes: {', '.join(sorted(scopes))})" if scopes else "")
            for scheme, scopes in way.items()
        )
        or "none"
        for way in ways
    )
