using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Avro.Codegen.Generator.Emit;
using Avro.Codegen.Generator.Model;
using Avro.Codegen.Generator.Options;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Generator.Resolution;

/// <summary>
/// Parses all schema files as one set (named types may be used across files) and turns every named type into a
/// <see cref="TypeSpec"/>. Pure: the same inputs give equal outputs, which is what keeps unchanged types cached.
/// </summary>
internal static partial class SchemaResolver
{
    private static readonly HashSet<string> ReservedMembers = new(StringComparer.Ordinal)
    {
        "WriteAvro", "ReadAvro", "WriteAvroJson", "ReadAvroJson", "AvroSchemaJson", "AvroSchemaJsonUtf8",
        "AvroCanonicalSchema", "AvroSchemaFingerprint", "EqualityContract", "Equals", "GetHashCode", "ToString",
        "GetType", "MemberwiseClone", "Deconstruct", "PrintMembers", "Finalize", "Clone",
    };

    public static ResolveResult Resolve(IReadOnlyList<ParsedSchemaFile> inputs, GeneratorOptions options, string version, CancellationToken cancellationToken)
    {
        // Sorted for deterministic output; one entry per path, since a project may list a file both as an AvroSchema
        // item and by hand as AdditionalFiles.
        var files = inputs.GroupBy(f => f.Input.Path, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(f => f.Input.Path, StringComparer.Ordinal).ToList();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var problem in options.Problems)
        {
            diagnostics.Add(new DiagnosticInfo("AVRO200", problem, null));
        }

        foreach (var unreadable in files.Where(f => f.Input.ReadError is not null))
        {
            diagnostics.Add(new DiagnosticInfo(SchemaErrorCodes.UnreadableFile, $"Cannot read '{unreadable.Input.Path}': {unreadable.Input.ReadError}",
                new LocationInfo(unreadable.Input.Path, 0, 0, 0, 0, 0, 0)));
        }

        // Each file was parsed on its own in the per-file step; linking the set only declares and resolves names.
        files = files.Where(f => f.Input.ReadError is null && f.Unlinked is not null).ToList();
        var set = SchemaParser.Link(files.Select(f => f.Unlinked!));
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var error in set.Errors)
        {
            diagnostics.Add(new DiagnosticInfo(error.Code, error.Message, ToLocation(error.Span)));
        }

        var context = new Context(options, version, diagnostics);
        var declaredFiles = new List<SchemaFileResult>();
        var fileOf = new Dictionary<NamedSchema, int>();
        for (var i = 0; i < set.Files.Count && i < files.Count; i++)
        {
            var result = set.Files[i];
            if (!result.Success)
            {
                // A bad file generates nothing; its errors are reported and the other files carry on.
                continue;
            }

            var beyondLimits = GeneratorLimits.Check(result.DefinedTypes);
            if (beyondLimits.Count > 0)
            {
                // Generated code could not hold the file (the compiler would fail inside generated files, or without
                // any diagnostic): it is reported like a bad file, at the schema, and generates nothing.
                diagnostics.AddRange(beyondLimits);
                continue;
            }

            foreach (var named in result.DefinedTypes)
            {
                context.Declare(named, files[i].Input.NamespaceOverride, files[i].Input.Path);
                fileOf[named] = i;
            }

            declaredFiles.Add(result);
        }

        context.SetHomes(SchemaReferences.Homes(declaredFiles));

        context.Prune();
        context.AssignCSharpNames();
        context.CollectUnions();
        var sources = new FileSources(files, fileOf);
        var bound = new List<(NamedInfo Info, TypeSpec? Spec)>();
        foreach (var info in context.Emitted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bound.Add((info, context.BuildSpec(info)));
        }

        // Hint names are unique over every generated file, so they are settled here, before the per-type step.
        var specs = bound.Where(b => b.Spec is not null).Select(b => b.Spec!).ToList();
        specs.AddRange(context.BuildUnionSpecs());
        if (bound.Count > 0)
        {
            specs.Add(context.BuildSchemaTable());
        }

