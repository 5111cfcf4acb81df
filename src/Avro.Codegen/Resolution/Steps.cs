using System.Buffers;
using Avro.Codegen.Internal;
using Avro.Codegen.Schema;

namespace Avro.Codegen.Resolution;

/// <summary>
/// The state of one transcoding: the writer-schema bytes being read, and the reader-schema bytes being written into a
/// <see cref="ResolveBuffer"/> (positions in <see cref="Output"/> are positions in that buffer).
/// </summary>
internal ref struct Transcoder
{
    public AvroReader Input;
    public AvroWriter Output;
    public readonly ReadOnlySpan<byte> Source;
    public readonly ResolveBuffer Buffer;

    public Transcoder(ReadOnlySpan<byte> source, AvroReaderOptions? options, ResolveBuffer buffer)
    {
        Source = source;
        Input = new AvroReader(source, options);
        Buffer = buffer;
        Output = new AvroWriter(buffer);
    }

    /// <summary>The bytes read since <paramref name="start"/>: a writer value that the reader encodes identically.</summary>
    public readonly ReadOnlySpan<byte> ReadSince(long start) => Source.Slice((int)start, (int)(Input.Position - start));
}

/// <summary>
/// One node of a compiled plan: reads one value of a writer schema from <see cref="Transcoder.Input"/> and writes the
/// resolved value of the reader schema to <see cref="Transcoder.Output"/>. Steps are immutable once the plan is built
/// and shared by every thread; record steps of recursive types refer to themselves.
/// </summary>
internal abstract class Step
{
    public abstract void Run(ref Transcoder t);
}

/// <summary>The writer and reader encode the value identically: skip it and copy its bytes.</summary>
internal sealed class CopyStep(AvroSchema writer) : Step
{
    public AvroSchema Writer { get; } = writer;

    public override void Run(ref Transcoder t)
    {
        var start = t.Input.Position;
        t.Input.Skip(Writer);
        t.Output.WriteRaw(t.ReadSince(start));
    }
}

/// <summary>Several consecutive record fields that both schemas encode identically: one copy for all of them.</summary>
internal sealed class CopyRunStep(AvroSchema[] writers) : Step
{
    public override void Run(ref Transcoder t)
    {
        var start = t.Input.Position;
        foreach (var writer in writers)
        {
            t.Input.Skip(writer);
        }

        t.Output.WriteRaw(t.ReadSince(start));
    }
}

/// <summary>Writer-only record fields: read past them.</summary>
internal sealed class SkipStep(AvroSchema writer) : Step
{
    public override void Run(ref Transcoder t) => t.Input.Skip(writer);
}

/// <summary>A reader-only field: its default, encoded once when the plan was built.</summary>
internal sealed class DefaultStep(byte[] encoded) : Step
{
    public byte[] Encoded { get; } = encoded;

    public override void Run(ref Transcoder t) => t.Output.WriteRaw(Encoded);
}

/// <summary>A part of the pair that cannot be resolved; reading a value that reaches it fails.</summary>
internal sealed class ErrorStep(string message) : Step
{
    public string Message { get; } = message;

    public override void Run(ref Transcoder t) => throw new AvroDataException(Message, t.Input.Position);
}

internal sealed class IntToLongStep : Step
{
    public static readonly IntToLongStep Instance = new();

    public override void Run(ref Transcoder t) => t.Output.WriteLong(t.Input.ReadInt());
}

internal sealed class IntToFloatStep : Step
{
    public static readonly IntToFloatStep Instance = new();

    public override void Run(ref Transcoder t) => t.Output.WriteFloat(t.Input.ReadInt());
}

internal sealed class IntToDoubleStep : Step
{
    public static readonly IntToDoubleStep Instance = new();

    public override void Run(ref Transcoder t) => t.Output.WriteDouble(t.Input.ReadInt());
}

internal sealed class LongToFloatStep : Step
{
    public static readonly LongToFloatStep Instance = new();

    public override void Run(ref Transcoder t) => t.Output.WriteFloat(t.Input.ReadLong());
}

internal sealed class LongToDoubleStep : Step
{
    public static readonly LongToDoubleStep Instance = new();

    public override void Run(ref Transcoder t) => t.Output.WriteDouble(t.Input.ReadLong());
}

internal sealed class FloatToDoubleStep : Step
{
    public static readonly FloatToDoubleStep Instance = new();

    public override void Run(ref Transcoder t) => t.Output.WriteDouble(t.Input.ReadFloat());
}

/// <summary>Enum symbols mapped by name; a writer symbol the reader lacks maps to the reader's default, or fails.</summary>
internal sealed class EnumStep(int[] readerIndexByWriterIndex, EnumSchema writer, EnumSchema reader) : Step
{
    public override void Run(ref Transcoder t)
    {
        var at = t.Input.Position;
        var index = t.Input.ReadEnum(readerIndexByWriterIndex.Length);
        var mapped = readerIndexByWriterIndex[index];
        if (mapped < 0)
        {
            throw new AvroDataException(
                $"The writer's enum symbol '{writer.Symbols[index]}' of '{writer.FullName}' is not a symbol of the reader's enum '{reader.FullName}', which has no default",
                at);
        }

        t.Output.WriteEnum(mapped);
    }
}

