"""Entry point of `python -m codegen`."""

from codegen.cli import main

raise SystemExit(main())
