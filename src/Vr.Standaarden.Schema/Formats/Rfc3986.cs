namespace Vr.Standaarden.Schema.Formats;

/// <summary>RFC 3986 URI and URI-reference syntax, and RFC 3987 IRIs (which also allow non-ASCII characters).</summary>
internal static class Rfc3986
{
    private const string SubDelims = "!$&'()*+,;=";

    public static bool IsUri(string value, bool iri)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && IsScheme(value.AsSpan(0, colon)) && IsHierarchicalPart(value[(colon + 1)..], iri, relative: false);
    }

    public static bool IsUriReference(string value, bool iri) =>
        IsUri(value, iri) || IsHierarchicalPart(value, iri, relative: true);

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHierarchicalPart(string rest, bool iri, bool relative)
    {
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            if (!AllOf(rest[(hash + 1)..], iri, "/?:@"))
            {
                return false;
            }

            rest = rest[..hash];
        }

        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            if (!AllOf(rest[(question + 1)..], iri, "/?:@"))
            {
                return false;
            }

            rest = rest[..question];
        }

        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            var authority = slash >= 0 ? rest[2..slash] : rest[2..];
            var path = slash >= 0 ? rest[slash..] : string.Empty;
            return IsAuthority(authority, iri) && AllOf(path, iri, "/:@");
        }

        if (relative)
        {
            // A relative path's first segment must not contain a colon (it would read as a scheme).
            var firstSegment = rest.Split('/')[0];
            if (firstSegment.Contains(':', StringComparison.Ordinal))
            {
                return false;
            }
        }

        return AllOf(rest, iri, "/:@");
    }

    private static bool IsAuthority(string authority, bool iri)
    {
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            if (!AllOf(authority[..at], iri, ":"))
            {
                return false;
            }

            authority = authority[(at + 1)..];
        }

        string host;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = authority[..(close + 1)];
            var port = authority[(close + 1)..];
            if (port.Length > 0 && (port[0] != ':' || !port[1..].All(char.IsAsciiDigit)))
            {
                return false;
            }

            var literal = host[1..^1];
            return literal.StartsWith('v') || literal.StartsWith('V')
                ? literal.Length > 3 && literal.Contains('.', StringComparison.Ordinal)
                : FormatValidators.IsIPv6(literal);
        }

        var colon = authority.LastIndexOf(':');
        host = colon >= 0 ? authority[..colon] : authority;
        if (colon >= 0 && !authority[(colon + 1)..].All(char.IsAsciiDigit))
        {
            return false;
        }

        return AllOf(host, iri, string.Empty);
    }

    /// <summary>Whether every character is unreserved, a sub-delimiter, one of <paramref name="extra"/>, or a percent-encoding.</summary>
    private static bool AllOf(string text, bool iri, string extra)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    return false;
                }

                i += 2;
                continue;
            }

            var ok = char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' ||
                     SubDelims.Contains(c, StringComparison.Ordinal) || extra.Contains(c, StringComparison.Ordinal) ||
                     (iri && c > 0x7F && !char.IsControl(c) && !char.IsWhiteSpace(c));
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
