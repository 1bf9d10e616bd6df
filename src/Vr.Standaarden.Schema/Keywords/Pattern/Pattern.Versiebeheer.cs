using System.Text.Json;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>pattern</c> between releases: added narrows (S3), removed widens (S4), changed may do either (S5); proved with the
/// place's strings. For the synthesiser: strings are sampled from the pattern.
/// </summary>
internal sealed class PatternRule : ConstraintRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.Pattern];

    /// <inheritdoc/>
    public override void Collect(InstanceSynth.Facets facets, Keyword keyword, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            facets.Patterns.Add(value.GetString()!);
        }
    }

    /// <inheritdoc/>
    protected override string Kind(bool added, bool removed) => added ? "S3" : removed ? "S4" : "S5";
}
