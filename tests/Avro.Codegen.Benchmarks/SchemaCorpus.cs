using System.Globalization;

namespace Avro.Codegen.Benchmarks;

/// <summary>
/// A synthetic corpus for the generator benchmark: file i holds one record with a nested record, an enum, a fixed,
/// arrays, a map, unions and logical types (about the size of a typical event contract), under its own namespace so
/// that the files are independent. Revision 1 of a file adds one field with a default, a typical schema evolution.
/// </summary>
internal static class SchemaCorpus
{
    public static string Schema(int i, int revision)
    {
        string n = i.ToString(CultureInfo.InvariantCulture);
        string added = revision == 0 ? "" : """
            ,
             {"name":"addedLater","type":["null","string"],"default":null}
            """;
        return $$$"""
            {"type":"record","name":"Entity{{{n}}}","namespace":"Bench.Corpus.E{{{n}}}","doc":"Synthetic entity {{{n}}}.","fields":[
             {"name":"id","type":"long"},
             {"name":"key","type":{"type":"string","logicalType":"uuid"}},
             {"name":"name","type":"string"},
             {"name":"description","type":["null","string"],"default":null},
             {"name":"kind","type":{"type":"enum","name":"Entity{{{n}}}Kind","symbols":["ALPHA","BETA","GAMMA","DELTA"],"default":"ALPHA"}},
             {"name":"hash","type":{"type":"fixed","name":"Entity{{{n}}}Hash","size":16}},
             {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":4}},
             {"name":"createdAt","type":{"type":"long","logicalType":"timestamp-millis"}},
             {"name":"day","type":{"type":"int","logicalType":"date"}},
             {"name":"ratio","type":"double","default":1.0},
             {"name":"count","type":"int","default":0},
             {"name":"enabled","type":"boolean","default":true},
             {"name":"tags","type":{"type":"array","items":"string"},"default":[]},
             {"name":"labels","type":{"type":"map","values":"string"},"default":{}},
             {"name":"detail","type":{"type":"record","name":"Entity{{{n}}}Detail","fields":[
               {"name":"code","type":"string"},
               {"name":"weight","type":["null","float"],"default":null},
               {"name":"parts","type":{"type":"array","items":"Entity{{{n}}}Kind"}}]}},
             {"name":"history","type":{"type":"array","items":"Entity{{{n}}}Detail"},"default":[]},
             {"name":"payload","type":["null","bytes","string","Entity{{{n}}}Detail"],"default":null}{{{added}}}
            ]}
            """;
    }
}
