using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>minProperties</c> and <c>maxProperties</c> between releases (O19): added narrows, removed widens, changed may do
/// either; proved with the place's objects.
/// </summary>
internal sealed class PropertyCountRule : ConstraintRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.MinProperties, KeywordCatalog.MaxProperties];

    /// <inheritdoc/>
    protected override string Kind(bool added, bool removed) => "O19";
}
