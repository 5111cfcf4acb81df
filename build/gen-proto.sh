#!/usr/bin/env bash
# Regenerates the committed C# for the benchmark's Protobuf messages, so that building needs no protoc.
# Needs protoc 3.21 or newer (Debian 12: apt-get install -y protobuf-compiler).
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tests/Avro.Codegen.Benchmarks/Protobuf" && pwd)"
protoc --proto_path="$dir" --csharp_out="$dir" "$dir/bench.proto"
echo "regenerated $dir/Bench.cs with $(protoc --version)"
