using System;

namespace Vr.Standaarden.Schema.Model;

/// <summary>
/// A <c>$ref</c> (or <c>$dynamicRef</c>, <c>$id</c>) resolved against the base URI of the schema it is in (RFC 3986
/// §5.2): the resource it names and the fragment inside it, a JSON Pointer or an anchor. The one resolution of
/// references in the codebase: the engine, the generator and the release tools (<c>StandardRelease.Resolve</c>) all
/// resolve through it.
/// </summary>
#if VR_SCHEMA_MODEL_INTERNAL
internal
#else
public
#endif
readonly struct SchemaReference : IEquatable<SchemaReference>
{
    private SchemaReference(string resource, string fragment)
    {
        Resource = resource;
        Fragment = fragment;
    }

    /// <summary>The absolute URI of the schema resource, without fragment; <c>http</c>, <c>https</c> and <c>file</c> URIs normalised.</summary>
    public string Resource { get; }

    /// <summary>The fragment, percent-decoded; empty when the reference names the resource itself.</summary>
    public string Fragment { get; }

    /// <summary>Whether the fragment is a JSON Pointer (or empty: the root).</summary>
    public bool IsPointer => Fragment.Length == 0 || Fragment[0] == '/';

    /// <summary>The JSON Pointer into the resource (<c>""</c> for its root), or null when the fragment is an anchor.</summary>
    public string? JsonPointer => IsPointer ? Fragment : null;

    /// <summary>The plain-name anchor (<c>$anchor</c>, <c>$dynamicAnchor</c>), or null when the fragment is a pointer.</summary>
    public string? Anchor => IsPointer ? null : Fragment;

    /// <summary>Resolves <paramref name="reference"/> against <paramref name="baseUri"/>.</summary>
    /// <param name="baseUri">The base URI of the schema the reference is in (its resource's <c>$id</c>); null when it has none.</param>
    /// <param name="reference">The reference as written.</param>
    /// <param name="resolved">Where it leads, when it resolves.</param>
    /// <returns>False when the reference is no URI reference, or is relative and there is no absolute base.</returns>
    public static bool TryResolve(string? baseUri, string reference, out SchemaReference resolved)
    {
        resolved = default;
        if (reference is null)
        {
            return false;
        }

        Uri? target;
        if (HasScheme(reference))
        {
            if (!Uri.TryCreate(reference, UriKind.Absolute, out target))
            {
                return false;
            }
        }
        else if (baseUri is null || !Uri.TryCreate(baseUri, UriKind.Absolute, out var parsedBase))
        {
            return false;
        }
        else if (reference.Length == 0 || reference[0] == '#')
        {
            // Same document: the reference's fragment (none for an empty reference) replaces the base's (RFC 3986 §5.2.2).
            var hash = baseUri.IndexOf('#');
            target = new Uri((hash < 0 ? baseUri : baseUri.Substring(0, hash)) + reference);
        }
        else if (!Uri.TryCreate(parsedBase, reference, out target))
        {
            return false;
        }

        var (resource, fragment) = Split(target.OriginalString);
        resolved = new SchemaReference(resource, Uri.UnescapeDataString(fragment ?? ""));
        return true;
    }

    /// <summary>Splits a URI into its resource (normalised, see <see cref="Resource"/>) and its fragment as written (null: none).</summary>
    internal static (string Resource, string? Fragment) Split(string uri)
    {
        var hash = uri.IndexOf('#');
        return hash < 0 ? (Normalize(uri), null) : (Normalize(uri.Substring(0, hash)), uri.Substring(hash + 1));
    }

    /// <summary>An absolute <c>http</c>, <c>https</c> or <c>file</c> URI in its escaped canonical form; anything else as it is.</summary>
    internal static string Normalize(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var parsed) && (parsed.Scheme == "http" || parsed.Scheme == "https" || parsed.Scheme == "file")
            ? parsed.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped)
            : text;

    /// <summary>Whether the reference starts with a URI scheme (RFC 3986 §3.1); only such a reference is absolute (on Unix, .NET would take "/a/b" for a file path).</summary>
    internal static bool HasScheme(string reference)
    {
        if (reference.Length == 0 || !IsAsciiLetter(reference[0]))
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

            if (!IsAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public bool Equals(SchemaReference other) => string.Equals(Resource, other.Resource, StringComparison.Ordinal) && string.Equals(Fragment, other.Fragment, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SchemaReference other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Resource ?? "") * 31 + StringComparer.Ordinal.GetHashCode(Fragment ?? "");

    /// <summary>Whether two resolved references lead to the same place.</summary>
    public static bool operator ==(SchemaReference left, SchemaReference right) => left.Equals(right);

    /// <summary>Whether two resolved references lead to different places.</summary>
    public static bool operator !=(SchemaReference left, SchemaReference right) => !left.Equals(right);

    /// <summary>The resource, with <c>#</c> and the fragment when there is one.</summary>
    public override string ToString() => Fragment.Length == 0 ? Resource ?? "" : Resource + "#" + Fragment;

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
