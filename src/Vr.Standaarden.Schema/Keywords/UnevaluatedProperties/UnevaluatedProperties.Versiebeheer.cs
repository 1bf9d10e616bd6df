using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>unevaluatedProperties</c> between releases: where the old schema had no <c>additionalProperties</c>, its subschema
/// is compared as the value of a member nothing else takes (as <c>additionalProperties</c>'s rule does); beside one,
/// it applies to nothing.
/// </summary>
internal sealed class UnevaluatedPropertiesRule : KeywordRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.UnevaluatedProperties];

    /// <inheritdoc/>
    public override void Compare(KeywordSite site)
    {
        if (site.Old.Get(KeywordCatalog.AdditionalProperties.Name) is null)
        {
            AdditionalPropertiesRule.CompareRemaining(site);
        }
    }
}
