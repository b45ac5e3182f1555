#!/usr/bin/env bash
# Run the app: bash scripts/run.sh [app args...]
#
# On a bare machine, in this order:
#   1. Python: python3 (or $PYTHON) must be 3.11 or newer, else one sentence (Persian and
#      English) says so and nothing else happens;
#   2. system libraries: the ones Qt's xcb platform plugin loads (libxcb-cursor0 and the
#      rest) and Python's venv module, through scripts/install_system_deps.sh --run (Linux
#      only; apt-get, sudo when not root; nothing when all are there);
#   3. the virtual environment: $SHOPCRM_VENV or .venv, created when missing; pip installs
#      the project (no test extra) only when pyproject.toml changed since the last install
#      by this script or scripts/test.sh;
#   4. a last check that Qt's xcb plugin finds every library it links to (ldd), so a missing
#      one is named in a sentence instead of Qt's "no Qt platform plugin could be
#      initialized";
#   5. app.py, which offers the demo book when the book is empty.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() {  # say PERSIAN ENGLISH: one sentence for the owner, in both languages, on stderr
    printf '%s\n%s\n' "$1" "$2" >&2
}

venv=${SHOPCRM_VENV:-.venv}
python=${PYTHON:-python3}

# -- 1. Python >= 3.11 --------------------------------------------------------------------
check_python() {  # check_python INTERPRETER: fails with the sentence when too old
    local version
    version=$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) ||
        version=""
    if [ -z "$version" ]; then
        return 2
    fi
    if ! "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        say "ShopCRM به Python 3.11 یا جدیدتر نیاز دارد، ولی $1 نسخه‌ی $version است؛ Python جدیدتری نصب کنید (مثلاً sudo apt-get install python3.11) یا با PYTHON=/مسیر/python3.11 اجرا کنید." \
            "ShopCRM needs Python 3.11 or newer, but $1 is Python $version; install a newer Python (e.g. sudo apt-get install python3.11) or run with PYTHON=/path/to/python3.11."
        exit 1
    fi
}

if [ -x "$venv/bin/python" ]; then
    check_python "$venv/bin/python" || true
elif command -v "$python" >/dev/null 2>&1; then
    check_python "$python" || true
fi

# -- 2. the system libraries Qt needs ------------------------------------------------------
if [ "$(uname -s)" = Linux ]; then
    if ! bash scripts/install_system_deps.sh --run; then
        say "کتابخانه‌های سیستمی که پنجره‌ی برنامه لازم دارد نصب نشدند (پیام بالا نام آن‌ها را می‌گوید)؛ آن‌ها را نصب کنید و دوباره bash scripts/run.sh را اجرا کنید." \
            "The system libraries the window needs could not be installed (the message above names them); install them and run bash scripts/run.sh again."
        exit 1
    fi
fi

# -- 3. the virtual environment ------------------------------------------------------------
if [ ! -x "$venv/bin/python" ]; then
    if ! command -v "$python" >/dev/null 2>&1; then
        say "Python پیدا نشد ($python)؛ Python 3.11 یا جدیدتر نصب کنید (مثلاً sudo apt-get install python3 python3-venv) و دوباره اجرا کنید." \
            "Python was not found ($python); install Python 3.11 or newer (e.g. sudo apt-get install python3 python3-venv) and run this again."
        exit 1
    fi
    check_python "$python" || true
    echo "creating the Python environment in $venv"
    "$python" -m venv "$venv"
fi
check_python "$venv/bin/python" || true
# pip runs only when pyproject.toml changed since the last install (by this or test.sh).
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$venv/.shopcrm-install-test" 2>/dev/null)" != "$want" ] &&
    [ "$(cat "$venv/.shopcrm-install-run" 2>/dev/null)" != "$want" ]; then
    echo "installing ShopCRM into $venv (pip; once, and again when pyproject.toml changes)"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -e .
    echo "$want" >"$venv/.shopcrm-install-run"
fi

if [ -f scripts/build_translations.py ]; then
    "$venv/bin/python" scripts/build_translations.py
fi

# -- 4. does Qt's xcb plugin find all its libraries? ---------------------------------------
platform=${QT_QPA_PLATFORM:-xcb}
if [ "$(uname -s)" = Linux ] && [ "${platform%%:*}" = xcb ] && command -v ldd >/dev/null; then
    plugin=$("$venv/bin/python" -c 'import pathlib, PySide6
print(pathlib.Path(PySide6.__file__).parent / "Qt/plugins/platforms/libqxcb.so")' 2>/dev/null) ||
        plugin=""
    if [ -n "$plugin" ] && [ -f "$plugin" ]; then
        lost=$(ldd "$plugin" 2>/dev/null | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
        if [ -n "$lost" ]; then
            say "پنجره باز نمی‌شود: این کتابخانه‌های سیستمی که Qt لازم دارد پیدا نشدند: ${lost% }؛ آن‌ها را نصب کنید (در Debian/Ubuntu: sudo bash scripts/install_system_deps.sh --run)." \
                "The window cannot open: these system libraries Qt needs were not found: ${lost% }; install them (on Debian/Ubuntu: sudo bash scripts/install_system_deps.sh --run)."
            exit 1
        fi
    fi
fi

# -- 5. the app ----------------------------------------------------------------------------
exec "$venv/bin/python" app.py "$@"
