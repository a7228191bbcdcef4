#!/usr/bin/env bash
# Set up everything the tests need (first run only), then lint, type-check and run the whole suite.
# Installs: a .venv with zonemap and its test tools; Debian's chromium and Noto CJK fonts (with apt, as root or
# through sudo) for the browser tests and Chinese pictures; and, from the npm registry, the Leaflet files folium's pages load, so the
# browser runs with the network off. Extra arguments go to pytest (tests run in one worker per core).
ZONEMAP_EXTRAS=test
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests (first run only)" >&2
  sudo_=""; [[ $(id -u) -eq 0 ]] || sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  echo "installing Debian's Noto CJK fonts, so Chinese maps and pictures are drawn with Chinese glyphs (first run only)" >&2
  sudo_=""; [[ $(id -u) -eq 0 ]] || sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null
fi
if [[ ! -f tests/browser/node_modules/.package-lock.json || tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]]; then
  echo "installing the browser test assets from the npm registry (first run only)" >&2
  npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund --loglevel=error
fi

ruff check .
mypy
# -n auto: one pytest worker per core (2 on the project's machines); pass -n 0 to run in one process
python -m pytest -n auto "$@"
