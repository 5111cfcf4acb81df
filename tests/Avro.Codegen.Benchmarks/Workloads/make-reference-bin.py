#!/usr/bin/python3
# Writes User.bin / Order.bin: the workload datums (Avro JSON encoding, *.json) encoded to Avro binary by an
# independent implementation, Debian's python3-avro. The benchmarks check every Avro path against these bytes.
# Run with Debian's /usr/bin/python3 (apt-get install python3-avro), from this folder.
import datetime, io, json
import avro.io, avro.schema


def from_avro_json(schema, value):
    if getattr(schema, "logical_type", None) == "timestamp-millis":
        return datetime.datetime.fromtimestamp(value / 1000, datetime.timezone.utc)
    kind = schema.type
    if kind == "record":
        return {f.name: from_avro_json(f.type, value[f.name]) for f in schema.fields}
    if kind == "union":
        if value is None:
            return None
        (branch, inner), = value.items()
        for candidate in schema.schemas:
            if branch in (candidate.type, getattr(candidate, "fullname", None)):
                return from_avro_json(candidate, inner)
        raise ValueError(f"no union branch {branch}")
    if kind == "array":
        return [from_avro_json(schema.items, v) for v in value]
    if kind == "map":
        return {k: from_avro_json(schema.values, v) for k, v in value.items()}
    if kind in ("fixed", "bytes"):
        return value.encode("latin-1")
    return value


for name in ("User", "Order"):
    schema = avro.schema.parse(open(f"{name}.avsc").read())
    datum = from_avro_json(schema, json.load(open(f"{name}.json")))
    out = io.BytesIO()
    avro.io.DatumWriter(schema).write(datum, avro.io.BinaryEncoder(out))
    open(f"{name}.bin", "wb").write(out.getvalue())
    print(name, len(out.getvalue()), "bytes")
