"""``python -m opexdesk``: same as the ``opexdesk`` command."""

from opexdesk.cli import main

raise SystemExit(main())
