using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary><c>anyOf</c> between releases: branches compared by position; one added widens (C1), one removed narrows (C3).</summary>
internal sealed class AnyOfRule : BranchesRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.AnyOf];

    /// <inheritdoc/>
    protected override void Branch(KeywordSite site, int index, int before, int after, Differ.Side old, Differ.Side @new, Differ.Context at) =>
        Alternative(site, index, before, after, old, @new, at, "C1", Differ.Expect.Widen);
}