/// <summary>An array whose items need resolving; each writer block becomes one reader block of the same count.</summary>
internal sealed class ArrayStep(AvroSchema writerItems) : Step
{
    private readonly int _minItemSize = SchemaFacts.MinEncodedSize(writerItems);

    public Step Items { get; set; } = null!;

    public override void Run(ref Transcoder t)
    {
        t.Input.EnterNested();
        for (var count = t.Input.ReadBlockCount(_minItemSize); count != 0; count = t.Input.ReadBlockCount(_minItemSize))
        {
            t.Output.WriteBlockCount(count);
            for (var i = 0L; i < count; i++)
            {
                Items.Run(ref t);
            }
        }

        t.Output.WriteBlockEnd();
        t.Input.ExitNested();
    }
}

/// <summary>A map whose values need resolving; keys are copied.</summary>
internal sealed class MapStep : Step
{
    public Step Values { get; set; } = null!;

    public override void Run(ref Transcoder t)
    {
        t.Input.EnterNested();
        for (var count = t.Input.ReadBlockCount(1); count != 0; count = t.Input.ReadBlockCount(1))
        {
            t.Output.WriteBlockCount(count);
            for (var i = 0L; i < count; i++)
            {
                t.Output.WriteBytes(t.Input.ReadStringUtf8());
                Values.Run(ref t);
            }
        }

        t.Output.WriteBlockEnd();
        t.Input.ExitNested();
    }
}

/// <summary>A writer union: the branch the writer chose picks the step (each step writes the reader's branch index if any).</summary>
internal sealed class WriterUnionStep(Step[] branches) : Step
{
    public override void Run(ref Transcoder t) => branches[t.Input.ReadUnionIndex(branches.Length)].Run(ref t);
}

/// <summary>A reader union read from a writer value that is not a union: the chosen branch's index, then the value.</summary>
internal sealed class ReaderBranchStep(int readerIndex, Step value) : Step
{
    public override void Run(ref Transcoder t)
    {
        t.Output.WriteUnionIndex(readerIndex);
        value.Run(ref t);
    }
}

/// <summary>
/// A record whose matched fields come in the reader's order: the steps run in sequence, writer-only fields skipped
/// where they occur and reader-only defaults written where the reader expects them.
/// </summary>
internal sealed class RecordStep : Step
{
    public Step[] Steps { get; set; } = [];

    public override void Run(ref Transcoder t)
    {
        t.Input.EnterNested();
        foreach (var step in Steps)
        {
            step.Run(ref t);
        }

        t.Input.ExitNested();
    }
}

/// <summary>
/// A record whose matched fields come in another order than the reader's. The fields are resolved in the writer's
/// order (the only order they can be read in) straight into the output, each one's place noted; then the record's
/// bytes are put into the reader's order with one copy.
/// </summary>
internal sealed class ReorderRecordStep : Step
{
    /// <summary>Per writer field: the step and the reader field index it fills, or a null step (skip) and -1.</summary>
    public (Step? Step, AvroSchema Writer, int ReaderIndex)[] WriterFields { get; set; } = [];

    /// <summary>Per reader field not filled by the writer: the reader index and its default step (or an error step).</summary>
    public (int ReaderIndex, Step Step)[] Missing { get; set; } = [];

    public int ReaderFieldCount { get; set; }

    public override void Run(ref Transcoder t)
    {
        t.Input.EnterNested();
        var slots = ReaderFieldCount * 2;
        int[]? rented = null;
        var segments = slots <= 128 ? stackalloc int[slots] : (rented = ArrayPool<int>.Shared.Rent(slots)).AsSpan(0, slots);
        try
        {
            var start = t.Output.BytesWritten;
            foreach (var (step, writer, readerIndex) in WriterFields)
            {
                if (step is null)
                {
                    t.Input.Skip(writer);
                    continue;
                }

                var fieldStart = t.Output.BytesWritten;
                step.Run(ref t);
                segments[2 * readerIndex] = (int)(fieldStart - start);
                segments[2 * readerIndex + 1] = (int)(t.Output.BytesWritten - fieldStart);
            }

            foreach (var (readerIndex, step) in Missing)
            {
                var fieldStart = t.Output.BytesWritten;
                step.Run(ref t);
                segments[2 * readerIndex] = (int)(fieldStart - start);
                segments[2 * readerIndex + 1] = (int)(t.Output.BytesWritten - fieldStart);
            }

            // Commit what the writer holds so the buffer has every byte of the record, then permute in place.
            t.Output.Flush();
            var region = t.Buffer.Written.Slice((int)start);
            var copy = ArrayPool<byte>.Shared.Rent(region.Length);
            region.CopyTo(copy);
            var at = 0;
            for (var i = 0; i < ReaderFieldCount; i++)
            {
                var length = segments[2 * i + 1];
                copy.AsSpan(segments[2 * i], length).CopyTo(region.Slice(at));
                at += length;
            }

            ArrayPool<byte>.Shared.Return(copy);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }

        t.Input.ExitNested();
    }
}
