#!/usr/bin/env bash
# Build the ShopCRM application folder with PyInstaller (Linux and macOS; Windows:
# scripts/build_installer.ps1):
#
#   bash scripts/build_installer.sh [--dist DIR] [--self-test]
#
# Installs the project with its `build` extra (PyInstaller) into .venv, builds the .qm
# translations, runs PyInstaller on installer.spec and prints the folder's size. The result
# is DIR/ShopCRM/ (default DIR: dist) holding ShopCRM, shopcrm-cli and _internal/; on
# macOS also DIR/ShopCRM.app. --self-test then runs the built program's self-test
# (offscreen) and fails when it fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$SECONDS
dist=dist
run_self_test=0
while [ $# -gt 0 ]; do
    case "$1" in
        --dist) dist=${2:?--dist needs a folder}; shift 2 ;;
        --self-test) run_self_test=1; shift ;;
        *) echo "usage: $0 [--dist DIR] [--self-test]" >&2; exit 2 ;;
    esac
done
step() { printf '\n== %s\n' "$*"; }

step "python environment (build extra)"
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
py=.venv/bin/python
# pip runs only when pyproject.toml changed since the last build install into this venv.
stamp=.venv/.shopcrm-install-build
want=$("$py" -c "import hashlib; print(hashlib.sha256(open('pyproject.toml','rb').read()).hexdigest())")
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || ! "$py" -c "import PyInstaller" 2>/dev/null; then
    "$py" -m pip install -q --disable-pip-version-check -e ".[build]"
    echo "$want" >"$stamp"
fi
"$py" -c "import PyInstaller; print('PyInstaller', PyInstaller.__version__)"

if [ -f scripts/build_translations.py ]; then
    step "translations"
    "$py" scripts/build_translations.py
fi

step "pyinstaller installer.spec"
build_started=$SECONDS
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath build/pyinstaller installer.spec
build_seconds=$((SECONDS - build_started))

folder=$dist/ShopCRM
if [ ! -x "$folder/ShopCRM" ]; then
    echo "build_installer: $folder/ShopCRM was not built" >&2
    exit 1
fi

step "result"
size=$(du -sh "$folder" | cut -f1)
files=$(find "$folder" -type f | wc -l | tr -d ' ')
echo "$folder: $size in $files files (PyInstaller took ${build_seconds} s)"
# awk reads everything (head would close the pipe early: SIGPIPE, exit 141 under pipefail)
du -sh "$folder"/_internal/* "$folder"/ShopCRM "$folder"/shopcrm-cli 2>/dev/null |
    sort -rh | awk 'NR <= 10 { print "  " $0 }'

if [ "$run_self_test" = 1 ]; then
    step "$folder/ShopCRM --self-test"
    QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$folder/ShopCRM" --self-test
fi
echo
echo "== built in $((SECONDS - started)) s"
