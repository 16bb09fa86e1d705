#!/usr/bin/env bash
# The system packages equipath needs, in one list. `make demo`, `make test` and `.ci/run`
# all call this script; nothing else installs system packages.
#
# What is missing is installed with apt (Debian/Ubuntu) when this runs as root or with
# password-less sudo. Otherwise the script prints the one command to run and exits 1
# before anything else is done.
#
#   scripts/system-deps.sh           install what is missing
#   scripts/system-deps.sh --check   only say what is missing (exit 1 if anything is)
#
# EQUIPATH_SKIP_SYSTEM_DEPS=1 skips it (you install the equivalents yourself).
set -euo pipefail

if [ "${EQUIPATH_SKIP_SYSTEM_DEPS:-}" = "1" ]; then
  exit 0
fi
check_only=0
[ "${1:-}" = "--check" ] && check_only=1

# the shared-library cache, read once (not `ldconfig -p | grep -q`: with pipefail, grep's
# early exit makes ldconfig's SIGPIPE a failure now and then)
libraries=$( { /sbin/ldconfig -p || ldconfig -p; } 2>/dev/null || true)
has_lib() {
  [[ $libraries == *"$1"* ]]
}

missing=()
# need <Debian package> <command that succeeds when it is there>   # who needs it
need() {
  local package=$1
  shift
  "$@" >/dev/null 2>&1 || missing+=("$package")
}
need make                    command -v make                        # the make verbs
need git                     command -v git                         # CI's clone, tests
need chromium                test -x /usr/bin/chromium              # report charts, browser tests (Debian's; never a downloaded browser)
need poppler-utils           command -v pdftoppm                    # report PDF pages as PNG in tests
need libpango-1.0-0          has_lib libpango-1.0.so.0              # WeasyPrint (report PDFs)
need libpangoft2-1.0-0       has_lib libpangoft2-1.0.so.0           # WeasyPrint
need libharfbuzz-subset0     has_lib libharfbuzz-subset.so.0        # WeasyPrint font subsetting
need fonts-dejavu-core       test -d /usr/share/fonts/truetype/dejavu
need fonts-liberation        test -d /usr/share/fonts/truetype/liberation
need openjdk-17-jre-headless command -v java                        # Spark (make test-spark, --engine spark)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

command_line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ $check_only -eq 1 ]; then
  echo "system packages missing: ${missing[*]} (install: sudo sh -c '$command_line')"
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "equipath needs these system packages (Debian names): ${missing[*]}." >&2
  echo "This machine has no apt-get: install their equivalents with its package manager," >&2
  echo "then run make again (or set EQUIPATH_SKIP_SYSTEM_DEPS=1 once they are there)." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "equipath needs system packages that are not installed: ${missing[*]}." >&2
  echo "Run this once (it needs root), then run make again:" >&2
  echo "  sudo sh -c '$command_line'" >&2
  exit 1
fi

echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
