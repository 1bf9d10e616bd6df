using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>oneOf</c> between releases: branches compared by position; one added may go either way (C2: an instance may now
/// match two), one removed narrows (C3).
/// </summary>
internal sealed class OneOfRule : BranchesRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.OneOf];

    /// <inheritdoc/>
    protected override void Branch(KeywordSite site, int index, int before, int after, Differ.Side old, Differ.Side @new, Differ.Context at) =>
        Alternative(site, index, before, after, old, @new, at, "C2", Differ.Expect.Unknown);
}
