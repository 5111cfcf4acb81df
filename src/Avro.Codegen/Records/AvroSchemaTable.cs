using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text;
using Avro.Codegen.Schema;

namespace Avro.Codegen;

/// <summary>
/// The schemas of the types generated in one compilation. Each named type's own JSON and canonical text is stored once,
/// with the named types it refers to left as holes; a type's self-contained schema is assembled at its first use and
/// kept. So the generated code grows with the number of types, not with the square of a cycle of references, and the
/// runtime still gets the full schema wherever it needs one (registration, fingerprints, container headers).
/// Generated code builds one table per compilation with a collection initializer; it is not meant to be used directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AvroSchemaTable : IEnumerable<string>
{
    private readonly List<SchemaTemplate> _templates = new();
    private readonly ConcurrentDictionary<string, string> _json = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _canonical = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _utf8 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _homes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ReferencePlan> _plans = new(StringComparer.Ordinal);
    private SchemaTemplateSet? _set;

    /// <summary>Adds the template of one named type (see <see cref="SchemaTemplate"/> for the parts).</summary>
    public void Add(string fullName, string jsonHead, string[] jsonParts, string[] canonicalParts, string[] holes)
    {
        _templates.Add(new SchemaTemplate(fullName, jsonHead, jsonParts, canonicalParts, holes));
        _set = null;
    }

    /// <summary>
    /// Adds the template of a named type whose schema text is defined inside the schema of <paramref name="home"/>
    /// (the main type of the file that defines it), which matters when schemas are registered with references.
    /// </summary>
    public void Add(string fullName, string jsonHead, string[] jsonParts, string[] canonicalParts, string[] holes, string home)
    {
        Add(fullName, jsonHead, jsonParts, canonicalParts, holes);
        _homes[fullName] = home;
    }

    /// <summary>The self-contained schema JSON of <paramref name="fullName"/>, compact, as written.</summary>
    public string Json(string fullName) => _json.GetOrAdd(fullName, static (name, set) => set.ToJson(name), Set);

    /// <summary>The same JSON as UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> JsonUtf8(string fullName) =>
        _utf8.GetOrAdd(fullName, static (name, table) => Encoding.UTF8.GetBytes(table.Json(name)), this);

    /// <summary>The Parsing Canonical Form of <paramref name="fullName"/>.</summary>
    public string Canonical(string fullName) => _canonical.GetOrAdd(fullName, static (name, set) => set.ToCanonicalJson(name), Set);

    /// <summary>
    /// The schemas to register for <paramref name="fullName"/> with references: the schema of each file it uses types
    /// of, dependencies first, then its own schema last (see <see cref="SchemaReferences"/>).
    /// </summary>
    /// <exception cref="AvroDataException">The files' types refer to each other in a cycle, which references cannot express.</exception>
    internal IReadOnlyList<SchemaReferenceUnit> ReferenceUnits(string fullName)
    {
        var plan = _plans.GetOrAdd(fullName, static (name, table) =>
        {
            var set = table.Set;
            string HomeOf(string type) => table._homes.TryGetValue(type, out var home) && set.Contains(home) ? home : type;
            return SchemaReferences.TryPlan(set, name, HomeOf, out var units, out var error) ? new ReferencePlan(units, null) : new ReferencePlan(units, error);
        }, this);
        return plan.Error is null ? plan.Units : throw new AvroDataException($"Cannot register the schema of {fullName} with references: {plan.Error}.");
    }

    /// <summary>The full names in the table.</summary>
    public IEnumerator<string> GetEnumerator() => _templates.Select(t => t.FullName).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed record ReferencePlan(IReadOnlyList<SchemaReferenceUnit> Units, string? Error);

    // Built after the initializer has added every template; two threads racing here build equal sets.
    private SchemaTemplateSet Set => _set ??= new SchemaTemplateSet(_templates);
}
