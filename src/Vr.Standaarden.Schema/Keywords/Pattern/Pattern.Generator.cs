using System;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>pattern</c>: the string matched with the file's compiled pattern
/// (<c>CompiledPattern</c>, one static field per distinct pattern).
/// </summary>
internal static class PatternCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.Pattern, Use.Compiled | Use.Streamed | Use.StringCheck | Use.TypedString),
    ];

    /// <summary>Whether <paramref name="value"/> is a pattern generated code can check (a string).</summary>
    public static bool Compiles(JsonNode value) => value.Kind == JsonKind.String;

    /// <summary>
    /// Writes the check of <paramref name="node"/>'s pattern on the string in <paramref name="text"/>;
    /// <paramref name="field"/> names the static field that holds a pattern.
    /// </summary>
    public static void Emit(CodeWriter w, JsonNode node, string text, string location, Func<string, string> field, string? reportAs = null)
    {
        if (node.String(KeywordCatalog.Pattern.Name) is not { } pattern)
        {
            return;
        }

        w.Open($"if (!{field(pattern)}.IsMatch({text}))");
        w.Line($"errors.Add(new({location}, \"{reportAs ?? KeywordCatalog.Pattern.Name}\", {SchemaCompiler.Msg}.Pattern({SchemaCompiler.Msg}.Show({text}), {Names.Literal(pattern)})));");
        w.Close();
        w.Line();
    }
}
