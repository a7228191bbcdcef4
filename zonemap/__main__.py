"""``python -m zonemap``: the command line."""

from zonemap.cli import main

raise SystemExit(main())
