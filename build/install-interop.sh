#!/usr/bin/env bash
# Installs the independent Avro implementations that the interop tests compare against:
#   - Java Apache Avro (Debian libavro-java, and libavro-compiler-java for Avro IDL) and a JDK to compile
#     build/oracles/java, with snappy-java, xz-java and commons-compress for the container codecs snappy, xz and bzip2,
#   - python3-avro for the system interpreter /usr/bin/python3, with python3-snappy and python3-zstandard for the
#     container codecs snappy and zstandard (bzip2 is in the standard library),
#   - avsc and @confluentinc/schemaregistry from npm into build/oracles/node (versions pinned by package-lock.json),
#   - clang and zlib1g-dev, the native toolchain NativeAOT publishing links with (the package tests publish an AOT app).
# Idempotent and non-interactive: it installs only what is missing, so a second run changes nothing.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_dir="$repo_root/build/oracles/node"

log() { printf 'install-interop: %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    log "need root (or sudo) to run: $*" >&2
    return 1
  fi
}

package_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# --- Debian packages ---------------------------------------------------------------------------------------------
missing=()
package_installed libavro-java || missing+=(libavro-java)
# Java Avro's IDL compiler (org.apache.avro.compiler.idl.Idl), the oracle of the Avro IDL interop tests.
package_installed libavro-compiler-java || missing+=(libavro-compiler-java)
package_installed python3-avro || missing+=(python3-avro)
for codec_package in libsnappy-java libxz-java libcommons-compress-java python3-snappy python3-zstandard; do
  package_installed "$codec_package" || missing+=("$codec_package")
done
# Any JDK 11+ will do (the image ships openjdk-17); install Debian's default one only when javac is absent.
command -v javac >/dev/null 2>&1 || missing+=(default-jdk-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
# NativeAOT: the ILCompiler package compiles to an object file that clang links, against zlib among others.
command -v clang >/dev/null 2>&1 || missing+=(clang)
package_installed zlib1g-dev || missing+=(zlib1g-dev)

if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -q
  as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "Debian packages present (libavro-java, python3-avro, container codecs, JDK, clang, zlib1g-dev)"
fi

# The oracles run under the system interpreter on purpose: a pyenv python3 earlier on PATH lacks the avro module.
if ! /usr/bin/python3 -c 'import avro.schema, avro.io' >/dev/null 2>&1; then
  log "/usr/bin/python3 cannot import avro after installing python3-avro" >&2
  exit 1
fi
if ! /usr/bin/python3 -c 'import avro.codecs as c; assert c.has_snappy and c.has_zstandard' >/dev/null 2>&1; then
  log "python3-avro does not see the snappy and zstandard codecs after installing python3-snappy/python3-zstandard" >&2
  exit 1
fi
if [ ! -f /usr/share/java/avro-compiler.jar ]; then
  log "/usr/share/java/avro-compiler.jar is missing after installing libavro-compiler-java" >&2
  exit 1
fi
if [ ! -f /usr/share/java/avro.jar ]; then
  log "/usr/share/java/avro.jar is missing after installing libavro-java" >&2
  exit 1
fi

# --- npm packages ------------------------------------------------------------------------------------------------
# `npm ci` installs exactly the locked tree; a stamp of the lock file's hash lets a second run skip it.
stamp="$node_dir/node_modules/.avro-codegen-lock.sha256"
lock_hash="$(sha256sum "$node_dir/package-lock.json" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ] && [ -d "$node_dir/node_modules/avsc" ]; then
  log "npm packages present (avsc, @confluentinc/schemaregistry)"
else
  log "installing npm packages into build/oracles/node"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
  printf '%s\n' "$lock_hash" > "$stamp"
fi

log "done"
