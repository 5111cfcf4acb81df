#!/usr/bin/python3
"""Interop oracle over the Apache Avro Python library (Debian python3-avro).

Run it with /usr/bin/python3: a pyenv python3 earlier on PATH does not have the avro module.

Verbs (exit 0 ok, 2 bad input or usage, 1 unexpected failure):
  canonical FILE.avsc [--schema-dir DIR]...     Parsing Canonical Form (Schema.canonical_form)
  fingerprint FILE.avsc [--schema-dir DIR]... [--algorithm crc64|md5|sha256] [--format hex|long]
      md5/sha256 come from hashlib over the library's canonical form. The library has no CRC-64-AVRO, so crc64
      is computed here from the specification's definition (an independent implementation, not the library's).
  compat READER.avsc WRITER.avsc [--schema-dir DIR]...   COMPATIBLE or INCOMPATIBLE (ReaderWriterCompatibilityChecker)

No fromjson/tojson: the library has no Avro JSON encoding, and its writer picks union branches by value, so it
cannot reproduce an explicit branch choice.
"""

import hashlib
import json
import os
import sys

import avro.errors
import avro.name
import avro.schema
from avro.compatibility import ReaderWriterCompatibilityChecker, SchemaCompatibilityType

EMPTY = 0xC15D213AA4D7A795  # the specification's CRC-64-AVRO seed


def _crc64_table():
    table = []
    for i in range(256):
        fp = i
        for _ in range(8):
            fp = (fp >> 1) ^ (EMPTY & -(fp & 1))
        table.append(fp)
    return table


_TABLE = _crc64_table()


def crc64_avro(data: bytes) -> int:
    fp = EMPTY
    for b in data:
        fp = (fp >> 8) ^ _TABLE[(fp ^ b) & 0xFF]
    return fp


class UsageError(Exception):
    pass


def parse_args(raw, positional_count):
    files, dirs, opts = [], [], {"algorithm": "crc64", "format": "hex"}
    i = 0
    while i < len(raw):
        arg = raw[i]
        if arg in ("--schema-dir", "--algorithm", "--format", "--schema"):
            if i + 1 >= len(raw):
                raise UsageError(f"{arg} needs a value")
            value = raw[i + 1]
            i += 2
            if arg == "--schema-dir":
                dirs.append(value)
            elif arg == "--schema":
                files.append(value)
            else:
                opts[arg[2:]] = value
            continue
        if arg.startswith("--"):
            raise UsageError(f"unknown option {arg}")
        files.append(arg)
        i += 1
    if len(files) != positional_count:
        raise UsageError(f"expected {positional_count} schema file(s), got {len(files)}")
    return files, dirs, opts


def _read(path):
    with open(path, encoding="utf-8") as f:
        return json.loads(f.read())


def _parse_with(known, json_data):
    """Parses one schema with a fresh Names seeded with the types known so far; returns (schema, names)."""
    names = avro.name.Names()
    names.names.update(known)
    return avro.schema.make_avsc_object(json_data, names), names


def load(path, schema_dirs):
    """Parses PATH after the .avsc files of the schema dirs, taking those in dependency order by retrying.

    Every attempt starts from a fresh Names, because a failed parse can leave half-registered names behind.
    """
    target = os.path.realpath(path)
    pending = []
    for d in schema_dirs:
        # A schema dir contributes the .avsc files of its whole tree, as our CLI reads it.
        for folder, _, names in sorted(os.walk(d)):
            for name in sorted(names):
                p = os.path.join(folder, name)
                if name.endswith(".avsc") and os.path.realpath(p) != target:
                    pending.append(p)
    known = {}
    progress = True
    while progress and pending:
        progress = False
        for p in list(pending):
            try:
                _, names = _parse_with(known, _read(p))
            except (avro.errors.AvroException, ValueError, TypeError, KeyError, AttributeError):
                continue
            known = dict(names.names)
            pending.remove(p)
            progress = True
    schema, _ = _parse_with(known, _read(target))
    return schema


def canonical(args, out):
    files, dirs, _ = parse_args(args, 1)
    out.write(load(files[0], dirs).canonical_form + "\n")


def fingerprint(args, out):
    files, dirs, opts = parse_args(args, 1)
    form = load(files[0], dirs).canonical_form.encode("utf-8")
    algorithm, fmt = opts["algorithm"], opts["format"]
    if algorithm == "crc64":
        fp = crc64_avro(form)
        if fmt == "long":
            out.write(f"{fp - (1 << 64) if fp >= 1 << 63 else fp}\n")
        elif fmt == "hex":
            out.write(fp.to_bytes(8, "little").hex() + "\n")
        else:
            raise UsageError("--format must be hex or long")
    elif algorithm in ("md5", "sha256"):
        if fmt != "hex":
            raise UsageError("--format long applies to crc64 only")
        out.write(hashlib.new(algorithm, form).hexdigest() + "\n")
    else:
        raise UsageError("--algorithm must be crc64, md5 or sha256")


def compat(args, out):
    files, dirs, _ = parse_args(args, 2)
    reader, writer = load(files[0], dirs), load(files[1], dirs)
    result = ReaderWriterCompatibilityChecker().get_compatibility(reader, writer)
    ok = result.compatibility == SchemaCompatibilityType.compatible
    out.write("COMPATIBLE\n" if ok else "INCOMPATIBLE\n")
    if not ok:
        sys.stderr.write("; ".join(str(m) for m in result.messages) + "\n")


VERBS = {"canonical": canonical, "fingerprint": fingerprint, "compat": compat}


def main(argv):
    try:
        if not argv or argv[0] not in VERBS:
            raise UsageError("avro_oracle.py canonical|fingerprint|compat ...")
        VERBS[argv[0]](argv[1:], sys.stdout)
        return 0
    except UsageError as e:
        sys.stderr.write(f"usage: {e}\n")
        return 2
    except (avro.errors.AvroException, ValueError, OSError) as e:
        # Schema errors, malformed JSON and unreadable files are bad input.
        sys.stderr.write(f"error: {type(e).__name__}: {e}\n")
        return 2
    except Exception as e:  # noqa: BLE001 - the oracle reports, never tracebacks
        sys.stderr.write(f"unexpected: {type(e).__name__}: {e}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
