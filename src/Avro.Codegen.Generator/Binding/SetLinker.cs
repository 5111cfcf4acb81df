using System;
using System.Collections.Generic;
using System.Linq;
using Avro.Codegen.Generator.Model;
using Avro.Codegen.Generator.Options;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generator.Binding;

/// <summary>
/// Links the parsed files as one set, reusing the graph of every file that the per-file step linked on its own without
/// errors (<see cref="ParsedSchemaFile.Alone"/>): only the other files (those that name types of other files, or have
/// errors) are linked again, against the reused types. An edit of one self-contained file then links that file only.
/// </summary>
/// <remarks>
/// Reuse gives the same result as <see cref="SchemaParser.Link"/> over all files when no name could resolve differently
/// in the whole set than in one file: no full name defined in two files, and no type of the null namespace whose simple
/// name another file defines in a namespace (a short reference resolves in its own namespace first, then in the null
/// namespace). IDL and protocol files (imports) always take the whole link, as does any set that breaks these rules.
/// </remarks>
internal static class SetLinker
{
    /// <summary>
    /// The per-file step: parses the file on its own and, for an <c>.avsc</c>, also links it on its own. A file that
    /// needs no other file keeps this graph, and the set's link skips it.
    /// </summary>
    public static ParsedSchemaFile Parse(SchemaFileInput input)
    {
        var unlinked = SchemaParser.ParseUnlinked(new SchemaSource(input.Path, input.Text));
        if (!input.Path.EndsWith(".avsc", StringComparison.OrdinalIgnoreCase))
        {
            return new ParsedSchemaFile(input, unlinked);
        }

        var alone = SchemaParser.Link(new[] { unlinked }).Files[0];
        return alone.Success
            ? new ParsedSchemaFile(input, unlinked, alone, GeneratorLimits.Check(alone.DefinedTypes), TypeReach.OfFile(alone))
            : new ParsedSchemaFile(input, unlinked, alone);
    }

    /// <summary>One result per file, in the order of <paramref name="files"/> (each read without errors).</summary>
    public static IReadOnlyList<SchemaFileResult> Link(IReadOnlyList<ParsedSchemaFile> files)
    {
        if (!CanReuse(files))
        {
            return SchemaParser.Link(files.Select(f => f.Unlinked!)).Files;
        }

        var rest = files.Where(f => !f.Alone!.Success).ToList();
        if (rest.Count == 0)
        {
            return files.Select(f => f.Alone!).ToList();
        }

        var known = files.Where(f => f.Alone!.Success).SelectMany(f => f.Alone!.DefinedTypes);
        var relinked = SchemaParser.Link(rest.Select(f => f.Unlinked!), known).Files;
        var results = new List<SchemaFileResult>(files.Count);
        var next = 0;
        foreach (var file in files)
        {
            results.Add(file.Alone!.Success ? file.Alone : relinked[next++]);
        }

        return results;
    }

    private static bool CanReuse(IReadOnlyList<ParsedSchemaFile> files)
    {
        var fileOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var nullNamespace = new List<(string Name, int File)>();
        for (var i = 0; i < files.Count; i++)
        {
            if (files[i].Alone is not { } alone)
            {
                return false;
            }

            foreach (var type in alone.DefinedTypes)
            {
                if (fileOf.TryGetValue(type.FullName, out var other) && other != i)
                {
                    return false;
                }

                fileOf[type.FullName] = i;
                if (type.Namespace is null)
                {
                    nullNamespace.Add((type.FullName, i));
                }
            }
        }

        if (nullNamespace.Count == 0)
        {
            return true;
        }

        // The simple names defined in a namespace, with their files: a short reference to a null-namespace type's name
        // from inside such a namespace means that type in the whole set, and the null-namespace one in a file alone.
        var bySimpleName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var pair in fileOf)
        {
            var dot = pair.Key.LastIndexOf('.');
            if (dot >= 0)
            {
                var simple = pair.Key.Substring(dot + 1);
                if (!bySimpleName.TryGetValue(simple, out var list))
                {
                    bySimpleName[simple] = list = new List<int>();
                }

                list.Add(pair.Value);
            }
        }

        return !nullNamespace.Any(n => bySimpleName.TryGetValue(n.Name, out var defining) && defining.Any(file => file != n.File));
    }
}
