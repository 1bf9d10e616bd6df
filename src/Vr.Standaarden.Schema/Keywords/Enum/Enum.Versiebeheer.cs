using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>enum</c> and <c>const</c> between releases, compared together as the allowed values (a <c>const</c> is a one-value
/// <c>enum</c>, and one may become the other): each value removed narrows (E2), each added widens (E1); a list where
/// there was none narrows to it (E4), none where there was a list widens (E1). In a code list the values are codes.
/// </summary>
internal sealed class AllowedValuesRule : KeywordRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.Enum, KeywordCatalog.Const];

    /// <inheritdoc/>
    public override void Compare(KeywordSite site)
    {
        var (before, after, at) = (Values(site.Old), Values(site.New), site.At);
        var codeList = at.OldRoot.File.Path.StartsWith("codelijsten/", StringComparison.Ordinal) && at.Location == "/enum";
        var noun = codeList ? $"code list {at.NewRoot.File.Name}" : "the allowed values";
        if (before is not null && after is not null)
        {
            var removed = before.Where(v => !after.Any(w => JsonNode.DeepEquals(v, w))).ToList();
            var added = after.Where(v => !before.Any(w => JsonNode.DeepEquals(v, w))).ToList();
            if (removed.Count > 0)
            {
                site.Prove(new Differ.Finding("E2", $"{(codeList ? "Code" : "Value")}{(removed.Count > 1 ? "s" : "")} {List(removed)} removed from {noun}.", Differ.Expect.Narrow, removed, []));
            }

            if (added.Count > 0)
            {
                site.Prove(new Differ.Finding("E1", $"{(codeList ? "Code" : "Value")}{(added.Count > 1 ? "s" : "")} {List(added)} added to {noun}.", Differ.Expect.Widen, [], added));
            }

            return;
        }

        site.Prove(new Differ.Finding(before is null ? "E4" : "E1", before is null ? $"Only {List(after!)} allowed now." : "Any value allowed now, not only the listed ones.",
            before is null ? Differ.Expect.Narrow : Differ.Expect.Widen, site.OldSamples(), site.NewSamples()));
    }

    /// <summary>Whether <paramref name="old"/> and <paramref name="new"/> allow the same values (<c>null</c>: any value).</summary>
    public static bool Same(Differ.Side old, Differ.Side @new) =>
        (Values(old), Values(@new)) is ({ } before, { } after) && before.Count == after.Count && before.All(v => after.Any(w => JsonNode.DeepEquals(v, w)));

    // The values a schema allows by enum or const; null when it has neither.
    private static List<JsonNode?>? Values(Differ.Side side) =>
        side.Get(KeywordCatalog.Enum.Name) is { ValueKind: JsonValueKind.Array } e ? e.EnumerateArray().Select(v => JsonNode.Parse(v.GetRawText())).ToList()
        : side.Get(KeywordCatalog.Const.Name) is { } c ? [JsonNode.Parse(c.GetRawText())]
        : null;

    private static string List(List<JsonNode?> values) =>
        string.Join(", ", values.Take(6).Select(Differ.Show)) + (values.Count > 6 ? $" and {values.Count - 6} more" : "");
}
