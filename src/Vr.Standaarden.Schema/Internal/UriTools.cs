using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Schema.Internal;

internal static class UriTools
{
    /// <summary>The URI as a string without its fragment (the key of a schema resource).</summary>
    public static string WithoutFragment(Uri uri)
    {
        var text = uri.OriginalString;
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        var bare = hash >= 0 ? text[..hash] : text;
        return uri.IsAbsoluteUri ? SchemaReference.Normalize(bare) : bare;
    }

    /// <summary>Resolves a reference against a base URI (RFC 3986 §5.2).</summary>
    public static Uri Resolve(Uri baseUri, string reference)
    {
        // Only a reference with a scheme is absolute (on Unix, .NET would take "/a/b" for a file path).
        if (SchemaReference.HasScheme(reference) && Uri.TryCreate(reference, UriKind.Absolute, out var absolute))
        {
            return absolute;
        }

        if (reference.StartsWith('#'))
        {
            return new Uri(WithoutFragment(baseUri) + reference);
        }

        return reference.Length == 0 ? baseUri : new Uri(baseUri, reference);
    }

    public static (string Resource, string? Fragment) Split(Uri uri) => SchemaReference.Split(uri.OriginalString);
}
