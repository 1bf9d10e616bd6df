#!/usr/bin/env bash
# The CAP alerts from abroad and from the past (tests/fixtures/interop/cap-wereld), through the tool as a user runs it:
# vr convert --from cap --to bericht, vr validate on what it made, and vr convert --from cap --to cap (every alert that
# parses round-trips). Usage: eng/cap-corpus.sh <vr command...>
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
source="urn:nld:oin:00000004000000042000:systeem:cap-gateway"
alerts=0 messages=0 without_info=0
for alert in tests/fixtures/interop/cap-wereld/*.xml; do
  name="$(basename "$alert" .xml)"
  alerts=$((alerts + 1))
  "$@" convert --from cap --to cap -o "$out/cap-$name" "$alert" 2>"$out/err" || { cat "$out/err" >&2; echo "cap-corpus: $name does not round-trip" >&2; exit 1; }
  if grep -q "<info>" "$alert"; then
    "$@" convert --from cap --to bericht --source "$source" -o "$out/$name" "$alert" 2>"$out/err" || { cat "$out/err" >&2; echo "cap-corpus: $name does not convert" >&2; exit 1; }
    "$@" validate "$out/$name"/*.json >"$out/validate" || { cat "$out/validate" >&2; echo "cap-corpus: $name converts to an invalid message" >&2; exit 1; }
    messages=$((messages + $(ls "$out/$name" | wc -l)))
  else
    without_info=$((without_info + 1))
  fi
done
echo "cap-corpus: $alerts alerts round-trip; $messages messages from $((alerts - without_info)) alerts with info validate; $without_info without info (Ack, Cancel) wait for a message type of release 1.2"
