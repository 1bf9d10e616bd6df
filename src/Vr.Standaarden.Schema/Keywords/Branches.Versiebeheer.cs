using System.Text.Json;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// The shared part of the rules for keywords that hold a list of subschemas (<c>allOf</c>, <c>anyOf</c>, <c>oneOf</c>,
/// <c>prefixItems</c>): the lists walked side by side by position, each pair handed to <see cref="Branch"/>.
/// </summary>
internal abstract class BranchesRule : KeywordRule
{
    /// <inheritdoc/>
    public sealed override void Compare(KeywordSite site)
    {
        var before = Count(site.Before);
        var after = Count(site.After);
        for (var i = 0; i < Math.Max(before, after); i++)
        {
            var token = KeywordSite.Token(i);
            Branch(site, i, before, after, site.Subschema(site.Old, i < before, token), site.Subschema(site.New, i < after, token), site.At.At(token));
        }
    }

    /// <summary>
    /// Compares the branches at <paramref name="index"/> (<c>true</c> where a side has none; the old list had
    /// <paramref name="before"/>, the new one <paramref name="after"/>), reporting at <paramref name="at"/>.
    /// </summary>
    protected abstract void Branch(KeywordSite site, int index, int before, int after, Differ.Side old, Differ.Side @new, Differ.Context at);

    /// <summary>The comparison of branches that apply to the same instance, one of which must match (<c>anyOf</c>, <c>oneOf</c>).</summary>
    protected static void Alternative(KeywordSite site, int index, int before, int after, Differ.Side old, Differ.Side @new, Differ.Context at, string addedKind, Differ.Expect addedExpect)
    {
        if (index < before && index < after)
        {
            site.Compare(old, @new, at);
        }
        else if (index >= before)
        {
            site.Prove(at, new Differ.Finding(addedKind, $"{site.Keyword.Name} branch {index} added.", addedExpect, site.OldSamples(), site.NewSamples(@new)));
        }
        else
        {
            site.Prove(at, new Differ.Finding("C3", $"{site.Keyword.Name} branch {index} removed.", Differ.Expect.Narrow, site.OldSamples(old), site.NewSamples()));
        }
    }

    private static int Count(JsonElement? value) => value is { ValueKind: JsonValueKind.Array } list ? list.GetArrayLength() : 0;
}
