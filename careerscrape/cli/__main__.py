"""``python -m careerscrape.cli``, the same as the ``careerscrape`` command."""

import sys

from careerscrape.cli import main

sys.exit(main())
