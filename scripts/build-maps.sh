#!/usr/bin/env bash
# The main job: set up (first run only) and build the maps from the bundled data into maps_out/.
# Extra arguments go to `zonemap build` (try --help).
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
zonemap areas
