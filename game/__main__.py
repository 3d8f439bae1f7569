"""`python -m game` behaves exactly like the `kolaborasi` console script."""

from game.cli import main

raise SystemExit(main())
