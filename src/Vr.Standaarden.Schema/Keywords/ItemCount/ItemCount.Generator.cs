using System.Linq;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>The C# generated code runs for <c>minItems</c> and <c>maxItems</c>: an array's length compared with the limit.</summary>
internal static class ItemCountCheck
{
    /// <summary>What generated code does with the keywords (its rows of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.MinItems, Use.Compiled | Use.Streamed | Use.CountCheck | Use.TypedArray),
        (KeywordCatalog.MaxItems, Use.Compiled | Use.Streamed | Use.CountCheck | Use.TypedArray),
    ];

    private static readonly EmittedBound[] Checks =
    [
        new(KeywordCatalog.MinItems, "<", "MinItems"),
        new(KeywordCatalog.MaxItems, ">", "MaxItems"),
    ];

    /// <summary>Whether <paramref name="value"/> is a limit generated code can check (a number).</summary>
    public static bool Compiles(JsonNode value) => value.Kind == JsonKind.Number;

    /// <summary>Whether <paramref name="node"/> has either keyword.</summary>
    public static bool Any(JsonNode node) => Checks.Any(c => node[c.Keyword.Name] is not null);

    /// <summary>Writes the checks of <paramref name="node"/>'s limits on the number of items held in <paramref name="count"/>.</summary>
    public static void Emit(CodeWriter w, JsonNode node, string count, string location)
    {
        foreach (var check in Checks)
        {
            check.Emit(w, node, count, location);
        }
    }
}
