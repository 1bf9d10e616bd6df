using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// <c>dependentRequired</c> between releases: added (O21) or changed (O22), proved with objects that have a member and
/// lack what it now (or no longer) depends on. Where the old schema shows that no instance it allowed can break a new
/// dependency (the member could not be there, or what it depends on was required anyway), the change is a patch
/// without a witness, or, when a dependency was also dropped, a widening.
/// </summary>
internal sealed class DependentRequiredRule : KeywordRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<Keyword> Keywords { get; } = [KeywordCatalog.DependentRequired];

    /// <inheritdoc/>
    public override void Compare(KeywordSite site)
    {
        var (ov, nv) = (site.Before, site.After);
        if (Unfulfillable(site.Old, ov, nv) is { } proof)
        {
            // Proved from the old schema alone: no instance it allowed can break a new dependency.
            var dropped = KeywordSite.MemberNames(ov).Any(name => Dependencies(ov, name).Except(Dependencies(nv, name), StringComparer.Ordinal).Any());
            if (dropped)
            {
                site.Prove(new Differ.Finding("O22", $"dependentRequired changed (was {Differ.Show(ov!.Value)}) (now {Differ.Show(nv!.Value)}); {proof}", Differ.Expect.Widen, [],
                    Dependents(Objects(site.NewSamples()), ov).Concat(site.NewSamples())));
            }
            else
            {
                site.Report(site.At, VersionBump.Patch, $"dependentRequired {(ov is null ? "added" : "changed")}{(ov is { } was ? $" (was {Differ.Show(was)})" : "")} (now {Differ.Show(nv!.Value)}); {proof}", ov is null ? "O21" : "O22");
            }

            return;
        }

        // Objects that have a property and lack what it now (or no longer) depends on.
        site.CompareAsWhole(ov is null ? "O21" : "O22", Dependents(Objects(site.OldSamples()), nv), Dependents(Objects(site.NewSamples()), ov));
    }

    private static IEnumerable<JsonNode?> Objects(IEnumerable<JsonNode?> samples) => samples.Where(v => v is JsonObject);

    private static IEnumerable<string> Dependencies(JsonElement? rules, string name) =>
        rules is { ValueKind: JsonValueKind.Object } map && map.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()!)
            : [];

    // Why every dependency the new rules add holds for each instance the old schema allowed, or null when that is not
    // certain: the property that triggers it could not be there before (a closed object that did not name it), or what
    // it depends on was required before anyway.
    private static string? Unfulfillable(Differ.Side o, JsonElement? ov, JsonElement? nv)
    {
        if (nv is not { ValueKind: JsonValueKind.Object } rules || !o.IsObject)
        {
            return null;
        }

        var closed = o.Get(KeywordCatalog.AdditionalProperties.Name) is { ValueKind: JsonValueKind.False } && o.Get(KeywordCatalog.PatternProperties.Name) is null;
        var named = KeywordSite.MemberNames(o.Get(KeywordCatalog.Properties.Name)).ToHashSet(StringComparer.Ordinal);
        var required = o.Get(KeywordCatalog.Required.Name) is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        var absent = new List<string>();
        var present = new List<string>();
        foreach (var rule in rules.EnumerateObject())
        {
            var added = Dependencies(nv, rule.Name).Except(Dependencies(ov, rule.Name), StringComparer.Ordinal).ToList();
            if (added.Count == 0)
            {
                continue;
            }

            if (closed && !named.Contains(rule.Name))
            {
                absent.Add(rule.Name);
            }
            else if (added.All(required.Contains))
            {
                present.Add(rule.Name);
            }
            else
            {
                return null;
            }
        }

        var reasons = new List<string>();
        if (absent.Count > 0)
        {
            reasons.Add($"the old schema allowed no {string.Join(", ", absent.Select(a => $"'{a}'"))}");
        }

        if (present.Count > 0)
        {
            reasons.Add($"what {string.Join(", ", present.Select(a => $"'{a}'"))} now depend{(present.Count == 1 ? "s" : "")} on was required before");
        }

        return reasons.Count == 0 ? "no dependency was added." : $"no instance valid before breaks it: {string.Join("; ", reasons)}.";
    }

    private static IEnumerable<JsonNode?> Dependents(IEnumerable<JsonNode?> objects, JsonElement? rules)
    {
        if (rules is not { ValueKind: JsonValueKind.Object } map)
        {
            yield break;
        }

        foreach (var value in objects.OfType<JsonObject>())
        {
            foreach (var rule in map.EnumerateObject().Where(r => value.ContainsKey(r.Name) && r.Value.ValueKind == JsonValueKind.Array))
            {
                foreach (var dependent in rule.Value.EnumerateArray().Select(d => d.GetString()!))
                {
                    yield return Differ.Without(value, dependent);
                }
            }
        }
    }
}
