#!/usr/bin/env bash
# The README's test command: installs what the tests need and is missing on this machine, then runs every test
# (unit, architecture, integration, UI). CI (.ci/run) calls exactly this script.
#
# Needs: the .NET 10 SDK (and the NuGet feed, for packages and the .NET tools). Installs with apt-get when missing (as root, or through sudo):
#   postgresql  - initdb/pg_ctl/postgres: the tests start their own throwaway cluster (no service is used)
#   util-linux  - runuser: as root the cluster runs as the postgres user
#   tzdata      - Europe/Berlin
#   chromium    - Debian's browser, driven by Playwright in tests/UiTests (no browser is downloaded)
#   wrk         - the benchmark's smoke test drives the read measurement with it
#   nodejs, npm - scripts/lint-openapi.sh: Spectral, Redocly and the TypeScript client check of docs/api/openapi-v1.json
# Without arguments it first lints the OpenAPI document (scripts/lint-openapi.sh), then runs every test. Extra arguments
# go to `dotnet test` alone (e.g. `scripts/test.sh --project tests/UnitTests`), without the lint.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
if ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null && ! command -v pg_ctl >/dev/null; then
  missing+=(postgresql)
fi
command -v runuser >/dev/null || missing+=(util-linux)
command -v wrk >/dev/null || missing+=(wrk)
[ -e /usr/share/zoneinfo/Europe/Berlin ] || missing+=(tzdata)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "Missing packages (${missing[*]}) and not root: install them with apt-get." >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is required (https://dot.net); it is not installed on this machine." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The .NET tools of .config/dotnet-tools.json (Kiota, which generates tests/ClientTests' API client; its build restores
# them too, this only fails early and clearly when the package feed cannot be reached).
dotnet tool restore
if (($# == 0)); then
  bash scripts/lint-openapi.sh
fi
# The xUnit XML reports let a red run end with the list of its failures (scripts/failed-tests.mjs): the end of the log is
# what a CI summary shows, and the live output names a failure minutes of host logs earlier.
results="$PWD/TestResults/run-$(date -u +%Y%m%d-%H%M%S)"
status=0
dotnet test "$@" --results-directory "$results" --report-xunit-xml || status=$?
if ((status != 0)); then
  node scripts/failed-tests.mjs "$results" || true
fi
exit "$status"
