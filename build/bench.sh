#!/usr/bin/env bash
# Runs the benchmarks of tests/Avro.Codegen.Benchmarks (see docs/benchmarks.md).
#   build/bench.sh            every benchmark in BenchmarkDotNet's short mode with 250 ms iterations (about 3
#                             minutes on 2 quiet cores, under 5 on a loaded one)
#   build/bench.sh --check    only the byte-identity and size checks of every benchmark's setup (seconds)
#   build/bench.sh ARGS...    any BenchmarkDotNet arguments instead, e.g. --filter '*Order*' (full statistical runs)
# Results (markdown, csv, logs) go to artifacts/benchmarks/results.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/tests/Avro.Codegen.Benchmarks"

if [[ $# -eq 0 ]]; then
  # BenchmarkDotNet builds its boilerplate project under a 2-minute limit by default; on a loaded 2-core machine
  # that build alone can take longer, so the limit is raised rather than losing the run.
  set -- --job short --iterationTime 250 --buildTimeout 600 --filter '*'
fi
if [[ "$1" == "--check" ]]; then
  exec dotnet run -c Release --project "$project" -- --check
fi
exec dotnet run -c Release --project "$project" -- "$@" --artifacts "$root/artifacts/benchmarks"
