using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>The C# generated code runs for <c>minLength</c> and <c>maxLength</c>: a count of code points compared with the limit.</summary>
internal static class LengthCheck
{
    /// <summary>What generated code does with the keywords (its rows of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.MinLength, Use.Compiled | Use.Streamed | Use.StringCheck | Use.TypedString),
        (KeywordCatalog.MaxLength, Use.Compiled | Use.Streamed | Use.StringCheck | Use.TypedString),
    ];

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
