// Drives Confluent's own JS client (@confluentinc/schemaregistry) against a schema registry, for the interop tests.
//   node confluent-client.js produce <registry-url> <topic> <schema.avsc> <value.json>   -> framed message as hex on stdout
//   node confluent-client.js produce-refs <registry-url> <topic> <plan.json> <value.json> -> framed message as hex on stdout
//     plan.json: [{"subject", "schema", "references": [{"name", "subject", "version"}]}, ...], registered in order;
//     the last is <topic>-value's
//   node confluent-client.js consume <registry-url> <topic> <hex>                        -> the value as JSON on stdout
// The module is resolved through NODE_PATH (build/oracles/node/node_modules).
'use strict';
const fs = require('fs');
const { SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType } = require('@confluentinc/schemaregistry');

async function main() {
  const [mode, url, topic, a, b] = process.argv.slice(2);
  const client = new SchemaRegistryClient({ baseURLs: [url] });
  if (mode === 'produce') {
    // Register the schema file as given, then let the serializer use the latest version of <topic>-value:
    // the stock serializer would otherwise infer a schema from the JS value.
    const schema = fs.readFileSync(a, 'utf8');
    await client.register(`${topic}-value`, { schemaType: 'AVRO', schema }, false);
    const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true });
    const bytes = await serializer.serialize(topic, JSON.parse(fs.readFileSync(b, 'utf8')));
    process.stdout.write(Buffer.from(bytes).toString('hex'));
  } else if (mode === 'produce-refs') {
    // The shared schemas are registered by this client, with references, as a JS team would.
    for (const entry of JSON.parse(fs.readFileSync(a, 'utf8'))) {
      await client.register(entry.subject, { schemaType: 'AVRO', schema: entry.schema, references: entry.references || [] }, false);
    }
    const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true });
    const bytes = await serializer.serialize(topic, JSON.parse(fs.readFileSync(b, 'utf8')));
    process.stdout.write(Buffer.from(bytes).toString('hex'));
  } else if (mode === 'consume') {
    const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
    const value = await deserializer.deserialize(topic, Buffer.from(a, 'hex'));
    process.stdout.write(JSON.stringify(value, (k, v) => (typeof v === 'bigint' ? v.toString() : v)));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
