using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

internal sealed partial class Differ
{
    private const int MaxChecks = 400;
    private readonly Dictionary<string, List<JsonNode?>> _bases = new(StringComparer.Ordinal);

    /// <summary>Looks for the instance that shows the finding's class, and records the change with it.</summary>
    internal void Prove(Context at, Finding finding)
    {
        var narrowing = finding.Expect != Expect.Widen ? Search(at, finding.Narrowing, old: true) : null;
        if (narrowing is var (n, nv))
        {
            if (at.OpenAddition && _policy == ReaderPolicy.Tolerant)
            {
                Add(VersionBump.Minor, at.Schema, at.Location,
                    $"{finding.Description} A minor change for tolerant readers. Under strict set semantics (readers: strict) it is major: an instance that used the name for another value, such as {Place(at)}{Show(nv)}, was valid and is not.",
                    finding.Kind);
                return;
            }

            Add(VersionBump.Major, at.Schema, at.Location, $"{finding.Description} Valid before, invalid now: {Place(at)}{Show(nv)}.", finding.Kind, n, WitnessSide.Old);
            return;
        }

        var widening = finding.Expect != Expect.Narrow ? Search(at, finding.Widening, old: false) : null;
        if (widening is var (w, wv))
        {
            Add(VersionBump.Minor, at.Schema, at.Location, $"{finding.Description} Invalid before, valid now: {Place(at)}{Show(wv)}.", finding.Kind, w, WitnessSide.New);
            return;
        }

        if (at.OpenAddition || finding.Kind is "O8" or "O10")
        {
            // A property added or removed that no instance shows: it allows what was allowed for the name before.
            Add(VersionBump.Patch, at.Schema, at.Location, $"{finding.Description} No instance was found that changes validity.", finding.Kind);
            return;
        }

        switch (finding.Expect)
        {
            case Expect.Narrow when at.OpenAddition:
                Add(VersionBump.Minor, at.Schema, at.Location, $"{finding.Description} No instance found that is valid before and invalid now.", finding.Kind);
                break;
            case Expect.Narrow:
                Add(VersionBump.Major, at.Schema, at.Location, $"{finding.Description} Narrows what is valid; no instance was found that shows it here (the place may be unreachable).", finding.Kind);
                break;
            case Expect.Widen:
                Add(VersionBump.Minor, at.Schema, at.Location, $"{finding.Description} Widens what is valid; no instance was found that shows it here (the place may be unreachable).", finding.Kind);
                break;
            default:
                Add(VersionBump.Major, at.Schema, at.Location, $"{finding.Description} No instance was found either way; treated as major until one is.", finding.Kind);
                break;
        }
    }

    // An instance of the root valid under one release and not the other, with a candidate value at the place of the change.
    // Where in the witness the deciding value is, for the description: "/jws = ".
    private static string Place(Context at) =>
        at.Steps.Count == 0 ? "" : string.Concat(at.Steps.Select(s => "/" + (s.Property is { } p ? StandardRelease.Escape(p) : Number(s.Index)))) + " = ";

    private (JsonNode? Instance, JsonNode? Value)? Search(Context at, IEnumerable<JsonNode?> candidates, bool old)
    {
        var (view, other) = old ? (_old, _new) : (_new, _old);
        var (root, otherRoot) = old ? (at.OldRoot, at.NewRoot) : (at.NewRoot, at.OldRoot);
        var bases = Bases(root, old);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var checks = 0;
        foreach (var candidate in candidates.Take(120))
        {
            if (!seen.Add(candidate?.ToJsonString() ?? "null"))
            {
                continue;
            }

            // At the root itself a candidate is tried as it is, and its members laid over each base (a condition
            // such as if/then needs the rest of a valid instance around it).
            IEnumerable<JsonNode?> tries = at.Steps.Count > 0
                ? bases.Select(b => Embed(b, at.Steps, candidate, old, root))
                : candidate is JsonObject members
                    ? bases.OfType<JsonObject>().Select(b => (JsonNode?)Overlay(b, members)).Prepend(candidate)
                    : [candidate];
            foreach (var instance in tries)
            {
                if (++checks > MaxChecks)
                {
                    return null;
                }

                if (view.IsValid(root.Uri, instance) && !other.IsValid(otherRoot.Uri, instance))
                {
                    return (instance, candidate);
                }
            }
        }

        return null;
    }

    private static JsonObject Overlay(JsonObject @base, JsonObject members)
    {
        var result = (JsonObject)@base.DeepClone();
        foreach (var (name, value) in members)
        {
            result.Remove(name);
            result[name] = value?.DeepClone();
        }

        return result;
    }

