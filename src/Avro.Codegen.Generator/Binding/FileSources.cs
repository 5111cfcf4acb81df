using System.Collections.Generic;
using Avro.Codegen.Generator.Model;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Generator.Binding;

/// <summary>
/// For each named type, the path and text of every file whose definitions its schema reaches: the identity of what the
/// per-type step reads from the schema graph (see <see cref="BoundType"/>). Computed per file, as the closure of the
/// file-to-file references, so one walk over each file's own types is enough.
/// </summary>
internal sealed class FileSources
{
    private readonly IReadOnlyList<ParsedSchemaFile> _files;
    private readonly IReadOnlyDictionary<NamedSchema, int> _fileOf;
    private readonly Dictionary<int, HashSet<int>> _references = new();
    private readonly Dictionary<int, EquatableArray<string>> _closures = new();

    public FileSources(IReadOnlyList<ParsedSchemaFile> files, IReadOnlyDictionary<NamedSchema, int> fileOf)
    {
        _files = files;
        _fileOf = fileOf;
        foreach (var pair in fileOf)
        {
            if (!_references.ContainsKey(pair.Value))
            {
                _references[pair.Value] = new HashSet<int>();
            }
        }

        // One walk per file: its own types are followed, another file's type is a reference and not followed.
        var seen = new HashSet<AvroSchema>();
        var pending = new Stack<AvroSchema>();
        foreach (var pair in fileOf)
        {
            pending.Push(pair.Key);
            while (pending.Count > 0)
            {
                var schema = pending.Pop();
                if (schema is NamedSchema named && _fileOf.TryGetValue(named, out var file) && file != pair.Value)
                {
                    _references[pair.Value].Add(file);
                    continue;
                }

                if (seen.Add(schema))
                {
                    schema.PushChildren(pending);
                }
            }
        }
    }

    /// <summary>Path and text, pair after pair, of the files <paramref name="schema"/> reaches (its own included), in path order.</summary>
    public EquatableArray<string> Of(NamedSchema schema)
    {
        var file = _fileOf[schema];
        if (_closures.TryGetValue(file, out var known))
        {
            return known;
        }

        var reached = new SortedSet<int> { file };
        var pending = new Stack<int>();
        pending.Push(file);
        while (pending.Count > 0)
        {
            foreach (var next in _references[pending.Pop()])
            {
                if (reached.Add(next))
                {
                    pending.Push(next);
                }
            }
        }

        var texts = new List<string>(reached.Count * 2);
        foreach (var index in reached)
        {
            texts.Add(_files[index].Input.Path);
            texts.Add(_files[index].Input.Text);
        }

        return _closures[file] = texts.ToEquatableArray();
    }
}
