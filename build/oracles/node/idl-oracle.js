// Interop oracle over avsc's IDL support (assembleProtocol), for the IDL interop tests; not part of the product.
//
// Usage: node idl-oracle.js FILE.avdl
//   Assembles the protocol (imports relative to the file) and prints one line per named type: FULL NAME, a TAB, and
//   the type's canonical schema as avsc writes it (Type#getSchema(), avsc's Parsing Canonical Form).
//   Exit 0 ok, 2 when the file does not assemble (the message on stderr).
'use strict';

const avro = require('avsc');

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node idl-oracle.js FILE.avdl\n');
  process.exit(2);
}

avro.assembleProtocol(file, (err, protocol) => {
  if (err) {
    process.stderr.write(String(err.message) + '\n');
    process.exit(2);
  }

  const registry = {};
  try {
    for (const schema of protocol.types || []) {
      avro.Type.forSchema(schema, {registry, namespace: protocol.namespace, wrapUnions: true});
    }
  } catch (e) {
    process.stderr.write(String(e.message) + '\n');
    process.exit(2);
  }

  const lines = [];
  for (const name of Object.keys(registry)) {
    const type = registry[name];
    if (type.name) {
      lines.push(type.name + '\t' + JSON.stringify(type.getSchema()) + '\n');
    }
  }
  process.stdout.write(lines.join(''));
});
