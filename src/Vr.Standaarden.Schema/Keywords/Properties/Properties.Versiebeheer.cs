using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>properties</c> between releases: a property named in both is compared inside; one added or removed is one change,
/// judged against what the schema said of that name before or after (its <c>additionalProperties</c>, or nothing when the
/// object was closed): O1–O3 for an addition, O8–O10 for a removal, A1 when the name allows what it allowed.
/// </summary>
internal sealed class PropertiesRule : KeywordRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.Properties];

    /// <inheritdoc/>
    public override void Compare(KeywordSite site)
    {
        var before = KeywordSite.MemberNames(site.Before).ToHashSet(StringComparer.Ordinal);
        var after = KeywordSite.MemberNames(site.After).ToHashSet(StringComparer.Ordinal);
        foreach (var name in before.Union(after).Order(StringComparer.Ordinal))
        {
            var at = site.At.At(name);
            var oldValue = before.Contains(name) ? site.Subschema(site.Old, true, name) : Catchall(site.Old);
            var newValue = after.Contains(name) ? site.Subschema(site.New, true, name) : Catchall(site.New);
            var down = at.Down(new Differ.Step(name, 0, oldValue.Position, newValue.Position));
            if (before.Contains(name) && after.Contains(name))
            {
                site.Compare(oldValue, newValue, down);
                continue;
            }

            if (KeywordSite.SameButTexts(oldValue, newValue))
            {
                site.Report(at, VersionBump.Patch, after.Contains(name)
                    ? $"Property '{name}' named; it allows what was allowed for that name before, so no instance changes validity."
                    : $"Property '{name}' no longer named; what is allowed for that name stays the same.", "A1");
                continue;
            }

            if (after.Contains(name))
            {
                var model = oldValue.False ? "the object was closed" : oldValue.Position is null ? "other properties were allowed" : "other properties were allowed under additionalProperties";
                site.Prove(down with { OpenAddition = !oldValue.False }, new Differ.Finding(oldValue.False ? "O1" : oldValue.Position is null ? "O2" : "O3",
                    $"Property '{name}' added where {model}.", Differ.Expect.Unknown, site.OldSamples(oldValue), site.NewSamples(newValue)));
            }
            else
            {
                var model = newValue.False ? "the object is closed" : newValue.Position is null ? "other properties are allowed" : "other properties are allowed under additionalProperties";
                site.Prove(down, new Differ.Finding(newValue.False ? "O9" : newValue.Position is null ? "O8" : "O10",
                    $"Property '{name}' removed where {model}.", Differ.Expect.Unknown, site.OldSamples(oldValue), site.NewSamples(newValue)));
            }
        }
    }

    // What a schema says of a property it does not name: its additionalProperties, or nothing when it is closed.
    private static Differ.Side Catchall(Differ.Side side) =>
        side.Get(KeywordCatalog.AdditionalProperties.Name) is not null ? side.Child(KeywordCatalog.AdditionalProperties.Name)
        : side.Get(KeywordCatalog.UnevaluatedProperties.Name) is { ValueKind: JsonValueKind.False } ? Differ.Side.Nothing
        : Differ.Side.True;
}
