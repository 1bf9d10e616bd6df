using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>minContains</c> and <c>maxContains</c> between releases (R5): added narrows, removed widens, changed may do either;
/// proved with the place's arrays. <c>contains</c> itself has <see cref="ContainsRule"/>.
/// </summary>
internal sealed class ContainsLimitRule : ConstraintRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.MinContains, KeywordCatalog.MaxContains];

    /// <inheritdoc/>
    protected override string Kind(bool added, bool removed) => "R5";
}

/// <summary><c>contains</c> between releases: compared as a whole, R5; a subschema whose texts alone changed is compared inside.</summary>
internal sealed class ContainsRule : KeywordRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.Contains];

    /// <inheritdoc/>
    public override void Compare(KeywordSite site) => site.CompareAsWhole("R5");
}
