using System;
using System.Collections.Generic;
using System.Linq;

namespace Avro.Codegen.Schema;

/// <summary>
/// One schema as a registry with references (Confluent's <c>references</c>) stores it: a named type's JSON with the
/// named types of other files written by name only, and the units that define those types.
/// </summary>
/// <param name="FullName">The full name of the unit's root type (what references to the unit are named after).</param>
/// <param name="Json">The JSON: the root type with the types of its own file defined, the others named.</param>
/// <param name="References">
/// The full names of the units this one depends on, directly (it names their types) or through them, each once,
/// dependencies first.
/// </param>
public sealed record SchemaReferenceUnit(string FullName, string Json, IReadOnlyList<string> References);

/// <summary>
/// How a project's schemas split into units when shared types are registered by reference: each named type has a
/// home, the root type of the unit whose schema text defines it. A file's main named schema is the home of every type
/// the file defines inside it; any other type a file defines (the types of an Avro IDL file without a main schema, or
/// beside it, or inside a top-level union) is its own home. A schema text defines the types of its own home and names
/// every other type, which it then references.
/// </summary>
public static class SchemaReferences
{
    /// <summary>The home of each named type the successfully parsed <paramref name="files"/> define (the first definition wins).</summary>
    public static Dictionary<string, string> Homes(IEnumerable<SchemaFileResult> files)
    {
        var homes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!file.Success)
            {
                continue;
            }

            var definedHere = new HashSet<NamedSchema>(file.DefinedTypes);
            if (file.Schema is NamedSchema root && definedHere.Contains(root))
            {
                // The types the root's own text defines: reached from it without passing through another file's type.
                var seen = new HashSet<AvroSchema>();
                var pending = new Stack<AvroSchema>();
                pending.Push(root);
                while (pending.Count > 0)
                {
                    var schema = pending.Pop();
                    if (!seen.Add(schema) || (schema is NamedSchema named && !definedHere.Contains(named)))
                    {
                        continue;
                    }

                    if (schema is NamedSchema own && !homes.ContainsKey(own.FullName))
                    {
                        homes[own.FullName] = root.FullName;
                    }

                    schema.PushChildren(pending);
                }
            }

            foreach (var type in file.DefinedTypes)
            {
                if (!homes.ContainsKey(type.FullName))
                {
                    homes[type.FullName] = type.FullName;
                }
            }
        }

        return homes;
    }

    /// <summary>
    /// The units to register for <paramref name="fullName"/>, dependencies first and the unit of
    /// <paramref name="fullName"/> itself last; each references every unit it depends on, dependencies first. <paramref name="homeOf"/> gives each type's home (see
    /// <see cref="Homes"/>); the schema of <paramref name="fullName"/> defines the types that share its home.
    /// </summary>
    /// <returns>False with <paramref name="error"/> set when units refer to each other in a cycle, which references cannot express.</returns>
    public static bool TryPlan(SchemaTemplateSet templates, string fullName, Func<string, string> homeOf,
        out IReadOnlyList<SchemaReferenceUnit> units, out string? error)
    {
        if (templates is null)
        {
            throw new ArgumentNullException(nameof(templates));
        }

        var order = new List<SchemaReferenceUnit>();
        var done = new HashSet<string>(StringComparer.Ordinal);

        // Each frame is a unit whose references are being visited; the path is the chain being followed, for cycles.
        var path = new List<string>();
        var frames = new Stack<(SchemaReferenceUnit Unit, int Next)>();
        frames.Push((Unit(fullName, homeOf(fullName)), 0));
        path.Add(fullName);
        while (frames.Count > 0)
        {
            var (unit, next) = frames.Pop();
            if (next == unit.References.Count)
            {
                done.Add(unit.FullName);
                order.Add(unit);
                path.RemoveAt(path.Count - 1);
                continue;
            }

            frames.Push((unit, next + 1));
            var target = unit.References[next];
            if (done.Contains(target))
            {
                continue;
            }

            var at = path.IndexOf(target);
            if (at >= 0)
            {
                units = Array.Empty<SchemaReferenceUnit>();
                error = "the types of " + string.Join(" -> ", path.Skip(at).Concat(new[] { target }).Select(n => "'" + n + "'"))
                    + " refer to each other across files; schema references cannot express a cycle, so define these types in one file";
                return false;
            }

            frames.Push((Unit(target, target), 0));
            path.Add(target);
        }

        // Each unit references every unit it depends on, directly or not, dependencies first: clients that register
        // the referenced schemas in list order, each before its own references (Confluent's JS client does), then
        // always know a type before a schema names it.
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        var closures = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var result = new List<SchemaReferenceUnit>(order.Count);
        foreach (var unit in order)
        {
            var closure = new HashSet<string>(StringComparer.Ordinal);
            foreach (var direct in unit.References)
            {
                closure.Add(direct);
                closure.UnionWith(closures[direct]);
            }

            closures[unit.FullName] = closure;
            position[unit.FullName] = position.Count;
            result.Add(unit with { References = closure.OrderBy(n => position[n]).ToList() });
        }

        units = result;
        error = null;
        return true;

        SchemaReferenceUnit Unit(string name, string home)
        {
            var named = new List<string>();
            var json = templates.ToJson(name, n => homeOf(n) != home, named);
            var references = new List<string>();
            foreach (var type in named)
            {
                var reference = homeOf(type);
                if (!references.Contains(reference))
                {
                    references.Add(reference);
                }
            }

            return new SchemaReferenceUnit(name, json, references);
        }
    }
}
