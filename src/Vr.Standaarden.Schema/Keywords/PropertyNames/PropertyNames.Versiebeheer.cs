using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary><c>propertyNames</c> between releases: compared as a whole, O18; a subschema whose texts alone changed is compared inside.</summary>
internal sealed class PropertyNamesRule : KeywordRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.PropertyNames];

    /// <inheritdoc/>
    public override void Compare(KeywordSite site) => site.CompareAsWhole("O18");
}
