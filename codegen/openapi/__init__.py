"""The API's contract: the OpenAPI document committed beside the router, and
what changed in it between two revisions.

`python -m codegen openapi` imports the app (in a subprocess, the one way to
know the document FastAPI builds) and writes the document formatted for
review; `--check` says when the committed one is stale, and `--breaking`
classifies every change against a base revision by the rules of `rules.py`.
"""
