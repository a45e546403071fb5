#!/usr/bin/env bash
# Creates or updates .venv from uv.lock with uv, bootstrapping uv itself if needed.
#
# Python: $PYTHON if set, else the first Python >= 3.12 among python3.12, python3.13,
# python3.14, python3 and pyenv's installed versions. uv is never allowed to download one
# (the network may only reach the package registries).
# uv: `uv` on PATH if it is at least $UV_VERSION, else a copy installed with pip into
# .local/uv (so a machine without uv needs nothing but Python).
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.9
MIN_PYTHON="3.12"

say() { printf 'venv: %s\n' "$*" >&2; }

# Prints the real path of an interpreter if it is Python >= 3.12 (shims resolve to it).
python_ok() {
    "$1" -c 'import sys; sys.version_info >= (3, 12) and print(sys.executable)' 2>/dev/null
}

find_python() {
    local candidates=() candidate found root
    [[ -n "${PYTHON:-}" ]] && candidates+=("$PYTHON")
    candidates+=(python3.12 python3.13 python3.14 python3)
    # pyenv's versions even when its shims are not on PATH or pick another version.
    root="$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"
    for candidate in "$root"/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
        [[ -x "$candidate" ]] && candidates+=("$candidate")
    done
    for candidate in "${candidates[@]}"; do
        command -v "$candidate" >/dev/null 2>&1 || continue
        if found="$(python_ok "$candidate")" && [[ -n "$found" ]]; then
            echo "$found"
            return 0
        fi
    done
    return 1
}

# True when version $1 >= version $2.
version_ge() { [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" == "$2" ]]; }

find_uv() {
    local uv version
    if uv="$(command -v uv)"; then
        version="$("$uv" --version 2>/dev/null | awk '{print $2}')"
        if version_ge "${version:-0}" "$UV_VERSION"; then
            echo "$uv"
            return 0
        fi
        say "uv on PATH is ${version:-unknown}, older than $UV_VERSION; using a project-local copy"
    fi
    uv=.local/uv/bin/uv
    if [[ -x "$uv" ]] && [[ "$("$uv" --version | awk '{print $2}')" == "$UV_VERSION" ]]; then
        echo "$uv"
        return 0
    fi
    say "installing uv $UV_VERSION into .local/uv with pip"
    rm -rf .local/uv
    mkdir -p .local
    if ! "$python" -m venv .local/uv >&2; then
        say "could not create a virtualenv with $python (is its venv module installed?)"
        return 1
    fi
    .local/uv/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION" >&2
    echo "$uv"
}

if ! python="$(find_python)"; then
    say "no Python >= $MIN_PYTHON found (tried \$PYTHON, python3.12, python3.13, python3.14, python3, pyenv)."
    say "Install one, e.g. with pyenv: pyenv install 3.12 (Debian 12 ships only 3.11),"
    say "or point PYTHON at it: make PYTHON=/path/to/python3.12 ..."
    exit 1
fi
uv="$(find_uv)"

# The environment is always .venv, whatever the caller's shell says.
unset UV_PROJECT_ENVIRONMENT VIRTUAL_ENV
export UV_PYTHON_DOWNLOADS=never
"$uv" sync --frozen --python "$python"
