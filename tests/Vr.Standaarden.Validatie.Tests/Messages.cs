using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Validatie.Tests;

/// <summary>Messages built from the examples of spec/1.0, so the tests and the standard cannot drift apart.</summary>
internal static class Messages
{
    public static readonly string Spec = Path.Combine(ConformanceSuites.RepositoryRoot, "spec", "1.0");

    public static JsonObject Example(string kind, string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Spec, "voorbeelden", kind, name + ".json")))!.AsObject();

    /// <summary>The incident message of the spec: valid, and the starting point of most rule cases.</summary>
    public static JsonObject Incident() => Example("geldig", "bericht-incident-envelop");

    /// <summary>An envelope around <paramref name="data"/> of entity <paramref name="entity"/>, recorded at <paramref name="time"/>.</summary>
    public static JsonObject Envelope(string entity, JsonNode data, string time = "2026-11-20T22:00:00+01:00") => new()
    {
        ["specversion"] = "1.0",
        ["id"] = Guid.NewGuid().ToString(),
        ["source"] = "urn:nld:oin:00000099000000012000",
        ["type"] = $"nl.veiligheidsregio.{entity}.v1",
        ["time"] = time,
        ["datacontenttype"] = "application/json",
        ["dataschema"] = $"https://vr-standaarden.github.io/spec/1.0/schemas/{entity}.schema.json",
        ["tlp"] = "TLP:GREEN",
        ["doelbinding"] = "incidentbestrijding",
        ["bewaartermijn"] = "P30D",
        ["data"] = data,
    };

    public static ValidationResult Validate(JsonNode message, ValidationOptions? options = null) =>
        new MessageValidator(options).Validate(JsonSerializer.SerializeToUtf8Bytes(message));
}
