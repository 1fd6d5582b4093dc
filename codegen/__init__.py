"""Compile a `routes/` tree of endpoint files into one FastAPI router module.

Build-time only: the served application imports the generated router, never
this package.
"""

COMMAND = "python -m codegen"
