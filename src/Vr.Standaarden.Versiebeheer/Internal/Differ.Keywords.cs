using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Versiebeheer.Internal;

internal sealed partial class Differ
{
    /// <summary>A schema in a comparison: a position, or the schema <c>true</c> (anything) or <c>false</c> (nothing).</summary>
    internal readonly record struct Side(SchemaPosition? Position, bool False)
    {
        public static readonly Side True = new(null, false);
        public static readonly Side Nothing = new(null, true);

        public JsonElement Node => Position?.Node ?? default;

        public bool IsObject => Node.ValueKind == JsonValueKind.Object;

        public JsonElement? Get(string keyword) => IsObject && Node.TryGetProperty(keyword, out var value) ? value : null;

        /// <summary>The schema at <paramref name="tokens"/> below this one (which must be a position).</summary>
        public Side Child(params string[] tokens) => Of(Position!.Value.Child(tokens));

        public static Side Of(SchemaPosition position) =>
            position.Node.ValueKind switch
            {
                JsonValueKind.False => Nothing,
                JsonValueKind.True => True,
                _ => new Side(position, false),
            };

    }

    private void Compare(SchemaPosition o, SchemaPosition n, Context context) => Compare(Side.Of(o), Side.Of(n), context);

    internal void Compare(Side o, Side n, Context context)
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

        // const is a one-value enum: a const that becomes an enum (or back) is compared once, as values added and removed.
        if (o.Get(KeywordCatalog.Const.Name) is not null || n.Get(KeywordCatalog.Const.Name) is not null)
        {
            keywords.RemoveAll(k => k == KeywordCatalog.Const.Name || k == KeywordCatalog.Enum.Name);
            if (!AllowedValuesRule.Same(o, n))
            {
                var reported = n.Get(KeywordCatalog.Enum.Name) is not null ? KeywordCatalog.Enum.Name : KeywordCatalog.Const.Name;
                Keyword(reported, o, n, o.Get(reported), n.Get(reported), context);
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

    internal static JsonNode? Normalize(Side side, bool annotations) =>
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
            rule.Compare(new KeywordSite(this, descriptor, o, n, context));
            return;
        }

        switch (keyword)
        {
            case "$schema":
                Add(VersionBump.Major, context.Schema, at.Location, $"The dialect changed from {Show(ov ?? default)} to {Show(nv ?? default)}: every keyword may mean something else.", "A7");
                break;
            default:
                // What no rule takes apart: added narrows, removed widens, changed may go either way.
                new KeywordSite(this, KeywordCatalog.Find(keyword)!, o, n, context).CompareAsWhole("X1");
                break;
        }
    }

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

    /// <summary>Values at this place: valid instances of the schema first, then other candidates, then a few literals.</summary>
    internal static IEnumerable<JsonNode?> Local(Side side, InstanceSynth synth)
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
