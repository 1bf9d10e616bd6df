using System.Collections.Concurrent;
using System.Text.Json;
using Vr.Standaarden.Begrippen;
using Vr.Standaarden.Schema;

namespace Vr.Standaarden.Validatie;

/// <summary>
/// The schemas of each release of the standard, embedded from <c>spec/&lt;release&gt;/schemas/</c> as they are, with the
/// code lists of <see cref="Codelijsten"/>. Everything resolves offline by <c>$id</c>; nothing is fetched.
/// </summary>
public static class StandardSchemas
{
    /// <summary>The base URI of the standard's identifiers.</summary>
    public const string BaseUri = "https://vr-standaarden.github.io/spec/";

    private const string ResourcePrefix = "Vr.Standaarden.Validatie.Schemas.";

    private static readonly ConcurrentDictionary<(string Release, string Name), Lazy<JsonSchema>> Built = new();
    private static readonly Lazy<Dictionary<string, Dictionary<string, JsonElement>>> Documents = new(LoadDocuments);

    /// <summary>The releases this package knows.</summary>
    public static IReadOnlyList<string> Releases => [.. Documents.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The schema names of <paramref name="release"/>, for example <c>bericht</c> and <c>incident</c>.</summary>
    public static IReadOnlyList<string> Names(string release) => [.. Release(release).Keys.Order(StringComparer.Ordinal)];

    /// <summary>The <c>$id</c> of a schema: <c>https://vr-standaarden.github.io/spec/&lt;release&gt;/schemas/&lt;name&gt;.schema.json</c>.</summary>
    public static Uri Id(string release, string name) => new($"{BaseUri}{release}/schemas/{name}.schema.json");

    /// <summary>The schema document itself, as in <c>spec/</c>.</summary>
    public static JsonElement Document(string release, string name) =>
        Release(release).TryGetValue(name, out var document)
            ? document
            : throw new KeyNotFoundException($"Release {release} has no schema '{name}'; it has: {string.Join(", ", Names(release))}.");

    /// <summary>A new registry holding every schema and code list of <paramref name="release"/> under its <c>$id</c>.</summary>
    public static SchemaRegistry CreateRegistry(string release)
    {
        var registry = new SchemaRegistry();
        foreach (var document in Release(release).Values)
        {
            registry.Register(document);
        }

        if (release == Codelijsten.Release)
        {
            foreach (var name in Codelijsten.Namen)
            {
                using var list = JsonDocument.Parse(Codelijsten.Bestand(name));
                registry.Register(list.RootElement.Clone());
            }
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
        release = name = "";
        if (uri is null || !uri.StartsWith(BaseUri, StringComparison.Ordinal) || !uri.EndsWith(".schema.json", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = uri[BaseUri.Length..^".schema.json".Length].Split('/');
        if (parts is not [var r, "schemas", var n] || r.Length == 0 || n.Length == 0)
        {
            return false;
        }

        (release, name) = (r, n);
        return true;
    }

    private static Dictionary<string, JsonElement> Release(string release) =>
        Documents.Value.TryGetValue(release, out var schemas)
            ? schemas
            : throw new KeyNotFoundException($"This package does not know release '{release}' of the standard; it knows: {string.Join(", ", Releases)}.");

    private static Dictionary<string, Dictionary<string, JsonElement>> LoadDocuments()
    {
        var assembly = typeof(StandardSchemas).Assembly;
        var releases = new Dictionary<string, Dictionary<string, JsonElement>>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            // Vr.Standaarden.Validatie.Schemas.<major>.<minor>.<name>.schema.json
            var rest = resource[ResourcePrefix.Length..^".schema.json".Length];
            var release = string.Join('.', rest.Split('.')[..2]);
            var name = string.Join('.', rest.Split('.')[2..]);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var document = JsonDocument.Parse(stream);
            if (!releases.TryGetValue(release, out var schemas))
            {
                releases[release] = schemas = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            }

            schemas[name] = document.RootElement.Clone();
        }

        return releases;
    }
}
