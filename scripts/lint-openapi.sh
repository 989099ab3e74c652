#!/usr/bin/env bash
# Lints the API contract docs/api/openapi-v1.json (the served document, kept equal to it by OpenApiTests) and proves a
# TypeScript client generated from it is exact (ADR 0039). Fails on any error or warning:
#   1. Spectral with spectral:oas (tools/openapi/.spectral.yaml)
#   2. Redocly with recommended (tools/openapi/redocly.yaml)
#   3. openapi-typescript generates tests/ApiClientTs/generated/api.d.ts; tsc --strict compiles client.ts (written from
#      API.md), whose @ts-expect-error lines must be errors (a wrong enum value, a missing required field, unchecked nulls).
# The tools are pinned in package-lock.json files and installed with `npm ci` (needs node and npm; scripts/test.sh installs
# them with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
doc=docs/api/openapi-v1.json
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

echo "== OpenAPI lint: $doc"
(cd tools/openapi && npm ci --ignore-scripts --no-progress --loglevel=error)
tools/openapi/node_modules/.bin/spectral lint --ruleset tools/openapi/.spectral.yaml --fail-severity=warn "$doc"

report=$(mktemp)
trap 'rm -f "$report"' EXIT
tools/openapi/node_modules/.bin/redocly lint --config tools/openapi/redocly.yaml --format=json "$doc" >"$report" 2>/dev/null || true
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const p of r.problems ?? []) console.log(`${p.severity} ${p.ruleId}: ${p.message} (${(p.location ?? []).map(l => l.pointer).join(", ")})`);
  const t = r.totals ?? {};
  console.log(`Redocly: ${t.errors ?? "?"} errors, ${t.warnings ?? "?"} warnings`);
  if (t.errors !== 0 || t.warnings !== 0) process.exit(1);
' "$report"

echo "== TypeScript client from $doc (tsc --strict)"
(cd tests/ApiClientTs && npm ci --no-progress --loglevel=error \
  && node_modules/.bin/openapi-typescript "../../$doc" -o generated/api.d.ts --silent \
  && node_modules/.bin/tsc -p tsconfig.json)
echo "OpenAPI lint and TypeScript check: 0 errors, 0 warnings"
