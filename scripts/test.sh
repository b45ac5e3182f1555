#!/usr/bin/env bash
# The test command: bash scripts/test.sh [pytest args...]
#
# From a fresh clone: installs the system packages the tests need (PostgreSQL, Xvfb, Qt's
# libraries), creates .venv, installs the project with its test extra, builds the Qt
# translations, then runs ruff, mypy and pytest (QT_QPA_PLATFORM=offscreen). Extra arguments go to
# pytest, e.g. bash scripts/test.sh -q tests/unit -k phones
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$SECONDS
step() { printf '\n== %s\n' "$*"; }

step "system packages"
bash scripts/install_system_deps.sh

step "python environment"
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
# pip runs only when pyproject.toml changed since the last successful install into this venv.
stamp=.venv/.shopcrm-install-test
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
    echo "$want" >"$stamp"
    echo "installed the project and its test dependencies into .venv"
else
    echo ".venv is up to date with pyproject.toml"
fi

if [ -f scripts/build_translations.py ]; then
    step "translations"
    .venv/bin/python scripts/build_translations.py
fi

export QT_QPA_PLATFORM=offscreen

step "ruff check ."
ruff_rc=0
.venv/bin/python -m ruff check . || ruff_rc=$?

step "mypy (shopcrm, ui, app.py; configured in pyproject.toml)"
mypy_rc=0
.venv/bin/python -m mypy || mypy_rc=$?

step "pytest $*"
pytest_rc=0
.venv/bin/python -m pytest "$@" || pytest_rc=$?
if [ "$pytest_rc" -eq 5 ]; then
    echo "pytest collected no tests" >&2
    pytest_rc=1
fi

# In CI the installer folder is built and its self-test run by pytest itself
# (tests/integration/test_installer_build.py runs when CI or SHOPCRM_TEST_BUILD is set).

elapsed=$((SECONDS - started))
word() { if [ "$1" -eq 0 ]; then echo passed; else echo "FAILED (exit $1)"; fi; }
echo
echo "== summary: ruff $(word "$ruff_rc"), mypy $(word "$mypy_rc"), pytest $(word "$pytest_rc"), ${elapsed} s"
if [ "$ruff_rc" -ne 0 ] || [ "$mypy_rc" -ne 0 ] || [ "$pytest_rc" -ne 0 ]; then
    exit 1
fi
