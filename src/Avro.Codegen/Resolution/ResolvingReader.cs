using Avro.Codegen.Schema;

namespace Avro.Codegen.Resolution;

/// <summary>
/// Reads data written with any compatible writer schema into a generated type: the reader schema is the type's own
/// (parsed once from its <c>SchemaJson</c>), and the plan for each writer schema object is looked up without
/// recomputing fingerprints.
/// </summary>
public static class ResolvingReader
{
    /// <summary>
    /// Reads a value written with <paramref name="writerSchema"/>, which must span all of <paramref name="data"/>,
    /// into <typeparamref name="T"/>. When the writer schema has <typeparamref name="T"/>'s canonical form the
    /// generated decoder reads the data directly.
    /// </summary>
    /// <exception cref="AvroIncompatibleSchemaException"><typeparamref name="T"/> cannot read everything <paramref name="writerSchema"/> may write.</exception>
    /// <exception cref="AvroException">The bytes are malformed.</exception>
    public static T Read<T>(ReadOnlySpan<byte> data, AvroSchema writerSchema, AvroReaderOptions? options = null) where T : IAvroRecord<T> =>
        GetPlan<T>(writerSchema).Read<T>(data, options);

    /// <summary>The cached plan that reads data written with <paramref name="writerSchema"/> into <typeparamref name="T"/>.</summary>
    /// <exception cref="AvroIncompatibleSchemaException">The pair is incompatible (see <see cref="ResolutionMode.RequireCompatible"/>).</exception>
    public static ResolutionPlan GetPlan<T>(AvroSchema writerSchema, ResolutionMode mode = ResolutionMode.RequireCompatible) where T : IAvroRecord<T>
    {
        ArgumentNullException.ThrowIfNull(writerSchema);
        if (mode == ResolutionMode.RequireCompatible && PlansOf<T>.ByWriter.TryGetValue(writerSchema, out var plan))
        {
            return plan;
        }

        plan = SchemaResolution.GetPlan(writerSchema, ReaderSchema<T>(), mode);
        if (mode == ResolutionMode.RequireCompatible)
        {
            PlansOf<T>.ByWriter.AddOrUpdate(writerSchema, plan);
        }

        return plan;
    }

    /// <summary>The schema of <typeparamref name="T"/>, parsed once from its generated <c>SchemaJson</c>.</summary>
    public static AvroSchema ReaderSchema<T>() where T : IAvroRecord<T> => PlansOf<T>.Reader;

    private static class PlansOf<T> where T : IAvroRecord<T>
    {
        public static readonly AvroSchema Reader = Parse();

        public static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AvroSchema, ResolutionPlan> ByWriter = new();

        private static AvroSchema Parse()
        {
            var parsed = SchemaParser.Parse(T.SchemaJson, typeof(T).Name + ".avsc");
            return parsed.Schema
                ?? throw new InvalidOperationException($"The generated schema of {typeof(T).Name} does not parse: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        }
    }
}
