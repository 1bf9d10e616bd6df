using System.Collections.Generic;
using System.Linq;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>patternProperties</c>: each member whose name matches a pattern (the file's compiled
/// pattern) checked against that pattern's subschema.
/// </summary>
internal static class PatternPropertiesCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.PatternProperties, Use.Compiled | Use.ObjectCheck),
    ];

    /// <summary>The keyword's name.</summary>
    public static string Name => KeywordCatalog.PatternProperties.Name;

    /// <summary>The patterns of <paramref name="node"/> with a subschema each, in the schema's order.</summary>
    public static List<KeyValuePair<string, JsonNode>> PatternsIn(JsonNode node) =>
        node[Name] is { IsObject: true } patterns ? patterns.Members.Where(p => SchemaCompiler.IsSchema(p.Value)).ToList() : [];

    /// <summary>An expression that is true when <c>member</c>'s name matches <paramref name="pattern"/>.</summary>
    public static string Matches(string pattern, ICheckContext context) => $"{context.Pattern(pattern)}.IsMatch(member.Name)";

    /// <summary>Writes the check of <paramref name="patterns"/> on each member of the object in <c>value</c>.</summary>
    public static void EmitOnElement(CodeWriter w, List<KeyValuePair<string, JsonNode>> patterns, ICheckContext context)
    {
        if (patterns.Count == 0)
        {
            return;
        }

        w.Open("foreach (var member in value.EnumerateObject())");
        foreach (var pattern in patterns)
        {
            w.Open($"if ({Matches(pattern.Key, context)})");
            w.Line($"{context.Validator(pattern.Value)}(member.Value, {SchemaCompiler.Rt}.CompiledSupport.Location(location, member.Name), errors);");
            w.Close();
        }

        w.Close();
    }
}
