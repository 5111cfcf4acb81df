using System.Collections.Generic;
using System.Text;

namespace Avro.Codegen.Schema.Json;

/// <summary>
/// Writes a <see cref="JsonValue"/> tree as text with an explicit stack instead of recursion: a tree built in code (such
/// as the JSON of a schema whose named types refer to each other in a chain of any length) may be far deeper than the
/// parser's nesting limit, and writing it must not exhaust the thread's stack.
/// </summary>
internal static class JsonTextWriter
{
    /// <summary>Appends <paramref name="root"/>, compact or indented with two spaces per level.</summary>
    public static void Write(JsonValue root, StringBuilder o, bool indented)
    {
        var stack = new Stack<Frame>();
        WriteValue(root, o, stack, 0, indented);
        while (stack.Count > 0)
        {
            var frame = stack.Pop();
            var count = frame.Array is not null ? frame.Array.Items.Count : frame.Object!.Properties.Count;
            if (frame.Next == count)
            {
                if (indented)
                {
                    o.Append('\n');
                    Indent(o, frame.Depth);
                }

                o.Append(frame.Array is not null ? ']' : '}');
                continue;
            }

            o.Append(frame.Next == 0 ? (indented ? "\n" : string.Empty) : (indented ? ",\n" : ","));
            if (indented)
            {
                Indent(o, frame.Depth + 1);
            }

            JsonValue child;
            if (frame.Array is not null)
            {
                child = frame.Array.Items[frame.Next];
            }
            else
            {
                var property = frame.Object!.Properties[frame.Next];
                JsonValue.WriteString(o, property.Name);
                o.Append(indented ? ": " : ":");
                child = property.Value;
            }

            stack.Push(new Frame(frame.Array, frame.Object, frame.Next + 1, frame.Depth));
            WriteValue(child, o, stack, frame.Depth + 1, indented);
        }
    }

    /// <summary>Writes a scalar or an empty container at once; opens a non-empty container and pushes its frame.</summary>
    private static void WriteValue(JsonValue value, StringBuilder o, Stack<Frame> stack, int depth, bool indented)
    {
        switch (value)
        {
            case JsonArray array when array.Items.Count > 0:
                o.Append('[');
                stack.Push(new Frame(array, null, 0, depth));
                break;
            case JsonArray:
                o.Append("[]");
                break;
            case JsonObject obj when obj.Properties.Count > 0:
                o.Append('{');
                stack.Push(new Frame(null, obj, 0, depth));
                break;
            case JsonObject:
                o.Append("{}");
                break;
            default:
                value.WriteTo(o);
                break;
        }
    }

    private static void Indent(StringBuilder o, int depth) => o.Append(' ', depth * 2);

    private readonly struct Frame
    {
        public Frame(JsonArray? array, JsonObject? obj, int next, int depth)
        {
            Array = array;
            Object = obj;
            Next = next;
            Depth = depth;
        }

        public JsonArray? Array { get; }

        public JsonObject? Object { get; }

        public int Next { get; }

        public int Depth { get; }
    }
}
