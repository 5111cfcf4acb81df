using System.Text;
using System.Text.RegularExpressions;

namespace Avro.Codegen.Registry;

/// <summary>
/// Removes registry credentials from text before it leaves a client: exception messages, log lines, build
/// diagnostics. A server or proxy can echo a credential in many forms, so each secret is removed as given, as the
/// base64 a Basic header carries (with and without padding, standard and URL alphabets), percent-encoded, and, for
/// <c>user:password</c>, the password alone; any echoed <c>Authorization</c> header value is removed whatever it holds.
/// </summary>
/// <remarks>
/// One implementation for the runtime client, the build gate and the CLI, in the registry protocol layer
/// (netstandard2.0), which all three reference.
/// </remarks>
internal static class SecretRedaction
{
    /// <summary>What a removed secret is replaced with.</summary>
    public const string Mask = "***";

    // Shorter secrets are not searched for alone: replacing every "ab" would garble messages without protecting much.
    private const int MinimumLength = 3;

    // An echoed header, as a proxy or a debug page prints it: "Authorization: Basic xyz", "authorization=Bearer xyz",
    // "\"Authorization\":\"Bearer xyz\"". The scheme is kept, the credential goes.
    private static readonly Regex AuthorizationHeader = new(
        @"(?<name>\b(?:proxy-)?authorization)(?<sep>[""']?\s*[:=]\s*[""']?\s*)(?<scheme>[A-Za-z][A-Za-z0-9_-]*)[ \t]+(?<value>[^\s""',;}\]]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// <paramref name="text"/> without any form of <paramref name="secrets"/> (basic <c>user:password</c> pairs, bearer
    /// tokens, passwords; null and empty entries are ignored) and without echoed <c>Authorization</c> header values.
    /// </summary>
    public static string Redact(string text, params string?[] secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var form in FormsOf(secrets))
        {
            text = text.Replace(form, Mask);
        }

        return AuthorizationHeader.Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + m.Groups["scheme"].Value + " " + Mask);
    }

    /// <summary>A URL as text with any user-info (<c>scheme://user:password@host</c>) replaced by <c>***</c>.</summary>
    public static string RedactUrl(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return url;
        }

        // The authority ends at the first '/', '?' or '#' after the scheme; its last '@' ends the user-info (a
        // password may itself hold an unescaped '@').
        var start = scheme + 3;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        var at = url.LastIndexOf('@', end < 0 ? url.Length - 1 : end - 1);
        return at >= start ? url.Substring(0, start) + Mask + url.Substring(at) : url;
    }

    // Every form of every secret, longest first, so a longer form (user:password) is replaced before a part of it
    // (password) could break it up.
    private static List<string> FormsOf(string?[] secrets)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                continue;
            }

            AddForms(forms, secret!);
            var colon = secret!.IndexOf(':');
            if (colon >= 0)
            {
                AddForms(forms, secret.Substring(colon + 1));
            }
        }

        var ordered = forms.Where(f => f.Length >= MinimumLength).ToList();
        ordered.Sort((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b));
        return ordered;
    }

    private static void AddForms(HashSet<string> forms, string secret)
    {
        forms.Add(secret);
        forms.Add(Uri.EscapeDataString(secret));
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        forms.Add(base64);
        forms.Add(base64.TrimEnd('='));
        forms.Add(base64.TrimEnd('=').Replace('+', '-').Replace('/', '_'));

        // JSON writers may escape '/' (as "\/").
        forms.Add(base64.Replace("/", "\\/"));
    }
}
