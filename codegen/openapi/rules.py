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
    example: str  # a line it prints, as the docs show it
    reason: str


BREAKS, KEEPS = True, False
OPERATION, PARAMETER, BODY, REQUEST, RESPONSE, RESPONSE_BODY = (
    "operation",
    "parameter",
    "request body",
    "request schema",
    "response",
    "response schema",
)

OPERATION_REMOVED = Rule(
    "operation-removed", BREAKS, OPERATION, "removed", "clients still call it"
)
OPERATION_ADDED = Rule(
    "operation-added", KEEPS, OPERATION, "added", "nobody calls it yet"
)
OPERATION_ID_CHANGED = Rule(
    "operation-id-changed",
    BREAKS,
    OPERATION,
    "operationId changed from read_item to get_item",
    "generated clients name their functions by it",
)
SECURITY_ADDED = Rule(
    "security-added",
    BREAKS,
    OPERATION,
    "security requirement added: OAuth2PasswordBearer",
    "requests without the credential are refused",
)
SECURITY_REMOVED = Rule(
    "security-removed",
    KEEPS,
    OPERATION,
    "security requirement removed: OAuth2PasswordBearer",
    "the credential is ignored",
)
PATH_PARAMETER_REMOVED = Rule(
    "path-parameter-removed",
    BREAKS,
    PARAMETER,
    "removed",
    "clients pass it by name",
)
PARAMETER_REMOVED = Rule(
    "parameter-removed",
    KEEPS,
    PARAMETER,
    "removed",
    "the server ignores a query, header or cookie it does not read",
)
REQUIRED_PARAMETER_ADDED = Rule(
    "required-parameter-added",
    BREAKS,
    PARAMETER,
    "added as required",
    "requests without it are refused",
)
OPTIONAL_PARAMETER_ADDED = Rule(
    "optional-parameter-added",
    KEEPS,
    PARAMETER,
    "added",
    "requests without it still work",
)
PARAMETER_REQUIRED = Rule(
    "parameter-became-required",
    BREAKS,
    PARAMETER,
    "became required",
    "requests without it are refused",
)
PARAMETER_OPTIONAL = Rule(
    "parameter-became-optional",
    KEEPS,
    PARAMETER,
    "became optional",
    "requests with it still work",
)
BODY_REQUIRED = Rule(
    "request-body-became-required",
    BREAKS,
    BODY,
    "became required",
    "requests without a body are refused",
)
BODY_REMOVED = Rule(
    "request-body-removed",
    KEEPS,
    BODY,
    "removed",
    "the server ignores a body it does not read",
)
BODY_OPTIONAL = Rule(
    "request-body-became-optional", KEEPS, BODY, "became optional", "bodies still work"
)
REQUEST_MEDIA_TYPE_REMOVED = Rule(
    "request-media-type-removed",
    BREAKS,
    BODY,
    "media type application/x-www-form-urlencoded removed",
    "bodies of that type are refused",
)
REQUEST_MEDIA_TYPE_ADDED = Rule(
    "request-media-type-added",
    KEEPS,
    BODY,
    "media type multipart/form-data added",
    "the old types still work",
)
REQUEST_PROPERTY_REQUIRED_ADDED = Rule(
    "request-property-added-as-required",
    BREAKS,
    REQUEST,
    "property user.bio added as required",
    "bodies without it are refused",
)
REQUEST_PROPERTY_ADDED = Rule(
    "request-property-added",
    KEEPS,
    REQUEST,
    "property user.bio added",
    "bodies without it still work",
)
REQUEST_PROPERTY_REQUIRED = Rule(
    "request-property-became-required",
    BREAKS,
    REQUEST,
    "property user.bio became required",
    "bodies without it are refused",
)
REQUEST_PROPERTY_OPTIONAL = Rule(
    "request-property-became-optional",
    KEEPS,
    REQUEST,
    "property user.bio became optional",
    "bodies with it still work",
)
REQUEST_PROPERTY_REMOVED = Rule(
    "request-property-removed",
    KEEPS,
    REQUEST,
    "property user.bio removed",
    "the server ignores fields it does not read",
)
REQUEST_PROPERTY_REFUSED = Rule(
    "request-property-removed-and-refused",
    BREAKS,
    REQUEST,
    "property user.bio removed (extra properties are refused)",
    'the model forbids extra fields (`extra="forbid"`): bodies that still send'
    " it are refused",
)
REQUEST_EXTRA_REFUSED = Rule(
    "request-extra-properties-refused",
    BREAKS,
    REQUEST,
    "extra properties refused",
    "bodies with fields the server used to ignore are refused",
)
REQUEST_TYPE_NARROWED = Rule(
    "request-type-changed",
    BREAKS,
    REQUEST,
    "type changed from string to integer",
    "values of the old type are refused (also: an alternative of a union"
    " removed, values restricted to an enum)",
)
REQUEST_TYPE_WIDENED = Rule(
    "request-type-widened",
    KEEPS,
    REQUEST,
    "type widened from integer to integer or string",
    "values of the old type still work (also: an alternative added)",
)
REQUEST_FORMAT_CHANGED = Rule(
    "request-format-changed",
    BREAKS,
    REQUEST,
    "format changed from date-time to date",
    "values in the old format are refused (a format FastAPI validates added"
    " counts as changed; one it does not, such as password, is a hint)",
)
REQUEST_FORMAT_REMOVED = Rule(
    "request-format-removed",
    KEEPS,
    REQUEST,
    "format email removed",
    "values in the old format still work",
)
REQUEST_NULL_REFUSED = Rule(
    "request-null-refused",
    BREAKS,
    REQUEST,
    "no longer nullable",
    "requests sending null are refused",
)
REQUEST_NULL_ACCEPTED = Rule(
    "request-null-accepted",
    KEEPS,
    REQUEST,
    "became nullable",
    "other values still work",
)
REQUEST_ENUM_VALUE_REMOVED = Rule(
    "request-enum-value-removed",
    BREAKS,
    REQUEST,
    "enum value 'draft' removed",
    "requests sending it are refused",
)
REQUEST_ENUM_VALUE_ADDED = Rule(
    "request-enum-value-added",
    KEEPS,
    REQUEST,
    "enum value 'draft' added",
    "the old values still work",
)
REQUEST_MAXIMUM_LOWERED = Rule(
    "request-maximum-lowered",
    BREAKS,
    REQUEST,
    "maxLength lowered from 50 to 20",
    "larger values are refused (maximum, exclusiveMaximum, maxLength, maxItems,"
    " maxProperties; a limit added counts as lowered)",
)
REQUEST_MAXIMUM_RAISED = Rule(
    "request-maximum-raised",
    KEEPS,
    REQUEST,
    "maxLength raised from 20 to 50",
    "the old values still fit (a limit removed counts as raised)",
)
REQUEST_MINIMUM_RAISED = Rule(
    "request-minimum-raised",
    BREAKS,
    REQUEST,
    "minimum raised from 0 to 1",
    "smaller values are refused (minimum, exclusiveMinimum, minLength, minItems,"
    " minProperties; a limit added counts as raised)",
)
REQUEST_MINIMUM_LOWERED = Rule(
    "request-minimum-lowered",
    KEEPS,
    REQUEST,
    "minimum lowered from 1 to 0",
    "the old values still fit (a limit removed counts as lowered)",
)
REQUEST_PATTERN_ADDED = Rule(
    "request-pattern-added",
    BREAKS,
    REQUEST,
    "pattern '^[a-z]+$' added",
    "values that do not match are refused (a pattern changed counts as added)",
)
REQUEST_PATTERN_REMOVED = Rule(
    "request-pattern-removed", KEEPS, REQUEST, "pattern removed", "every value fits"
)
SUCCESS_RESPONSE_REMOVED = Rule(
    "success-response-removed",
    BREAKS,
    RESPONSE,
    "removed",
    "clients expect that status",
)
RESPONSE_REMOVED = Rule(
    "error-response-removed",
    KEEPS,
    RESPONSE,
    "removed",
    "an error the server no longer answers needs no handling",
)
RESPONSE_ADDED = Rule(
    "response-added",
    KEEPS,
    RESPONSE,
    "added",
    "a documented status, not a new behaviour",
)
RESPONSE_MEDIA_TYPE_REMOVED = Rule(
    "response-media-type-removed",
    BREAKS,
    RESPONSE,
    "media type application/xml removed",
    "clients asking for it get something else",
)
RESPONSE_MEDIA_TYPE_ADDED = Rule(
    "response-media-type-added",
    KEEPS,
    RESPONSE,
    "media type text/csv added",
    "the old types are still served",
)
RESPONSE_PROPERTY_REMOVED = Rule(
    "response-property-removed",
    BREAKS,
    RESPONSE_BODY,
    "property user.bio removed",
    "clients read it",
)
RESPONSE_PROPERTY_OPTIONAL = Rule(
    "response-property-became-optional",
    BREAKS,
    RESPONSE_BODY,
    "property user.bio became optional",
    "clients read it unconditionally",
)
RESPONSE_PROPERTY_ADDED = Rule(
    "response-property-added",
    KEEPS,
    RESPONSE_BODY,
    "property user.bio added",
    "clients ignore what they do not read",
)
RESPONSE_PROPERTY_REQUIRED = Rule(
    "response-property-became-required",
    KEEPS,
    RESPONSE_BODY,
    "property user.bio became required",
    "it is always there now",
)
RESPONSE_NULLABLE = Rule(
    "response-became-nullable",
    BREAKS,
    RESPONSE_BODY,
    "became nullable",
    "clients do not expect null",
)
RESPONSE_NOT_NULLABLE = Rule(
    "response-no-longer-nullable",
    KEEPS,
    RESPONSE_BODY,
    "no longer nullable",
    "null was optional",
)
RESPONSE_TYPE_CHANGED = Rule(
    "response-type-changed",
    BREAKS,
    RESPONSE_BODY,
    "type changed from integer to string",
    "clients parse the old type (also: an alternative of a union added, values"
    " no longer restricted to an enum)",
)
RESPONSE_TYPE_NARROWED = Rule(
    "response-type-narrowed",
    KEEPS,
    RESPONSE_BODY,
    "type narrowed from integer or string to integer",
    "every value still has a type clients parse (also: an alternative removed)",
)
RESPONSE_FORMAT_CHANGED = Rule(
    "response-format-changed",
    BREAKS,
    RESPONSE_BODY,
    "format changed from date-time to date",
    "clients parse the old format (a format removed counts as changed)",
)
RESPONSE_FORMAT_ADDED = Rule(
    "response-format-added",
    KEEPS,
    RESPONSE_BODY,
    "format date-time added",
    "the values are what they were, now described",
)
RESPONSE_ENUM_VALUE_ADDED = Rule(
    "response-enum-value-added",
    BREAKS,
    RESPONSE_BODY,
    "enum value 'archived' added",
    "clients that switch on the values meet one they do not know",
)
RESPONSE_ENUM_VALUE_REMOVED = Rule(
    "response-enum-value-removed",
    KEEPS,
    RESPONSE_BODY,
    "enum value 'archived' removed",
    "clients still know every value sent",
)

