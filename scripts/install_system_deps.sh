#!/usr/bin/env bash
# Install the Debian packages ShopCRM needs, only when something is missing.
#
#   bash scripts/install_system_deps.sh          what the tests need (scripts/test.sh)
#   bash scripts/install_system_deps.sh --run    only what the app needs (scripts/run.sh)
#   ... --check                                  only list what is missing; exit 1 if anything is
#
# --run: the libraries Qt's xcb platform plugin and QtGui load (libxcb-cursor0 and the other
# xcb utility libraries, xkbcommon, EGL/GL, fontconfig, glib, dbus) and Python's venv module.
# The default (test) profile adds PostgreSQL server binaries with contrib (pg_trgm) for the
# integration tests, Xvfb and xauth for tests that need a real X server, and fontconfig's
# tools. Idempotent: when every probe passes it returns at once without touching apt. Uses
# sudo only when not root. A probe asks the dynamic linker's cache (ldconfig -p), so a
# library installed some other way counts as present.
set -euo pipefail

check_only=0
profile=test
for arg in "$@"; do
    case "$arg" in
        --check) check_only=1 ;;
        --run) profile=run ;;
        --test) profile=test ;;
        *) echo "usage: $0 [--run|--test] [--check]" >&2; exit 2 ;;
    esac
done

# Directory holding initdb, pg_ctl and postgres, or nothing. The same search as
# tests/support/postgres.py: PATH, /usr/local/bin, then the newest /usr/lib/postgresql/*/bin.
pg_bindir() {
    local dir initdb
    for dir in "" /usr/local/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
        if [ -z "$dir" ]; then
            initdb=$(command -v initdb 2>/dev/null) || continue
        else
            initdb="$dir/initdb"
        fi
        [ -x "$initdb" ] || continue
        initdb=$(readlink -f "$initdb")
        dir=$(dirname "$initdb")
        if [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

has_postgres() {
    local dir share
    dir=$(pg_bindir) || return 1
    # contrib (pg_trgm) must be there too; Debian ships it inside postgresql-NN.
    if [ -x "$dir/pg_config" ] && share=$("$dir/pg_config" --sharedir 2>/dev/null); then
        [ -f "$share/extension/pg_trgm.control" ] && return 0
    fi
    compgen -G "/usr/share/postgresql/*/extension/pg_trgm.control" >/dev/null
}

ldcache=""
has_lib() {  # has_lib SONAME
    if [ -z "$ldcache" ]; then
        local ldconfig
        ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
        ldcache=$("$ldconfig" -p 2>/dev/null || true)
    fi
    grep -q "^[[:space:]]*$1 " <<<"$ldcache"
}

has_cmd() { command -v "$1" >/dev/null 2>&1; }

has_venv() { python3 -c "import ensurepip, venv" >/dev/null 2>&1; }

# package|probe. What the app itself needs: every library outside Qt that Qt's xcb platform
# plugin, its GL integrations, the SVG icon plugin and QtWidgets ask for (their NEEDED
# entries, followed through Qt's own libraries; tests/integration/test_bare_start.py checks
# this list against the installed PySide6), plus QtDBus and Python's venv ...
run_needs=(
    "python3-venv|has_venv"
    "libegl1|has_lib libEGL.so.1"
    "libgl1|has_lib libGL.so.1"
    "libopengl0|has_lib libOpenGL.so.0"
    "libxkbcommon0|has_lib libxkbcommon.so.0"
    "libxkbcommon-x11-0|has_lib libxkbcommon-x11.so.0"
    "libfontconfig1|has_lib libfontconfig.so.1"
    "libfreetype6|has_lib libfreetype.so.6"
    "libdbus-1-3|has_lib libdbus-1.so.3"
    "libx11-6|has_lib libX11.so.6"
    "libx11-xcb1|has_lib libX11-xcb.so.1"
    "libxcb1|has_lib libxcb.so.1"
    "libxcb-cursor0|has_lib libxcb-cursor.so.0"
    "libxcb-icccm4|has_lib libxcb-icccm.so.4"
    "libxcb-image0|has_lib libxcb-image.so.0"
    "libxcb-keysyms1|has_lib libxcb-keysyms.so.1"
    "libxcb-randr0|has_lib libxcb-randr.so.0"
    "libxcb-render0|has_lib libxcb-render.so.0"
    "libxcb-render-util0|has_lib libxcb-render-util.so.0"
    "libxcb-shape0|has_lib libxcb-shape.so.0"
    "libxcb-shm0|has_lib libxcb-shm.so.0"
    "libxcb-sync1|has_lib libxcb-sync.so.1"
    "libxcb-util1|has_lib libxcb-util.so.1"
    "libxcb-xfixes0|has_lib libxcb-xfixes.so.0"
    "libxcb-xkb1|has_lib libxcb-xkb.so.1"
    "libxcb-glx0|has_lib libxcb-glx.so.0"
    "libglib2.0-0|has_lib libglib-2.0.so.0"
    "libglib2.0-0|has_lib libgthread-2.0.so.0"
    "zlib1g|has_lib libz.so.1"
    "libzstd1|has_lib libzstd.so.1"
)
# ... and what the tests add.
test_needs=(
    "postgresql|has_postgres"
    "xvfb|has_cmd Xvfb"
    "xauth|has_cmd xauth"
    "fontconfig|has_cmd fc-list"
    "libxcb-xinerama0|has_lib libxcb-xinerama.so.0"
)
needs=("${run_needs[@]}")
if [ "$profile" = test ]; then
    needs+=("${test_needs[@]}")
fi

missing=()
for entry in "${needs[@]}"; do
    pkg=${entry%%|*}
    probe=${entry#*|}
    # shellcheck disable=SC2086  # the probe is a function name and its argument
    if ! $probe && [[ " ${missing[*]} " != *" $pkg "* ]]; then
        missing+=("$pkg")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "system deps ($profile): all present"
    exit 0
fi

echo "system deps ($profile): missing ${missing[*]}"
if [ "$check_only" = 1 ]; then
    exit 1
fi

in_ci() { case "${CI:-}" in ""|0|false|False|FALSE|no) return 1 ;; *) return 0 ;; esac; }

# Without apt or root rights, say what is missing. For the tests, let them skip what they
# can (outside CI; in CI a missing dependency must stop the run); the app cannot start
# without its libraries, so --run always fails here.
cannot_install() {
    echo "system deps: $1; install by hand: ${missing[*]}" >&2
    if in_ci || [ "$profile" = run ]; then exit 1; fi
    exit 0
}

has_cmd apt-get || cannot_install "apt-get not found (not Debian/Ubuntu?)"

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if has_cmd sudo; then
        sudo=(sudo)
    else
        cannot_install "not root and no sudo"
    fi
fi

export DEBIAN_FRONTEND=noninteractive
started=$SECONDS
${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -qq
${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null
echo "system deps: installed ${missing[*]} in $((SECONDS - started)) s"

# Every probe must pass now (a package name that no longer provides its library is an error
# here, not a mystery later).
ldcache=""
still=()
for entry in "${needs[@]}"; do
    pkg=${entry%%|*}
    probe=${entry#*|}
    # shellcheck disable=SC2086
    $probe || still+=("$pkg")
done
if [ ${#still[@]} -gt 0 ]; then
    echo "system deps: still missing after apt-get install: ${still[*]}" >&2
    exit 1
fi
# Debian's postgresql package starts a cluster on port 5432 where services can start; the
# tests never use it (they start their own on a free port), so it is left alone.
