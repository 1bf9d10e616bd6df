using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>contains</c> with <c>minContains</c> and <c>maxContains</c>: the items counted that
/// the subschema's validator finds no violation in (their violations are not the array's), then compared with the limits.
/// </summary>
internal static class ContainsCheck
{
    /// <summary>What generated code does with the keywords (its rows of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.Contains, Use.Compiled),
        (KeywordCatalog.MinContains, Use.Compiled),
        (KeywordCatalog.MaxContains, Use.Compiled),
    ];

    /// <summary>Writes the count on the array in <c>value</c> with <paramref name="validator"/>, the subschema's element validator.</summary>
    public static void Emit(CodeWriter w, JsonNode node, string validator)
    {
        var min = node[KeywordCatalog.MinContains.Name] is { Kind: JsonKind.Number } low ? low.Text : "1";
        var reported = node[KeywordCatalog.MinContains.Name] is null ? KeywordCatalog.Contains.Name : KeywordCatalog.MinContains.Name;
        w.Line("var matching = 0;");
        w.Open("foreach (var item in value.EnumerateArray())");
        w.Line("var mark = errors.Count;");
        w.Line($"{validator}(item, location, errors);");
        w.Line("if (errors.Count == mark) matching++;");
        w.Line("errors.RemoveRange(mark, errors.Count - mark);");
        w.Close();
        w.Open($"if (matching < {min})");
        w.Line($"errors.Add(new(location, \"{reported}\", {SchemaCompiler.Msg}.ContainsTooFew(matching, {min})));");
        w.Close();
        if (node[KeywordCatalog.MaxContains.Name] is { Kind: JsonKind.Number } high)
        {
            w.Open($"if (matching > {high.Text})");
            w.Line($"errors.Add(new(location, \"{KeywordCatalog.MaxContains.Name}\", {SchemaCompiler.Msg}.ContainsTooMany(matching, {high.Text})));");
            w.Close();
        }
    }
}
