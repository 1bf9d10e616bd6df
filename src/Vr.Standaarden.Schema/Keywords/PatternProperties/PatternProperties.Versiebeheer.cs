using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary><c>patternProperties</c> between releases: compared as a whole (added narrows, removed widens, changed may go either way), O17; a subschema whose texts alone changed is compared inside.</summary>
internal sealed class PatternPropertiesRule : KeywordRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.PatternProperties];

    /// <inheritdoc/>
    public override void Compare(KeywordSite site) => site.CompareAsWhole("O17");
}
