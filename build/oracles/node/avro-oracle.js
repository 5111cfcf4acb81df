#!/usr/bin/env node
// Interop oracle over avsc (npm, pinned by package-lock.json; install with build/install-interop.sh).
//
// Verbs (exit 0 ok, 2 bad input or usage, 1 unexpected failure):
//   canonical FILE.avsc [--schema-dir DIR]...       avsc's canonical schema (Type#schema() without attributes)
//   fingerprint FILE.avsc [--schema-dir DIR]... [--algorithm md5|sha256]
//                                                   avsc's Type#fingerprint; avsc has no CRC-64-AVRO
//   fromjson FILE.avsc [--schema-dir DIR]... < json > bin
//   tojson FILE.avsc [--schema-dir DIR]... < bin    one datum per line
//
// avsc has no Avro JSON encoding of its own, so fromjson/tojson map between that encoding and avsc values here,
// walking avsc's parsed types: unions as {"branch": value} (avsc's wrapped unions use the same branch names),
// bytes and fixed as ISO-8859-1 strings, and longs as BigInt so that the full 64-bit range survives (the input is
// read with a small JSON reader that keeps every number's text). The binary encoding itself is avsc's.
'use strict';

const fs = require('fs');
const path = require('path');
const avro = require('avsc');

class UsageError extends Error {}
class InputError extends Error {}

function parseArgs(raw, positionalCount) {
  const files = [];
  const schemaDirs = [];
  const opts = { algorithm: 'md5', format: 'hex' };
  for (let i = 0; i < raw.length; i++) {
    const arg = raw[i];
    if (['--schema-dir', '--algorithm', '--format', '--schema'].includes(arg)) {
      if (i + 1 >= raw.length) throw new UsageError(`${arg} needs a value`);
      const value = raw[++i];
      if (arg === '--schema-dir') schemaDirs.push(value);
      else if (arg === '--schema') files.push(value);
      else opts[arg.slice(2)] = value;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length !== positionalCount) {
    throw new UsageError(`expected ${positionalCount} schema file(s), got ${files.length}`);
  }
  return { files, schemaDirs, opts };
}

// A long type whose values are BigInt, so that longs beyond 2^53 keep every bit.
const bigLong = avro.types.LongType.__with({
  fromBuffer: (buf) => buf.readBigInt64LE(),
  toBuffer: (n) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(n);
    return buf;
  },
  fromJSON: (n) => BigInt(n),
  toJSON: (n) => Number(n),
  isValid: (n) => typeof n === 'bigint',
  compare: (a, b) => (a === b ? 0 : a < b ? -1 : 1),
});

function isLongSchema(schema) {
  return schema === 'long' || (schema !== null && typeof schema === 'object' && schema.type === 'long');
}

/**
 * Drops field and enum defaults. avsc 5.7 validates them by rules older than Avro 1.12 (a union default must match
 * the first branch; a long default must be a safe JS integer) and rejects the schema otherwise, but defaults play no
 * part in the canonical form or in encoding a complete datum, which is all this oracle does.
 */
function withoutDefaults(schema) {
  if (Array.isArray(schema)) return schema.map(withoutDefaults);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy = { ...schema };
  if (copy.type === 'enum') delete copy.default;
  for (const key of ['type', 'items', 'values']) {
    if (copy[key] !== undefined) copy[key] = withoutDefaults(copy[key]);
  }
  if (Array.isArray(copy.fields)) {
    copy.fields = copy.fields.map((field) => {
      const { default: ignored, ...rest } = field;
      return { ...rest, type: withoutDefaults(field.type) };
    });
  }
  return copy;
}

function forSchema(json, registry, exact) {
  json = withoutDefaults(json);
  const opts = { registry, wrapUnions: true };
  if (exact) opts.typeHook = (schema) => (isLongSchema(schema) ? bigLong : undefined);
  return avro.Type.forSchema(json, opts);
}

/**
 * Parses FILE after the .avsc files of the schema dirs, taking those in dependency order by retrying. Each attempt
 * gets a copy of the registry, because a failed parse can leave half-registered names behind.
 */
