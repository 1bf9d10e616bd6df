using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>minimum</c>, <c>exclusiveMinimum</c>, <c>maximum</c> and <c>exclusiveMaximum</c>:
/// the number compared with its limit, written as the schema has it.
/// </summary>
internal static class NumberBoundsCheck
{
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
