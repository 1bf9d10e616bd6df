using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>additionalProperties</c> between releases: its subschema compared as the value of a member no property names
/// (absent is <c>true</c>).
/// </summary>
internal sealed class AdditionalPropertiesRule : KeywordRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.AdditionalProperties];

    /// <inheritdoc/>
    public override void Compare(KeywordSite site) => CompareRemaining(site);

    /// <summary>Compares the keyword's subschemas at <paramref name="site"/> as the value of a member nothing else takes.</summary>
    internal static void CompareRemaining(KeywordSite site)
    {
        var (old, @new) = site.Subschemas;
        site.Compare(old, @new, site.At.Down(new Differ.Step("extra", 0, old.Position, @new.Position)));
    }
}