        specs.Sort((a, b) => string.CompareOrdinal(a.HintName, b.HintName));
        var hints = UniqueHintNames(specs);
        TypeSpec Final(TypeSpec spec) => hints[(spec.Kind, spec.FullName)] is var hint && hint == spec.HintName ? spec : spec with { HintName = hint };

        var types = bound
            .OrderBy(b => b.Info.Schema.FullName, StringComparer.Ordinal)
            .Select(b => new BoundType(b.Info.Schema.FullName, b.Spec is null ? null : Final(b.Spec), context.HomeOf(b.Info.Schema.FullName), sources.Of(b.Info.Schema), b.Info.Schema))
            .ToEquatableArray();
        var unions = specs.Where(s => s.Kind == GeneratedKind.Union).Select(Final).ToEquatableArray();
        var table = specs.FirstOrDefault(s => s.Kind == GeneratedKind.SchemaTable) is { } shell ? Final(shell) : null;
        var registry = options.EmitRegistry ? context.BuildRegistry() : null;
        return new ResolveResult(types, unions, table, registry, diagnostics.ToEquatableArray());
    }

    /// <summary>The per-type step: what the schema graph gives, the fingerprint and the schema-table template.</summary>
    public static BuiltType Build(BoundType type)
    {
        var template = SchemaTemplate.Create(type.Schema);
        var templateSpec = new SchemaTemplateSpec(template.FullName, template.JsonHead, template.JsonParts.ToEquatableArray(),
            template.CanonicalParts.ToEquatableArray(), template.Holes.ToEquatableArray(), type.Home, TypeEmitter.SchemaTableEntry(template, type.Home));
        var spec = type.Spec is null ? null : type.Spec with { Fingerprint = SchemaFingerprint.Crc64Avro(type.Schema) };
        return new BuiltType(spec, templateSpec);
    }

    /// <summary>The schema table with every named type's template, sorted by full name.</summary>
    public static TypeSpec? BuildSchemaTable(TypeSpec? shell, IEnumerable<SchemaTemplateSpec> templates) =>
        shell is null ? null : shell with { Templates = templates.OrderBy(t => t.FullName, StringComparer.Ordinal).ToEquatableArray() };

    /// <summary>
    /// Roslyn compares hint names ignoring case (and so do some file systems): <c>a.Record</c> and <c>a.record</c> are
    /// legal Avro names of two types, so later ones (in ordinal order) get <c>.2</c>, <c>.3</c>, ... before <c>.g.cs</c>.
    /// </summary>
    private static Dictionary<(GeneratedKind, string), string> UniqueHintNames(List<TypeSpec> types)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<(GeneratedKind, string), string>();
        foreach (var type in types)
        {
            var hint = type.HintName;
            var stem = hint.Substring(0, hint.Length - ".g.cs".Length);
            for (var n = 2; !used.Add(hint); n++)
            {
                hint = stem + "." + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";
            }

            result[(type.Kind, type.FullName)] = hint;
        }

        return result;
    }

    internal static LocationInfo? ToLocation(SourceSpan? span)
    {
        if (span is null)
        {
            return null;
        }

        // SourceSpan lines and columns are 1-based and inclusive; Roslyn's are 0-based with an exclusive end.
        return new LocationInfo(span.File, Math.Max(0, span.Offset), Math.Max(0, span.Length),
            Math.Max(0, span.StartLine - 1), Math.Max(0, span.StartColumn - 1), Math.Max(0, span.EndLine - 1), Math.Max(0, span.EndColumn));
    }

    internal sealed class NamedInfo
    {
        public NamedInfo(NamedSchema schema, string? csNamespace, string file)
        {
            Schema = schema;
            CSharpNamespace = csNamespace;
            File = file;
            CSharpName = Naming.EscapeTypeName(schema.Name);
        }

        public NamedSchema Schema { get; }

        public string? CSharpNamespace { get; }

        public string File { get; }

        public string CSharpName { get; set; }

        public string Qualified => CSharpNamespace is null ? "global::" + CSharpName : "global::" + CSharpNamespace + "." + CSharpName;

        /// <summary>Fixed types with a logical type (decimal, uuid, duration) map to a BCL or runtime type, not a class.</summary>
        public bool IsLogicalFixed => Schema is FixedSchema { LogicalType: not null };
    }

    internal sealed class UnionInfo
    {
        public UnionInfo(string key, UnionSchema schema)
        {
            Key = key;
            Schema = schema;
        }

        public string Key { get; }

        public UnionSchema Schema { get; }

        public string[] CaseNames { get; set; } = Array.Empty<string>();

        public string Name { get; set; } = string.Empty;
    }

    private const int MaxUnionNameLength = 96;

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes and platforms, unlike string.GetHashCode.</summary>
    private static string StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash.ToString("X8", System.Globalization.CultureInfo.InvariantCulture);
    }

    internal sealed class Context
    {
        private readonly GeneratorOptions _options;
        private readonly string _version;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly Dictionary<string, NamedInfo> _named = new(StringComparer.Ordinal);
        private readonly List<NamedInfo> _order = new();
        private readonly Dictionary<string, UnionInfo> _unions = new(StringComparer.Ordinal);
        private const string SchemaTableClass = "AvroGeneratedSchemas";

        private readonly string _unionNamespace;

        public Context(GeneratorOptions options, string version, List<DiagnosticInfo> diagnostics)
        {
            _options = options;
            _version = version;
            _diagnostics = diagnostics;
            _unionNamespace = Naming.EscapeNamespace(options.UnionNamespace ?? GeneratorOptions.DefaultUnionNamespace);
        }

        public IEnumerable<NamedInfo> Emitted => _order;

        // The home of each named type (the main type of the file whose schema defines it), for registering by reference.
        private Dictionary<string, string> _homes = new(StringComparer.Ordinal);

        public void SetHomes(Dictionary<string, string> homes) => _homes = homes;

        public void Declare(NamedSchema schema, string? namespaceOverride, string file)
        {
            if (_named.TryGetValue(schema.FullName, out var existing))
            {
                if (!ReferenceEquals(existing.Schema, schema))
                {
                    _diagnostics.Add(new DiagnosticInfo("AVRO101",
                        $"'{schema.FullName}' is defined in '{existing.File}' and again in '{file}'; the first definition is used",
                        ToLocation(schema.Span)));
                }

                return;
            }

            var info = new NamedInfo(schema, MapNamespace(schema.Namespace, namespaceOverride), file);
            _named.Add(schema.FullName, info);
            _order.Add(info);
        }

        private string? MapNamespace(string? avroNamespace, string? namespaceOverride)
        {
            if (!string.IsNullOrWhiteSpace(namespaceOverride) && Naming.IsValidDottedName(namespaceOverride!.Trim()))
            {
                return Naming.EscapeNamespace(namespaceOverride.Trim());
            }

            if (avroNamespace is null)
            {
                return null;
            }

            foreach (var mapping in _options.NamespaceMap)
            {
                if (avroNamespace == mapping.AvroPrefix)
                {
                    return Naming.EscapeNamespace(mapping.CSharpNamespace);
                }

                if (avroNamespace.StartsWith(mapping.AvroPrefix + ".", StringComparison.Ordinal))
                {
                    return Naming.EscapeNamespace(mapping.CSharpNamespace + avroNamespace.Substring(mapping.AvroPrefix.Length));
                }
            }

            return Naming.EscapeNamespace(avroNamespace);
        }

        /// <summary>
        /// Drops types that refer to a type no successful file defines (it is in a file with errors), so that one bad
        /// file produces its own diagnostics and not a cascade of C# errors in the others.
        /// </summary>
        public void Prune()
        {
            bool changed;
            do
            {
                changed = false;
                foreach (var info in _order.ToList())
                {
                    if (!AllReferencesKnown(info.Schema, new HashSet<AvroSchema>()))
                    {
                        _named.Remove(info.Schema.FullName);
                        _order.Remove(info);
                        changed = true;
                    }
                }
            }
            while (changed);
        }

        /// <summary>True when every named type reachable from <paramref name="root"/> is a declared one (iterative: chains across files may be long).</summary>
        private bool AllReferencesKnown(AvroSchema root, HashSet<AvroSchema> seen)
        {
            foreach (var schema in root.Reachable(seen))
            {
                if (schema is NamedSchema named && (!_named.TryGetValue(named.FullName, out var info) || !ReferenceEquals(info.Schema, named)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Two Avro names that map to one C# name (e.g. through the namespace map): the first by Avro full name keeps
        /// it, the others get a numeric suffix (2, 3, ...) and a warning. Enum helpers (<c>{Name}Codec</c>) take part.
        /// </summary>
        public void AssignCSharpNames()
        {
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var info in _order.Where(i => !i.IsLogicalFixed).OrderBy(i => i.Schema.FullName, StringComparer.Ordinal))
            {
                var baseName = Naming.Unescape(info.CSharpName);
                var candidate = baseName;
                for (var n = 2; !Claim(taken, info, candidate); n++)
                {
                    candidate = baseName + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (candidate != baseName)
                {
                    _diagnostics.Add(new DiagnosticInfo("AVRO102",
                        $"The C# name of '{info.Schema.FullName}' collides with another generated type; it is generated as '{candidate}'",
                        ToLocation(info.Schema.Span)));
                }

                info.CSharpName = Naming.EscapeTypeName(candidate);
            }
        }

        private static bool Claim(HashSet<string> taken, NamedInfo info, string name)
        {
            var prefix = info.CSharpNamespace is null ? string.Empty : Naming.Unescape(info.CSharpNamespace) + ".";
            var key = prefix + name;
            var helper = info.Schema is EnumSchema ? key + "Codec" : null;
            if (taken.Contains(key) || (helper is not null && taken.Contains(helper)))
            {
                return false;
            }

            taken.Add(key);
            if (helper is not null)
            {
                taken.Add(helper);
            }

            return true;
        }

        // ----- unions -----

        public void CollectUnions()
        {
            var seen = new HashSet<AvroSchema>();
            foreach (var info in _order)
            {
                Visit(info.Schema, seen);
            }

            // Case names: the simple name of each branch, qualified when two branches would share one.
            foreach (var union in _unions.Values)
            {
                var simple = union.Schema.Branches.Select(b => CaseName(b, qualified: false)).ToArray();
                for (var i = 0; i < simple.Length; i++)
                {
                    if (simple.Count(s => s == simple[i]) > 1)
                    {
                        simple[i] = CaseName(union.Schema.Branches[i], qualified: true);
                    }
                }

                union.CaseNames = simple;
            }

            // Type names: the case names joined with "Or"; qualified names when two distinct unions would share one,
            // and a numeric suffix as the last resort (also when a generated record already has the name).
            var typeNames = new HashSet<string>(_order.Where(i => Naming.Unescape(i.CSharpNamespace ?? string.Empty) == Naming.Unescape(_unionNamespace))
                .Select(i => Naming.Unescape(i.CSharpName)), StringComparer.Ordinal);
            var byName = _unions.Values.GroupBy(u => string.Join("Or", u.CaseNames)).ToDictionary(g => g.Key, g => g.Count());
            foreach (var union in _unions.Values.OrderBy(u => u.Key, StringComparer.Ordinal))
            {
                var name = string.Join("Or", union.CaseNames);
                if (byName[name] > 1)
                {
                    name = string.Join("Or", union.Schema.Branches.Select(b => CaseName(b, qualified: true)));
                }

                if (name.Length > MaxUnionNameLength)
                {
                    // Keep file names and identifiers short: the first two cases and a stable hash of the branches.
                    name = union.CaseNames[0] + "Or" + union.CaseNames[1] + "OrMore" + StableHash(union.Key);
                }

                var candidate = name;
                for (var n = 2; !typeNames.Add(candidate); n++)
                {
                    candidate = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                union.Name = candidate;
            }
        }

        private void Visit(AvroSchema root, HashSet<AvroSchema> seen)
        {
            foreach (var schema in root.Reachable(seen))
            {
                if (schema is UnionSchema union && !union.TryGetNullable(out _, out _))
                {
                    var key = UnionKey(union);
                    if (!_unions.ContainsKey(key))
                    {
                        _unions.Add(key, new UnionInfo(key, union));
                    }
                }
            }
        }

        /// <summary>The identity of a union: its branches as the codec sees them. Equal keys share one generated type.</summary>
        private static string UnionKey(AvroSchema schema) => schema switch
        {
            NamedSchema named => named.FullName,
            ArraySchema array => "array<" + UnionKey(array.Items) + ">",
            MapSchema map => "map<" + UnionKey(map.Values) + ">",
            UnionSchema union => "union<" + string.Join(",", union.Branches.Select(UnionKey)) + ">",
            _ => schema.LogicalType is { } logical ? schema.TypeName + ":" + LogicalKey(logical) : schema.TypeName,
        };

        private static string LogicalKey(LogicalType logical) => logical.Kind == LogicalTypeKind.Decimal
            ? $"decimal({logical.Precision},{logical.Scale})"
            : logical.Name;

        private static string CaseName(AvroSchema schema, bool qualified) => schema switch
        {
            NamedSchema named => qualified
                ? string.Concat((named.Namespace is null ? named.Name : named.FullName).Split('.').Select(Capitalize))
                : Capitalize(named.Name),
            ArraySchema array => "ArrayOf" + CaseName(array.Items, qualified),
            MapSchema map => "MapOf" + CaseName(map.Values, qualified),
            UnionSchema union => string.Join("Or", union.Branches.Select(b => CaseName(b, qualified))),
            _ => schema.LogicalType is { } logical ? Naming.ToPascalCase(logical.Name.Replace('-', '_')) : Capitalize(schema.TypeName),
        };

        private static string Capitalize(string name) => Naming.ToPascalCase(name);

        // ----- type references -----

        public TypeRef Ref(AvroSchema schema)
        {
            switch (schema)
            {
                case PrimitiveSchema primitive when primitive.LogicalType is { } logical:
                    return LogicalRef(logical, primitive.Kind, primitive.TypeName, 0) ?? PrimitiveRef(primitive.Kind);
                case PrimitiveSchema primitive:
                    return PrimitiveRef(primitive.Kind);
                case FixedSchema { LogicalType: { } logical } fixedSchema:
                    return LogicalRef(logical, SchemaKind.Fixed, fixedSchema.FullName, fixedSchema.Size)
                        ?? throw new InvalidOperationException($"fixed '{fixedSchema.FullName}' has an unsupported logical type");
                case NamedSchema named:
                {
                    var info = _named[named.FullName];
                    return named switch
                    {
                        RecordSchema => new TypeRef(TypeRefKind.Record, info.Qualified, false, named.FullName),
                        EnumSchema => new TypeRef(TypeRefKind.Enum, info.Qualified, true, named.FullName, CodecType: info.Qualified + "Codec"),
                        _ => new TypeRef(TypeRefKind.Fixed, info.Qualified, false, named.FullName, FixedSize: ((FixedSchema)named).Size),
                    };
                }

                case ArraySchema array:
                {
                    var items = Ref(array.Items);
                    return new TypeRef(TypeRefKind.Array, "global::System.Collections.Generic.List<" + items.CSharpType + ">", false, "array", items);
                }

                case MapSchema map:
                {
                    var values = Ref(map.Values);
                    return new TypeRef(TypeRefKind.Map, "global::System.Collections.Generic.Dictionary<string, " + values.CSharpType + ">", false, "map", values);
                }

                case UnionSchema union when union.TryGetNullable(out var valueBranch, out var nullIndex):
                {
                    var inner = Ref(valueBranch);
                    return new TypeRef(TypeRefKind.Nullable, inner.NonNullableType + "?", inner.IsValueType, "union", inner, nullIndex);
                }

                case UnionSchema union:
                {
                    var info = _unions[UnionKey(union)];
                    var qualified = "global::" + _unionNamespace + "." + info.Name;
                    return new TypeRef(TypeRefKind.Union, qualified, true, "union", CodecType: qualified);
                }

                default:
                    throw new InvalidOperationException("unexpected schema " + schema.TypeName);
            }
        }

        private static TypeRef PrimitiveRef(SchemaKind kind) => kind switch
        {
            // Outside a union, a null-typed value (a field, array items) has one value: the AvroNull struct.
            SchemaKind.Null => new TypeRef(TypeRefKind.Null, "global::Avro.Codegen.AvroNull", true, "null"),
            SchemaKind.Boolean => new TypeRef(TypeRefKind.Boolean, "bool", true, "boolean"),
            SchemaKind.Int => new TypeRef(TypeRefKind.Int, "int", true, "int"),
            SchemaKind.Long => new TypeRef(TypeRefKind.Long, "long", true, "long"),
            SchemaKind.Float => new TypeRef(TypeRefKind.Float, "float", true, "float"),
            SchemaKind.Double => new TypeRef(TypeRefKind.Double, "double", true, "double"),
            SchemaKind.Bytes => new TypeRef(TypeRefKind.Bytes, "byte[]", false, "bytes"),
            _ => new TypeRef(TypeRefKind.String, "string", false, "string"),
        };

        private static TypeRef? LogicalRef(LogicalType logical, SchemaKind underlying, string branchName, int fixedSize)
        {
            const string AvroBigDecimal = "global::Avro.Codegen.AvroBigDecimal";
            var onFixed = underlying == SchemaKind.Fixed;
            return logical.Kind switch
            {
                LogicalTypeKind.Decimal when logical.Precision <= 28 => Logical("decimal", true, onFixed ? LogicalKind.DecimalFixed : LogicalKind.Decimal),
                LogicalTypeKind.Decimal => Logical(AvroBigDecimal, true, onFixed ? LogicalKind.LargeDecimalFixed : LogicalKind.LargeDecimal),
                LogicalTypeKind.BigDecimal => Logical(AvroBigDecimal, true, LogicalKind.BigDecimal),
                LogicalTypeKind.Uuid => Logical("global::System.Guid", true, onFixed ? LogicalKind.UuidFixed : LogicalKind.Uuid),
                LogicalTypeKind.Date => Logical("global::System.DateOnly", true, LogicalKind.Date),
                LogicalTypeKind.TimeMillis => Logical("global::System.TimeOnly", true, LogicalKind.TimeMillis),
                LogicalTypeKind.TimeMicros => Logical("global::System.TimeOnly", true, LogicalKind.TimeMicros),
                LogicalTypeKind.TimestampMillis => Logical("global::System.DateTimeOffset", true, LogicalKind.TimestampMillis),
                LogicalTypeKind.TimestampMicros => Logical("global::System.DateTimeOffset", true, LogicalKind.TimestampMicros),
                LogicalTypeKind.TimestampNanos => Logical("global::System.DateTimeOffset", true, LogicalKind.TimestampNanos),
                LogicalTypeKind.LocalTimestampMillis => Logical("global::System.DateTime", true, LogicalKind.LocalTimestampMillis),
                LogicalTypeKind.LocalTimestampMicros => Logical("global::System.DateTime", true, LogicalKind.LocalTimestampMicros),
                LogicalTypeKind.LocalTimestampNanos => Logical("global::System.DateTime", true, LogicalKind.LocalTimestampNanos),
                LogicalTypeKind.Duration => Logical("global::Avro.Codegen.AvroDuration", true, LogicalKind.Duration),
                _ => null,
            };

            TypeRef Logical(string type, bool isValueType, LogicalKind kind) =>
                new(TypeRefKind.Logical, type, isValueType, branchName, Logical: kind, Scale: logical.Scale, Precision: logical.Precision, FixedSize: fixedSize);
        }

        // ----- specs -----

        public TypeSpec? BuildSpec(NamedInfo info)
        {
            var schema = info.Schema;
            if (info.IsLogicalFixed)
            {
                return null;
            }

            var table = SchemaTableName;
            // The fingerprint is the per-type step's (Build): it reads the whole reachable schema.
            const ulong fingerprint = 0;
            var hint = schema.FullName + ".g.cs";
            switch (schema)
            {
                case RecordSchema record:
                {
                    var fields = BuildFields(record, info);
                    return new TypeSpec(GeneratedKind.Record, schema.FullName, hint, info.CSharpNamespace, info.CSharpName, schema.Doc,
                        table, EquatableArray<SchemaTemplateSpec>.Empty, fingerprint, fields, IsRecursive(record), EquatableArray<string>.Empty, null, 0,
                        EquatableArray<UnionCaseSpec>.Empty, EquatableArray<RegistryEntrySpec>.Empty, _version);
                }

                case EnumSchema enumSchema:
                    return new TypeSpec(GeneratedKind.Enum, schema.FullName, hint, info.CSharpNamespace, info.CSharpName, schema.Doc,
                        table, EquatableArray<SchemaTemplateSpec>.Empty, fingerprint, EquatableArray<FieldSpec>.Empty, false, enumSchema.Symbols.ToEquatableArray(),
                        enumSchema.Default, 0, EquatableArray<UnionCaseSpec>.Empty, EquatableArray<RegistryEntrySpec>.Empty, _version);
                case FixedSchema fixedSchema:
                    return new TypeSpec(GeneratedKind.Fixed, schema.FullName, hint, info.CSharpNamespace, info.CSharpName, schema.Doc,
                        table, EquatableArray<SchemaTemplateSpec>.Empty, fingerprint, EquatableArray<FieldSpec>.Empty, false, EquatableArray<string>.Empty, null,
                        fixedSchema.Size, EquatableArray<UnionCaseSpec>.Empty, EquatableArray<RegistryEntrySpec>.Empty, _version);
                default:
                    return null;
            }
        }

        private EquatableArray<FieldSpec> BuildFields(RecordSchema record, NamedInfo info)
        {
            var names = FieldNames(record, info);
            var fields = new List<FieldSpec>();
            foreach (var field in record.Fields)
            {
                var property = names[field.Name];
                var type = Ref(field.Type);
                // A null-typed field has exactly one value, so it never needs to be set.
                string? defaultExpression = type.Kind == TypeRefKind.Null ? "default" : null;
                if (field.Default is { } defaultValue && type.Kind != TypeRefKind.Null)
                {
                    defaultExpression = DefaultExpressions.Create(this, field.Type, type, defaultValue);
                    if (defaultExpression is null)
                    {
                        _diagnostics.Add(new DiagnosticInfo("AVRO103",
                            $"The default of field '{field.Name}' in '{record.FullName}' cannot be represented in C#; the property is required instead",
                            ToLocation(defaultValue.Span ?? field.Span)));
                    }
                }

                fields.Add(new FieldSpec(field.Name, property, Naming.ToLocal(property), type, field.Doc, defaultExpression));
            }

            return fields.ToEquatableArray();
        }

        /// <summary>True when the record can reach itself through its fields, so reading it needs the depth guard.</summary>
        private static bool IsRecursive(RecordSchema record)
        {
            var seen = new HashSet<AvroSchema>();
            var stack = new Stack<AvroSchema>();
            record.PushChildren(stack);

            while (stack.Count > 0)
            {
                var schema = stack.Pop();
                if (ReferenceEquals(schema, record))
                {
                    return true;
                }

                if (!seen.Add(schema))
                {
                    continue;
                }

                schema.PushChildren(stack);
            }

            return false;
        }

        public IEnumerable<TypeSpec> BuildUnionSpecs()
        {
            foreach (var union in _unions.Values)
            {
                var cases = new List<UnionCaseSpec>();
                for (var i = 0; i < union.Schema.Branches.Count; i++)
                {
                    cases.Add(new UnionCaseSpec(union.CaseNames[i], Ref(union.Schema.Branches[i])));
                }

                var ns = _unionNamespace;
                yield return new TypeSpec(GeneratedKind.Union, union.Key, "AvroUnion." + Naming.Unescape(ns) + "." + union.Name + ".g.cs", ns, union.Name,
                    null, string.Empty, EquatableArray<SchemaTemplateSpec>.Empty, 0, EquatableArray<FieldSpec>.Empty, false, EquatableArray<string>.Empty, null, 0,
                    cases.ToEquatableArray(), EquatableArray<RegistryEntrySpec>.Empty, _version);
            }
        }

        /// <summary>The class that holds the schema table, in the namespace of the generated unions.</summary>
        public string SchemaTableName => "global::" + _unionNamespace + "." + SchemaTableClass;

        /// <summary>
        /// The compilation's schema table, without its templates: the per-type step makes the template of every emitted
        /// named type (logical fixed types included, as schemas refer to them). Each generated type asks the table for
        /// its self-contained schema.
        /// </summary>
        public TypeSpec BuildSchemaTable() =>
            new(GeneratedKind.SchemaTable, SchemaTableClass, SchemaTableClass + ".g.cs", _unionNamespace, SchemaTableClass,
                null, string.Empty, EquatableArray<SchemaTemplateSpec>.Empty, 0, EquatableArray<FieldSpec>.Empty, false, EquatableArray<string>.Empty, null, 0,
                EquatableArray<UnionCaseSpec>.Empty, EquatableArray<RegistryEntrySpec>.Empty, _version);

        // Null when the type is its own home (most are), or when its home generates nothing.
        public string? HomeOf(string fullName) =>
            _homes.TryGetValue(fullName, out var home) && home != fullName && _named.ContainsKey(home) ? home : null;

        public TypeSpec BuildRegistry()
        {
            var entries = _order
                .OrderBy(i => i.Schema.FullName, StringComparer.Ordinal)
                .Select(i => new RegistryEntrySpec(i.Schema.FullName, Ref(i.Schema)))
                .ToEquatableArray();
            return new TypeSpec(GeneratedKind.Registry, "AvroGeneratedTypes", "AvroGeneratedTypes.g.cs", _unionNamespace, "AvroGeneratedTypes",
                null, string.Empty, EquatableArray<SchemaTemplateSpec>.Empty, 0, EquatableArray<FieldSpec>.Empty, false, EquatableArray<string>.Empty, null, 0,
                EquatableArray<UnionCaseSpec>.Empty, entries, _version);
        }

        public string UnionFactory(AvroSchema union, int branch)
        {
            var info = _unions[UnionKey(union)];
            return "global::" + _unionNamespace + "." + info.Name + ".From" + info.CaseNames[branch];
        }

        public string UnionNull(AvroSchema union)
        {
            var info = _unions[UnionKey(union)];
            return "global::" + _unionNamespace + "." + info.Name + "." + info.CaseNames[((UnionSchema)union).Branches.ToList().FindIndex(b => b.Kind == SchemaKind.Null)];
        }

        public string PropertyNameOf(RecordSchema record, string fieldName) => FieldNames(record, _named[record.FullName])[fieldName];

        /// <summary>
        /// Property names: PascalCase of the field name. A field named like its record or like a generated member gets
        /// the suffix "Value" (C# forbids a member named like its type, CS0542), then a number for repeated collisions.
        /// </summary>
        private static Dictionary<string, string> FieldNames(RecordSchema record, NamedInfo info)
        {
            var taken = new HashSet<string>(ReservedMembers, StringComparer.Ordinal) { Naming.Unescape(info.CSharpName) };
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var field in record.Fields)
            {
                var baseName = Naming.ToPascalCase(field.Name);
                var name = baseName;
                if (taken.Contains(name))
                {
                    baseName = name = baseName + "Value";
                    for (var n = 2; taken.Contains(name); n++)
                    {
                        name = baseName + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                }

                taken.Add(name);
                names[field.Name] = Naming.Escape(name);
            }

            return names;
        }
    }
}
