using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>minLength</c> and <c>maxLength</c> between releases (S1 narrower, S2 wider), proved with strings of the lengths
/// around both limits, made of the place's own valid strings where there are.
/// </summary>
internal sealed class LengthRule : LimitRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.MinLength, KeywordCatalog.MaxLength];

    /// <inheritdoc/>
    public override void Collect(InstanceSynth.Facets facets, Keyword keyword, JsonElement value)
    {
        if (!value.TryGetInt32(out var n))
        {
            return;
        }

        if (keyword == KeywordCatalog.MinLength)
        {
            facets.MinLength = Math.Max(facets.MinLength ?? 0, n);
        }
        else
        {
            facets.MaxLength = Math.Min(facets.MaxLength ?? int.MaxValue, n);
        }
    }

    /// <inheritdoc/>
    protected override bool IsMinimum(Keyword keyword) => keyword == KeywordCatalog.MinLength;

    /// <inheritdoc/>
    protected override string Kind(bool narrower) => narrower ? "S1" : "S2";

    /// <inheritdoc/>
    protected override IEnumerable<JsonNode?> Probes(decimal low, decimal high, IEnumerable<JsonNode?> samples)
    {
        var lengths = new[] { low - 1, low, low + 1, (low + high) / 2, high - 1, high, high + 1 }.Where(l => l >= 0 && l < 100_000).Select(l => (int)l).Distinct().ToList();
        var strings = samples.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).Where(s => s is not null).Select(s => s!).ToList();
        foreach (var length in lengths)
        {
            foreach (var sample in strings.Where(s => s.Length == length))
            {
                yield return JsonValue.Create(sample);
            }

            yield return JsonValue.Create(new string('a', length));
            if (strings.Count > 0 && strings[0].Length > 0)
            {
                var repeated = string.Concat(Enumerable.Repeat(strings[0], length / strings[0].Length + 1))[..length];
                yield return JsonValue.Create(repeated);
            }
        }

        foreach (var sample in strings)
        {
            yield return JsonValue.Create(sample);
        }
    }
}
