using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>if</c> between releases: the condition compared as a whole (added narrows, removed widens, changed may go either
/// way), C10; a condition whose texts alone changed is compared inside.
/// </summary>
internal sealed class IfRule : KeywordRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.If];

    /// <inheritdoc/>
    public override void Compare(KeywordSite site) => site.CompareAsWhole("C10");
}

/// <summary><c>then</c> and <c>else</c> between releases: the branch compared inside, on the same instance (absent is <c>true</c>).</summary>
internal sealed class ThenElseRule : KeywordRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.Then, KeywordCatalog.Else];

    /// <inheritdoc/>
    public override void Compare(KeywordSite site) => site.Compare(site.Subschemas.Old, site.Subschemas.New, site.At);
}
