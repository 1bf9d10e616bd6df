using System.Text.Json;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>multipleOf</c> between releases (N3): added narrows, removed widens, changed may do either; proved with the
/// place's numbers. For the synthesiser: numbers are written as multiples of the divisor.
/// </summary>
internal sealed class MultipleOfRule : ConstraintRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.MultipleOf];

    /// <inheritdoc/>
    public override void Collect(InstanceSynth.Facets facets, Keyword keyword, JsonElement value)
    {
        if (value.TryGetDecimal(out var divisor))
        {
            facets.MultipleOf = divisor;
        }
    }

    /// <inheritdoc/>
    protected override string Kind(bool added, bool removed) => "N3";
}
