using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Compatibility;

namespace Avro.Codegen.Resolution;

/// <summary>
/// Schema resolution (Avro specification, "Schema Resolution"): reading data written with one schema as another.
/// <see cref="GetPlan(AvroSchema, AvroSchema, ResolutionMode)"/> compiles a pair once and caches it; the plan does the reading.
/// </summary>
/// <example>
/// <code>
/// var plan = SchemaResolution.GetPlan(writerSchema, ResolvingReader.ReaderSchema&lt;Order&gt;());
/// Order order = plan.Read&lt;Order&gt;(body);
/// </code>
/// </example>
public static class SchemaResolution
{
    // Plans by (writer canonical fingerprint, reader key, mode). The writer's canonical form decides everything a
    // plan needs of it; of the reader, defaults and aliases matter too, so its key fingerprints its full JSON.
    private static readonly ConcurrentDictionary<(ulong Writer, ulong Reader, ResolutionMode Mode), Entry> Plans = new();

    // Per schema object, so that asking again with the same objects costs two lookups, not a canonical form.
    private static readonly ConditionalWeakTable<AvroSchema, Keys> KeysBySchema = new();

    /// <summary>The number of distinct (writer, reader, mode) plans built so far in this process.</summary>
    public static int CachedPlanCount => Plans.Count;

    /// <summary>
    /// The plan that reads data written with <paramref name="writer"/> as <paramref name="reader"/>: built on first
    /// use and cached for the process (thread-safe). An identity plan when both have the same Parsing Canonical Form.
    /// </summary>
    /// <param name="writer">The schema the data was written with.</param>
    /// <param name="reader">The schema to read it as (for a generated type, <see cref="ResolvingReader.ReaderSchema{T}"/>).</param>
    /// <param name="mode">Whether the pair must be compatible (the default) or is resolved per value, as Java's resolving decoder does.</param>
    /// <exception cref="AvroIncompatibleSchemaException">With <see cref="ResolutionMode.RequireCompatible"/>: the reader cannot read everything the writer may write.</exception>
    /// <exception cref="AvroDataException">The schemas nest too deeply to resolve.</exception>
    public static ResolutionPlan GetPlan(AvroSchema writer, AvroSchema reader, ResolutionMode mode = ResolutionMode.RequireCompatible)
    {
        var entry = GetEntry(writer, reader, mode, out var writerFingerprint, out var readerFingerprint);
        return entry.Plan ?? throw new AvroIncompatibleSchemaException(writer, reader, writerFingerprint, readerFingerprint, entry.Incompatible!);
    }

    /// <summary>
    /// Like <see cref="GetPlan(AvroSchema, AvroSchema, ResolutionMode)"/> without throwing for an incompatible pair:
    /// false, with the check's findings in <paramref name="incompatible"/>.
    /// </summary>
    public static bool TryGetPlan(AvroSchema writer, AvroSchema reader, out ResolutionPlan? plan, out CompatibilityResult? incompatible,
        ResolutionMode mode = ResolutionMode.RequireCompatible)
    {
        var entry = GetEntry(writer, reader, mode, out _, out _);
        plan = entry.Plan;
        incompatible = entry.Incompatible;
        return plan is not null;
    }

    private static Entry GetEntry(AvroSchema writer, AvroSchema reader, ResolutionMode mode, out ulong writerFingerprint, out ulong readerFingerprint)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);
        var writerKeys = KeysOf(writer);
        var readerKeys = KeysOf(reader);
        writerFingerprint = writerKeys.Fingerprint;
        readerFingerprint = readerKeys.Fingerprint;
        var key = (writerKeys.Fingerprint, readerKeys.FullFingerprint, mode);
        if (!Plans.TryGetValue(key, out var entry))
        {
            // Two threads may build the same plan; one wins and the other's is dropped. Plans are immutable.
            entry = Plans.GetOrAdd(key, Build(writer, reader, writerKeys.Fingerprint, readerKeys.Fingerprint, mode));
        }

        return entry;
    }

    private static Entry Build(AvroSchema writer, AvroSchema reader, ulong writerFingerprint, ulong readerFingerprint, ResolutionMode mode)
    {
        if (writerFingerprint == readerFingerprint)
        {
            return new Entry(new ResolutionPlan(writer, reader, writerFingerprint, readerFingerprint, mode, null), null);
        }

        if (mode == ResolutionMode.RequireCompatible)
        {
            var check = SchemaCompatibility.CheckReaderWriter(reader, writer);
            if (!check.IsCompatible)
            {
                return new Entry(null, check);
            }
        }

        Step root;
        try
        {
            root = new PlanBuilder().Build(writer, reader);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new AvroDataException($"The schemas {writer.TypeName} and {reader.TypeName} nest too deeply to resolve.");
        }

        return new Entry(new ResolutionPlan(writer, reader, writerFingerprint, readerFingerprint, mode, root), null);
    }

    private static Keys KeysOf(AvroSchema schema)
    {
        if (!KeysBySchema.TryGetValue(schema, out var keys))
        {
            keys = new Keys(SchemaFingerprint.Crc64Avro(schema), SchemaFingerprint.Crc64Avro(Encoding.UTF8.GetBytes(SchemaJson.ToJson(schema))));
            KeysBySchema.AddOrUpdate(schema, keys);
        }

        return keys;
    }

    private sealed record Keys(ulong Fingerprint, ulong FullFingerprint);

    private sealed record Entry(ResolutionPlan? Plan, CompatibilityResult? Incompatible);
}
