using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Koppelvlakken;

/// <summary>What a contract takes from a release: the $ids of its schemas, its message types and its valid examples.</summary>
internal sealed class ReleaseFacts
{
    private const string TypePrefix = "nl.veiligheidsregio.";

    private ReleaseFacts(StandardRelease release)
    {
        Release = release;
        Bericht = Id("bericht");
        var entities = new List<string>();
        if (release.Schema("bericht").Root.TryGetProperty("allOf", out var branches) && branches.ValueKind == JsonValueKind.Array)
        {
            foreach (var branch in branches.EnumerateArray())
            {
                if (branch.TryGetProperty("if", out var condition)
                    && condition.TryGetProperty("properties", out var properties)
                    && properties.TryGetProperty("type", out var type)
                    && type.TryGetProperty("const", out var constant)
                    && constant.GetString() is { } name
                    && name.StartsWith(TypePrefix, StringComparison.Ordinal))
                {
                    var entity = name[TypePrefix.Length..];
                    entities.Add(entity[..entity.LastIndexOf('.')]);
                }
            }
        }

        if (entities.Count == 0)
        {
            throw new ArgumentException($"Release {release.Name} has a bericht schema that names no message types of the standard ({TypePrefix}<entiteit>.v1).", nameof(release));
        }

        entities.Sort(StringComparer.Ordinal);
        Entities = entities;
    }

    public StandardRelease Release { get; }

    /// <summary>The $id of the release's envelope schema.</summary>
    public string Bericht { get; }

    /// <summary>The entities that travel as messages of their own (<c>nl.veiligheidsregio.&lt;entiteit&gt;.v1</c>), sorted.</summary>
    public IReadOnlyList<string> Entities { get; }

    public static ReleaseFacts Of(StandardRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return new ReleaseFacts(release);
    }

    /// <summary>The published $id of schema <paramref name="name"/> of the release.</summary>
    public string Id(string name) =>
        Release.Schema(name).Id ?? throw new ArgumentException($"Schema {name} of release {Release.Name} has no $id.", nameof(name));

    /// <summary>The message type of <paramref name="entity"/>.</summary>
    public static string MessageType(string entity) => $"{TypePrefix}{entity}.v1";

    /// <summary>
    /// The release's valid examples of schema <paramref name="name"/> (<c>voorbeelden/geldig/&lt;name&gt;-*.json</c>) as an
    /// OpenAPI <c>examples</c> map keyed by the file's name, each referring to the published file by
    /// <c>externalValue</c> (the release's own example, never a copy).
    /// </summary>
    public JsonObject Examples(string name)
    {
        var examples = new JsonObject();
        foreach (var file in ValidExamples(name))
        {
            examples[Path.GetFileNameWithoutExtension(file.Path)] = new JsonObject
            {
                ["summary"] = $"{Path.GetFileName(file.Path)} (release {Release.Name})",
                ["externalValue"] = Published(file),
            };
        }

        return examples;
    }

    /// <summary>Where <paramref name="file"/> of the release is published: the release's base URI and its path.</summary>
    public string Published(StandardFile file) =>
        (Release.BaseUri ?? throw new ArgumentException($"Release {Release.Name} has no base URI: its schemas carry no $id.")) + file.Path;

    /// <summary>The release's valid examples of schema <paramref name="name"/>, in path order.</summary>
    public IEnumerable<StandardFile> ValidExamples(string name) =>
        Release.Examples
            .Where(f => f.Path.StartsWith("voorbeelden/geldig/" + name + "-", StringComparison.Ordinal))
            .OrderBy(f => f.Path, StringComparer.Ordinal);
}
