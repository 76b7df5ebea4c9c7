"""``python -m storydiff``: the same as the ``storydiff`` command."""

from .cli import main

raise SystemExit(main())
