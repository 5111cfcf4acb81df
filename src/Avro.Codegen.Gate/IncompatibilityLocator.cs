using System;
using System.Collections.Generic;
using System.Globalization;
using Avro.Codegen.Schema;
using Avro.Codegen.Schema.Json;

namespace Avro.Codegen.Gate;

/// <summary>
/// Turns the location of an incompatibility, as Avro's <c>SchemaCompatibility</c> and the registry write it
/// (<c>/fields/2/type/items</c>, <c>/fields/0/type/1</c>, <c>/symbols</c>), into the place in the <c>.avsc</c> the user
/// has to change.
/// </summary>
/// <remarks>
/// The path indexes the <em>reader</em> schema. When the new schema is the reader (BACKWARD), the path is walked
/// through it directly. When the old schema is the reader (FORWARD), its indexes mean nothing in the new file, so
/// the path is walked through the old schema and replayed in the new one by field name and branch type; a field
/// the new schema dropped is reported at its enclosing record.
/// </remarks>
public static class IncompatibilityLocator
{
    /// <summary>Locates <paramref name="path"/> in <paramref name="readerIsNew"/>'s terms; falls back to the schema's own span.</summary>
    /// <param name="newSchema">The schema being checked (parsed from the user's file, with spans).</param>
    /// <param name="oldSchema">The registered or baseline schema, when known.</param>
    /// <param name="path">The location, e.g. <c>/fields/1/type</c>.</param>
    /// <param name="readerIsNew">True when the path indexes the new schema (the new schema was the reader).</param>
    public static SourceSpan? Locate(AvroSchema newSchema, AvroSchema? oldSchema, string? path, bool readerIsNew)
    {
        var steps = Split(path);
        if (steps.Count == 0)
        {
            return newSchema.Span;
        }

        if (readerIsNew)
        {
            return WalkByIndex(newSchema, steps, out _);
        }

        if (oldSchema is null)
        {
            return newSchema.Span;
        }

        WalkByIndex(oldSchema, steps, out var named);
        return WalkByName(newSchema, named);
    }

    /// <summary>The name of the last field on <paramref name="path"/> in <paramref name="reader"/>, if the path reaches one.</summary>
    public static string? FieldName(AvroSchema reader, string? path)
    {
        WalkByIndex(reader, Split(path), out var named);
        for (var i = named.Count - 1; i >= 0; i--)
        {
            if (named[i].Field is not null)
            {
                return named[i].Field;
            }
        }

        return null;
    }

    private static List<string> Split(string? path)
    {
        var steps = new List<string>();
        if (path is null)
        {
            return steps;
        }

        foreach (var part in path.Split('/'))
        {
            if (part.Length > 0)
            {
                steps.Add(part);
            }
        }

        return steps;
    }

    /// <summary>One step of a walk, in terms that survive a change of field order: a field name or a branch's type.</summary>
    private readonly struct NamedStep
    {
        public NamedStep(string? field, string? token, string? branchType)
        {
            Field = field;
            Token = token;
            BranchType = branchType;
        }

        public string? Field { get; }
        public string? Token { get; }
        public string? BranchType { get; }
    }

    private static SourceSpan? WalkByIndex(AvroSchema root, List<string> steps, out List<NamedStep> named)
    {
        named = new List<NamedStep>();
        var best = root.Span;
        AvroSchema? schema = root;
        RecordField? field = null;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (field is not null)
            {
                if (step != "type")
                {
                    break;
                }

                schema = field.Type;
                field = null;
                best = Narrow(best, schema.Span);
                named.Add(new NamedStep(null, "type", null));
                continue;
            }

            if (schema is RecordSchema record && step == "fields" && i + 1 < steps.Count && TryIndex(steps[i + 1], record.Fields.Count, out var position))
            {
                field = record.Fields[position];
                schema = null;
                i++;
                // A field is always written inside its record's definition, which may be in another file: that file is
                // where the change has to be made, so the field's span wins even when it leaves the current file.
                best = field.Span ?? best;
                named.Add(new NamedStep(field.Name, null, null));
            }
            else if (schema is ArraySchema array && step == "items")
            {
                schema = array.Items;
                best = Narrow(best, schema.Span);
                named.Add(new NamedStep(null, "items", null));
            }
            else if (schema is MapSchema map && step == "values")
            {
                schema = map.Values;
                best = Narrow(best, schema.Span);
                named.Add(new NamedStep(null, "values", null));
            }
            else if (schema is UnionSchema union && TryIndex(step, union.Branches.Count, out var branch))
            {
                schema = union.Branches[branch];
                best = Narrow(best, schema.Span);
                named.Add(new NamedStep(null, null, schema.TypeName));
            }
            else
            {
                // "symbols", "size", "name" and anything unknown describe the node reached so far.
                break;
            }
        }

        return best;
    }

    private static SourceSpan? WalkByName(AvroSchema root, List<NamedStep> steps)
    {
        var best = root.Span;
        AvroSchema? schema = root;
        RecordField? field = null;
        foreach (var step in steps)
        {
            if (step.Field is not null)
            {
                var record = schema as RecordSchema;
                var match = record is null ? null : FindField(record, step.Field);
                if (match is null)
                {
                    break;
                }

                field = match;
                schema = null;
                best = field.Span ?? best;
            }
            else if (step.Token == "type" && field is not null)
            {
                schema = field.Type;
                field = null;
                best = Narrow(best, schema.Span);
            }
            else if (step.Token == "items" && schema is ArraySchema array)
            {
                schema = array.Items;
                best = Narrow(best, schema.Span);
            }
            else if (step.Token == "values" && schema is MapSchema map)
            {
                schema = map.Values;
                best = Narrow(best, schema.Span);
            }
            else if (step.BranchType is not null && schema is UnionSchema union)
            {
                AvroSchema? found = null;
                foreach (var branch in union.Branches)
                {
                    if (branch.TypeName == step.BranchType)
                    {
                        found = branch;
                        break;
                    }
                }

                if (found is null)
                {
                    break;
                }

                schema = found;
                best = Narrow(best, schema.Span);
            }
            else
            {
                break;
            }
        }

        return best;
    }

    private static RecordField? FindField(RecordSchema record, string name)
    {
        var field = record.GetField(name);
        if (field is not null)
        {
            return field;
        }

        // A renamed field keeps its old name as an alias, which is how readers match it.
        foreach (var candidate in record.Fields)
        {
            foreach (var alias in candidate.Aliases)
            {
                if (alias == name)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool TryIndex(string text, int count, out int index) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index < count;

    /// <summary>
    /// Moves to <paramref name="inner"/> only when it lies inside <paramref name="outer"/>. A type referenced by name
    /// carries the span of its definition elsewhere; pointing there for a mismatch at this field would mislead.
    /// </summary>
    private static SourceSpan? Narrow(SourceSpan? outer, SourceSpan? inner)
    {
        if (inner is null)
        {
            return outer;
        }

        if (outer is null)
        {
            return inner;
        }

        var inside = string.Equals(outer.File, inner.File, StringComparison.Ordinal)
            && inner.Offset >= outer.Offset
            && inner.Offset + inner.Length <= outer.Offset + outer.Length;
        return inside ? inner : outer;
    }
}
