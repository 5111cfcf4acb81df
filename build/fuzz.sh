#!/usr/bin/env bash
# Coverage-guided fuzzing of one target with afl++ and SharpFuzz (install both once: build/install-fuzz.sh).
#   build/fuzz.sh TARGET SECONDS
# Targets (tests/Avro.Codegen.Fuzz/Targets.cs): binary-generated binary-generic resolution json-generated json-generic
# schema registry container. Seeds: tests/fuzz/corpus/TARGET. Findings: artifacts/fuzz/findings/TARGET (crashes/,
# hangs/, queue/). Publishes the fuzz project to artifacts/fuzz/bin and instruments the product assemblies and the
# generated code there (never the normal build output). Not run in CI.
# AVRO_FUZZ_REUSE_BIN=1 skips the publish and instrumentation when an instrumented build is there (a series of targets).
# A crash is reproduced with the uninstrumented build (instrumented code only runs under afl):
#   dotnet tests/Avro.Codegen.Fuzz/bin/Release/net10.0/Avro.Codegen.Fuzz.dll replay TARGET FILE
# and then kept as tests/fuzz/crashers/TARGET/NAME with a regression test (docs/security.md).
set -euo pipefail
if [ $# -ne 2 ]; then echo "usage: build/fuzz.sh TARGET SECONDS" >&2; exit 2; fi
target=$1; seconds=$2
root=$(cd "$(dirname "$0")/.." && pwd)
seeds="$root/tests/fuzz/corpus/$target"
if [ ! -d "$seeds" ]; then echo "no seed corpus $seeds (targets: $(ls "$root/tests/fuzz/corpus" | tr '\n' ' '))" >&2; exit 2; fi
sharpfuzz="$root/artifacts/tools/sharpfuzz"
if ! command -v afl-fuzz >/dev/null 2>&1 || [ ! -x "$sharpfuzz" ]; then echo "afl-fuzz or sharpfuzz missing: run build/install-fuzz.sh" >&2; exit 2; fi

bin="$root/artifacts/fuzz/bin"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
project="$root/tests/Avro.Codegen.Fuzz/Avro.Codegen.Fuzz.csproj"
if [ "${AVRO_FUZZ_REUSE_BIN:-}" = 1 ] && [ -f "$bin/.instrumented" ]; then
  echo "reusing the instrumented build in $bin (AVRO_FUZZ_REUSE_BIN=1)"
else
# A fresh publish by default: instrumenting twice is not possible, and a stale binary would fuzz old code.
rm -rf "$bin"
dotnet publish "$project" -c Release -o "$bin" -nologo -v:q -clp:ErrorsOnly
# The product (runtime and schema core) with the SharpFuzz tool; in the fuzz assembly only the generated code (the
# harness itself runs before the fork server starts, where instrumented code would fail): the uninstrumented build of
# the same project does that.
for dll in Avro.Codegen.dll Avro.Codegen.Schema.dll; do
  "$sharpfuzz" "$bin/$dll"
done
dotnet build "$project" -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null
dotnet "$root/tests/Avro.Codegen.Fuzz/bin/Release/net10.0/Avro.Codegen.Fuzz.dll" instrument "$bin/Avro.Codegen.Fuzz.dll"
touch "$bin/.instrumented"
fi

findings="$root/artifacts/fuzz/findings/$target"
rm -rf "$findings"
mkdir -p "$(dirname "$findings")"
# dotnet itself is not instrumented (AFL_SKIP_BIN_CHECK); the machine is shared, so no CPU pinning (AFL_NO_AFFINITY).
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_FORKSRV_INIT_TMOUT=60000
set +e
afl-fuzz -i "$seeds" -o "$findings" -t 5000 -m none -V "$seconds" -- dotnet "$bin/Avro.Codegen.Fuzz.dll" "$target" > "$findings.log" 2>&1
status=$?
set -e
stats="$findings/default/fuzzer_stats"
if [ ! -f "$stats" ]; then tail -40 "$findings.log"; echo "afl-fuzz did not start (exit $status); log: $findings.log" >&2; exit 1; fi
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|bitmap_cvg|saved_crashes|saved_hangs|unique_crashes|unique_hangs) ' "$stats" || true
crashes=$(find "$findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
hangs=$(find "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
echo "$target: fuzzed ${seconds}s, $crashes crashes, $hangs hangs (findings: $findings)"
