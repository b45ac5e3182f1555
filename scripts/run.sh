#!/usr/bin/env bash
# Run the app: bash scripts/run.sh [app args...]
# Creates .venv and installs the project into it when needed (no test extra), then starts
# app.py, which offers the demo book when the book is empty.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
# pip runs only when pyproject.toml changed since the last install (by this or test.sh).
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat .venv/.shopcrm-install-test 2>/dev/null)" != "$want" ] &&
    [ "$(cat .venv/.shopcrm-install-run 2>/dev/null)" != "$want" ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check -e .
    echo "$want" >.venv/.shopcrm-install-run
fi

if [ -f scripts/build_translations.py ]; then
    .venv/bin/python scripts/build_translations.py
fi

exec .venv/bin/python app.py "$@"
