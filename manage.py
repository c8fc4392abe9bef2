#!/usr/bin/env python
"""Django's command-line utility, with start-up errors printed as one clear line."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    from config.startup import run_with_clear_errors

    run_with_clear_errors(lambda: execute_from_command_line(sys.argv))


if __name__ == "__main__":
    main()
