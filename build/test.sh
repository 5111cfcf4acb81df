#!/usr/bin/env bash
# THE test command: builds the solution once, runs every test project, and ends with one line
# `N passed, N failed[, N skipped]` computed from the TRX files. Exits non-zero on any failure or when no test ran.
# Interop tests need the oracles from build/install-interop.sh; without them they skip (and fail under CI=true).
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="$repo_root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

echo "== build (Release)"
if ! dotnet build Avro.Codegen.sln -c Release -nologo -v:q -clp:ErrorsOnly; then
  echo "build failed: no tests were run"
  exit 1
fi

echo "== test"
# --blame-hang-timeout bounds a hung test host, so one hang cannot eat the whole CI budget.
dotnet test Avro.Codegen.sln -c Release --no-build -nologo \
  -p:AvroTestResultsDir="$results" \
  --blame-hang-timeout 10m
test_exit=$?

# The system interpreter is always there on Debian; any python3 will do for parsing XML.
python=/usr/bin/python3
[ -x "$python" ] || python=python3

echo "== summary"
"$python" "$repo_root/build/trx_summary.py" "$results"
summary_exit=$?

if [ "$summary_exit" -ne 0 ]; then
  exit 1
fi
if [ "$test_exit" -ne 0 ]; then
  # dotnet test failed although every TRX result passed: a project that could not run leaves no result behind.
  echo "dotnet test exited $test_exit although no result failed; see its output above"
  exit 1
fi
exit 0
