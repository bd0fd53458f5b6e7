"""``python -m summarize`` runs the command-line interface."""

from __future__ import annotations

import sys

from .apps.cli import main

sys.exit(main())
