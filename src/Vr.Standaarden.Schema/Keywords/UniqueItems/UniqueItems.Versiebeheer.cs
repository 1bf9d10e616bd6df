using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>uniqueItems</c> between releases (R4): turned on narrows, turned off widens; proved with an array that repeats
/// the first item of one of the place's arrays.
/// </summary>
internal sealed class UniqueItemsRule : ValueRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.UniqueItems];

    /// <inheritdoc/>
    public override IEnumerable<Differ.Finding> Compare(Keyword keyword, JsonElement? before, JsonElement? after, IEnumerable<JsonNode?> oldSamples, IEnumerable<JsonNode?> newSamples)
    {
        var now = after?.ValueKind == JsonValueKind.True;
        var was = before?.ValueKind == JsonValueKind.True;
        if (now == was)
        {
            return [];
        }

        var pairs = Duplicates(now ? oldSamples : newSamples);
        return
        [
            new Differ.Finding("R4", now ? "uniqueItems added: repeated items are no longer allowed." : "uniqueItems removed: repeated items are allowed.",
                now ? Differ.Expect.Narrow : Differ.Expect.Widen, now ? pairs : [], now ? [] : pairs),
        ];
    }

    private static IEnumerable<JsonNode?> Duplicates(IEnumerable<JsonNode?> samples)
    {
        foreach (var value in samples.OfType<JsonArray>())
        {
            if (value.Count > 0)
            {
                yield return new JsonArray(value[0]?.DeepClone(), value[0]?.DeepClone());
            }
        }
    }
}
