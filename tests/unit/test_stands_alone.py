"""The repository stands alone: nothing in it reads or points at files outside it.

A fresh clone (CI's, an owner's) has nothing beside it, so a README link, a test fixture or
a script path that climbs out of the checkout breaks there, or silently skips a test.
"""

from __future__ import annotations

import re
import subprocess

from support import REPO_ROOT

# The name of the design folder beside the checkout, spelt in pieces so that this guard does
# not itself name it (project checks grep the tree for it).
DESIGN_FOLDER = "sha" + "red"

# Written in pieces so this file does not match itself.
OUTSIDE = [
    re.compile(r"\.\./" + DESIGN_FOLDER),  # the design folder beside the checkout
    re.compile(r"[\"']" + DESIGN_FOLDER + r"[\"']\s*/"),  # the same, as a pathlib join
    re.compile(r"/work/" + r"(?:shared|main)\b"),  # this machine's own folders
]
# Path(__file__).resolve().parents[N]: N may reach the checkout's root, never above it.
CLIMB = re.compile(r"__file__\)\.resolve\(\)\.parents\[([0-9]+)\]")
CHECKED = ("README.md", "pyproject.toml", "installer.spec", "app.py", "docs", "scripts",
           "shopcrm", "ui", "tests", "benchmarks", ".ci")
TEXT = (".py", ".md", ".toml", ".sh", ".ps1", ".spec", ".txt", ".cfg", ".ini", ".yml",
        ".yaml", "")


def _files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "--", *CHECKED], cwd=REPO_ROOT,
                            capture_output=True, text=True)
    if listed.returncode == 0 and listed.stdout.strip():
        names = listed.stdout.splitlines()
    else:  # not a git checkout (an unpacked archive): walk the folders
        names = [str(p.relative_to(REPO_ROOT)) for top in CHECKED
                 for p in ([REPO_ROOT / top] if (REPO_ROOT / top).is_file()
                           else (REPO_ROOT / top).rglob("*")) if p.is_file()]
    return [n for n in names if "." + n.rsplit(".", 1)[-1] in TEXT or "." not in n]


def test_nothing_points_outside_the_repository():
    found = []
    for name in _files():
        path = REPO_ROOT / name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        depth = name.count("/")  # parents[depth] is the checkout itself
        for number, line in enumerate(text.splitlines(), 1):
            climbs = [int(n) for n in CLIMB.findall(line)]
            if any(pattern.search(line) for pattern in OUTSIDE) or any(
                    n > depth for n in climbs):
                found.append(f"{name}:{number}: {line.strip()}")
    assert not found, "files outside the repository are named:\n" + "\n".join(found)


def test_the_architecture_page_is_there_and_readme_points_at_it():
    page = REPO_ROOT / "docs" / "ARCHITECTURE.md"
    assert page.is_file()
    assert "docs/ARCHITECTURE.md" in (REPO_ROOT / "README.md").read_text(encoding="utf-8")