function load(file, schemaDirs, exact) {
  const target = fs.realpathSync(file);
  let pending = [];
  // A schema dir contributes the .avsc files of its whole tree, as our CLI reads it. (Walked by hand: Node 18,
  // Debian 12's own, ignores readdirSync's recursive option.)
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.avsc') && fs.realpathSync(p) !== target) pending.push(p);
    }
  };
  schemaDirs.forEach(walk);
  let known = {};
  let progress = true;
  while (progress && pending.length > 0) {
    progress = false;
    for (const p of [...pending]) {
      const registry = { ...known };
      try {
        forSchema(JSON.parse(fs.readFileSync(p, 'utf8')), registry, exact);
      } catch (e) {
        continue;
      }
      known = registry;
      pending = pending.filter((q) => q !== p);
      progress = true;
    }
  }
  return forSchema(JSON.parse(fs.readFileSync(target, 'utf8')), { ...known }, exact);
}

// --- a JSON reader that keeps number text, for whitespace-separated root values -----------------------------------

class JsonNumber {
  constructor(text) {
    this.text = text;
  }
}

function readJsonValues(text) {
  let pos = 0;
  const fail = (what) => {
    throw new InputError(`malformed JSON at offset ${pos}: ${what}`);
  };
  const skipWs = () => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos])) pos++;
  };
  const value = () => {
    skipWs();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const obj = new Map();
      skipWs();
      if (text[pos] === '}') {
        pos++;
        return obj;
      }
      for (;;) {
        skipWs();
        if (text[pos] !== '"') fail('expected a member name');
        const key = string();
        skipWs();
        if (text[pos++] !== ':') fail("expected ':'");
        obj.set(key, value());
        skipWs();
        const sep = text[pos++];
        if (sep === '}') return obj;
        if (sep !== ',') fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      pos++;
      const arr = [];
      skipWs();
      if (text[pos] === ']') {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        skipWs();
        const sep = text[pos++];
        if (sep === ']') return arr;
        if (sep !== ',') fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return v;
      }
    }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(pos, pos + 400));
    if (!m) fail('unexpected character');
    pos += m[0].length;
    return new JsonNumber(m[0]);
  };
  const string = () => {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    if (pos >= text.length) fail('unterminated string');
    pos++;
    return JSON.parse(text.slice(start, pos));
  };
  const values = [];
  for (skipWs(); pos < text.length; skipWs()) values.push(value());
  return values;
}

// --- Avro JSON encoding <-> avsc values ---------------------------------------------------------------------------

function latin1(str, where) {
  for (const ch of str) {
    if (ch.codePointAt(0) > 0xff) throw new InputError(`${where}: code point above U+00FF in bytes`);
  }
  return Buffer.from(str, 'latin1');
}

function number(json, where) {
  if (!(json instanceof JsonNumber)) throw new InputError(`${where}: expected a number`);
  return json.text;
}

function fromAvroJson(type, json, where) {
  switch (type.typeName) {
    case 'null':
      if (json !== null) throw new InputError(`${where}: expected null`);
      return null;
    case 'boolean':
      if (typeof json !== 'boolean') throw new InputError(`${where}: expected a boolean`);
      return json;
    case 'int':
    case 'float':
    case 'double':
      return Number(number(json, where));
    case 'abstract:long':
    case 'long':
      try {
        return BigInt(number(json, where));
      } catch (e) {
        throw new InputError(`${where}: expected an integer`);
      }
    case 'string':
    case 'enum':
      if (typeof json !== 'string') throw new InputError(`${where}: expected a string`);
      return json;
    case 'bytes':
    case 'fixed':
      if (typeof json !== 'string') throw new InputError(`${where}: expected a string`);
      return latin1(json, where);
    case 'array':
      if (!Array.isArray(json)) throw new InputError(`${where}: expected an array`);
      return json.map((item, i) => fromAvroJson(type.itemsType, item, `${where}[${i}]`));
    case 'map': {
      if (!(json instanceof Map)) throw new InputError(`${where}: expected an object`);
      const out = {};
      for (const [k, v] of json) out[k] = fromAvroJson(type.valuesType, v, `${where}.${k}`);
      return out;
    }
    case 'record':
    case 'error': {
      if (!(json instanceof Map)) throw new InputError(`${where}: expected an object`);
      const out = {};
      for (const field of type.fields) {
        if (!json.has(field.name)) throw new InputError(`${where}: missing field ${field.name}`);
        out[field.name] = fromAvroJson(field.type, json.get(field.name), `${where}.${field.name}`);
      }
      return out;
    }
    case 'union:wrapped': {
      if (json === null) {
        if (!type.types.some((t) => t.typeName === 'null')) throw new InputError(`${where}: null not in union`);
        return null;
      }
      if (!(json instanceof Map) || json.size !== 1) {
        throw new InputError(`${where}: expected {"branch": value} for a union`);
      }
      const [key, v] = [...json][0];
      const branch = type.types.find((t) => t.branchName === key);
      if (!branch) throw new InputError(`${where}: no union branch ${key}`);
      return { [key]: fromAvroJson(branch, v, `${where}<${key}>`) };
    }
    default:
      throw new Error(`unsupported avsc type ${type.typeName}`);
  }
}

