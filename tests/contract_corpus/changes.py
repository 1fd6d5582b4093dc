"""One before/after pair of OpenAPI documents per class of change, with what
`openapi --breaking` must print for it.

Every pair starts from `BEFORE`, a small document in FastAPI's shape with a
model that contains itself (`Item.parent`), and makes one change to a copy.
`Item` is read in two responses, so a change to it is printed for both.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from codegen.openapi import rules
from codegen.openapi.rules import Rule

Document = dict[str, Any]


def reference(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


BEFORE: Document = {
    "openapi": "3.1.0",
    "info": {"title": "Shop", "version": "1.0.0"},
    "paths": {
        "/items/{item_id}": {
            "get": {
                "operationId": "read_item",
                "parameters": [
                    {
                        "name": "item_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    },
                    {
                        "name": "q",
                        "in": "query",
                        "required": False,
                        "schema": {
                            "anyOf": [
                                {"type": "string", "maxLength": 50, "minLength": 1},
                                {"type": "null"},
                            ]
                        },
                    },
                    {
                        "name": "lang",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^[a-z]{2}$"},
                    },
                    {
                        "name": "sort",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": ["name", "price"]},
                    },
                ],
                "responses": {
                    "200": {"description": "OK", **json_body(reference("Item"))},
                    "404": {"description": "Not found"},
                },
            },
        },
        "/items": {
            "post": {
                "operationId": "create_item",
                "requestBody": {"required": True, **json_body(reference("NewItem"))},
                "responses": {
                    "201": {"description": "Created", **json_body(reference("Item"))},
                },
                "security": [{"OAuth2PasswordBearer": []}],
            },
        },
    },
    "components": {
        "schemas": {
            "Item": {
                "title": "Item",
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "name": {"type": "string"},
                    "status": {"type": "string", "enum": ["draft", "published"]},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "parent": {"anyOf": [reference("Item"), {"type": "null"}]},
                    "created": {"type": "string", "format": "date-time"},
                    "code": {"type": ["integer", "string"]},
                },
                "required": ["id", "name", "status"],
            },
            "NewItem": {
                "title": "NewItem",
                "type": "object",
                "properties": {
                    "name": {"type": "string", "maxLength": 100, "pattern": "^\\w+$"},
                    "price": {"type": "number", "minimum": 0},
                    "status": {"type": "string", "enum": ["draft", "published"]},
                    "note": {"type": "string", "format": "email"},
                    "discount": {"anyOf": [{"type": "number"}, {"type": "null"}]},
                },
                "required": ["name"],
            },
        },
        "securitySchemes": {
            "OAuth2PasswordBearer": {
                "type": "oauth2",
                "flows": {"password": {"scopes": {}, "tokenUrl": "token"}},
            },
        },
    },
}


@dataclass(frozen=True)
class Pair:
    """A class of change: the change made to a copy of `BEFORE`, and what
    `openapi --breaking` prints for it."""

    rule: Rule
    change: Callable[[Document], None]
    printed: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.rule.name

    @property
    def after(self) -> Document:
        document = copy.deepcopy(BEFORE)
        self.change(document)
        return document


PAIRS: list[Pair] = []


def pair(rule: Rule, *printed: str) -> Callable[[Callable[[Document], None]], None]:
    def register(change: Callable[[Document], None]) -> None:
        PAIRS.append(Pair(rule, change, printed))

    return register


def read(document: Document) -> Document:
    operation: Document = document["paths"]["/items/{item_id}"]["get"]
    return operation


def create(document: Document) -> Document:
    operation: Document = document["paths"]["/items"]["post"]
    return operation


def parameter(document: Document, name: str) -> Document:
    parameters = read(document)["parameters"]
    found: Document = next(p for p in parameters if p["name"] == name)
    return found


def model(document: Document, name: str) -> Document:
    schema: Document = document["components"]["schemas"][name]
    return schema


def field(document: Document, name: str, property_name: str) -> Document:
    schema: Document = model(document, name)["properties"][property_name]
    return schema


READ, CREATE = "GET /items/{item_id}", "POST /items"
READ_200 = f"{READ}: response 200 application/json"
CREATE_201 = f"{CREATE}: response 201 application/json"
CREATE_BODY = f"{CREATE}: request body application/json"


def responses(what: str) -> tuple[str, str]:
    """What is printed for a change to `Item`, which both responses return."""
    return f"{READ_200}: {what}", f"{CREATE_201}: {what}"


@pair(rules.OPERATION_REMOVED, f"{CREATE}: operation: removed")
def _(d: Document) -> None:
    del d["paths"]["/items"]


@pair(rules.OPERATION_ADDED, "GET /items: operation: added")
def _(d: Document) -> None:
    d["paths"]["/items"]["get"] = {"operationId": "list_items", "responses": {}}


@pair(
    rules.OPERATION_ID_CHANGED,
    f"{READ}: operation: operationId changed from read_item to get_item",
)
def _(d: Document) -> None:
    read(d)["operationId"] = "get_item"


@pair(
    rules.SECURITY_ADDED,
    f"{READ}: operation: security requirement added: OAuth2PasswordBearer"
    " (scopes: items)",
)
def _(d: Document) -> None:
    read(d)["security"] = [{"OAuth2PasswordBearer": ["items"]}]


@pair(
    rules.SECURITY_REMOVED,
    f"{CREATE}: operation: security requirement removed: OAuth2PasswordBearer",
)
def _(d: Document) -> None:
    del create(d)["security"]


@pair(
    rules.PATH_PARAMETER_REMOVED,
    "GET /items/{id}: path parameter item_id: removed",
    "GET /items/{id}: path parameter id: added as required",
)
def _(d: Document) -> None:
    parameter(d, "item_id")["name"] = "id"
    d["paths"]["/items/{id}"] = d["paths"].pop("/items/{item_id}")


@pair(rules.PARAMETER_REMOVED, f"{READ}: query parameter sort: removed")
def _(d: Document) -> None:
    read(d)["parameters"].remove(parameter(d, "sort"))


@pair(
    rules.REQUIRED_PARAMETER_ADDED,
    f"{READ}: header parameter X-Token: added as required",
)
def _(d: Document) -> None:
    read(d)["parameters"].append(
        {
            "name": "X-Token",
            "in": "header",
            "required": True,
            "schema": {"type": "string"},
        }
    )


@pair(rules.OPTIONAL_PARAMETER_ADDED, f"{READ}: query parameter page: added")
def _(d: Document) -> None:
    read(d)["parameters"].append({"name": "page", "in": "query", "schema": {}})


@pair(rules.PARAMETER_REQUIRED, f"{READ}: query parameter sort: became required")
def _(d: Document) -> None:
    parameter(d, "sort")["required"] = True


@pair(rules.PARAMETER_OPTIONAL, f"{READ}: query parameter lang: became optional")
def _(d: Document) -> None:
    parameter(d, "lang")["required"] = False


@pair(
    rules.BODY_REQUIRED,
    f"{READ}: request body: added as required",
    f"{READ}: request body: media type application/json added",
)
def _(d: Document) -> None:
    read(d)["requestBody"] = {"required": True, **json_body({"type": "string"})}


@pair(rules.BODY_OPTIONAL, f"{CREATE}: request body: became optional")
def _(d: Document) -> None:
    create(d)["requestBody"]["required"] = False


@pair(rules.BODY_REMOVED, f"{CREATE}: request body: removed")
def _(d: Document) -> None:
    del create(d)["requestBody"]


@pair(
    rules.REQUEST_MEDIA_TYPE_REMOVED,
    f"{CREATE}: request body: media type application/json removed",
    f"{CREATE}: request body: media type multipart/form-data added",
)
def _(d: Document) -> None:
    content = create(d)["requestBody"]["content"]
    content["multipart/form-data"] = content.pop("application/json")


@pair(
    rules.REQUEST_MEDIA_TYPE_ADDED,
    f"{CREATE}: request body: media type application/x-www-form-urlencoded added",
)
def _(d: Document) -> None:
    content = create(d)["requestBody"]["content"]
    content["application/x-www-form-urlencoded"] = {"schema": reference("NewItem")}


@pair(
    rules.REQUEST_PROPERTY_REQUIRED_ADDED,
    f"{CREATE_BODY}: property sku added as required",
)
def _(d: Document) -> None:
    model(d, "NewItem")["properties"]["sku"] = {"type": "string"}
    model(d, "NewItem")["required"].append("sku")


@pair(rules.REQUEST_PROPERTY_ADDED, f"{CREATE_BODY}: property sku added")
def _(d: Document) -> None:
    model(d, "NewItem")["properties"]["sku"] = {"type": "string"}


@pair(rules.REQUEST_PROPERTY_REQUIRED, f"{CREATE_BODY}: property price became required")
def _(d: Document) -> None:
    model(d, "NewItem")["required"].append("price")


@pair(rules.REQUEST_PROPERTY_OPTIONAL, f"{CREATE_BODY}: property name became optional")
def _(d: Document) -> None:
    model(d, "NewItem")["required"].remove("name")


@pair(rules.REQUEST_PROPERTY_REMOVED, f"{CREATE_BODY}: property note removed")
def _(d: Document) -> None:
    del model(d, "NewItem")["properties"]["note"]


@pair(
    rules.REQUEST_EXTRA_REFUSED,
    f"{CREATE_BODY}: extra properties refused",
)
def _(d: Document) -> None:
    model(d, "NewItem")["additionalProperties"] = False


@pair(
    rules.REQUEST_PROPERTY_REFUSED,
    f"{CREATE_BODY}: extra properties refused",
    f"{CREATE_BODY}: property note removed (extra properties are refused)",
)
def _(d: Document) -> None:
    del model(d, "NewItem")["properties"]["note"]
    model(d, "NewItem")["additionalProperties"] = False


@pair(
    rules.REQUEST_TYPE_NARROWED,
    f"{CREATE_BODY}: property price type changed from number to integer",
)
def _(d: Document) -> None:
    field(d, "NewItem", "price")["type"] = "integer"


@pair(
    rules.REQUEST_TYPE_WIDENED,
    f"{READ}: path parameter item_id: type widened from integer to number",
)
def _(d: Document) -> None:
    parameter(d, "item_id")["schema"]["type"] = "number"


@pair(
    rules.REQUEST_FORMAT_CHANGED,
    f"{CREATE_BODY}: property note format changed from email to uri",
)
def _(d: Document) -> None:
    field(d, "NewItem", "note")["format"] = "uri"


@pair(
    rules.REQUEST_FORMAT_REMOVED, f"{CREATE_BODY}: property note format email removed"
)
def _(d: Document) -> None:
    del field(d, "NewItem", "note")["format"]


@pair(
    rules.REQUEST_NULL_REFUSED,
    f"{CREATE_BODY}: property discount no longer nullable",
)
def _(d: Document) -> None:
    model(d, "NewItem")["properties"]["discount"] = {"type": "number"}


@pair(rules.REQUEST_NULL_ACCEPTED, f"{CREATE_BODY}: property price became nullable")
def _(d: Document) -> None:
    price = field(d, "NewItem", "price")
    model(d, "NewItem")["properties"]["price"] = {"anyOf": [price, {"type": "null"}]}


@pair(
    rules.REQUEST_ENUM_VALUE_REMOVED,
    f"{READ}: query parameter sort: enum value 'price' removed",
)
def _(d: Document) -> None:
    parameter(d, "sort")["schema"]["enum"] = ["name"]


@pair(
    rules.REQUEST_ENUM_VALUE_ADDED,
    f"{CREATE_BODY}: property status enum value 'archived' added",
)
def _(d: Document) -> None:
    field(d, "NewItem", "status")["enum"].append("archived")


@pair(
    rules.REQUEST_MAXIMUM_LOWERED,
    f"{READ}: query parameter q: maxLength lowered from 50 to 20",
    f"{CREATE_BODY}: property price maximum 1000 added",
)
def _(d: Document) -> None:
    parameter(d, "q")["schema"]["anyOf"][0]["maxLength"] = 20
    field(d, "NewItem", "price")["maximum"] = 1000


@pair(
    rules.REQUEST_MAXIMUM_RAISED,
    f"{CREATE_BODY}: property name maxLength raised from 100 to 200",
)
def _(d: Document) -> None:
    field(d, "NewItem", "name")["maxLength"] = 200


@pair(
    rules.REQUEST_MINIMUM_RAISED,
    f"{CREATE_BODY}: property price minimum raised from 0 to 1",
    f"{CREATE_BODY}: property price exclusiveMinimum 0 added",
)
def _(d: Document) -> None:
    field(d, "NewItem", "price").update(minimum=1, exclusiveMinimum=0)


@pair(
    rules.REQUEST_MINIMUM_LOWERED,
    f"{READ}: query parameter q: minLength 1 removed",
)
def _(d: Document) -> None:
    del parameter(d, "q")["schema"]["anyOf"][0]["minLength"]


@pair(
    rules.REQUEST_PATTERN_ADDED,
    f"{READ}: query parameter lang: pattern changed from '^[a-z]{{2}}$' to '^[a-z]+$'",
    f"{CREATE_BODY}: property note pattern '^\\S+$' added",
)
def _(d: Document) -> None:
    field(d, "NewItem", "note")["pattern"] = "^\\S+$"
    parameter(d, "lang")["schema"]["pattern"] = "^[a-z]+$"


@pair(rules.REQUEST_PATTERN_REMOVED, f"{CREATE_BODY}: property name pattern removed")
def _(d: Document) -> None:
    del field(d, "NewItem", "name")["pattern"]


@pair(
    rules.SUCCESS_RESPONSE_REMOVED,
    f"{CREATE}: response 201: removed",
    f"{CREATE}: response 200: added",
)
def _(d: Document) -> None:
    create(d)["responses"]["200"] = create(d)["responses"].pop("201")


@pair(rules.RESPONSE_REMOVED, f"{READ}: response 404: removed")
def _(d: Document) -> None:
    del read(d)["responses"]["404"]


@pair(rules.RESPONSE_ADDED, f"{CREATE}: response 409: added")
def _(d: Document) -> None:
    create(d)["responses"]["409"] = {"description": "Conflict"}


@pair(
    rules.RESPONSE_MEDIA_TYPE_REMOVED,
    f"{READ}: response 200: media type application/json removed",
    f"{READ}: response 200: media type application/xml added",
)
def _(d: Document) -> None:
    content = read(d)["responses"]["200"]["content"]
    content["application/xml"] = content.pop("application/json")


@pair(
    rules.RESPONSE_MEDIA_TYPE_ADDED, f"{READ}: response 200: media type text/csv added"
)
def _(d: Document) -> None:
    read(d)["responses"]["200"]["content"]["text/csv"] = {"schema": {"type": "string"}}


@pair(rules.RESPONSE_PROPERTY_REMOVED, *responses("property tags removed"))
def _(d: Document) -> None:
    del model(d, "Item")["properties"]["tags"]


@pair(rules.RESPONSE_PROPERTY_OPTIONAL, *responses("property name became optional"))
def _(d: Document) -> None:
    model(d, "Item")["required"].remove("name")


@pair(rules.RESPONSE_PROPERTY_ADDED, *responses("property price added"))
def _(d: Document) -> None:
    model(d, "Item")["properties"]["price"] = {"type": "number"}


@pair(rules.RESPONSE_PROPERTY_REQUIRED, *responses("property tags became required"))
def _(d: Document) -> None:
    model(d, "Item")["required"].append("tags")


@pair(rules.RESPONSE_NULLABLE, *responses("property name became nullable"))
def _(d: Document) -> None:
    field(d, "Item", "name")["type"] = ["string", "null"]


@pair(rules.RESPONSE_NOT_NULLABLE, *responses("property parent no longer nullable"))
def _(d: Document) -> None:
    model(d, "Item")["properties"]["parent"] = reference("Item")


@pair(
    rules.RESPONSE_TYPE_CHANGED,
    *responses("property tags[] type changed from string to integer"),
)
def _(d: Document) -> None:
    field(d, "Item", "tags")["items"]["type"] = "integer"


@pair(
    rules.RESPONSE_TYPE_NARROWED,
    *responses("property code type narrowed from integer or string to integer"),
)
def _(d: Document) -> None:
    field(d, "Item", "code")["type"] = "integer"


@pair(
    rules.RESPONSE_FORMAT_CHANGED,
    *responses("property created format changed from date-time to date"),
)
def _(d: Document) -> None:
    field(d, "Item", "created")["format"] = "date"


@pair(rules.RESPONSE_FORMAT_ADDED, *responses("property name format hostname added"))
def _(d: Document) -> None:
    field(d, "Item", "name")["format"] = "hostname"


@pair(
    rules.RESPONSE_ENUM_VALUE_ADDED,
    *responses("property status enum value 'archived' added"),
)
def _(d: Document) -> None:
    field(d, "Item", "status")["enum"].append("archived")


@pair(
    rules.RESPONSE_ENUM_VALUE_REMOVED,
    *responses("property status enum value 'draft' removed"),
)
def _(d: Document) -> None:
    field(d, "Item", "status")["enum"].remove("draft")
