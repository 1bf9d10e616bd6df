using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>allOf</c> between releases: parts compared by position (a missing part is <c>true</c>). A part added for a
/// discriminator value no part named before is a new variant (a message type): minor for tolerant readers, which ignore
/// what they do not know; for strict readers proved with an instance that carries the new value (C11).
/// </summary>
internal sealed class AllOfRule : BranchesRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.AllOf];

    /// <inheritdoc/>
    protected override void Branch(KeywordSite site, int index, int before, int after, Differ.Side old, Differ.Side @new, Differ.Context at)
    {
        if (index >= before && Variant(@new) is { } variant &&
            !Enumerable.Range(0, before).Any(j => Variant(site.Subschema(site.Old, true, KeywordSite.Token(j))) == variant))
        {
            var description = $"allOf branch {index} added: a new variant for /{variant.Property} = {variant.Value}.";
            if (site.Policy == ReaderPolicy.Tolerant)
            {
                site.Report(at, VersionBump.Minor,
                    $"{description} Readers of the old release do not know the value and ignore what carries it, so for tolerant readers this is minor. Under strict set semantics (readers: strict) it is major: an instance with that value, unchecked before, must now match the branch.",
                    "C11");
            }
            else
            {
                // An instance of the old release with the new value, laid over its valid instances: unchecked before, now held to the branch.
                site.Prove(at, new Differ.Finding("C11", description, Differ.Expect.Narrow, [new JsonObject { [variant.Property] = JsonNode.Parse(variant.Value) }], []));
            }

            return;
        }

        site.Compare(old, @new, at);
    }

    // The value an if/then branch selects on: `if` requires one property and holds it to a const ("type" = "…kennisgeving.v1").
    private static (string Property, string Value)? Variant(Differ.Side branch)
    {
        if (branch.Get(KeywordCatalog.If.Name) is not { ValueKind: JsonValueKind.Object } condition ||
            !condition.TryGetProperty(KeywordCatalog.Properties.Name, out var properties) || properties.ValueKind != JsonValueKind.Object ||
            !condition.TryGetProperty(KeywordCatalog.Required.Name, out var required) || required.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var selectors = properties.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty(KeywordCatalog.Const.Name, out _) &&
                        required.EnumerateArray().Any(r => r.ValueKind == JsonValueKind.String && r.GetString() == p.Name))
            .ToList();
        return selectors.Count == 1 ? (selectors[0].Name, selectors[0].Value.GetProperty(KeywordCatalog.Const.Name).GetRawText()) : null;
    }
}
