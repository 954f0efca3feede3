"""`python -m sandogh …`, the same as the `sandogh` command, for a machine where the venv's
scripts are not on the path."""

from sandogh.cli.entry import main

main()
