using System.Collections.Concurrent;
using System.Text.Json;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Validatie;

/// <summary>
/// The schemas of each release of the standard, as the Vr.Standaarden.Spec package holds them (<see cref="Standard"/>),
/// with the code lists of the same release. Everything resolves offline by <c>$id</c>; nothing is fetched.
/// </summary>
public static class StandardSchemas
{
    /// <summary>The base URI of the standard's identifiers.</summary>
    public const string BaseUri = Standard.BaseUri;

    private static readonly ConcurrentDictionary<(string Release, string Name), Lazy<JsonSchema>> Built = new();
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> NamesOf = new(StringComparer.Ordinal);

    /// <summary>The releases this package knows, oldest first.</summary>
    public static IReadOnlyList<string> Releases => [.. Standard.Releases.Select(r => r.Name)];

    /// <summary>The schema names of <paramref name="release"/>, for example <c>bericht</c> and <c>incident</c>.</summary>
    public static IReadOnlyList<string> Names(string release) =>
        NamesOf.GetOrAdd(release, static r => Array.AsReadOnly(Release(r).SchemaNames.Order(StringComparer.Ordinal).ToArray()));

    /// <summary>The <c>$id</c> of a schema: <c>https://vr-standaarden.github.io/spec/&lt;release&gt;/schemas/&lt;name&gt;.schema.json</c>.</summary>
    public static Uri Id(string release, string name) => new($"{BaseUri}{release}/schemas/{name}.schema.json");

    /// <summary>The schema document itself, as in <c>spec/</c>.</summary>
    public static JsonElement Document(string release, string name) => Release(release).Schema(name).Root;

    /// <summary>A new registry holding every schema, code list and meta-schema of <paramref name="release"/> under its <c>$id</c>.</summary>
    public static SchemaRegistry CreateRegistry(string release)
    {
        var registry = new SchemaRegistry();
        foreach (var file in Release(release).Definitions)
        {
            registry.Register(file.Root);
        }

        return registry;
    }

    /// <summary>A new registry holding every schema, code list and meta-schema of every release under its <c>$id</c>.</summary>
    public static SchemaRegistry CreateRegistry()
    {
        var registry = new SchemaRegistry();
        foreach (var file in Standard.Releases.SelectMany(r => r.Definitions))
        {
            registry.Register(file.Root);
        }

        return registry;
    }

    /// <summary>The schema <paramref name="name"/> of <paramref name="release"/>, built once (formats asserted) and shared; it is thread-safe.</summary>
    public static JsonSchema Get(string release, string name)
    {
        var document = Document(release, name);
        return Built.GetOrAdd((release, name), key => new Lazy<JsonSchema>(() =>
            JsonSchema.FromElement(document, new JsonSchemaOptions { AssertFormat = true, Registry = CreateRegistry(key.Release) }))).Value;
    }

    /// <summary>
    /// Reads a <c>dataschema</c> of the standard, such as <c>https://vr-standaarden.github.io/spec/1.0/schemas/incident.schema.json</c>,
    /// into its release and schema name. Returns <c>false</c> for any other URI.
    /// </summary>
    public static bool TryParseId(string? uri, out string release, out string name)
    {
        name = "";
        if (!Standard.TryParseId(uri, out release, out var path) || !path.StartsWith("schemas/", StringComparison.Ordinal) || !path.EndsWith(".schema.json", StringComparison.Ordinal))
        {
            release = "";
            return false;
        }

        name = path["schemas/".Length..^".schema.json".Length];
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
        {
            (release, name) = ("", "");
            return false;
        }

        return true;
    }

    private static StandardRelease Release(string release) =>
        Standard.TryGetRelease(release, out var found)
            ? found
            : throw new KeyNotFoundException($"This package does not know release '{release}' of the standard; it knows: {string.Join(", ", Releases)}.");
}
