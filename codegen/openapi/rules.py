"""Every change `openapi --breaking` reports, and whether it breaks clients:
one table, which the docs render (`markdown_table`).

A change is breaking when a client written against the old document can
fail against the new one: a request it sent is now refused, or a response
it reads has lost, moved or retyped what it read. Requests are read by the
server, so they may grow looser; responses are read by clients, so they may
grow stricter. The classes follow oasdiff's for a server's document.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One class of change: its name, and why it breaks clients or not."""

    name: str
    breaking: bool
    where: str
    example: str
    reason: str


def rule(name: str, breaking: bool, where: str, example: str, reason: str) -> Rule:
    return Rule(name, breaking, where, example, reason)


BREAKS, KEEPS = True, False
OPERATION, PARAMETER, BODY, REQUEST, RESPONSE, RESPONSE_BODY = (
    "operation",
    "parameter",
    "request body",
    "request schema",
    "response",
    "response schema",
)

OPERATION_REMOVED = rule(
    "operation-removed", BREAKS, OPERATION, "removed", "clients still call it"
)
OPERATION_ADDED = rule(
    "operation-added", KEEPS, OPERATION, "added", "nobody calls it yet"
)
OPERATION_ID_CHANGED = rule(
    "operation-id-changed",
    BREAKS,
    OPERATION,
    "operationId changed from read_item to get_item",
    "generated clients name their functions by it",
)
SECURITY_ADDED = rule(
    "security-added",
    BREAKS,
    OPERATION,
    "security requirement added: OAuth2PasswordBearer",
    "requests without the credential are refused",
)
SECURITY_REMOVED = rule(
    "security-removed",
    KEEPS,
    OPERATION,
    "security requirement removed: OAuth2PasswordBearer",
    "the credential is ignored",
)
PATH_PARAMETER_REMOVED = rule(
    "path-parameter-removed",
    BREAKS,
    PARAMETER,
    "removed",
    "clients pass it by name",
)
PARAMETER_REMOVED = rule(
    "parameter-removed",
    KEEPS,
    PARAMETER,
    "removed",
    "the server ignores a query, header or cookie it does not read",
)
REQUIRED_PARAMETER_ADDED = rule(
    "required-parameter-added",
    BREAKS,
    PARAMETER,
    "added as required",
    "requests without it are refused",
)
OPTIONAL_PARAMETER_ADDED = rule(
    "optional-parameter-added",
    KEEPS,
    PARAMETER,
    "added",
    "requests without it still work",
)
PARAMETER_REQUIRED = rule(
    "parameter-became-required",
    BREAKS,
    PARAMETER,
    "became required",
    "requests without it are refused",
)
PARAMETER_OPTIONAL = rule(
    "parameter-became-optional",
    KEEPS,
    PARAMETER,
    "became optional",
    "requests with it still work",
)
BODY_REQUIRED = rule(
    "request-body-became-required",
    BREAKS,
    BODY,
    "became required",
    "requests without a body are refused",
)
BODY_REMOVED = rule(
    "request-body-removed",
    KEEPS,
    BODY,
    "removed",
    "the server ignores a body it does not read",
)
BODY_OPTIONAL = rule(
    "request-body-became-optional", KEEPS, BODY, "became optional", "bodies still work"
)
REQUEST_MEDIA_TYPE_REMOVED = rule(
    "request-media-type-removed",
    BREAKS,
    BODY,
    "media type application/x-www-form-urlencoded removed",
    "bodies of that type are refused",
)
REQUEST_MEDIA_TYPE_ADDED = rule(
    "request-media-type-added",
    KEEPS,
    BODY,
    "media type multipart/form-data added",
    "the old types still work",
)
REQUEST_PROPERTY_REQUIRED_ADDED = rule(
    "request-property-added-as-required",
    BREAKS,
    REQUEST,
    "property user.bio added as required",
    "bodies without it are refused",
)
REQUEST_PROPERTY_ADDED = rule(
    "request-property-added",
    KEEPS,
    REQUEST,
    "property user.bio added",
    "bodies without it still work",
)
REQUEST_PROPERTY_REQUIRED = rule(
    "request-property-became-required",
    BREAKS,
    REQUEST,
    "property user.bio became required",
    "bodies without it are refused",
)
REQUEST_PROPERTY_OPTIONAL = rule(
    "request-property-became-optional",
    KEEPS,
    REQUEST,
    "property user.bio became optional",
    "bodies with it still work",
)
REQUEST_PROPERTY_REMOVED = rule(
    "request-property-removed",
    KEEPS,
    REQUEST,
    "property user.bio removed",
    "the server ignores fields it does not read",
)
REQUEST_TYPE_NARROWED = rule(
    "request-type-changed",
    BREAKS,
    REQUEST,
    "type changed from string to integer",
    "values of the old type are refused",
)
REQUEST_TYPE_WIDENED = rule(
    "request-type-widened",
    KEEPS,
    REQUEST,
    "type widened from integer to integer or string",
    "values of the old type still work",
)
REQUEST_FORMAT_CHANGED = rule(
    "request-format-changed",
    BREAKS,
    REQUEST,
    "format changed from date-time to date",
    "values in the old format are refused (a format added counts as changed)",
)
REQUEST_FORMAT_REMOVED = rule(
    "request-format-removed",
    KEEPS,
    REQUEST,
    "format email removed",
    "values in the old format still work",
)
REQUEST_NULL_REFUSED = rule(
    "request-null-refused",
    BREAKS,
    REQUEST,
    "no longer accepts null",
    "requests sending null are refused",
)
REQUEST_NULL_ACCEPTED = rule(
    "request-null-accepted", KEEPS, REQUEST, "accepts null", "other values still work"
)
REQUEST_ENUM_VALUE_REMOVED = rule(
    "request-enum-value-removed",
    BREAKS,
    REQUEST,
    "enum value 'draft' removed",
    "requests sending it are refused",
)
REQUEST_ENUM_VALUE_ADDED = rule(
    "request-enum-value-added",
    KEEPS,
    REQUEST,
    "enum value 'draft' added",
    "the old values still work",
)
REQUEST_MAXIMUM_LOWERED = rule(
    "request-maximum-lowered",
    BREAKS,
    REQUEST,
    "maxLength lowered from 50 to 20",
    "larger values are refused (maximum, exclusiveMaximum, maxLength, maxItems,"
    " maxProperties; a limit added counts as lowered)",
)
REQUEST_MAXIMUM_RAISED = rule(
    "request-maximum-raised",
    KEEPS,
    REQUEST,
    "maxLength raised from 20 to 50",
    "the old values still fit (a limit removed counts as raised)",
)
REQUEST_MINIMUM_RAISED = rule(
    "request-minimum-raised",
    BREAKS,
    REQUEST,
    "minimum raised from 0 to 1",
    "smaller values are refused (minimum, exclusiveMinimum, minLength, minItems,"
    " minProperties; a limit added counts as raised)",
)
REQUEST_MINIMUM_LOWERED = rule(
    "request-minimum-lowered",
    KEEPS,
    REQUEST,
    "minimum lowered from 1 to 0",
    "the old values still fit (a limit removed counts as lowered)",
)
REQUEST_PATTERN_ADDED = rule(
    "request-pattern-added",
    BREAKS,
    REQUEST,
    "pattern '^[a-z]+$' added",
    "values that do not match are refused (a pattern changed counts as added)",
)
REQUEST_PATTERN_REMOVED = rule(
    "request-pattern-removed", KEEPS, REQUEST, "pattern removed", "every value fits"
)
SUCCESS_RESPONSE_REMOVED = rule(
    "success-response-removed",
    BREAKS,
    RESPONSE,
    "removed",
    "clients expect that status",
)
RESPONSE_REMOVED = rule(
    "error-response-removed",
    KEEPS,
    RESPONSE,
    "removed",
    "an error the server no longer answers needs no handling",
)
RESPONSE_ADDED = rule(
    "response-added",
    KEEPS,
    RESPONSE,
    "added",
    "a documented status, not a new behaviour",
)
RESPONSE_MEDIA_TYPE_REMOVED = rule(
    "response-media-type-removed",
    BREAKS,
    RESPONSE,
    "media type application/xml removed",
    "clients asking for it get something else",
)
RESPONSE_MEDIA_TYPE_ADDED = rule(
    "response-media-type-added",
    KEEPS,
    RESPONSE,
    "media type text/csv added",
    "the old types are still served",
)
RESPONSE_PROPERTY_REMOVED = rule(
    "response-property-removed",
    BREAKS,
    RESPONSE_BODY,
    "property user.bio removed",
    "clients read it",
)
RESPONSE_PROPERTY_OPTIONAL = rule(
    "response-property-became-optional",
    BREAKS,
    RESPONSE_BODY,
    "property user.bio became optional",
    "clients read it unconditionally",
)
RESPONSE_PROPERTY_ADDED = rule(
    "response-property-added",
    KEEPS,
    RESPONSE_BODY,
    "property user.bio added",
    "clients ignore what they do not read",
)
RESPONSE_PROPERTY_REQUIRED = rule(
    "response-property-became-required",
    KEEPS,
    RESPONSE_BODY,
    "property user.bio became required",
    "it is always there now",
)
RESPONSE_NULLABLE = rule(
    "response-became-nullable",
    BREAKS,
    RESPONSE_BODY,
    "became nullable",
    "clients do not expect null",
)
RESPONSE_NOT_NULLABLE = rule(
    "response-no-longer-nullable",
    KEEPS,
    RESPONSE_BODY,
    "no longer nullable",
    "null was optional",
)
RESPONSE_TYPE_CHANGED = rule(
    "response-type-changed",
    BREAKS,
    RESPONSE_BODY,
    "type changed from integer to string",
    "clients parse the old type",
)
RESPONSE_TYPE_NARROWED = rule(
    "response-type-narrowed",
    KEEPS,
    RESPONSE_BODY,
    "type narrowed from integer or string to integer",
    "every value still has a type clients parse",
)
RESPONSE_FORMAT_CHANGED = rule(
    "response-format-changed",
    BREAKS,
    RESPONSE_BODY,
    "format changed from date-time to date",
    "clients parse the old format (a format removed counts as changed)",
)
RESPONSE_FORMAT_ADDED = rule(
    "response-format-added",
    KEEPS,
    RESPONSE_BODY,
    "format date-time added",
    "the values are what they were, now described",
)
RESPONSE_ENUM_VALUE_ADDED = rule(
    "response-enum-value-added",
    BREAKS,
    RESPONSE_BODY,
    "enum value 'archived' added",
    "clients that switch on the values meet one they do not know",
)
RESPONSE_ENUM_VALUE_REMOVED = rule(
    "response-enum-value-removed",
    KEEPS,
    RESPONSE_BODY,
    "enum value 'archived' removed",
    "clients still know every value sent",
)

RULES = tuple(value for value in list(globals().values()) if isinstance(value, Rule))


def markdown_table() -> str:
    """The rules as the docs show them."""
    lines = [
        "| where | change, as printed | breaking | why |",
        "|---|---|---|---|",
        *(
            f"| {rule.where} | {rule.example} | {'yes' if rule.breaking else 'no'} "
            f"| {rule.reason} |"
            for rule in RULES
        ),
    ]
    return "\n".join(lines) + "\n"
