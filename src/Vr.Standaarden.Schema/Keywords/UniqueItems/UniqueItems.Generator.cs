using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>uniqueItems</c>: a typed list of scalars is checked with a hash set after it is
/// read; any other array is compared item by item as JSON (<c>CompiledSupport.FindDuplicate</c>).
/// </summary>
internal static class UniqueItemsCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.UniqueItems, Use.Compiled | Use.TypedArray),
    ];

    /// <summary>Whether <paramref name="node"/> asks for unique items.</summary>
    public static bool Applies(JsonNode node) => node[KeywordCatalog.UniqueItems.Name]?.Kind == JsonKind.True;

    /// <summary>Writes the check on the typed list in <paramref name="list"/> (items that compare as values).</summary>
    public static void EmitOnList(CodeWriter w, string list, string location)
    {
        w.Open($"if ({SchemaCompiler.Rt}.CompiledSupport.HasDuplicates({list}) && {SchemaCompiler.Rt}.CompiledSupport.FindDuplicate({list}) is {{ }} duplicate)");
        w.Line(Report(location));
        w.Close();
        w.Line();
    }

    /// <summary>Writes the check on the JSON array in <paramref name="array"/>.</summary>
    public static void EmitOnElement(CodeWriter w, string array, string location)
    {
        w.Open($"if ({SchemaCompiler.Rt}.CompiledSupport.FindDuplicate({array}) is {{ }} duplicate)");
        w.Line(Report(location));
        w.Close();
    }

    private static string Report(string location) =>
        $"errors.Add(new({location}, \"{KeywordCatalog.UniqueItems.Name}\", {SchemaCompiler.Msg}.UniqueItems(duplicate.First, duplicate.Second)));";
}
