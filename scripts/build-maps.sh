#!/usr/bin/env bash
# The main job: set up (first run only) and build the maps of the bundled data into maps_out/,
# with overview.png beside them. Extra arguments go to `zonemap build` (try --help).
ZONEMAP_EXTRAS=png
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
zonemap build --png "$@"
