#!/usr/bin/env bash
# Installs what build/fuzz.sh needs: Debian's afl++ and the SharpFuzz.CommandLine dotnet tool (which instruments
# .NET assemblies for afl). Fuzzing never runs in CI, so CI does not call this; run it once on a developer machine.
# The tool goes to artifacts/tools/ (not the global tool folder), so the repository pins its version.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sharpfuzz_version=2.3.0

if ! command -v afl-fuzz >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq afl++ >/dev/null
fi

tools="$root/artifacts/tools"
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$tools" >/dev/null
fi

echo "afl-fuzz: $(command -v afl-fuzz)"
echo "sharpfuzz: $tools/sharpfuzz"
