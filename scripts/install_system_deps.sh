#!/usr/bin/env bash
# Install the Debian packages the tests need, only when something is missing.
#
#   bash scripts/install_system_deps.sh          install what is missing (apt-get)
#   bash scripts/install_system_deps.sh --check  only list what is missing; exit 1 if anything is
#
# Needed: PostgreSQL server binaries with contrib (pg_trgm) for the integration tests, Xvfb and
# xauth for tests that need a real X server, fontconfig, the X/xcb/EGL/GL libraries of PySide6's
# offscreen and xcb platform plugins, and Python's venv module. Idempotent: when every probe
# passes it returns at once without touching apt. Uses sudo only when not root.
set -euo pipefail

check_only=0
case "${1:-}" in
    --check) check_only=1 ;;
    "") ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

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

# package|probe
needs=(
    "postgresql|has_postgres"
    "xvfb|has_cmd Xvfb"
    "xauth|has_cmd xauth"
    "fontconfig|has_cmd fc-list"
    "python3-venv|has_venv"
    "libegl1|has_lib libEGL.so.1"
    "libgl1|has_lib libGL.so.1"
    "libopengl0|has_lib libOpenGL.so.0"
    "libxkbcommon0|has_lib libxkbcommon.so.0"
    "libxkbcommon-x11-0|has_lib libxkbcommon-x11.so.0"
    "libfontconfig1|has_lib libfontconfig.so.1"
    "libdbus-1-3|has_lib libdbus-1.so.3"
    "libx11-xcb1|has_lib libX11-xcb.so.1"
    "libxcb-cursor0|has_lib libxcb-cursor.so.0"
    "libxcb-icccm4|has_lib libxcb-icccm.so.4"
    "libxcb-keysyms1|has_lib libxcb-keysyms.so.1"
    "libxcb-shape0|has_lib libxcb-shape.so.0"
    "libxcb-xinerama0|has_lib libxcb-xinerama.so.0"
    "libxcb-randr0|has_lib libxcb-randr.so.0"
    "libxcb-render-util0|has_lib libxcb-render-util.so.0"
    "libxcb-image0|has_lib libxcb-image.so.0"
    "libxcb-xkb1|has_lib libxcb-xkb.so.1"
    "libglib2.0-0|has_lib libglib-2.0.so.0"
)

missing=()
for entry in "${needs[@]}"; do
    pkg=${entry%%|*}
    probe=${entry#*|}
    # shellcheck disable=SC2086  # the probe is a function name and its argument
    $probe || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "system deps: all present"
    exit 0
fi

echo "system deps: missing ${missing[*]}"
if [ "$check_only" = 1 ]; then
    exit 1
fi

in_ci() { case "${CI:-}" in ""|0|false|False|FALSE|no) return 1 ;; *) return 0 ;; esac; }

# Without apt or root rights, say what is missing and let the tests skip what they can
# (outside CI); in CI a missing dependency must stop the run.
cannot_install() {
    echo "system deps: $1; install by hand: ${missing[*]}" >&2
    if in_ci; then exit 1; fi
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

# Debian's postgresql package starts a cluster on port 5432 where services can start; the
# tests never use it (they start their own on a free port), so it is left alone.
has_postgres || { echo "system deps: PostgreSQL still not found after install" >&2; exit 1; }
