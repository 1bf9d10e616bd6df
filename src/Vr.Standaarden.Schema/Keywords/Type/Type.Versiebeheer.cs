using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>type</c> between releases: a type no longer allowed narrows (T2, or T3 when another came instead), a type now
/// allowed widens (T1); <c>integer</c> counts as part of <c>number</c>. Proved with the place's values of those types
/// and a literal of each. For the synthesiser: the types every instance has (the intersection over <c>allOf</c>).
/// </summary>
internal sealed class TypeRule : ValueRule
{
    private static readonly string[] AllTypes = ["string", "number", "integer", "boolean", "object", "array", "null"];

    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.Type];

    /// <inheritdoc/>
    public override IEnumerable<Differ.Finding> Compare(Keyword keyword, JsonElement? before, JsonElement? after, IEnumerable<JsonNode?> oldSamples, IEnumerable<JsonNode?> newSamples)
    {
        var was = Set(before);
        var now = Set(after);
        var removed = was.Where(t => !now.Contains(t) && !(t == "integer" && now.Contains("number"))).ToList();
        var added = now.Where(t => !was.Contains(t) && !(t == "integer" && was.Contains("number"))).ToList();
        if (removed.Count > 0)
        {
            yield return new Differ.Finding(added.Count > 0 ? "T3" : "T2",
                $"Type {string.Join(", ", removed)} no longer allowed (type was {Differ.Show(before ?? default)}, now {Differ.Show(after ?? default)}).",
                Differ.Expect.Narrow, OfTypes(oldSamples, removed), []);
        }

        if (added.Count > 0)
        {
            yield return new Differ.Finding("T1",
                $"Type {string.Join(", ", added)} now allowed (type was {(before is { } t ? Differ.Show(t) : "any")}, now {Differ.Show(after ?? default)}).",
                Differ.Expect.Widen, [], OfTypes(newSamples, added));
        }
    }

    /// <inheritdoc/>
    public override void Collect(InstanceSynth.Facets facets, Keyword keyword, JsonElement value)
    {
        var types = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(t => t.GetString()!).ToArray() : [value.GetString()!];
        facets.Types = facets.Types is not { } known
            ? types
            : [.. known.Where(t => types.Contains(t) || (t == "integer" && types.Contains("number"))).Concat(types.Where(t => t == "integer" && known.Contains("number")))];
    }

    private static HashSet<string> Set(JsonElement? value) =>
        value is not { } v ? [.. AllTypes]
        : v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(t => t.GetString()!).ToHashSet(StringComparer.Ordinal)
        : [v.GetString()!];

    private static IEnumerable<JsonNode?> OfTypes(IEnumerable<JsonNode?> values, List<string> types) =>
        values.Where(v => types.Contains(TypeOf(v)) || (TypeOf(v) == "integer" && types.Contains("number")) || (types.Contains("number") && TypeOf(v) == "integer"))
            .Concat(types.SelectMany(Differ.Literals));

    private static string TypeOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "string",
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValue v when v.TryGetValue<long>(out _) || (v.TryGetValue<decimal>(out var d) && d == decimal.Truncate(d)) => "integer",
        _ => "number",
    };
}
