using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>A release as the diff sees it: its documents by <c>$id</c>, references resolved, and schemas built by the engine.</summary>
internal sealed class ReleaseView
{
    private readonly ConcurrentDictionary<string, JsonSchema?> _built = new(StringComparer.Ordinal);
    private readonly SchemaRegistry _registry = new();

    public ReleaseView(StandardRelease release)
    {
        Release = release;
        foreach (var file in release.Definitions.Where(f => f.Id is not null && f.Root.ValueKind == JsonValueKind.Object))
        {
            _registry.Register(file.Root);
        }
    }

    public StandardRelease Release { get; }

    /// <summary>The schema node at <paramref name="fragment"/> (a JSON Pointer) in <paramref name="file"/>.</summary>
    public static JsonElement? Node(StandardFile file, string fragment) =>
        StandardRelease.TryNavigate(file.Root, fragment, out var node) ? node : null;

    /// <summary>Whether <paramref name="instance"/> is valid against the schema at <paramref name="uri"/> (formats asserted).</summary>
    public bool IsValid(string uri, JsonNode? instance)
    {
        var schema = _built.GetOrAdd(uri, Build);
        if (schema is null)
        {
            return false;
        }

        using var document = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        return schema.IsValid(document.RootElement);
    }

    private JsonSchema? Build(string uri)
    {
        try
        {
            var wrapper = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", [KeywordCatalog.Ref.Name] = uri };
            using var document = JsonDocument.Parse(wrapper.ToJsonString());
            return JsonSchema.FromElement(document.RootElement.Clone(), new JsonSchemaOptions { AssertFormat = true, Registry = _registry });
        }
        catch (JsonSchemaException)
        {
            return null;
        }
    }
}

