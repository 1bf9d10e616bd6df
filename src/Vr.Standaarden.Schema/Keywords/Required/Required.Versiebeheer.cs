using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>required</c> between releases: each name that became required narrows (O6), each that no longer is widens (O7),
/// proved with the place's objects without that member. For the synthesiser: the members every instance has.
/// </summary>
internal sealed class RequiredRule : ValueRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.Required];

    /// <inheritdoc/>
    public override IEnumerable<Differ.Finding> Compare(Keyword keyword, JsonElement? before, JsonElement? after, IEnumerable<JsonNode?> oldSamples, IEnumerable<JsonNode?> newSamples)
    {
        var was = Names(before);
        var now = Names(after);
        foreach (var name in now.Where(x => !was.Contains(x)).Order(StringComparer.Ordinal))
        {
            yield return new Differ.Finding("O6", $"Property '{name}' is now required.", Differ.Expect.Narrow, Without(oldSamples, name), []);
        }

        foreach (var name in was.Where(x => !now.Contains(x)).Order(StringComparer.Ordinal))
        {
            yield return new Differ.Finding("O7", $"Property '{name}' is no longer required.", Differ.Expect.Widen, [], Without(newSamples, name));
        }
    }

    /// <inheritdoc/>
    public override void Collect(InstanceSynth.Facets facets, Keyword keyword, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            facets.Required.UnionWith(value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
        }
    }

    private static HashSet<string> Names(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Array } names ? names.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal) : [];

    private static IEnumerable<JsonNode?> Without(IEnumerable<JsonNode?> samples, string name) =>
        samples.Where(v => v is JsonObject).Select(v => Differ.Without(v, name));
}
