"""Settings for every route: errors are documented in the spec's format."""

from conduit.schemas import GenericError

responses = {422: {"model": GenericError, "description": "Unexpected error"}}
