#!/usr/bin/env bash
# Set up everything the tests need (first run only), then lint and run the whole suite.
# Extra arguments go to pytest.
ZONEMAP_EXTRAS=test
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
ruff check .
python -m pytest "$@"
