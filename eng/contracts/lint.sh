#!/usr/bin/env bash
# Generates the interface contracts of every release under spec/ with `vr contracts` and lints them:
#   - openapi.json with Spectral and the Logius API Design Rules ruleset, used in place (zero errors);
#   - asyncapi.yaml with the AsyncAPI parser (zero errors).
# The standard's $ids resolve from spec/ (resolver.js); nothing is fetched.
# Usage: eng/contracts/lint.sh <vr command...>   (for example: dotnet src/Vr.Standaarden.Cli/bin/Release/net10.0/vr.dll)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
[ "$#" -gt 0 ] || { echo "usage: eng/contracts/lint.sh <vr command...>" >&2; exit 2; }
ruleset="${VR_CONFORMANCE_DIR:-$root/../shared/conformance}/api-design-rules/ruleset.yaml"
[ -f "$ruleset" ] || { echo "contracts: the API Design Rules ruleset is missing at $ruleset" >&2; exit 1; }
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

out="$(mktemp -d)"
for release in "$root"/spec/[0-9]*/; do
  name="$(basename "$release")"
  "$@" contracts "$release" -o "$out/$name" >/dev/null
  "$here/node_modules/.bin/spectral" lint --quiet -r "$ruleset" --resolver "$here/resolver.js" -F error "$out/$name/openapi.json"
  echo "contracts: $name openapi.json: API Design Rules: 0 errors ($(node -e 'const d=require(process.argv[1]);let n=0;for(const p of Object.values(d.paths))for(const k of Object.keys(p))if(k!=="servers")n++;console.log(Object.keys(d.paths).length+" paths, "+n+" operations")' "$out/$name/openapi.json"))"
  node "$here/asyncapi.mjs" "$out/$name/asyncapi.yaml" | tail -n 1 | sed "s#^$out/##"
done
