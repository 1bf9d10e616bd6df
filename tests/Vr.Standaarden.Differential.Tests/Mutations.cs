using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Vr.Standaarden.Differential.Tests;

/// <summary>Random edits of a JSON document, as an FsCheck generator: each instance is the original with 1 to 4 edits.</summary>
internal static class Mutations
{
    private static readonly JsonNode?[] Replacements =
    [
        null, true, false, 0, -1, 1.5, 1e300, "", "x", "TLP:RED", "2026-11-20T22:00:00+01:00", "2026-13-45", "GM0518", "00000004000000042000",
        new JsonArray(), new JsonObject(), new JsonArray(1, "a"), new JsonObject { ["x"] = 1 },
    ];

    public static Arbitrary<JsonNode> Arbitrary(JsonNode original) =>
        Gen.Choose(1, 4).SelectMany(n => Gen.ListOf(Gen.Choose(0, int.MaxValue), n))
            .Select(seeds =>
            {
                var copy = original.DeepClone();
                foreach (var seed in seeds)
                {
                    copy = Apply(copy, new System.Random(seed));
                }

                return copy;
            })
            .ToArbitrary();

    private static JsonNode Apply(JsonNode root, System.Random random)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        var parent = target.Parent;
        switch (random.Next(6))
        {
            case 0 when parent is JsonObject o:
                o.Remove(target.GetPropertyName());
                break;
            case 1 when parent is JsonArray a:
                if (random.Next(2) == 0)
                {
                    a.Remove(target);
                }
                else
                {
                    a.Add(target.DeepClone());
                }

                break;
            case 2 when target is JsonValue v && v.TryGetValue<string>(out var text):
                Replace(target, text.Length > 0 && random.Next(2) == 0 ? text[..random.Next(text.Length)] : text + (char)random.Next(32, 0x250));
                break;
            case 3 when target is JsonValue v && v.TryGetValue<double>(out var number):
                Replace(target, random.Next(3) switch { 0 => -number, 1 => number + 0.5, _ => Math.Round(number * 1000) });
                break;
            case 4 when target is JsonObject o:
                o[random.Next(2) == 0 ? "onbekend" : "$schema"] = "x";
                break;
            default:
                if (parent is not null)
                {
                    Replace(target, Replacements[random.Next(Replacements.Length)]?.DeepClone());
                }

                break;
        }

        return root;
    }

    private static void Replace(JsonNode target, JsonNode? value)
    {
        switch (target.Parent)
        {
            case JsonObject o:
                o[target.GetPropertyName()] = value;
                break;
            case JsonArray a:
                a[target.GetElementIndex()] = value;
                break;
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        if (node is JsonObject o)
        {
            foreach (var (_, child) in o)
            {
                if (child is not null)
                {
                    Collect(child, nodes);
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
            {
                if (child is not null)
                {
                    Collect(child, nodes);
                }
            }
        }
    }
}
