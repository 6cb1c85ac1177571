"""``python -m contact_center.raw_checks --landing DIR [--report FILE]``."""

import sys

from contact_center.raw_checks.cli import main_check_raw

sys.exit(main_check_raw())
