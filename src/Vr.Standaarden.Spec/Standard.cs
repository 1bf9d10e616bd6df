using System.Text.RegularExpressions;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Spec;

/// <summary>
/// The releases of the standard this package holds: every folder under <c>spec/</c>, embedded once. Every package of
/// Vr.Standaarden reads schemas, code lists and examples from here; nothing else names a release.
/// </summary>
public static partial class Standard
{
    /// <summary>The URI every <c>$id</c> of the standard starts with.</summary>
    public const string BaseUri = "https://vr-standaarden.github.io/spec/";

    /// <summary>The prefix of the embedded resources: <c>VrSpec/&lt;release&gt;/&lt;path&gt;</c>.</summary>
    internal const string ResourcePrefix = "VrSpec/";

    private static readonly Lazy<IReadOnlyList<StandardRelease>> All = new(Load);

    /// <summary>The releases, oldest first.</summary>
    public static IReadOnlyList<StandardRelease> Releases => All.Value;

    /// <summary>The newest release.</summary>
    public static StandardRelease Newest => All.Value[^1];

    /// <summary>The release named <paramref name="release"/>, such as <c>1.1</c>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such release; the message lists those there are.</exception>
    public static StandardRelease Release(string release) =>
        TryGetRelease(release, out var found)
            ? found
            : throw new KeyNotFoundException($"There is no release '{release}' of the standard here; there are: {string.Join(", ", All.Value.Select(r => r.Name))}.");

    /// <summary>The release named <paramref name="release"/>, if there is one.</summary>
    public static bool TryGetRelease(string? release, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StandardRelease? found)
    {
        found = ReleaseVersion.TryParse(release, out var version) ? All.Value.FirstOrDefault(r => r.Version == version) : null;
        return found is not null;
    }

    /// <summary>The releases of major line <paramref name="major"/>, oldest first (empty when there are none).</summary>
    public static IReadOnlyList<StandardRelease> Line(int major) => [.. All.Value.Where(r => r.Version.Major == major)];

    /// <summary>The newest release of major line <paramref name="major"/>, or <c>null</c>.</summary>
    public static StandardRelease? NewestOf(int major) => All.Value.LastOrDefault(r => r.Version.Major == major);

    /// <summary>The schema or code list whose <c>$id</c> is <paramref name="id"/>, in whichever release has it, or <c>null</c>.</summary>
    public static StandardFile? FindById(string id) =>
        TryParseId(id, out var release, out _) && TryGetRelease(release, out var found) ? found.FindById(id) : null;

    /// <summary>
    /// Resolves an absolute <paramref name="reference"/> to a schema of whichever release of the standard has it, as a
    /// region's extension schema refers to the standard's definitions by their <c>$id</c>.
    /// </summary>
    /// <param name="reference">An absolute URI, such as <c>https://vr-standaarden.github.io/spec/1.1/schemas/locatie.schema.json#/$defs/positie</c>.</param>
    /// <param name="target">Where it leads.</param>
    /// <returns>False when no embedded release has that file or the pointer names nothing in it.</returns>
    public static bool TryResolve(string reference, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SchemaTarget? target)
    {
        ArgumentNullException.ThrowIfNull(reference);
        target = null;
        return SchemaReference.TryResolve(null, reference, out var resolved) && TryParseId(resolved.Resource, out var release, out _) &&
               TryGetRelease(release, out var found) && found.TryResolve(null, reference, out target);
    }

    /// <summary>
    /// Splits an <c>$id</c> of the standard, such as <c>https://vr-standaarden.github.io/spec/1.0/schemas/incident.schema.json</c>,
    /// into its release (<c>1.0</c>) and its path in the release (<c>schemas/incident.schema.json</c>). <c>false</c> for
    /// any other URI.
    /// </summary>
    public static bool TryParseId(string? id, out string release, out string path)
    {
        release = path = "";
        if (id is null || !id.StartsWith(BaseUri, StringComparison.Ordinal))
        {
            return false;
        }

        var match = IdShape().Match(id, BaseUri.Length);
        if (!match.Success || match.Index != BaseUri.Length)
        {
            return false;
        }

        (release, path) = (match.Groups[1].Value, StandardRelease.WithoutFragment(match.Groups[2].Value));
        return path.Length > 0;
    }

    [GeneratedRegex(@"\G(\d+\.\d+(?:\.\d+)?)/(.+)$")]
    private static partial Regex IdShape();

    private static IReadOnlyList<StandardRelease> Load()
    {
        var assembly = typeof(Standard).Assembly;
        var groups = new Dictionary<ReleaseVersion, List<(string, byte[])>>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var rest = name[ResourcePrefix.Length..].Replace('\\', '/');
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !ReleaseVersion.TryParse(rest[..slash], out var version))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (!groups.TryGetValue(version, out var files))
            {
                groups[version] = files = [];
            }

            files.Add((rest[(slash + 1)..], copy.ToArray()));
        }

        return [.. groups.OrderBy(g => g.Key).Select(g => StandardRelease.FromResources(g.Key, g.Value))];
    }
}
