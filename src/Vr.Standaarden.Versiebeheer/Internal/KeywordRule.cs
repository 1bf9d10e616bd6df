using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// A keyword's part in versioning: what a change to it between two releases means, and what it tells the instance
/// synthesiser about valid instances. Each lives in its keyword's folder
/// (<c>src/Vr.Standaarden.Schema/Keywords/&lt;Name&gt;/*.Versiebeheer.cs</c>) beside the keyword's evaluation and emitted
/// check; keywords without one are compared by the differ's general rule.
/// </summary>
/// <remarks>
/// A rule compares at a <see cref="KeywordSite"/>: the keyword's value in both releases, the schemas around it, where
/// its findings go, and the differ's walk for the subschemas it holds. A rule whose meaning lies in the value alone
/// derives from <see cref="ValueRule"/>.
/// </remarks>
internal abstract class KeywordRule
{
    /// <summary>The keywords this rule is for.</summary>
    public abstract IReadOnlyList<Keyword> Keywords { get; }

    /// <summary>Compares the keyword at <paramref name="site"/> between the two releases, reporting there what changed.</summary>
    public abstract void Compare(KeywordSite site);

    /// <summary>Narrows <paramref name="facets"/> by <paramref name="keyword"/>'s <paramref name="value"/>.</summary>
    public virtual void Collect(InstanceSynth.Facets facets, Keyword keyword, JsonElement value)
    {
    }
}

/// <summary>A rule whose findings follow from the keyword's two values alone, each proved with the place's values.</summary>
internal abstract class ValueRule : KeywordRule
{
    /// <summary>
    /// What changing <paramref name="keyword"/>'s value from <paramref name="before"/> to <paramref name="after"/> (either
    /// absent) means, each finding with the values that may show it. <paramref name="oldSamples"/> and
    /// <paramref name="newSamples"/> are values at this place, valid ones first, in the old and the new release; they
    /// are enumerated only when a finding is proved.
    /// </summary>
    public abstract IEnumerable<Differ.Finding> Compare(Keyword keyword, JsonElement? before, JsonElement? after, IEnumerable<JsonNode?> oldSamples, IEnumerable<JsonNode?> newSamples);

    /// <inheritdoc/>
    public sealed override void Compare(KeywordSite site)
    {
        foreach (var finding in Compare(site.Keyword, site.Before, site.After, site.OldSamples(), site.NewSamples()))
        {
            site.Prove(finding);
        }
    }
}

/// <summary>The keyword rules by keyword name.</summary>
internal static class KeywordRules
{
    private static readonly Dictionary<string, (KeywordRule Rule, Keyword Keyword)> ByName =
        new KeywordRule[]
        {
            new AdditionalPropertiesRule(), new AllOfRule(), new AllowedValuesRule(), new AnyOfRule(), new ContainsLimitRule(), new ContainsRule(),
            new DependentRequiredRule(), new DependentSchemasRule(), new FormatRule(), new IfRule(), new ItemCountRule(),
            new ItemsRule(), new LengthRule(), new MultipleOfRule(), new NotRule(), new NumberBoundsRule(), new OneOfRule(),
            new PatternPropertiesRule(), new PatternRule(), new PrefixItemsRule(), new PropertiesRule(), new PropertyCountRule(),
            new PropertyNamesRule(), new RequiredRule(), new ThenElseRule(), new TypeRule(), new UnevaluatedPropertiesRule(),
            new UniqueItemsRule(),
        }
            .SelectMany(rule => rule.Keywords.Select(keyword => (rule, keyword)))
            .ToDictionary(p => p.keyword.Name, p => (p.rule, p.keyword), StringComparer.Ordinal);

    /// <summary>The rule for the keyword named <paramref name="name"/>, if it has one of its own.</summary>
    public static bool TryGet(string name, out KeywordRule rule, out Keyword keyword)
    {
        if (ByName.TryGetValue(name, out var found))
        {
            (rule, keyword) = found;
            return true;
        }

        (rule, keyword) = (null!, null!);
        return false;
    }
}

/// <summary>
/// The shared part of the rules for a keyword whose added value narrows, removed value widens and changed value may go
/// either way (<c>pattern</c>, <c>format</c>): one finding, proved with the place's values in both releases.
/// </summary>
internal abstract class ConstraintRule : ValueRule
{
    /// <inheritdoc/>
    public sealed override IEnumerable<Differ.Finding> Compare(Keyword keyword, JsonElement? before, JsonElement? after, IEnumerable<JsonNode?> oldSamples, IEnumerable<JsonNode?> newSamples)
    {
        var verb = before is null ? "added" : after is null ? "removed" : "changed";
        var description = $"{keyword.Name} {verb}{(before is { } was ? $" (was {Differ.Show(was)})" : "")}{(after is { } now ? $" (now {Differ.Show(now)})" : "")}.";
        var expect = before is null ? Differ.Expect.Narrow : after is null ? Differ.Expect.Widen : Differ.Expect.Unknown;
        return [new Differ.Finding(Kind(before is null, after is null), description, expect, oldSamples, newSamples)];
    }

    /// <summary>The change's kind in the catalogue of changes, for an added, a removed or a changed value.</summary>
    protected abstract string Kind(bool added, bool removed);
}

/// <summary>
/// The shared part of the rules for a limit (lengths, item counts, number bounds): raising a minimum or lowering a
/// maximum narrows, the other way widens; the probes are values around both limits.
/// </summary>
internal abstract class LimitRule : ValueRule
{
    /// <inheritdoc/>
    public sealed override IEnumerable<Differ.Finding> Compare(Keyword keyword, JsonElement? before, JsonElement? after, IEnumerable<JsonNode?> oldSamples, IEnumerable<JsonNode?> newSamples)
    {
        var isMinimum = IsMinimum(keyword);
        decimal? was = before is { } a && a.TryGetDecimal(out var x) ? x : null;
        decimal? now = after is { } b && b.TryGetDecimal(out var y) ? y : null;
        var narrower = isMinimum
            ? (now ?? decimal.MinValue) > (was ?? decimal.MinValue)
            : (now ?? decimal.MaxValue) < (was ?? decimal.MaxValue);
        var verb = was is null ? "added" : now is null ? "removed" : narrower == isMinimum ? "raised" : "lowered";
        var description = $"{keyword.Name} {verb}{(was is { } p ? $" (was {p})" : "")}{(now is { } q ? $" (now {q})" : "")}.";
        var limits = new[] { was, now }.Where(v => v is not null).Select(v => v!.Value).ToList();
        var probes = Probes(limits.Count > 0 ? limits.Min() : 0, limits.Count > 0 ? limits.Max() : 10, oldSamples.Concat(newSamples));
        return [new Differ.Finding(Kind(narrower), description, narrower ? Differ.Expect.Narrow : Differ.Expect.Widen, narrower ? probes : [], narrower ? [] : probes)];
    }

    /// <summary>Whether <paramref name="keyword"/> is a lower limit.</summary>
    protected abstract bool IsMinimum(Keyword keyword);

    /// <summary>The change's kind in the catalogue of changes, for a narrower or a wider limit.</summary>
    protected abstract string Kind(bool narrower);

    /// <summary>Values around the limits <paramref name="low"/> and <paramref name="high"/>.</summary>
    protected abstract IEnumerable<JsonNode?> Probes(decimal low, decimal high, IEnumerable<JsonNode?> samples);
}
