# Shared set-up for the README's commands: a virtual environment in .venv with zonemap installed.
# Sourced by build-maps.sh and run-tests.sh; safe to run again (it only installs what is missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
extras=${ZONEMAP_EXTRAS:-}
if [[ ! -x .venv/bin/python ]]; then
  echo "setting up .venv (first run only)" >&2
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
stamp=".venv/.zonemap-installed${extras:+-$extras}"
if [[ ! -f "$stamp" || pyproject.toml -nt "$stamp" ]]; then
  .venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"
  touch "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