RULES = tuple(value for value in list(globals().values()) if isinstance(value, Rule))


@dataclass(frozen=True)
class Direction:
    """The rules for a schema read by the server (a request's: it may grow
    looser) or by clients (a response's: it may grow stricter)."""

    request: bool
    property_removed: Rule
    property_added: Rule
    property_added_required: Rule
    property_required: Rule
    property_optional: Rule
    null_accepted: Rule
    null_refused: Rule
    type_changed: Rule  # a value that was valid no longer is, or is unexpected
    type_loosened: Rule  # what is valid for the reader still is
    format_changed: Rule
    format_loosened: Rule
    enum_value_removed: Rule
    enum_value_added: Rule


READ_BY_SERVER = Direction(
    request=True,
    property_removed=REQUEST_PROPERTY_REMOVED,
    property_added=REQUEST_PROPERTY_ADDED,
    property_added_required=REQUEST_PROPERTY_REQUIRED_ADDED,
    property_required=REQUEST_PROPERTY_REQUIRED,
    property_optional=REQUEST_PROPERTY_OPTIONAL,
    null_accepted=REQUEST_NULL_ACCEPTED,
    null_refused=REQUEST_NULL_REFUSED,
    type_changed=REQUEST_TYPE_NARROWED,
    type_loosened=REQUEST_TYPE_WIDENED,
    format_changed=REQUEST_FORMAT_CHANGED,
    format_loosened=REQUEST_FORMAT_REMOVED,
    enum_value_removed=REQUEST_ENUM_VALUE_REMOVED,
    enum_value_added=REQUEST_ENUM_VALUE_ADDED,
)
READ_BY_CLIENTS = Direction(
    request=False,
    property_removed=RESPONSE_PROPERTY_REMOVED,
    property_added=RESPONSE_PROPERTY_ADDED,
    property_added_required=RESPONSE_PROPERTY_ADDED,
    property_required=RESPONSE_PROPERTY_REQUIRED,
    property_optional=RESPONSE_PROPERTY_OPTIONAL,
    null_accepted=RESPONSE_NULLABLE,
    null_refused=RESPONSE_NOT_NULLABLE,
    type_changed=RESPONSE_TYPE_CHANGED,
    type_loosened=RESPONSE_TYPE_NARROWED,
    format_changed=RESPONSE_FORMAT_CHANGED,
    format_loosened=RESPONSE_FORMAT_ADDED,
    enum_value_removed=RESPONSE_ENUM_VALUE_REMOVED,
    enum_value_added=RESPONSE_ENUM_VALUE_ADDED,
)


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
