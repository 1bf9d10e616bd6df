using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>
/// Writes instances of a schema: candidates from its keywords (types, enums, patterns, bounds, formats, properties,
/// items, <c>$ref</c>, <c>allOf</c>, one branch of <c>anyOf</c>/<c>oneOf</c>), kept only when the engine finds them valid.
/// </summary>
internal sealed class InstanceSynth
{
    private const int MaxDepth = 12;
    private readonly Dictionary<string, List<JsonNode?>> _valid = new(StringComparer.Ordinal);
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);

    /// <summary>Valid instances of the schema at <paramref name="position"/>, the simplest first (at most a handful).</summary>
    public IReadOnlyList<JsonNode?> Valid(SchemaPosition position, int depth = 0)
    {
        var key = position.Uri;
        if (_valid.TryGetValue(key, out var known))
        {
            return known;
        }

        if (depth > MaxDepth || !_busy.Add(key))
        {
            return [];
        }

        var found = new List<JsonNode?>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var candidate in Candidates(position, depth))
            {
                var text = candidate?.ToJsonString() ?? "null";
                if (seen.Add(text) && position.View.IsValid(position.Uri, candidate))
                {
                    found.Add(candidate);
                    if (found.Count >= 24)
                    {
                        break;
                    }
                }

                if (seen.Count > 400)
                {
                    break;
                }
            }
        }
        finally
        {
            _busy.Remove(key);
        }

        _valid[key] = found;
        return found;
    }

    /// <summary>Candidate values for the schema at <paramref name="position"/>, valid or not.</summary>
    public IEnumerable<JsonNode?> Candidates(SchemaPosition position, int depth = 0)
    {
        var node = position.Node;
        if (node.ValueKind == JsonValueKind.True)
        {
            return [JsonValue.Create("x"), JsonValue.Create(0), new JsonObject(), null];
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var facets = new Facets();
        facets.Collect(position, 0);
        var results = new List<JsonNode?>();
        var branches = facets.Alternatives.Count == 0 ? [null] : facets.Alternatives.Cast<SchemaPosition?>().ToList();
        foreach (var branch in branches)
        {
            var merged = facets;
            if (branch is { } b)
            {
                merged = facets.Clone();
                merged.Alternatives.Clear();
                merged.Collect(b, 0);
            }

            results.AddRange(Generate(merged, depth));

            // Each conditional taken: its condition and its consequence merged in, so that every branch has instances.
            foreach (var (condition, then, _) in merged.Conditionals.Take(32))
            {
                var taken = merged.Clone();
                taken.Conditionals.Clear();
                taken.Collect(condition, 0);
                if (then is { } t)
                {
                    taken.Collect(t, 0);
                }

                results.AddRange(Generate(taken, depth).Take(1));
            }
        }

        return results;
    }

    private IEnumerable<JsonNode?> Generate(Facets f, int depth)
    {
        if (f.Const is { } constant)
        {
            yield return JsonNode.Parse(constant.GetRawText());
            yield break;
        }

        if (f.Enum is { } values)
        {
            foreach (var value in values.Take(8))
            {
                yield return JsonNode.Parse(value.GetRawText());
            }

            yield break;
        }

        var types = f.Types ?? Infer(f);
        foreach (var type in types)
        {
            switch (type)
            {
                case "object":
                    foreach (var variant in new[] { false, true })
                    {
                        if (Object(f, variant, depth) is { } o)
                        {
                            yield return o;
                        }
                    }

                    break;
                case "array":
                    foreach (var length in new[] { Math.Max(f.MinItems ?? 0, 1), f.MinItems ?? 0, Math.Max(2, f.MinItems ?? 0) }.Distinct())
                    {
                        if (Array(f, length, depth) is { } a)
                        {
                            yield return a;
                        }
                    }

                    break;
                case "string":
                    foreach (var s in Strings(f))
                    {
                        yield return JsonValue.Create(s);
                    }

                    break;
                case "integer" or "number":
                    foreach (var n in Numbers(f, type == "integer"))
                    {
                        yield return n;
                    }

                    break;
                case "boolean":
                    yield return JsonValue.Create(true);
                    yield return JsonValue.Create(false);
                    break;
                case "null":
                    yield return null;
                    break;
            }
        }
    }

    private static string[] Infer(Facets f) =>
        f.Properties.Count > 0 || f.Required.Count > 0 ? ["object"]
        : f.Items is not null || f.PrefixItems.Count > 0 ? ["array"]
        : f.Patterns.Count > 0 || f.Format is not null || f.MinLength is not null || f.MaxLength is not null ? ["string"]
        : f.Minimum is not null || f.Maximum is not null ? ["number"]
        : ["string", "integer", "object", "array", "boolean", "null"];

    private static readonly JsonNode Missing = JsonValue.Create("\u0000missing")!;

    private JsonObject? Object(Facets f, bool withOptional, int depth)
    {
        var result = new JsonObject();
        var names = f.Required.Concat(withOptional ? f.Properties.Keys : []).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var schemas = f.Properties.TryGetValue(name, out var p) ? p : f.AdditionalProperties is { } extra ? [extra] : [];
            JsonNode? value;
            if (schemas.Count > 0)
            {
                // A value valid under every schema the property has (the last ones, from conditionals, are the most specific).
                var found = schemas.AsEnumerable().Reverse().SelectMany(s => Valid(s, depth + 1))
                    .FirstOrDefault(v => schemas.All(s => s.View.IsValid(s.Uri, v)), Missing);
                if (ReferenceEquals(found, Missing))
                {
                    if (f.Required.Contains(name))
                    {
                        return null;
                    }

                    continue;
                }

                value = found?.DeepClone();
            }
            else
            {
                value = JsonValue.Create("x");
            }

            result[name] = value;
        }

        return result;
    }

    private JsonArray? Array(Facets f, int length, int depth)
    {
        var result = new JsonArray();
        for (var i = 0; i < length; i++)
        {
            SchemaPosition? schema = i < f.PrefixItems.Count ? f.PrefixItems[i] : f.Items;
            if (schema is not { } s)
            {
                result.Add(JsonValue.Create(i));
                continue;
            }

            var valid = Valid(s, depth + 1);
            if (valid.Count == 0)
            {
                return null;
            }

            // Different items where there are, so that uniqueItems holds.
            result.Add(valid[Math.Min(i, valid.Count - 1)]?.DeepClone());
        }

        return result;
    }

    private static IEnumerable<string> Strings(Facets f)
    {
        var min = f.MinLength ?? 0;
        var max = f.MaxLength ?? int.MaxValue;
        var samples = new List<string>();
        if (f.Format is { } format && Formats.TryGetValue(format, out var examples))
        {
            samples.AddRange(examples);
        }

        foreach (var pattern in f.Patterns.Take(1))
        {
            samples.AddRange(RegexSampler.Samples(pattern));
        }

        if (samples.Count == 0)
        {
            samples.AddRange(["a", "abc", new string('a', Math.Max(min, 1)), new string('a', Math.Min(Math.Max(min, 1) + 10, max == int.MaxValue ? 64 : max))]);
        }

        return samples.Where(s => s.Length >= min && s.Length <= max);
    }

    private static IEnumerable<JsonNode?> Numbers(Facets f, bool integer)
    {
        var low = f.ExclusiveMinimum is { } em ? em + (integer ? 1 : 0.5m) : f.Minimum ?? 0;
        var high = f.ExclusiveMaximum is { } xm ? xm - (integer ? 1 : 0.5m) : f.Maximum ?? low + 100;
        var candidates = new[] { low, Math.Max(low, Math.Min(high, 1)), high, Math.Floor((low + high) / 2), low + 1 };
        foreach (var value in candidates.Distinct())
        {
            var v = integer ? Math.Ceiling(value) : value;
            if (f.MultipleOf is { } m && m != 0)
            {
                v = Math.Ceiling(v / m) * m;
            }

            yield return v == Math.Floor(v) && Math.Abs(v) < long.MaxValue ? JsonValue.Create((long)v) : JsonValue.Create(v);
        }
    }

    private static readonly Dictionary<string, string[]> Formats = new(StringComparer.Ordinal)
    {
        ["date-time"] = ["2026-11-20T21:42:00+01:00", "2026-11-20T20:42:00Z"],
        ["date"] = ["2026-11-20"],
        ["time"] = ["21:42:00+01:00"],
        ["duration"] = ["P1D", "PT1H"],
        ["uri"] = ["https://example.nl/a", "urn:nld:oin:00000001823288444000"],
        ["uri-reference"] = ["https://example.nl/a", "a"],
        ["iri"] = ["https://example.nl/a"],
        ["email"] = ["info@example.nl"],
        ["uuid"] = ["0b6c3c1e-6a0e-4a7b-9a57-2f4d5c9e8a11"],
        ["hostname"] = ["example.nl"],
        ["ipv4"] = ["127.0.0.1"],
        ["ipv6"] = ["::1"],
    };

    /// <summary>The keywords of a schema, its <c>$ref</c> targets and <c>allOf</c> branches merged, for writing instances.</summary>
    internal sealed class Facets
    {
        public string[]? Types { get; set; }

        public JsonElement? Const { get; set; }

        public List<JsonElement>? Enum { get; set; }

        public Dictionary<string, List<SchemaPosition>> Properties { get; private set; } = new(StringComparer.Ordinal);

        public List<(SchemaPosition If, SchemaPosition? Then, SchemaPosition? Else)> Conditionals { get; private set; } = [];

        public HashSet<string> Required { get; private set; } = new(StringComparer.Ordinal);

        public SchemaPosition? AdditionalProperties { get; set; }

        public SchemaPosition? Items { get; set; }

        public List<SchemaPosition> PrefixItems { get; private set; } = [];

        public List<SchemaPosition> Alternatives { get; private set; } = [];

        public List<string> Patterns { get; private set; } = [];

        public string? Format { get; set; }

        public int? MinLength { get; set; }

        public int? MaxLength { get; set; }

        public int? MinItems { get; set; }

        public decimal? Minimum { get; set; }

        public decimal? Maximum { get; set; }

        public decimal? ExclusiveMinimum { get; set; }

        public decimal? ExclusiveMaximum { get; set; }

        public decimal? MultipleOf { get; set; }

        public Facets Clone()
        {
            var copy = (Facets)MemberwiseClone();
            copy.Properties = Properties.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal);
            copy.Conditionals = [.. Conditionals];
            copy.Required = new(Required, StringComparer.Ordinal);
            copy.PrefixItems = [.. PrefixItems];
            copy.Alternatives = [.. Alternatives];
            copy.Patterns = [.. Patterns];
            return copy;
        }

        public void Collect(SchemaPosition position, int depth)
        {
            var node = position.Node;
            if (node.ValueKind != JsonValueKind.Object || depth > MaxDepth)
            {
                return;
            }

            foreach (var member in node.EnumerateObject())
            {
                var value = member.Value;
                switch (member.Name)
                {
                    case var name when name == KeywordCatalog.Ref.Name && position.RefTarget() is { } target:
                        Collect(target, depth + 1);
                        break;
                    case "allOf" when value.ValueKind == JsonValueKind.Array:
                        for (var i = 0; i < value.GetArrayLength(); i++)
                        {
                            Collect(position.Child(KeywordCatalog.AllOf.Name, Index(i)), depth + 1);
                        }

                        break;
                    case "anyOf" or "oneOf" when value.ValueKind == JsonValueKind.Array && Alternatives.Count == 0:
                        for (var i = 0; i < value.GetArrayLength(); i++)
                        {
                            Alternatives.Add(position.Child(member.Name, Index(i)));
                        }

                        break;
                    case "if" when value.ValueKind == JsonValueKind.Object:
                        Conditionals.Add((position.Child(KeywordCatalog.If.Name),
                            node.TryGetProperty(KeywordCatalog.Then.Name, out _) ? position.Child(KeywordCatalog.Then.Name) : null,
                            node.TryGetProperty(KeywordCatalog.Else.Name, out _) ? position.Child(KeywordCatalog.Else.Name) : null));
                        break;
                    case "const":
                        Const = value;
                        break;
                    case "enum" when value.ValueKind == JsonValueKind.Array:
                        Enum ??= [.. value.EnumerateArray()];
                        break;
                    case "properties" when value.ValueKind == JsonValueKind.Object:
                        foreach (var property in value.EnumerateObject())
                        {
                            if (!Properties.TryGetValue(property.Name, out var list))
                            {
                                Properties[property.Name] = list = [];
                            }

                            list.Add(position.Child(KeywordCatalog.Properties.Name, property.Name));
                        }

                        break;
                    case "additionalProperties" when value.ValueKind == JsonValueKind.Object:
                        AdditionalProperties ??= position.Child(KeywordCatalog.AdditionalProperties.Name);
                        break;
                    case "items" when value.ValueKind is JsonValueKind.Object or JsonValueKind.True:
                        Items ??= position.Child(KeywordCatalog.Items.Name);
                        break;
                    case "prefixItems" when value.ValueKind == JsonValueKind.Array && PrefixItems.Count == 0:
                        for (var i = 0; i < value.GetArrayLength(); i++)
                        {
                            PrefixItems.Add(position.Child(KeywordCatalog.PrefixItems.Name, Index(i)));
                        }

                        break;
                    default:
                        if (KeywordRules.TryGet(member.Name, out var rule, out var keyword))
                        {
                            rule.Collect(this, keyword, value);
                        }

                        break;
                }
            }
        }

        private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
    }
}
