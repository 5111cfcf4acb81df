using System.Text;

namespace Avro.Codegen.TestUtilities;

/// <summary>
/// Seeded random edits of a text input (a schema, an IDL file, a JSON datum) for tests that every damaged input ends
/// in the documented error and nothing else. Linked into every test project by <c>tests/Directory.Build.props</c>.
/// </summary>
internal static class TextMutations
{
    /// <summary>
    /// One to three edits of <paramref name="seed"/>, each at a random place: delete up to 8 characters, insert one of
    /// <paramref name="fragments"/>, or replace a character with printable ASCII; with <paramref name="ownEdit"/>, the
    /// caller's edit (given the text, the place and <paramref name="random"/>) is a fourth kind.
    /// </summary>
    public static string Mutate(string seed, Random random, string[] fragments, Action<StringBuilder, int, Random>? ownEdit = null)
    {
        var text = new StringBuilder(seed);
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits && text.Length > 0; e++)
        {
            var at = random.Next(text.Length);
            switch (random.Next(ownEdit is null ? 3 : 4))
            {
                case 0:
                    text.Remove(at, Math.Min(1 + random.Next(8), text.Length - at));
                    break;
                case 1:
                    text.Insert(at, fragments[random.Next(fragments.Length)]);
                    break;
                case 2:
                    text[at] = (char)random.Next(0x20, 0x7f);
                    break;
                default:
                    ownEdit!(text, at, random);
                    break;
            }
        }

        return text.ToString();
    }
}