function toAvroJson(type, value) {
  switch (type.typeName) {
    case 'null':
      return 'null';
    case 'boolean':
    case 'int':
      return String(value);
    case 'float':
    case 'double':
      // Avro JSON has no NaN or infinities; Java writes them as bare tokens, and so does this.
      return Number.isFinite(value) ? JSON.stringify(value) : String(value);
    case 'abstract:long':
    case 'long':
      return value.toString();
    case 'string':
    case 'enum':
      return JSON.stringify(value);
    case 'bytes':
    case 'fixed':
      return JSON.stringify(value.toString('latin1'));
    case 'array':
      return `[${value.map((item) => toAvroJson(type.itemsType, item)).join(',')}]`;
    case 'map':
      return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${toAvroJson(type.valuesType, value[k])}`).join(',')}}`;
    case 'record':
    case 'error':
      return `{${type.fields.map((f) => `${JSON.stringify(f.name)}:${toAvroJson(f.type, value[f.name])}`).join(',')}}`;
    case 'union:wrapped': {
      if (value === null) return 'null';
      const key = Object.keys(value)[0];
      const branch = type.types.find((t) => t.branchName === key);
      return `{${JSON.stringify(key)}:${toAvroJson(branch, value[key])}}`;
    }
    default:
      throw new Error(`unsupported avsc type ${type.typeName}`);
  }
}

// --- verbs --------------------------------------------------------------------------------------------------------

function canonical(args, out) {
  const { files, schemaDirs } = parseArgs(args, 1);
  out.push(Buffer.from(JSON.stringify(load(files[0], schemaDirs, false).schema()) + '\n'));
}

function fingerprint(args, out) {
  const { files, schemaDirs, opts } = parseArgs(args, 1);
  if (opts.format !== 'hex') throw new UsageError('--format long applies to crc64, which avsc does not have');
  if (!['md5', 'sha256'].includes(opts.algorithm)) throw new UsageError('--algorithm must be md5 or sha256 (avsc has no crc64)');
  out.push(Buffer.from(load(files[0], schemaDirs, false).fingerprint(opts.algorithm).toString('hex') + '\n'));
}

function fromjson(args, out) {
  const { files, schemaDirs } = parseArgs(args, 1);
  const type = load(files[0], schemaDirs, true);
  const datums = readJsonValues(fs.readFileSync(0, 'utf8'));
  datums.forEach((json, i) => out.push(type.toBuffer(fromAvroJson(type, json, `datum ${i}`))));
}

function tojson(args, out) {
  const { files, schemaDirs } = parseArgs(args, 1);
  const type = load(files[0], schemaDirs, true);
  const buf = fs.readFileSync(0);
  let pos = 0;
  while (pos < buf.length) {
    const { value, offset } = type.decode(buf, pos);
    if (offset < 0) throw new InputError(`truncated datum at byte ${pos}`);
    out.push(Buffer.from(toAvroJson(type, value) + '\n'));
    pos = offset;
  }
}

const VERBS = { canonical, fingerprint, fromjson, tojson };

function main(argv) {
  const out = [];
  try {
    if (argv.length === 0 || !Object.hasOwn(VERBS, argv[0])) {
      throw new UsageError('avro-oracle.js canonical|fingerprint|fromjson|tojson ...');
    }
    VERBS[argv[0]](argv.slice(1), out);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`usage: ${e.message}\n`);
      return 2;
    }
    // avsc reports bad schemas and values with plain Errors; those, malformed JSON and unreadable files are bad input.
    const internal = e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError;
    process.stderr.write(`${internal ? 'unexpected' : 'error'}: ${e.message}\n`);
    return internal ? 1 : 2;
  }
  // Output only once everything succeeded, so a failure never leaves half a result behind.
  fs.writeSync(1, Buffer.concat(out));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
