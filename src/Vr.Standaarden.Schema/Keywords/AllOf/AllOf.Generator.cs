using System;
using System.Collections.Generic;
using System.Linq;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>allOf</c>: each part's validator on the same element. Plain conditionals among the
/// parts that test the same member (a discriminator such as GeoJSON's <c>type</c>) look it up once, before the parts.
/// </summary>
internal static class AllOfCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.AllOf, Use.Compiled | Use.Streamed),
    ];

    /// <summary>The keyword's name.</summary>
    public static string Name => KeywordCatalog.AllOf.Name;

    /// <summary>Writes the check of <paramref name="node"/>'s <c>allOf</c> on the element in <c>value</c>.</summary>
    public static void EmitOnElement(CodeWriter w, JsonNode node, ICheckContext context)
    {
        var parts = node[Name]!.Items.Where(SchemaCompiler.IsSchema).ToList();
        var shared = SharedMembers(parts, context);
        foreach (var pair in shared)
        {
            w.Line($"{SchemaCompiler.Json}.JsonElement {pair.Value.Value} = default;");
            w.Line($"var {pair.Value.Present} = value.ValueKind == {SchemaCompiler.Json}.JsonValueKind.Object && value.TryGetProperty({Names.Literal(pair.Key)}u8, out {pair.Value.Value});");
        }

        foreach (var part in parts)
        {
            if (shared.Count > 0 && IfCheck.IsPlain(part) && context.Condition(part[IfCheck.Name]!, shared) is { } condition)
            {
                IfCheck.EmitOnElement(w, part, context, $"var matched = {condition};");
            }
            else
            {
                w.Line($"{context.Validator(part)}(value, location, errors);");
            }
        }
    }

    /// <summary>
    /// The members that the <c>if</c> of two or more plain conditionals among <paramref name="parts"/> test, each with the
    /// names of the locals that hold whether it is present and its value.
    /// </summary>
    private static Dictionary<string, (string Present, string Value)> SharedMembers(List<JsonNode> parts, ICheckContext context)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in parts.Where(IfCheck.IsPlain))
        {
            foreach (var name in new HashSet<string>(IfCheck.TestedMembers(part[IfCheck.Name]!), StringComparer.Ordinal))
            {
                counts[name] = counts.TryGetValue(name, out var count) ? count + 1 : 1;
            }
        }

        var shared = new Dictionary<string, (string Present, string Value)>(StringComparer.Ordinal);
        foreach (var pair in counts.Where(p => p.Value > 1).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var number = context.Number();
            shared[pair.Key] = ($"has{number}", $"shared{number}");
        }

        return shared;
    }
}
