using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Avro.Codegen.Interop.Tests.Infrastructure;

/// <summary>
/// Compares Avro JSON encodings as parsed JSON: member order and number spelling do not matter (Java prints 1.0E10
/// where others print 1e10). Integers compare exactly at any size. Other numbers compare as doubles, and also match
/// when they round to the same float, because a float field printed through a double (0.10000000149011612) and one
/// printed as a float (0.1) are the same value; byte-for-byte round trips check floats exactly elsewhere. With
/// <c>ordered</c>, members must also come in the same order (map entries are ordered on the wire).
/// </summary>
internal static class JsonEquivalence
{
    /// <summary>Null when equivalent, otherwise the JSON path of the first difference and both values.</summary>
    public static string? Difference(string expected, string actual, bool ordered = false)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        return Difference(e.RootElement, a.RootElement, "$", ordered);
    }

    /// <summary>Splits tojson output (one datum per line) into its lines.</summary>
    public static IReadOnlyList<string> Lines(byte[] utf8) =>
        Encoding.UTF8.GetString(utf8).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Asserts that two tojson outputs hold the same datums in the same order.</summary>
    public static void AssertSameDatums(byte[] expected, byte[] actual, string expectedName, string actualName, bool ordered = false)
    {
        var e = Lines(expected);
        var a = Lines(actual);
        Assert.True(e.Count == a.Count, $"{expectedName} printed {e.Count} datums, {actualName} printed {a.Count}");
        for (var i = 0; i < e.Count; i++)
        {
            if (Difference(e[i], a[i], ordered) is { } difference)
            {
                Assert.Fail($"datum {i}: {difference}\n{expectedName}: {e[i]}\n{actualName}: {a[i]}");
            }
        }
    }

    private static string? Difference(JsonElement e, JsonElement a, string path, bool ordered)
    {
        if (e.ValueKind != a.ValueKind)
        {
            return $"{path}: {e.ValueKind} vs {a.ValueKind}";
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var eProps = e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                var aProps = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                var missing = eProps.Keys.Except(aProps.Keys).Concat(aProps.Keys.Except(eProps.Keys)).FirstOrDefault();
                if (missing is not null)
                {
                    return $"{path}: member \"{missing}\" is only on one side";
                }

                if (ordered && !eProps.Keys.SequenceEqual(aProps.Keys))
                {
                    return $"{path}: members in order [{string.Join(", ", eProps.Keys)}] vs [{string.Join(", ", aProps.Keys)}]";
                }

                foreach (var (name, value) in eProps)
                {
                    if (Difference(value, aProps[name], $"{path}.{name}", ordered) is { } d)
                    {
                        return d;
                    }
                }

                return null;
            }

            case JsonValueKind.Array:
            {
                var eItems = e.EnumerateArray().ToList();
                var aItems = a.EnumerateArray().ToList();
                if (eItems.Count != aItems.Count)
                {
                    return $"{path}: {eItems.Count} items vs {aItems.Count}";
                }

                for (var i = 0; i < eItems.Count; i++)
                {
                    if (Difference(eItems[i], aItems[i], $"{path}[{i}]", ordered) is { } d)
                    {
                        return d;
                    }
                }

                return null;
            }

            case JsonValueKind.String:
                return string.Equals(e.GetString(), a.GetString(), StringComparison.Ordinal)
                    ? null : $"{path}: {e.GetRawText()} vs {a.GetRawText()}";
            case JsonValueKind.Number:
                return NumbersEqual(e.GetRawText(), a.GetRawText()) ? null : $"{path}: {e.GetRawText()} vs {a.GetRawText()}";
            default:
                return null; // true, false, null: the kinds already matched
        }
    }

    internal static bool NumbersEqual(string e, string a)
    {
        if (IsInteger(e) && IsInteger(a))
        {
            return BigInteger.Parse(e, CultureInfo.InvariantCulture) == BigInteger.Parse(a, CultureInfo.InvariantCulture);
        }

        var de = double.Parse(e, NumberStyles.Float, CultureInfo.InvariantCulture);
        var da = double.Parse(a, NumberStyles.Float, CultureInfo.InvariantCulture);
        return de.Equals(da) || (float)de == (float)da && !float.IsInfinity((float)de);

        static bool IsInteger(string s) => s.All(c => char.IsAsciiDigit(c) || c == '-');
    }
}
