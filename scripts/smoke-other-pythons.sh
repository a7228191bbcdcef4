#!/usr/bin/env bash
# Install zonemap (a built wheel, not the source tree) into a fresh venv of each Python version given
# (from pyenv), and run scripts/smoke.py there. Usage: bash scripts/smoke-other-pythons.sh 3.10 3.13
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip wheel --quiet --no-deps -w "$work/dist" . >/dev/null
wheel=$(ls "$work"/dist/zonemap-*.whl)
for version in "$@"; do
  python=$(ls -d "$root"/versions/"$version".*/bin/python 2>/dev/null | sort -V | tail -n 1)
  if [[ -z "$python" ]]; then
    echo "no Python $version under $root/versions" >&2
    exit 1
  fi
  echo "smoke test on $("$python" --version) ($python)" >&2
  "$python" -m venv "$work/venv-$version"
  "$work/venv-$version/bin/python" -m pip install --quiet --upgrade pip
  "$work/venv-$version/bin/python" -m pip install --quiet "$wheel"
  (cd "$work" && "$work/venv-$version/bin/python" "$OLDPWD/scripts/smoke.py")
done