    // Valid instances of a root to put candidates into: the release's valid examples of it, then written ones.
    private List<JsonNode?> Bases(SchemaPosition root, bool old)
    {
        var key = (old ? "old " : "new ") + root.Uri;
        if (_bases.TryGetValue(key, out var known))
        {
            return known;
        }

        var list = new List<JsonNode?>();
        if (root.Pointer.Length == 0 && root.File.Path.StartsWith("schemas/", StringComparison.Ordinal))
        {
            foreach (var example in root.View.Release.Examples.Where(e => e.Path.StartsWith("voorbeelden/geldig/", StringComparison.Ordinal)))
            {
                var name = Path.GetFileName(example.Path);
                JsonNode? value = null;
                try
                {
                    var parsed = JsonNode.Parse(example.Utf8.Span);
                    if (name.StartsWith(root.File.Name + "-", StringComparison.Ordinal))
                    {
                        value = parsed;
                    }
                    else if (parsed is JsonObject message && message["dataschema"]?.GetValueKind() == JsonValueKind.String &&
                             message["dataschema"]!.GetValue<string>().EndsWith("/" + root.File.Path, StringComparison.Ordinal))
                    {
                        value = message["data"]?.DeepClone();
                    }
                }
                catch (JsonException)
                {
                    continue;
                }

                if (value is not null && root.View.IsValid(root.Uri, value))
                {
                    list.Add(value);
                }
            }
        }

        list.AddRange((old ? _oldSynth : _newSynth).Valid(root));
        _bases[key] = list;
        return list;
    }

    // The base with the value at the end of the steps; what is missing on the way is written from its schema.
    private JsonNode? Embed(JsonNode? @base, System.Collections.Immutable.ImmutableList<Step> steps, JsonNode? value, bool old, SchemaPosition root)
    {
        var synth = old ? _oldSynth : _newSynth;

        JsonNode? Set(JsonNode? node, int i, SchemaPosition? schema)
        {
            if (i == steps.Count)
            {
                return value?.DeepClone();
            }

            var step = steps[i];
            var child = old ? step.OldValue : step.NewValue;
            if (step.Property is { } name)
            {
                var container = node as JsonObject ?? (schema is { } s ? synth.Valid(s).OfType<JsonObject>().FirstOrDefault()?.DeepClone() as JsonObject : null) ?? [];
                var current = container[name]?.DeepClone();
                container.Remove(name);
                container[name] = Set(current, i + 1, child);
                return container;
            }

            var array = node as JsonArray ?? (schema is { } t ? synth.Valid(t).OfType<JsonArray>().FirstOrDefault()?.DeepClone() as JsonArray : null) ?? [];
            while (array.Count <= step.Index)
            {
                array.Add(child is { } c && synth.Valid(c) is { Count: > 0 } found ? found[0]?.DeepClone() : JsonValue.Create("x"));
            }

            var item = array[step.Index]?.DeepClone();
            array[step.Index] = Set(item, i + 1, child);
            return array;
        }

        return Set(@base?.DeepClone(), 0, root);
    }

    /// <summary>Code lists: a code deprecated (vervallen) or given an end date is minor; texts of a code are patch.</summary>
    private void CompareCodes(SchemaPosition oldRoot, SchemaPosition newRoot)
    {
        static Dictionary<string, (JsonElement Entry, int Index)> Codes(SchemaPosition root)
        {
            var codes = new Dictionary<string, (JsonElement, int)>(StringComparer.Ordinal);
            if (root.Node.ValueKind == JsonValueKind.Object && root.Node.TryGetProperty(KeywordCatalog.Codes.Name, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var entry in list.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("code", out var code))
                    {
                        codes.TryAdd(code.ToString(), (entry, i));
                    }

                    i++;
                }
            }

            return codes;
        }

        var before = Codes(oldRoot);
        var after = Codes(newRoot);
        var list = newRoot.File.Name;
        foreach (var (code, (entry, index)) in after.OrderBy(c => c.Value.Index))
        {
            var location = "/codes/" + Number(index);
            if (!before.TryGetValue(code, out var previous))
            {
                Add(VersionBump.Patch, newRoot.File.Id!, location, $"Code {code} documented in code list {list} (whether it is valid is the enum's or pattern's change).", "A1");
                continue;
            }

            static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetRawText() : null;
            var deprecatedBefore = Text(previous.Entry, "vervallen") == "true";
            var deprecatedNow = Text(entry, "vervallen") == "true";
            if (deprecatedNow && !deprecatedBefore)
            {
                Add(VersionBump.Minor, newRoot.File.Id!, location + "/vervallen",
                    $"Code {code} of code list {list} is deprecated (vervallen{(Text(entry, "geldigTot") is { } until ? $", geldig tot {until}" : "")}); it stays valid for messages, and domain rules flag its use after that date.", "E5");
            }
            else if (Text(entry, "geldigTot") != Text(previous.Entry, "geldigTot"))
            {
                Add(VersionBump.Minor, newRoot.File.Id!, location + "/geldigTot", $"Code {code} of code list {list}: end of validity (geldigTot) changed from {Text(previous.Entry, "geldigTot") ?? "none"} to {Text(entry, "geldigTot") ?? "none"}.", "E5");
            }

            var texts = entry.EnumerateObject().Select(p => p.Name).Union(previous.Entry.EnumerateObject().Select(p => p.Name))
                .Where(n => n is not ("vervallen" or "geldigTot" or "code") && Text(entry, n) != Text(previous.Entry, n)).ToList();
            if (texts.Count > 0)
            {
                Add(VersionBump.Patch, newRoot.File.Id!, location, $"Code {code} of code list {list}: {string.Join(", ", texts)} changed.", "A1");
            }
        }

        foreach (var code in before.Keys.Where(c => !after.ContainsKey(c)))
        {
            Add(VersionBump.Patch, newRoot.File.Id!, "/codes", $"Code {code} no longer documented in code list {list} (whether it is valid is the enum's or pattern's change).", "A1");
        }
    }
}
