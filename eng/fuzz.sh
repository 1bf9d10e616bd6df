#!/usr/bin/env bash
# Fuzzes the entry points that take untrusted input with AFL++ over SharpFuzz-instrumented assemblies.
#
#   eng/fuzz.sh <seconds-per-target> [target...]     targets: messages-read message-validator schema pattern values transport-receive cap-read
#
# Needs afl-fuzz (Debian: apt-get install afl++) and the .NET SDK; the SharpFuzz tool comes from the local tool
# manifest. Findings go to artifacts/fuzz/<target>/. Prints executions, paths and crashes per target; exits 1 when any
# target crashed or hung (the inputs are copied to artifacts/fuzz/crashes/<target>/: add them to
# tests/fuzz/regressions/<target>/ once fixed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds="${1:?usage: eng/fuzz.sh <seconds-per-target> [target...]}"
shift
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(messages-read message-validator schema pattern values transport-receive cap-read)
command -v afl-fuzz >/dev/null || { echo "eng/fuzz.sh: afl-fuzz is missing (apt-get install afl++)" >&2; exit 2; }

out="$(pwd)/artifacts/fuzz"
bin="$out/bin"
rm -rf "$out"
mkdir -p "$out"
dotnet tool restore >/dev/null
dotnet publish tests/Vr.Standaarden.Fuzzing -c Release -o "$bin" --nologo -v quiet
for dll in "$bin"/Vr.Standaarden.*.dll; do
  case "$(basename "$dll")" in
    Vr.Standaarden.Fuzzing.dll) ;;
    *) dotnet sharpfuzz "$dll" >/dev/null ;;
  esac
done

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export DOTNET_TieredPGO=0
failed=0
for target in "${targets[@]}"; do
  seeds="tests/fuzz/seeds/$target"
  [ -d "$seeds" ] || { echo "eng/fuzz.sh: no target '$target'" >&2; exit 2; }
  afl-fuzz -i "$seeds" -o "$out/$target" -V "$seconds" -t 5000 -m none -- dotnet "$bin/Vr.Standaarden.Fuzzing.dll" "$target" >"$out/$target.log" 2>&1 || {
    echo "eng/fuzz.sh: afl-fuzz failed for $target; its log:" >&2
    tail -30 "$out/$target.log" >&2
    exit 1
  }
  stats="$out/$target/default/fuzzer_stats"
  value() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  crashes="$(value saved_crashes)"
  hangs="$(value saved_hangs)"
  echo "fuzz $target: $(value execs_done) executions in $(value run_time) s, $(value corpus_count) paths, $crashes crashes, $hangs hangs"
  if [ "$crashes" != "0" ] || [ "$hangs" != "0" ]; then
    failed=1
    mkdir -p "$out/crashes/$target"
    find "$out/$target/default/crashes" "$out/$target/default/hangs" -type f -name 'id:*' -exec cp {} "$out/crashes/$target/" \;
  fi
done
exit "$failed"
