namespace Vr.Standaarden.Schema.Internal;

internal static class UriTools
{
    /// <summary>The URI as a string without its fragment (the key of a schema resource).</summary>
    public static string WithoutFragment(Uri uri)
    {
        var text = uri.OriginalString;
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        var bare = hash >= 0 ? text[..hash] : text;
        return uri.IsAbsoluteUri ? Normalize(bare) : bare;
    }

    /// <summary>Resolves a reference against a base URI (RFC 3986 §5.2).</summary>
    public static Uri Resolve(Uri baseUri, string reference)
    {
        // Only a reference with a scheme is absolute (on Unix, .NET would take "/a/b" for a file path).
        if (HasScheme(reference) && Uri.TryCreate(reference, UriKind.Absolute, out var absolute))
        {
            return absolute;
        }

        if (reference.StartsWith('#'))
        {
            return new Uri(WithoutFragment(baseUri) + reference);
        }

        return reference.Length == 0 ? baseUri : new Uri(baseUri, reference);
    }

    public static (string Resource, string? Fragment) Split(Uri uri)
    {
        var text = uri.OriginalString;
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0)
        {
            return (Normalize(text), null);
        }

        return (Normalize(text[..hash]), text[(hash + 1)..]);
    }

    private static string Normalize(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" or "file"
            ? parsed.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped)
            : text;

    private static bool HasScheme(string reference)
    {
        if (reference.Length == 0 || !char.IsAsciiLetter(reference[0]))
        {
            return false;
        }

        for (var i = 1; i < reference.Length; i++)
        {
            var c = reference[i];
            if (c == ':')
            {
                return true;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return false;
    }
}
