using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c> and <c>exclusiveMaximum</c> between releases (N1 narrower, N2
/// wider), proved with numbers on, between and beside both limits.
/// </summary>
internal sealed class NumberBoundsRule : LimitRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } =
        [KeywordCatalog.Minimum, KeywordCatalog.Maximum, KeywordCatalog.ExclusiveMinimum, KeywordCatalog.ExclusiveMaximum];

    /// <inheritdoc/>
    public override void Collect(InstanceSynth.Facets facets, Keyword keyword, JsonElement value)
    {
        if (!value.TryGetDecimal(out var d))
        {
            return;
        }

        if (keyword == KeywordCatalog.Minimum)
        {
            facets.Minimum = Math.Max(facets.Minimum ?? decimal.MinValue, d);
        }
        else if (keyword == KeywordCatalog.Maximum)
        {
            facets.Maximum = Math.Min(facets.Maximum ?? decimal.MaxValue, d);
        }
        else if (keyword == KeywordCatalog.ExclusiveMinimum)
        {
            facets.ExclusiveMinimum = d;
        }
        else
        {
            facets.ExclusiveMaximum = d;
        }
    }

    /// <inheritdoc/>
    protected override bool IsMinimum(Keyword keyword) => keyword == KeywordCatalog.Minimum || keyword == KeywordCatalog.ExclusiveMinimum;

    /// <inheritdoc/>
    protected override string Kind(bool narrower) => narrower ? "N1" : "N2";

    /// <inheritdoc/>
    protected override IEnumerable<JsonNode?> Probes(decimal low, decimal high, IEnumerable<JsonNode?> samples)
    {
        foreach (var value in new[] { low - 1, low - 0.5m, low, low + 0.5m, low + 1, (low + high) / 2, high - 1, high - 0.5m, high, high + 0.5m, high + 1 }.Distinct())
        {
            yield return value == decimal.Truncate(value) ? JsonValue.Create((long)value) : JsonValue.Create(value);
        }
    }
}
