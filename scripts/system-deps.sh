#!/usr/bin/env bash
# Checks the Debian packages the portal needs outside Python, and installs the missing ones
# when it can (root, or passwordless sudo).
#
#   scripts/system-deps.sh test   chromium and Pango are required (browser tests, PDFs);
#                                 gettext (msgfmt) and docker-compose are wanted
#   scripts/system-deps.sh run    Pango is wanted (PDF publications): warns if missing
#
# When nothing is missing it only asks dpkg, once.
set -euo pipefail

mode="${1:-test}"

# package -> what it is for
declare -A purpose=(
    [chromium]="browser tests (headless Chromium at /usr/bin/chromium, driven by Playwright)"
    [libpango-1.0-0]="PDF publications (WeasyPrint)"
    [libpangoft2-1.0-0]="PDF publications (WeasyPrint)"
    [libharfbuzz-subset0]="PDF publications (WeasyPrint)"
    [fonts-dejavu-core]="PDF publications (WeasyPrint needs a font)"
    [gettext]="compiling translations (msgfmt)"
    [docker-compose]="validating docker-compose.yml (its test is skipped without it)"
    [poppler-utils]="reading the text of built PDFs in tests (pdftotext)"
)
pango=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
case "$mode" in
    test)
        required=(chromium "${pango[@]}")
        wanted=(gettext docker-compose poppler-utils)
        ;;
    run)
        required=()
        wanted=("${pango[@]}")
        ;;
    *)
        echo "usage: $0 test|run" >&2
        exit 2
        ;;
esac
all=("${required[@]}" "${wanted[@]}")

say() { printf 'system-deps: %s\n' "$*" >&2; }

if ! command -v dpkg-query >/dev/null; then
    say "not a Debian-like system (no dpkg-query): cannot check ${all[*]}."
    if [[ "$mode" == test ]] && [[ ! -x /usr/bin/chromium ]]; then
        say "the browser tests need Chromium at /usr/bin/chromium."
        exit 1
    fi
    exit 0
fi

missing_of() {
    local installed
    # dpkg-query fails when it does not know a package; the rest of its answer still counts.
    installed=" $({ dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' "$@" 2>/dev/null || true; } \
        | awk '$1 == "ii" {printf "%s ", $2}') "
    local package
    for package in "$@"; do
        [[ "$installed" == *" $package "* ]] || printf '%s\n' "$package"
    done
}

mapfile -t missing < <(missing_of "${all[@]}")
[[ ${#missing[@]} -eq 0 ]] && exit 0

# Installing: as root directly, else through sudo if it needs no password.
if [[ $EUID -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    as_root=(none)
fi

if [[ "${as_root[*]-}" != none ]] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]}"
    # needrestart would otherwise offer to restart services (PostgreSQL, Redis) mid-run.
    export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
    if ! "${as_root[@]}" apt-get update -qq >&2 \
        || ! "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; then
        say "apt-get failed"
    fi
    mapfile -t missing < <(missing_of "${all[@]}")
    [[ ${#missing[@]} -eq 0 ]] && exit 0
fi

status=0
say "missing Debian packages:"
for package in "${missing[@]}"; do
    say "  $package: for ${purpose[$package]}"
    for needed in "${required[@]}"; do
        [[ "$package" == "$needed" ]] && status=1
    done
done
say "install them with: sudo apt-get install --no-install-recommends ${missing[*]}"
if [[ $status -ne 0 ]]; then
    say "the tests cannot run without the required ones."
elif [[ "$mode" == run ]]; then
    say "continuing without them: PDF publications will fail until Pango is installed."
fi
exit "$status"
