"""`python -m eventcoder.cli`: the same as the eventcoder command."""

import sys

from eventcoder.cli import main

sys.exit(main())
