using System.Text;
using Avro.Codegen.Schema;
using static Avro.Codegen.Schema.Tests.TestHelpers;

namespace Avro.Codegen.Schema.Tests;

/// <summary>
/// Generated valid schemas (deterministic seed, bounded size) keep their meaning through the writers:
/// the full JSON parses back to the same full JSON and canonical form, and the canonical form is a fixed point.
/// </summary>
public class RandomSchemaTests
{
    private static readonly string[] Primitives = { "null", "boolean", "int", "long", "float", "double", "bytes", "string" };
    private static readonly string[] Namespaces = { "a", "a.b", "org.ex_1", "z9.y" };

    [Fact]
    public void WritersRoundTripGeneratedSchemas()
    {
        var random = new Random(424242);
        for (var i = 0; i < 300; i++)
        {
            var generator = new Generator(random);
            var text = generator.Schema(0, null);
            var schema = Valid(text);

            var full = SchemaJson.ToJson(schema);
            var again = Valid(full);
            Assert.Equal(full, SchemaJson.ToJson(again));
            var canonical = ParsingCanonicalForm.ToCanonicalJson(schema);
            Assert.Equal(canonical, ParsingCanonicalForm.ToCanonicalJson(again));
            Assert.Equal(SchemaFingerprint.Crc64Avro(schema), SchemaFingerprint.Crc64Avro(again));

            // Every named type here has a non-null namespace, so the canonical form (full names only) re-parses to itself.
            Assert.Equal(canonical, ParsingCanonicalForm.ToCanonicalJson(Valid(canonical)));
        }
    }

    private sealed class Generator
    {
        private readonly Random _random;
        private readonly List<(string Full, string Namespace, string Name)> _defined = new();
        private int _counter;

        public Generator(Random random) => _random = random;

        public string Schema(int depth, string? ns)
        {
            var r = _random.NextDouble();
            if (depth > 3 || r < 0.3)
            {
                if (_defined.Count > 0 && _random.NextDouble() < 0.3)
                {
                    var (full, typeNs, name) = _defined[_random.Next(_defined.Count)];
                    return Quote(typeNs == ns && _random.NextDouble() < 0.5 ? name : full);
                }

                return Primitive();
            }

            if (r < 0.45)
            {
                return $"{{\"type\": \"array\", \"items\": {Schema(depth + 1, ns)}}}";
            }

            if (r < 0.55)
            {
                return $"{{\"type\": \"map\", \"values\": {Schema(depth + 1, ns)}, \"x-map\": 1}}";
            }

            if (r < 0.7)
            {
                return Union(depth, ns);
            }

            return Named(depth, ns);
        }

        private string Primitive()
        {
            var p = Primitives[_random.Next(Primitives.Length)];
            return (p, _random.Next(4)) switch
            {
                ("long", 0) => "{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}",
                ("int", 0) => "{\"type\": \"int\", \"logicalType\": \"date\"}",
                ("bytes", 0) => $"{{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": {1 + _random.Next(30)}, \"scale\": 1}}",
                ("string", 0) => "{\"type\": \"string\", \"logicalType\": \"uuid\", \"x-s\": [true, null]}",
                (_, 1) => $"{{\"type\": \"{p}\", \"x-custom\": {{\"k\": \"v\\u00e9\"}}}}",
                _ => Quote(p),
            };
        }

        private string Union(int depth, string? ns)
        {
            var branches = new List<string>();
            var kinds = new HashSet<string>();
            var count = 1 + _random.Next(4);
            for (var i = 0; i < count; i++)
            {
                var definedBefore = _defined.Count;
                var branch = Schema(depth + 1, ns);

                // A branch's identity comes from its text: a kind for unnamed types, the name for named definitions
                // (fresh each time) and the written name for references.
                var key = branch.StartsWith('[') ? null : KindKey(branch, ns, _defined.Count > definedBefore ? _defined[definedBefore].Full : null);
                if (key is null || !kinds.Add(key))
                {
                    // Dropped: forget the types it defined, so later references only name types that exist.
                    _defined.RemoveRange(definedBefore, _defined.Count - definedBefore);
                    continue;
                }

                branches.Add(branch);
            }

            return branches.Count == 0 ? "[\"null\"]" : "[" + string.Join(", ", branches) + "]";
        }

        private static string? KindKey(string branch, string? ns, string? definedFullName)
        {
            if (branch.StartsWith('"'))
            {
                var written = branch.Trim('"');
                if (Array.IndexOf(Primitives, written) >= 0)
                {
                    return written;
                }

                return "named:" + (written.Contains('.') ? written : ns + "." + written);
            }

            var type = branch.Substring(branch.IndexOf("\"type\": \"", StringComparison.Ordinal) + 9);
            type = type.Substring(0, type.IndexOf('"'));
            if (type is "record" or "error" or "enum" or "fixed")
            {
                // A definition registers itself first, before any type nested in it.
                return "named:" + definedFullName;
            }

            return type;
        }

        private string Named(int depth, string? ns)
        {
            var kind = new[] { "record", "enum", "fixed", "error" }[_random.Next(4)];
            var name = "T" + _counter++;
            var explicitNs = ns is null || _random.NextDouble() < 0.4 ? Namespaces[_random.Next(Namespaces.Length)] : null;
            var effective = explicitNs ?? ns!;
            var text = new StringBuilder($"{{\"type\": \"{kind}\", \"name\": \"{name}\"");
            if (explicitNs is not null)
            {
                text.Append($", \"namespace\": \"{explicitNs}\"");
            }

            if (_random.NextDouble() < 0.3)
            {
                text.Append(", \"doc\": \"d\\u00e9 \\\"q\\\"\", \"aliases\": [\"old" + name + "\"]");
            }

            // Register before the body so that records can refer to themselves.
            var entry = (effective + "." + name, effective, name);
            switch (kind)
            {
                case "enum":
                    text.Append(", \"symbols\": [\"A\", \"B\", \"_c\"], \"default\": \"B\"");
                    _defined.Add(entry);
                    break;
                case "fixed":
                    var size = new[] { 0, 1, 12, 16 }[_random.Next(4)];
                    text.Append($", \"size\": {size}");
                    if (size == 16)
                    {
                        text.Append(", \"logicalType\": \"uuid\"");
                    }

                    _defined.Add(entry);
                    break;
                default:
                    _defined.Add(entry);
                    text.Append(", \"fields\": [");
                    var fields = _random.Next(4);
                    for (var i = 0; i < fields; i++)
                    {
                        text.Append(i > 0 ? ", " : string.Empty)
                            .Append($"{{\"name\": \"f{i}\", \"type\": {Schema(depth + 1, effective)}");
                        if (_random.NextDouble() < 0.3)
                        {
                            text.Append(", \"order\": \"descending\", \"x-f\": 2");
                        }

                        text.Append('}');
                    }

                    text.Append(']');
                    break;
            }

            return text.Append('}').ToString();
        }

        private static string Quote(string s) => "\"" + s + "\"";
    }
}
