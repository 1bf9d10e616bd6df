using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>minContains</c> and <c>maxContains</c> between releases (R5): added narrows, removed widens, changed may do either;
/// proved with the place's arrays. <c>contains</c> itself holds a subschema, which the differ's general rule compares.
/// </summary>
internal sealed class ContainsLimitRule : ConstraintRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.MinContains, KeywordCatalog.MaxContains];

    /// <inheritdoc/>
    protected override string Kind(bool added, bool removed) => "R5";
}
