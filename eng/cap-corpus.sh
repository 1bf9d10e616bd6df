#!/usr/bin/env bash
# The CAP alerts from abroad and from the past (tests/fixtures/interop/cap-wereld), through the tool as a user runs it:
# vr convert --from cap --to bericht, vr validate on what it made, vr convert --from bericht --to cap back, and
# vr convert --from cap --to cap: the alert that comes back through the messages is byte for byte the one the direct
# trip writes. Usage: eng/cap-corpus.sh <vr command...>
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
source="urn:nld:oin:00000004000000042000:systeem:cap-gateway"
alerts=0 messages=0 notices=0
fail() { cat "$out/err" >&2 2>/dev/null || true; echo "cap-corpus: $name $1" >&2; exit 1; }
for alert in tests/fixtures/interop/cap-wereld/*.xml; do
  name="$(basename "$alert" .xml)"
  alerts=$((alerts + 1))
  "$@" convert --from cap --to cap -o "$out/cap-$name" "$alert" 2>"$out/err" || fail "does not round-trip as CAP"
  "$@" convert --from cap --to bericht --source "$source" -o "$out/$name" "$alert" 2>"$out/err" || fail "does not convert"
  "$@" validate "$out/$name"/*.json >"$out/err" || fail "converts to an invalid message"
  "$@" convert --from bericht --to cap -o "$out/back-$name" "$out/$name"/*.json 2>"$out/err" || fail "does not convert back"
  cmp -s "$out/cap-$name"/*.xml "$out/back-$name"/*.xml || { diff "$out/cap-$name"/*.xml "$out/back-$name"/*.xml >&2 || true; fail "comes back different through the messages"; }
  messages=$((messages + $(ls "$out/$name" | wc -l)))
  if grep -q '"nl.veiligheidsregio.kennisgeving.v1"' "$out/$name"/*.json; then notices=$((notices + 1)); fi
done
echo "cap-corpus: $alerts alerts convert to $messages valid messages ($notices without info as a kennisgeving) and come back byte for byte"
