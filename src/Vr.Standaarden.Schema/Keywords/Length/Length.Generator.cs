using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>The C# generated code runs for <c>minLength</c> and <c>maxLength</c>: a count of code points compared with the limit.</summary>
internal static class LengthCheck
{
    private static readonly EmittedBound[] Checks =
    [
        new(KeywordCatalog.MinLength, "<", "MinLength"),
        new(KeywordCatalog.MaxLength, ">", "MaxLength"),
    ];

    /// <summary>Whether <paramref name="value"/> is a limit generated code can check (a number).</summary>
    public static bool Compiles(JsonNode value) => value.Kind == JsonKind.Number;

    /// <summary>
    /// Writes the checks of <paramref name="node"/>'s lengths on the string in <paramref name="text"/>; a violation is
    /// reported at <paramref name="location"/> under <paramref name="reportAs"/> when given (<c>propertyNames</c>).
    /// </summary>
    public static void Emit(CodeWriter w, JsonNode node, string text, string location, string? reportAs = null)
    {
        foreach (var check in Checks)
        {
            check.Emit(w, node, $"{SchemaCompiler.Rt}.CompiledSupport.Length({text})", location, reportAs);
        }
    }
}
