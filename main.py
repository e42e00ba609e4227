"""PoolScope: ``python main.py`` opens the window; ``--help`` lists the command-line options."""

from gui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
