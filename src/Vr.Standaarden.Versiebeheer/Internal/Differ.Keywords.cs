using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Versiebeheer.Internal;

internal sealed partial class Differ
{
    /// <summary>A schema in a comparison: a position, or the schema <c>true</c> (anything) or <c>false</c> (nothing).</summary>
    private readonly record struct Side(SchemaPosition? Position, bool False)
    {
        public static readonly Side True = new(null, false);
        public static readonly Side Nothing = new(null, true);

        public JsonElement Node => Position?.Node ?? default;

        public bool IsObject => Node.ValueKind == JsonValueKind.Object;

        public JsonElement? Get(string keyword) => IsObject && Node.TryGetProperty(keyword, out var value) ? value : null;

        public static Side Of(SchemaPosition position) =>
            position.Node.ValueKind switch
            {
                JsonValueKind.False => Nothing,
                JsonValueKind.True => True,
                _ => new Side(position, false),
            };

    }

    private void Compare(SchemaPosition o, SchemaPosition n, Context context) => Compare(Side.Of(o), Side.Of(n), context);

    private void Compare(Side o, Side n, Context context)
    {
        if (JsonNode.DeepEquals(Normalize(o, annotations: true), Normalize(n, annotations: true)))
        {
            return;
        }

        if (o.False || n.False)
        {
            if (o.False && !n.False)
            {
                Prove(context, new Finding("T5", "Where nothing was allowed, values are now allowed.", Expect.Widen, [], Local(n, _newSynth)));
            }
            else if (!o.False && n.False)
            {
                Prove(context, new Finding("T4", "Where values were allowed, nothing is allowed any more.", Expect.Narrow, Local(o, _oldSynth), []));
            }

            return;
        }

        // References: the same target is compared where it is defined; a different one is followed here.
        var oRef = o.Position?.RefTarget();
        var nRef = n.Position?.RefTarget();
        if (oRef is not null || nRef is not null)
        {
            if (oRef is { } ot && nRef is { } nt)
            {
                if (ot.Relative != nt.Relative && _following.Add((ot.Relative, nt.Relative)))
                {
                    Compare(ot, nt, context.At(KeywordCatalog.Ref.Name) with { Followed = true });
                }
            }
            else
            {
                var from = oRef is { } or ? Side.Of(or) : Without(o);
                var to = nRef is { } nr ? Side.Of(nr) : Without(n);
                if (_following.Add((Normalize(from, annotations: true)?.ToJsonString() ?? "", Normalize(to, annotations: true)?.ToJsonString() ?? "")))
                {
                    Compare(from, to, context.At(KeywordCatalog.Ref.Name) with { Followed = true });
                }

                return;
            }
        }

        var keywords = Keywords(o).Union(Keywords(n)).Where(k => k != KeywordCatalog.Ref.Name).Distinct(StringComparer.Ordinal).ToList();

        // const is a one-value enum: a const that becomes an enum (or back) is compared as values added and removed.
        var oValues = Values(o);
        var nValues = Values(n);
        if (o.Get(KeywordCatalog.Const.Name) is not null || n.Get(KeywordCatalog.Const.Name) is not null)
        {
            keywords.RemoveAll(k => k is "const" or "enum");
            if (!(oValues is not null && nValues is not null && oValues.Count == nValues.Count && oValues.All(v => nValues.Any(w => JsonNode.DeepEquals(v, w)))))
            {
                Enum(o, n, oValues, nValues, context.At(n.Get(KeywordCatalog.Enum.Name) is not null ? "enum" : "const"));
            }
        }

        foreach (var keyword in keywords)
        {
            var ov = o.Get(keyword);
            var nv = n.Get(keyword);
            if (ov is { } a && nv is { } b && JsonNode.DeepEquals(JsonNode.Parse(a.GetRawText()), JsonNode.Parse(b.GetRawText())) && !IsApplicator(keyword))
            {
                continue;
            }

            if (IsIgnored(keyword))
            {
                continue;
            }

            Keyword(keyword, o, n, ov, nv, context);
        }
    }

    // What the catalogue says of a keyword, under 2020-12 (the dialect of every release).
    private static SubschemaPlacement Placement(string keyword) =>
        KeywordCatalog.Find(keyword)?.SubschemasIn(SchemaDrafts.Draft202012) ?? SubschemaPlacement.None;

