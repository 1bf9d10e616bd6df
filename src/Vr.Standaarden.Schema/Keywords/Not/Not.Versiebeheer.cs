using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary><c>not</c> between releases: compared as a whole, C9; a subschema whose texts alone changed is compared inside.</summary>
internal sealed class NotRule : KeywordRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.Not];

    /// <inheritdoc/>
    public override void Compare(KeywordSite site) => site.CompareAsWhole("C9");
}
