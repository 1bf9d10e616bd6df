using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>minItems</c> and <c>maxItems</c> between releases (R2 narrower, R3 wider), proved with arrays of the lengths
/// around both limits, filled with the place's own items where there are.
/// </summary>
internal sealed class ItemCountRule : LimitRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.MinItems, KeywordCatalog.MaxItems];

    /// <inheritdoc/>
    public override void Collect(InstanceSynth.Facets facets, Keyword keyword, JsonElement value)
    {
        // Only the lower limit shapes the arrays the synthesiser writes; their length is its choice otherwise.
        if (keyword == KeywordCatalog.MinItems && value.TryGetInt32(out var n))
        {
            facets.MinItems = Math.Max(facets.MinItems ?? 0, n);
        }
    }

    /// <inheritdoc/>
    protected override bool IsMinimum(Keyword keyword) => keyword == KeywordCatalog.MinItems;

    /// <inheritdoc/>
    protected override string Kind(bool narrower) => narrower ? "R2" : "R3";

    /// <inheritdoc/>
    protected override IEnumerable<JsonNode?> Probes(decimal low, decimal high, IEnumerable<JsonNode?> samples)
    {
        var items = samples.OfType<JsonArray>().SelectMany(a => a).Select(i => i?.DeepClone()).ToList();
        var item = items.FirstOrDefault() ?? JsonValue.Create("x");
        foreach (var length in new[] { low - 1, low, low + 1, high - 1, high, high + 1 }.Where(l => l >= 0 && l < 10_000).Select(l => (int)l).Distinct())
        {
            var array = new JsonArray();
            for (var i = 0; i < length; i++)
            {
                array.Add(i < items.Count ? items[i]?.DeepClone() : item?.DeepClone());
            }

            yield return array;
        }
    }
}
