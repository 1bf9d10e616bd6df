using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Koppelvlakken;

/// <summary>Short hands for the JSON Schema (2020-12, as OpenAPI 3.1 and AsyncAPI 3.0 carry it) of the contracts.</summary>
internal static class Js
{
    public static JsonObject Text(string? description = null) => Described(new JsonObject { ["type"] = "string" }, description);

    public static JsonObject Text(string format, string? description) => Described(new JsonObject { ["type"] = "string", ["format"] = format }, description);

    public static JsonObject Moment(string? description = null) => Text("date-time", description);

    public static JsonObject NullableMoment(string? description = null) =>
        Described(new JsonObject { ["type"] = new JsonArray("string", "null"), ["format"] = "date-time" }, description);

    public static JsonObject NullableText(string? description = null) =>
        Described(new JsonObject { ["type"] = new JsonArray("string", "null") }, description);

    public static JsonObject Whole(string? description = null) => Described(new JsonObject { ["type"] = "integer", ["minimum"] = 0 }, description);

    public static JsonObject Share(string? description = null) =>
        Described(new JsonObject { ["type"] = new JsonArray("number", "null"), ["minimum"] = 0, ["maximum"] = 1 }, description);

    public static JsonObject Flag(string? description = null) => Described(new JsonObject { ["type"] = "boolean" }, description);

    public static JsonObject OneOf(IEnumerable<string> values, string? description = null) =>
        Described(new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]) }, description);

    public static JsonObject Oin(string? description = null) => Described(new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{20}$" }, description);

    public static JsonObject Any(string? description = null) => Described([], description);

    public static JsonObject List(JsonObject items, string? description = null) =>
        Described(new JsonObject { ["type"] = "array", ["items"] = items }, description);

    public static JsonObject Map(JsonObject values, string? description = null) =>
        Described(new JsonObject { ["type"] = "object", ["additionalProperties"] = values }, description);

    public static JsonObject Ref(string reference) => new() { [KeywordCatalog.Ref.Name] = reference };

    public static JsonObject Component(string name) => Ref("#/components/schemas/" + name);

    /// <summary>An object with <paramref name="members"/>; those marked with a leading <c>*</c> are required.</summary>
    public static JsonObject Object(string? description, params (string Name, JsonObject Schema)[] members)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var (name, schema) in members)
        {
            var bare = name.TrimStart('*');
            properties[bare] = schema;
            if (name.StartsWith('*'))
            {
                required.Add(bare);
            }
        }

        var result = new JsonObject { ["type"] = "object" };
        Described(result, description);
        if (required.Count > 0)
        {
            result["required"] = required;
        }

        result["properties"] = properties;
        return result;
    }

    private static JsonObject Described(JsonObject schema, string? description)
    {
        if (description is not null)
        {
            schema["description"] = description;
        }

        return schema;
    }
}
