using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>minimum</c>, <c>exclusiveMinimum</c>, <c>maximum</c> and <c>exclusiveMaximum</c>:
/// the number compared with its limit, written as the schema has it.
/// </summary>
internal static class NumberBoundsCheck
{
    /// <summary>What generated code does with the keywords (its rows of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.Minimum, Use.Compiled | Use.Streamed | Use.NumberCheck | Use.TypedNumber),
        (KeywordCatalog.Maximum, Use.Compiled | Use.Streamed | Use.NumberCheck | Use.TypedNumber),
        (KeywordCatalog.ExclusiveMinimum, Use.Compiled | Use.Streamed | Use.NumberCheck | Use.TypedNumber),
        (KeywordCatalog.ExclusiveMaximum, Use.Compiled | Use.Streamed | Use.NumberCheck | Use.TypedNumber),
    ];

    private static readonly EmittedBound[] Checks =
    [
        new(KeywordCatalog.Minimum, "<", "Minimum", ShowsValue: true),
        new(KeywordCatalog.ExclusiveMinimum, "<=", "ExclusiveMinimum", ShowsValue: true),
        new(KeywordCatalog.Maximum, ">", "Maximum", ShowsValue: true),
        new(KeywordCatalog.ExclusiveMaximum, ">=", "ExclusiveMaximum", ShowsValue: true),
    ];

    /// <summary>Whether <paramref name="value"/> is a limit generated code can check (a number).</summary>
    public static bool Compiles(JsonNode value) => value.Kind == JsonKind.Number;

    /// <summary>Writes the checks of <paramref name="node"/>'s bounds on the number held in <paramref name="number"/>.</summary>
    public static void Emit(CodeWriter w, JsonNode node, string number, string location)
    {
        foreach (var check in Checks)
        {
            check.Emit(w, node, number, location);
        }
    }
}
