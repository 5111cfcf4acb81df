using System.Text;
using Avro.Codegen.Schema;
using static Avro.Codegen.Schema.Tests.TestHelpers;

namespace Avro.Codegen.Schema.Tests;

/// <summary>
/// Expected canonical forms are written by hand from the specification's rules. The expected CRC-64-AVRO values were
/// produced once with Java Apache Avro 1.8.2 (Debian libavro-java):
/// <c>SchemaNormalization.parsingFingerprint64(new Schema.Parser().parse(text))</c>, printed as Java's signed long; the MD5
/// and SHA-256 values with <c>printf '%s' CANONICAL | md5sum</c> / <c>sha256sum</c>.
/// </summary>
public class CanonicalFormTests
{
    private const string UserSchema = @"{'type':'record','name':'User','namespace':'com.acme','doc':'d','aliases':['P'],'x':1,'fields':[
 {'name':'id','type':{'type':'long'},'default':0,'order':'descending'},
 {'name':'tags','type':{'type':'array','items':'string'}},
 {'name':'attrs','type':{'type':'map','values':['null','int']}},
 {'name':'suit','type':{'type':'enum','name':'Suit','namespace':'cards','symbols':['A','B'],'default':'A'}},
 {'name':'hash','type':{'type':'fixed','name':'Hash','size':16,'logicalType':'uuid'}},
 {'name':'suit2','type':'cards.Suit'},
 {'name':'amount','type':{'type':'bytes','logicalType':'decimal','precision':5,'scale':2}},
 {'name':'next','type':['null','User']}
]}";

    private const string UserCanonical =
        "{'name':'com.acme.User','type':'record','fields':[{'name':'id','type':'long'},{'name':'tags','type':{'type':'array','items':'string'}}," +
        "{'name':'attrs','type':{'type':'map','values':['null','int']}},{'name':'suit','type':{'name':'cards.Suit','type':'enum','symbols':['A','B']}}," +
        "{'name':'hash','type':{'name':'com.acme.Hash','type':'fixed','size':16}},{'name':'suit2','type':'cards.Suit'},{'name':'amount','type':'bytes'}," +
        "{'name':'next','type':['null','com.acme.User']}]}";

    private const string EscapesSchema = @"{ 'type' : 'record', 'name' : 'R', 'namespace' : 'a.b', 'fields' : [
   { 'name' : 'x\u0041', 'type' : { 'type': 'enum', 'name': 'E', 'namespace': '', 'doc': 'caf\u00e9 \'q\'', 'symbols' : [ 'S1', 'S2' ] } },
   { 'name' : 'y', 'type' : 'E' },
   { 'name' : 'z', 'type' : { 'type' : 'fixed', 'name' : 'c.F', 'size' : 3 } },
   { 'name' : 'w', 'type' : [ 'null', 'c.F', 'E' ] }
] }";

    private const string EscapesCanonical =
        "{'name':'a.b.R','type':'record','fields':[{'name':'xA','type':{'name':'E','type':'enum','symbols':['S1','S2']}},{'name':'y','type':'E'}," +
        "{'name':'z','type':{'name':'c.F','type':'fixed','size':3}},{'name':'w','type':['null','c.F','E']}]}";

    [Theory]
    [InlineData("'int'", "'int'", 8247732601305521295L)]
    [InlineData("{'type': 'int'}", "'int'", 8247732601305521295L)]
    [InlineData("{'type':'long','logicalType':'timestamp-millis'}", "'long'", -3434872931120570953L)]
    [InlineData("'string'", "'string'", -8142146995180207161L)]
    [InlineData("{'type':'array','items':{'type':'map','values':'bytes'}}", "{'type':'array','items':{'type':'map','values':'bytes'}}", 3154865627964376218L)]
    [InlineData("{'type':'error','name':'E','fields':[]}", "{'name':'E','type':'record','fields':[]}", -7310676219777007108L)]
    [InlineData(UserSchema, UserCanonical, -5261388856049082678L)]
    [InlineData(EscapesSchema, EscapesCanonical, -856722935520476121L)]
    public void CanonicalFormAndCrc64MatchJavaAvro(string schema, string canonical, long javaFingerprint)
    {
        var parsed = Valid(Q(schema).Replace("\\\"", "\\\""));
        Assert.Equal(Q(canonical), ParsingCanonicalForm.ToCanonicalJson(parsed));
        Assert.Equal(unchecked((ulong)javaFingerprint), SchemaFingerprint.Crc64Avro(parsed));
    }

    [Fact]
    public void SpecExampleFingerprintOfInt() =>
        Assert.Equal(0x7275d51a3f395c8fUL, SchemaFingerprint.Crc64Avro(Valid("\"int\"")));

    [Fact]
    public void EmptyInputHasTheSeedAsFingerprint() =>
        Assert.Equal(0xc15d213aa4d7a795UL, SchemaFingerprint.Crc64Avro(Array.Empty<byte>()));

    [Fact]
    public void Md5AndSha256AreDigestsOfTheCanonicalUtf8()
    {
        var intSchema = Valid("\"int\"");
        Assert.Equal("ef524ea1b91e73173d938ade36c1db32", Convert.ToHexStringLower(SchemaFingerprint.Md5(intSchema)));
        Assert.Equal("3f2b87a9fe7cc9b13835598c3981cd45e3e355309e5090aa0933d7becb6fba45", Convert.ToHexStringLower(SchemaFingerprint.Sha256(intSchema)));
        var error = Valid(Q("{'type':'error','name':'E','doc':'x','fields':[]}"));
        Assert.Equal("8d3c15029888be545a36256d8d9821f8", Convert.ToHexStringLower(SchemaFingerprint.Md5(error)));
        Assert.Equal("ce7a45de7d2ba3b638b703f5f843bc2935337d88d5ee6f898804a9ab819e0ae6", Convert.ToHexStringLower(SchemaFingerprint.Sha256(error)));
    }

    [Fact]
    public void LittleEndianBytesOfTheFingerprint() =>
        Assert.Equal(new byte[] { 0x8f, 0x5c, 0x39, 0x3f, 0x1a, 0xd5, 0x75, 0x72 }, SchemaFingerprint.ToLittleEndianBytes(0x7275d51a3f395c8fUL));

    [Fact]
    public void NamedTypesAreWrittenOnceThenByFullName()
    {
        var schema = Valid(Q(@"{'type':'record','name':'n.R','fields':[
            {'name':'a','type':{'type':'fixed','name':'F','size':2}},
            {'name':'b','type':{'type':'array','items':'F'}},
            {'name':'c','type':{'type':'map','values':'n.F'}},
            {'name':'d','type':['null','R']}]}"));
        Assert.Equal(Q("{'name':'n.R','type':'record','fields':[{'name':'a','type':{'name':'n.F','type':'fixed','size':2}}," +
            "{'name':'b','type':{'type':'array','items':'n.F'}},{'name':'c','type':{'type':'map','values':'n.F'}},{'name':'d','type':['null','n.R']}]}"),
            ParsingCanonicalForm.ToCanonicalJson(schema));
    }

    [Fact]
    public void AttributeOrderAndWhitespaceInTheSourceDoNotMatter()
    {
        var a = Valid(Q("{'fields':[{'type':'int','name':'x'}],'name':'R','type':'record'}"));
        var b = Valid(Q("{\n  'type': 'record',\n  'name': 'R',\n  'fields': [ { 'name': 'x', 'type': { 'type': 'int' } } ]\n}"));
        Assert.Equal(ParsingCanonicalForm.ToCanonicalJson(a), ParsingCanonicalForm.ToCanonicalJson(b));
        Assert.Equal(Q("{'name':'R','type':'record','fields':[{'name':'x','type':'int'}]}"), ParsingCanonicalForm.ToCanonicalJson(a));
        Assert.Equal(SchemaFingerprint.Crc64Avro(a), SchemaFingerprint.Crc64Avro(b));
    }

    [Fact]
    public void Crc64OfBytesMatchesTheSchemaOverload()
    {
        var schema = Valid(Q(UserSchema));
        Assert.Equal(SchemaFingerprint.Crc64Avro(Encoding.UTF8.GetBytes(Q(UserCanonical))), SchemaFingerprint.Crc64Avro(schema));
    }
}
