#!/usr/bin/env bash
# The tests that need real services (Prometheus, Alertmanager) or a real browser (Chromium): `npm run test:services`, and
# `.ci/run` after `npm test`. Whatever is missing is installed from Debian's apt; whatever still
# cannot be found fails the run with its name. These tests never skip: a skipped service test
# would read as a pass.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Debian packages the service tests need (bookworm names; promtool ships with prometheus).
APT_PACKAGES="prometheus prometheus-alertmanager chromium"
# The executables the tests start, each provided by one of the packages above (a package added
# to APT_PACKAGES for a new service test adds its executable here, so its absence is named).
REQUIRED_BINARIES="prometheus promtool prometheus-alertmanager chromium"

missing_binaries() {
  local missing=""
  for binary in $REQUIRED_BINARIES; do
    command -v "$binary" >/dev/null 2>&1 || missing="$missing $binary"
  done
  echo "${missing# }"
}

missing="$(missing_binaries)"
if [ -n "$missing" ] && command -v apt-get >/dev/null 2>&1; then
  echo "== service tests: installing from apt ($APT_PACKAGES) for: $missing"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq || true
  # shellcheck disable=SC2086 # the package list is meant to split into words
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    $APT_PACKAGES || true
  missing="$(missing_binaries)"
fi
if [ -n "$missing" ]; then
  echo "service tests FAILED: missing executable(s) on PATH: $missing" >&2
  echo "  install the Debian packages: apt-get install $APT_PACKAGES" >&2
  exit 1
fi

echo "== service tests ($(prometheus --version 2>&1 | head -n 1); $(prometheus-alertmanager --version 2>&1 | head -n 1))"
# The tests run `fairwatch serve` from dist/, so build first.
npm run build --silent
npx vitest run --config vitest.services.config.ts "$@"
