"""Allows ``python -m nkquiz``."""

from nkquiz.cli import main

raise SystemExit(main())