    // The applicators of 2020-12 proper: their subschemas are compared where they are.
    private static bool IsApplicator(string keyword) =>
        KeywordCatalog.Find(keyword) is { Kind: KeywordKind.Applicator, Vocabulary: not Vocabulary.Legacy };

    // Keywords that decide validity by their value; the standard asserts format, and additionalItems is kept as one.
    private static bool IsAssertion(string keyword) =>
        KeywordCatalog.Find(keyword) is { } k && (k.Kind == KeywordKind.Assertion || k == KeywordCatalog.Format || k == KeywordCatalog.AdditionalItems);

    // Texts and markers: a change to them changes no instance's validity (format is compared as an assertion).
    private static bool IsAnnotation(string keyword) =>
        KeywordCatalog.Find(keyword) is { } k && k != KeywordCatalog.Format && k != KeywordCatalog.Codes &&
        ((k.IsDocumentation && k.Kind != KeywordKind.Core) || k == KeywordCatalog.Comment || k == KeywordCatalog.Anchor);

    // Declarations compared where they are used, and the code descriptions, which code-list docs report.
    private static bool IsIgnored(string keyword) =>
        keyword == KeywordCatalog.Id.Name || keyword == KeywordCatalog.Codes.Name || Placement(keyword) == SubschemaPlacement.Members && KeywordCatalog.Find(keyword)!.Kind == KeywordKind.Core;

    private static JsonNode? Normalize(Side side, bool annotations) =>
        side.False ? JsonValue.Create(false) : side.Position is { } p ? Normalize(p, annotations) : JsonValue.Create(true);

