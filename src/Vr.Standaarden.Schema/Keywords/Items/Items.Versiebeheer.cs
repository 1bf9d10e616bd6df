using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>items</c> and <c>additionalItems</c> between releases: the subschema compared as the value of the items after those
/// <c>prefixItems</c> describes (absent is <c>true</c>).
/// </summary>
internal sealed class ItemsRule : KeywordRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.Items, KeywordCatalog.AdditionalItems];

    /// <inheritdoc/>
    public override void Compare(KeywordSite site)
    {
        var (old, @new) = site.Subschemas;
        var first = site.Old.Get(KeywordCatalog.PrefixItems.Name)?.GetArrayLength() ?? 0;
        site.Compare(old, @new, site.At.Down(new Differ.Step(null, first, old.Position, @new.Position)));
    }
}

/// <summary><c>prefixItems</c> between releases: the item schemas compared position by position (a missing one is <c>true</c>).</summary>
internal sealed class PrefixItemsRule : BranchesRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.PrefixItems];

    /// <inheritdoc/>
    protected override void Branch(KeywordSite site, int index, int before, int after, Differ.Side old, Differ.Side @new, Differ.Context at) =>
        site.Compare(old, @new, at.Down(new Differ.Step(null, index, old.Position, @new.Position)));
}
