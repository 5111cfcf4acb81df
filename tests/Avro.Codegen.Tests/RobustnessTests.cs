using System.Text;
using Avro.Codegen.Generic;
using Avro.Codegen.Schema;
using FsCheck.Fluent;

namespace Avro.Codegen.Tests;

/// <summary>
/// Mutates valid encodings many thousands of times (bit flips, truncation, forged lengths and counts, garbage runs)
/// and checks that decoding fails only with <see cref="AvroDataException"/> and allocates no more than the input warrants.
/// </summary>
public class RobustnessTests
{
    private static readonly AvroReaderOptions Options = new() { MaxZeroSizeItems = 10_000 };
    private static readonly GenericReadOptions KeepBranches = new() { KeepUnionBranches = true };

    // Varints a forger would use: huge and negative lengths/counts, int and long extremes, an over-long varint.
    private static readonly byte[][] Forged =
    [
        [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F],          // 2^62 - 1
        [0x01],                                                      // -1
        [0xFE, 0xFF, 0xFF, 0xFF, 0x0F],                              // int.MaxValue
        [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],  // long.MinValue
        [0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], // 11 bytes
        [0xC8, 0x01],                                                // 100
        [0x03, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F],                        // block of -2 items claiming int.MaxValue bytes
    ];

    private static List<(AvroSchema Schema, byte[] Bytes, string Json)> Samples(int count, int seed)
    {
        var samples = RandomSchemas.SchemaAndValue().Sample(count, new FsCheck.Rnd((ulong)seed, 7UL), 30);
        return samples.Select(s =>
        {
            var bytes = GenericBinary.Encode(s.Schema, s.Value);
            return (s.Schema, bytes, GenericJson.ToJson(s.Schema, s.Value));
        }).ToList();
    }

    [Fact]
    public void Mutated_binary_raises_only_AvroException_with_bounded_allocation()
    {
        var random = new Random(12345);
        var attempts = 0;
        var rejected = 0;
        foreach (var (schema, bytes, _) in Samples(400, 1))
        {
            for (var m = 0; m < 30; m++)
            {
                var mutated = Mutate(bytes, random);
                attempts++;
                rejected += DecodeAndCheck(schema, mutated) ? 0 : 1;
            }
        }

        Assert.True(attempts >= 10_000, $"{attempts} attempts, {rejected} rejected");
        Assert.True(rejected > attempts / 4 && rejected < attempts, $"only {rejected} of {attempts} mutations were rejected: the mutations are too weak");
    }

    [Fact]
    public void Forged_lengths_over_a_large_declared_size_do_not_allocate_it()
    {
        var schema = GenericCodecTests.Parse("""{"type": "array", "items": {"type": "map", "values": "bytes"}}""");
        foreach (var forged in Forged)
        {
            foreach (var prefix in new[] { Array.Empty<byte>(), new byte[] { 0x02 }, new byte[] { 0x02, 0x02, 0x02, 0x61 } })
            {
                DecodeAndCheck(schema, prefix.Concat(forged).Concat(new byte[] { 0, 0 }).ToArray());
            }
        }
    }

    [Fact]
    public void Mutated_json_raises_only_AvroException()
    {
        var random = new Random(99);
        var attempts = 0;
        foreach (var (schema, _, json) in Samples(200, 2))
        {
            var utf8 = Encoding.UTF8.GetBytes(json);
            for (var m = 0; m < 15; m++)
            {
                var mutated = (byte[])utf8.Clone();
                switch (random.Next(3))
                {
                    case 0 when mutated.Length > 0:
                        mutated[random.Next(mutated.Length)] = JsonNoise[random.Next(JsonNoise.Length)];
                        break;
                    case 1:
                        mutated = mutated[..random.Next(mutated.Length + 1)];
                        break;
                    default:
                        var at = random.Next(mutated.Length + 1);
                        var insert = Encoding.UTF8.GetBytes(random.Next(4) switch { 0 => "[[[[", 1 => "{\"x\":", 2 => "1e999", _ => "\"\\ud800\"" });
                        mutated = mutated[..at].Concat(insert).Concat(mutated[at..]).ToArray();
                        break;
                }

                attempts++;
                try
                {
                    GenericJson.FromJson(schema, Encoding.UTF8.GetString(mutated), KeepBranches);
                }
                catch (AvroDataException)
                {
                }
            }
        }

        Assert.True(attempts >= 3000);
    }

    private static readonly byte[] JsonNoise = Encoding.UTF8.GetBytes("{}[]\":,0123456789-eE.ntfu\\ ÿ");

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        switch (random.Next(5))
        {
            case 0 when copy.Length > 0:
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                }

                return copy;
            case 1 when copy.Length > 0:
                return copy[..random.Next(copy.Length)];
            case 2:
                var at = random.Next(copy.Length + 1);
                var forged = Forged[random.Next(Forged.Length)];
                var replace = random.Next(2) == 0 ? 0 : Math.Min(copy.Length - at, random.Next(1, 4));
                return copy[..at].Concat(forged).Concat(copy[(at + replace)..]).ToArray();
            case 3 when copy.Length > 0:
                var start = random.Next(copy.Length);
                copy.AsSpan(start, Math.Min(copy.Length - start, random.Next(1, 6))).Fill(random.Next(2) == 0 ? (byte)0xFF : (byte)0x80);
                return copy;
            default:
                return copy.Concat(Forged[random.Next(Forged.Length)]).ToArray();
        }
    }

    /// <summary>Decodes and skips; true when the bytes were accepted. Fails the test on any other exception type.</summary>
    private static bool DecodeAndCheck(AvroSchema schema, byte[] data)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var accepted = true;
        try
        {
            GenericBinary.Decode(schema, data, Options, KeepBranches);
        }
        catch (AvroDataException e)
        {
            accepted = false;
            Assert.InRange(e.Offset, -1, data.Length);
        }

        try
        {
            var reader = new AvroReader(data, Options);
            reader.Skip(schema);
        }
        catch (AvroDataException)
        {
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < (4 << 20) + (256L * data.Length), $"{allocated} bytes allocated for {data.Length} bytes of input");
        return accepted;
    }
}