    /// <summary>
    /// A schema as data for comparison: references as the release-relative place they point at, without whitespace, and
    /// without annotations unless asked for.
    /// </summary>
    private static JsonNode? Normalize(SchemaPosition position, bool annotations)
    {
        var node = position.Node;
        if (node.ValueKind != JsonValueKind.Object)
        {
            return JsonNode.Parse(node.ValueKind == JsonValueKind.Undefined ? "true" : node.GetRawText());
        }

        var result = new JsonObject();
        foreach (var member in node.EnumerateObject())
        {
            var name = member.Name;
            if ((!annotations && (IsAnnotation(name) || !Known(name))) || name == KeywordCatalog.Id.Name)
            {
                continue;
            }

            result[name] = name switch
            {
                _ when member.Name == KeywordCatalog.Ref.Name => JsonValue.Create(position.RefTarget()?.Relative ?? member.Value.GetString()),
                _ when Placement(name) == SubschemaPlacement.Members && member.Value.ValueKind == JsonValueKind.Object =>
                    new JsonObject(member.Value.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Normalize(position.Child(name, p.Name), annotations)))),
                _ when Placement(name) == SubschemaPlacement.Items && member.Value.ValueKind == JsonValueKind.Array =>
                    new JsonArray([.. Enumerable.Range(0, member.Value.GetArrayLength()).Select(i => Normalize(position.Child(name, Number(i)), annotations))]),
                _ when Placement(name) == SubschemaPlacement.Value => Normalize(position.Child(name), annotations),
                _ => JsonNode.Parse(member.Value.GetRawText()),
            };
        }

        return result;
    }

    private static bool Known(string keyword) =>
        IsAssertion(keyword) || IsApplicator(keyword) || Placement(keyword) == SubschemaPlacement.Members || keyword == KeywordCatalog.Ref.Name || keyword == KeywordCatalog.Schema.Name;

    private static IEnumerable<string> Keywords(Side side) =>
        side.IsObject ? side.Node.EnumerateObject().Select(p => p.Name) : [];

    // The node's other keywords, for a comparison with a $ref on the other side (true when it has none).
    private static Side Without(Side side) => side.IsObject && side.Node.EnumerateObject().Any(p => p.Name != KeywordCatalog.Ref.Name && !IsAnnotation(p.Name)) ? side : Side.True;

    private void Keyword(string keyword, Side o, Side n, JsonElement? ov, JsonElement? nv, Context context)
    {
        var at = context.At(keyword);
        if (IsAnnotation(keyword) || (!IsAssertion(keyword) && !IsApplicator(keyword) && keyword != KeywordCatalog.Schema.Name))
        {
            var what = ov is null ? $"added: {Show(nv!.Value)}" : nv is null ? $"removed (was {Show(ov.Value)})" : $"changed from {Show(ov.Value)} to {Show(nv.Value)}";
            Add(VersionBump.Patch, context.Schema, at.Location, $"Annotation '{keyword}' {what}; no instance changes validity.", "A1");
            return;
        }

        if (KeywordRules.TryGet(keyword, out var rule, out var descriptor))
        {
            foreach (var finding in rule.Compare(descriptor, ov, nv, Local(o, _oldSynth), Local(n, _newSynth)))
            {
                Prove(at, finding);
            }

            return;
        }

        switch (keyword)
        {
            case "$schema":
                Add(VersionBump.Major, context.Schema, at.Location, $"The dialect changed from {Show(ov ?? default)} to {Show(nv ?? default)}: every keyword may mean something else.", "A7");
                break;
            case "enum":
                Enum(o, n, Values(o), Values(n), at);
                break;
            case "const":
                Prove(at, new Finding("E4", ov is null ? $"const {Show(nv!.Value)} added." : nv is null ? $"const {Show(ov.Value)} removed." : $"const changed from {Show(ov.Value)} to {Show(nv.Value)}.",
                    ov is null ? Expect.Narrow : nv is null ? Expect.Widen : Expect.Unknown,
                    ov is { } c1 ? [JsonNode.Parse(c1.GetRawText())] : Local(o, _oldSynth),
                    nv is { } c2 ? [JsonNode.Parse(c2.GetRawText())] : Local(n, _newSynth)));
                break;
            case "properties":
                Properties(o, n, context);
                break;
            case "patternProperties" or "propertyNames" or "dependentRequired" or "contains" or "not" or "if" or "unevaluatedItems":
                Generic(keyword, o, n, ov, nv, at);
                break;
            case "additionalProperties" or "unevaluatedProperties":
                if (keyword == KeywordCatalog.AdditionalProperties.Name || o.Get(KeywordCatalog.AdditionalProperties.Name) is null)
                {
                    var extra = "extra";
                    var oa = ov is { } x ? Side.Of(o.Position!.Value.Child(keyword)) : Side.True;
                    var na = nv is { } y ? Side.Of(n.Position!.Value.Child(keyword)) : Side.True;
                    Compare(oa, na, at.Down(new Step(extra, 0, oa.Position, na.Position)));
                }

                break;
            case "items" or "additionalItems":
            {
                var oi = ov is not null ? Side.Of(o.Position!.Value.Child(keyword)) : Side.True;
                var ni = nv is not null ? Side.Of(n.Position!.Value.Child(keyword)) : Side.True;
                var first = (o.Get(KeywordCatalog.PrefixItems.Name)?.GetArrayLength() ?? 0);
                Compare(oi, ni, at.Down(new Step(null, first, oi.Position, ni.Position)));
                break;
            }

            case "prefixItems":
                Branches(keyword, o, n, ov, nv, context, sameInstance: false);
                break;
            case "allOf" or "anyOf" or "oneOf":
                Branches(keyword, o, n, ov, nv, context, sameInstance: true);
                break;
            case "then" or "else":
            {
                var ob = ov is not null ? Side.Of(o.Position!.Value.Child(keyword)) : Side.True;
                var nb = nv is not null ? Side.Of(n.Position!.Value.Child(keyword)) : Side.True;
                Compare(ob, nb, at);
                break;
            }

            case "dependentSchemas":
                foreach (var name in Names(ov).Union(Names(nv)))
                {
                    var od = Names(ov).Contains(name) ? Side.Of(o.Position!.Value.Child(keyword, name)) : Side.True;
                    var nd = Names(nv).Contains(name) ? Side.Of(n.Position!.Value.Child(keyword, name)) : Side.True;
                    Compare(od, nd, at.At(name));
                }

                break;
            default:
                Generic(keyword, o, n, ov, nv, at);
                break;
        }
    }

    private static IEnumerable<string> Names(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v ? v.EnumerateObject().Select(p => p.Name) : [];

    /// <summary>A few values of <paramref name="type"/>, for probes where a place has none of its own.</summary>
    internal static IEnumerable<JsonNode?> Literals(string type) => type switch
    {
        "string" => [JsonValue.Create("x"), JsonValue.Create("")],
        "integer" => [JsonValue.Create(0), JsonValue.Create(1)],
        "number" => [JsonValue.Create(0.5m), JsonValue.Create(0)],
        "boolean" => [JsonValue.Create(true)],
        "object" => [new JsonObject()],
        "array" => [new JsonArray()],
        _ => [null],
    };

    private static List<JsonNode?>? Values(Side side) =>
        side.Get(KeywordCatalog.Enum.Name) is { ValueKind: JsonValueKind.Array } e ? e.EnumerateArray().Select(v => JsonNode.Parse(v.GetRawText())).ToList()
        : side.Get(KeywordCatalog.Const.Name) is { } c ? [JsonNode.Parse(c.GetRawText())]
        : null;

    private void Enum(Side o, Side n, List<JsonNode?>? before, List<JsonNode?>? after, Context at)
    {
        var codeList = at.OldRoot.File.Path.StartsWith("codelijsten/", StringComparison.Ordinal) && at.Location == "/enum";
        var noun = codeList ? $"code list {at.NewRoot.File.Name}" : "the allowed values";
        if (before is not null && after is not null)
        {
            var removed = before.Where(v => !after.Any(w => JsonNode.DeepEquals(v, w))).ToList();
            var added = after.Where(v => !before.Any(w => JsonNode.DeepEquals(v, w))).ToList();
            if (removed.Count > 0)
            {
                Prove(at, new Finding("E2", $"{(codeList ? "Code" : "Value")}{(removed.Count > 1 ? "s" : "")} {List(removed.Select(Show).ToList())} removed from {noun}.", Expect.Narrow,
                    removed, []));
            }

            if (added.Count > 0)
            {
                Prove(at, new Finding("E1", $"{(codeList ? "Code" : "Value")}{(added.Count > 1 ? "s" : "")} {List(added.Select(Show).ToList())} added to {noun}.", Expect.Widen,
                    [], added));
            }

            return;
        }

        Prove(at, new Finding(before is null ? "E4" : "E1", before is null ? $"Only {List(after!.Select(Show).ToList())} allowed now." : "Any value allowed now, not only the listed ones.",
            before is null ? Expect.Narrow : Expect.Widen, Local(o, _oldSynth), Local(n, _newSynth)));
    }

    private static string List(List<string> values) =>
        string.Join(", ", values.Take(6)) + (values.Count > 6 ? $" and {values.Count - 6} more" : "");

    /// <summary>A copy of <paramref name="value"/> without its member <paramref name="name"/> (other values as they are).</summary>
    internal static JsonNode? Without(JsonNode? value, string name)
    {
        if (value?.DeepClone() is JsonObject copy)
        {
            copy.Remove(name);
            return copy;
        }

        return value;
    }

    private static IEnumerable<JsonNode?> Objects(Side side, InstanceSynth synth) => Local(side, synth).Where(v => v is JsonObject);

    private void Properties(Side o, Side n, Context context)
    {
        var before = Names(o.Get(KeywordCatalog.Properties.Name)).ToHashSet(StringComparer.Ordinal);
        var after = Names(n.Get(KeywordCatalog.Properties.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in before.Union(after).Order(StringComparer.Ordinal))
        {
            var at = context.At(KeywordCatalog.Properties.Name, name);
            var oldValue = before.Contains(name) ? Side.Of(o.Position!.Value.Child(KeywordCatalog.Properties.Name, name)) : Catchall(o);
            var newValue = after.Contains(name) ? Side.Of(n.Position!.Value.Child(KeywordCatalog.Properties.Name, name)) : Catchall(n);
            var down = at.Down(new Step(name, 0, oldValue.Position, newValue.Position));
            if (before.Contains(name) && after.Contains(name))
            {
                Compare(oldValue, newValue, down);
                continue;
            }

            // A property added or removed is one change, judged against what the schema said of the name before or after.
            if (JsonNode.DeepEquals(Normalize(oldValue, annotations: false), Normalize(newValue, annotations: false)))
            {
                Add(VersionBump.Patch, context.Schema, at.Location, after.Contains(name)
                    ? $"Property '{name}' named; it allows what was allowed for that name before, so no instance changes validity."
                    : $"Property '{name}' no longer named; what is allowed for that name stays the same.", "A1");
                continue;
            }

            if (after.Contains(name))
            {
                var model = oldValue.False ? "the object was closed" : oldValue.Position is null ? "other properties were allowed" : "other properties were allowed under additionalProperties";
                Prove(down with { OpenAddition = !oldValue.False }, new Finding(oldValue.False ? "O1" : oldValue.Position is null ? "O2" : "O3",
                    $"Property '{name}' added where {model}.", Expect.Unknown, Local(oldValue, _oldSynth), Local(newValue, _newSynth)));
            }
            else
            {
                var model = newValue.False ? "the object is closed" : newValue.Position is null ? "other properties are allowed" : "other properties are allowed under additionalProperties";
                Prove(down, new Finding(newValue.False ? "O9" : newValue.Position is null ? "O8" : "O10",
                    $"Property '{name}' removed where {model}.", Expect.Unknown, Local(oldValue, _oldSynth), Local(newValue, _newSynth)));
            }
        }
    }

    // What a schema says of a property it does not name: its additionalProperties, or nothing when it is closed.
    private static Side Catchall(Side side)
    {
        if (side.Get(KeywordCatalog.AdditionalProperties.Name) is { } extra)
        {
            return Side.Of(side.Position!.Value.Child(KeywordCatalog.AdditionalProperties.Name));
        }

        return side.Get(KeywordCatalog.UnevaluatedProperties.Name) is { ValueKind: JsonValueKind.False } ? Side.Nothing : Side.True;
    }

    private void Branches(string keyword, Side o, Side n, JsonElement? ov, JsonElement? nv, Context context, bool sameInstance)
    {
        var oc = ov is { ValueKind: JsonValueKind.Array } a ? a.GetArrayLength() : 0;
        var nc = nv is { ValueKind: JsonValueKind.Array } b ? b.GetArrayLength() : 0;
        for (var i = 0; i < Math.Max(oc, nc); i++)
        {
            var at = context.At(keyword, Number(i));
            var ob = i < oc ? Side.Of(o.Position!.Value.Child(keyword, Number(i))) : Side.True;
            var nb = i < nc ? Side.Of(n.Position!.Value.Child(keyword, Number(i))) : Side.True;
            if (keyword == KeywordCatalog.AllOf.Name && i >= oc && Variant(nb) is { } variant &&
                !Enumerable.Range(0, oc).Any(j => Variant(Side.Of(o.Position!.Value.Child(keyword, Number(j)))) == variant))
            {
                // A branch for a discriminator value no branch named before: a new variant, such as a message type.
                var description = $"allOf branch {i} added: a new variant for /{variant.Property} = {variant.Value}.";
                if (_policy == ReaderPolicy.Tolerant)
                {
                    Add(VersionBump.Minor, at.Schema, at.Location,
                        $"{description} Readers of the old release do not know the value and ignore what carries it, so for tolerant readers this is minor. Under strict set semantics (readers: strict) it is major: an instance with that value, unchecked before, must now match the branch.",
                        "C11");
                }
                else
                {
                    // An instance of the old release with the new value, laid over its valid instances: unchecked before, now held to the branch.
                    Prove(at, new Finding("C11", description, Expect.Narrow, [new JsonObject { [variant.Property] = JsonNode.Parse(variant.Value) }], []));
                }

                continue;
            }

            if (!sameInstance)
            {
                Compare(ob, nb, at.Down(new Step(null, i, ob.Position, nb.Position)));
            }
            else if (keyword == KeywordCatalog.AllOf.Name || (i < oc && i < nc))
            {
                Compare(ob, nb, at);
            }
            else if (i >= oc)
            {
                Prove(at, new Finding(keyword == KeywordCatalog.AnyOf.Name ? "C1" : "C2", $"{keyword} branch {i} added.", keyword == KeywordCatalog.AnyOf.Name ? Expect.Widen : Expect.Unknown,
                    Local(o, _oldSynth), Local(nb, _newSynth)));
            }
            else
            {
                Prove(at, new Finding("C3", $"{keyword} branch {i} removed.", Expect.Narrow, Local(ob, _oldSynth), Local(n, _newSynth)));
            }
        }
    }

    // The value an if/then branch selects on: `if` requires one property and holds it to a const ("type" = "…kennisgeving.v1").
    private static (string Property, string Value)? Variant(Side branch)
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

    private void Generic(string keyword, Side o, Side n, JsonElement? ov, JsonElement? nv, Context at)
    {
        if (ov is not null && nv is not null && Placement(keyword) == SubschemaPlacement.Value &&
            JsonNode.DeepEquals(Normalize(o.Position!.Value.Child(keyword), annotations: false), Normalize(n.Position!.Value.Child(keyword), annotations: false)))
        {
            // Only texts differ inside: report them where they are.
            Compare(o.Position!.Value.Child(keyword), n.Position!.Value.Child(keyword), at);
            return;
        }

        if (keyword == KeywordCatalog.DependentRequired.Name && Unfulfillable(o, ov, nv) is { } proof)
        {
            // Proved from the old schema alone: no instance it allowed can break a new dependency.
            var dropped = Names(ov).Any(name => Dependencies(ov, name).Except(Dependencies(nv, name), StringComparer.Ordinal).Any());
            if (dropped)
            {
                Prove(at, new Finding("O22", $"dependentRequired changed (was {Show(ov!.Value)}) (now {Show(nv!.Value)}); {proof}", Expect.Widen, [], Dependents(Objects(n, _newSynth), ov).Concat(Local(n, _newSynth))));
            }
            else
            {
                Add(VersionBump.Patch, at.Schema, at.Location, $"dependentRequired {(ov is null ? "added" : "changed")}{(ov is { } was ? $" (was {Show(was)})" : "")} (now {Show(nv!.Value)}); {proof}", ov is null ? "O21" : "O22");
            }

            return;
        }

        var narrowing = Local(o, _oldSynth);
        var widening = Local(n, _newSynth);
        if (keyword == KeywordCatalog.DependentRequired.Name)
        {
            // Objects that have a property and lack what it now (or no longer) depends on.
            narrowing = Dependents(Objects(o, _oldSynth), nv).Concat(narrowing);
            widening = Dependents(Objects(n, _newSynth), ov).Concat(widening);
        }

        var verb = ov is null ? "added" : nv is null ? "removed" : "changed";
        var kind = keyword switch
        {
            "propertyNames" => "O18",
            "dependentRequired" => ov is null ? "O21" : "O22",
            "contains" => "R5",
            "not" => "C9",
            "if" => "C10",
            "patternProperties" => "O17",
            _ => "X1",
        };
        Prove(at, new Finding(kind, $"{keyword} {verb}{(ov is { } a ? $" (was {Show(a)})" : "")}{(nv is { } b ? $" (now {Show(b)})" : "")}.",
            ov is null ? Expect.Narrow : nv is null ? Expect.Widen : Expect.Unknown, narrowing, widening));
    }

    private static IEnumerable<string> Dependencies(JsonElement? rules, string name) =>
        rules is { ValueKind: JsonValueKind.Object } map && map.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()!)
            : [];

    // Why every dependency the new rules add holds for each instance the old schema allowed, or null when that is not
    // certain: the property that triggers it could not be there before (a closed object that did not name it), or what
    // it depends on was required before anyway.
    private static string? Unfulfillable(Side o, JsonElement? ov, JsonElement? nv)
    {
        if (nv is not { ValueKind: JsonValueKind.Object } rules || !o.IsObject)
        {
            return null;
        }

        var closed = o.Get(KeywordCatalog.AdditionalProperties.Name) is { ValueKind: JsonValueKind.False } && o.Get(KeywordCatalog.PatternProperties.Name) is null;
        var named = Names(o.Get(KeywordCatalog.Properties.Name)).ToHashSet(StringComparer.Ordinal);
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
                    yield return Without(value, dependent);
                }
            }
        }
    }

    /// <summary>Values at this place: valid instances of the schema first, then other candidates, then a few literals.</summary>
    private static IEnumerable<JsonNode?> Local(Side side, InstanceSynth synth)
    {
        if (side.False)
        {
            yield break;
        }

        if (side.Position is { } position)
        {
            foreach (var value in synth.Valid(position))
            {
                yield return value?.DeepClone();
            }

            foreach (var value in synth.Candidates(position).Take(40))
            {
                yield return value?.DeepClone();
            }
        }

        foreach (var type in new[] { "string", "integer", "number", "boolean", "object", "array", "null" })
        {
            foreach (var literal in Literals(type))
            {
                yield return literal;
            }
        }
    }
}
