using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary><c>dependentSchemas</c> between releases: the subschema of each member compared inside, on the same instance (absent is <c>true</c>).</summary>
internal sealed class DependentSchemasRule : KeywordRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.DependentSchemas];

    /// <inheritdoc/>
    public override void Compare(KeywordSite site)
    {
        var before = KeywordSite.MemberNames(site.Before).ToList();
        var after = KeywordSite.MemberNames(site.After).ToList();
        foreach (var name in before.Union(after))
        {
            site.Compare(site.Subschema(site.Old, before.Contains(name), name), site.Subschema(site.New, after.Contains(name), name), site.At.At(name));
        }
    }
}
