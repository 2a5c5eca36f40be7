"""Entry script of the frozen ``opexdesk`` program (the same as the ``opexdesk`` command)."""

import multiprocessing
import sys

from opexdesk.cli import main

if __name__ == "__main__":
    # scikit-learn's joblib may start worker processes; a frozen child must not rerun main().
    multiprocessing.freeze_support()
    sys.exit(main())
