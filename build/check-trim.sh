#!/usr/bin/env bash
# Publishes a sample self-contained and trimmed (JIT, PublishAot off) against freshly packed packages, fails on any
# trim (IL2xxx) or AOT (IL3xxx) warning, and runs the result. See docs/benchmarks.md, "Trimming and NativeAOT" (the
# NativeAOT publish itself runs in the package tests).
#   build/check-trim.sh [sample project folder]   (default: samples/Avro.Codegen.AotSample)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sample="${1:-$root/samples/Avro.Codegen.AotSample}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A private package folder, so NuGet's per-version cache never serves an older build of the same version.
export NUGET_PACKAGES="$work/nuget"
dotnet pack "$root/src/Avro.Codegen.Packages.slnf" -c Release -o "$root/artifacts/packages" -nologo -v:q
dotnet publish "$sample" -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true -p:PublishAot=false -o "$work/out" -nologo \
  | tee "$work/publish.log"
if grep -E "warning IL[23][0-9]{3}" "$work/publish.log"; then
  echo "trim/AOT warnings above" >&2
  exit 1
fi
app="$(find "$work/out" -maxdepth 1 -type f -executable -name "$(basename "$sample")")"
"$app"
echo "trimmed publish: no IL2xxx/IL3xxx warnings; the app ran ($(du -sh "$work/out" | cut -f1))"
