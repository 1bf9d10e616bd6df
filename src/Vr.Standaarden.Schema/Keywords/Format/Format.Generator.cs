using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>format</c>: generated readers assert it (<c>CompiledSupport.IsFormat</c>, the
/// engine's format checks), whatever the dialect says, so that a typed value is always well-formed.
/// </summary>
internal static class FormatCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.Format, Use.Compiled | Use.Streamed | Use.StringCheck | Use.TypedString),
    ];

    /// <summary>Whether <paramref name="value"/> is a format generated code can check (a string).</summary>
    public static bool Compiles(JsonNode value) => value.Kind == JsonKind.String;

    /// <summary>Writes the check of <paramref name="node"/>'s format on the string in <paramref name="text"/>.</summary>
    public static void Emit(CodeWriter w, JsonNode node, string text, string location)
    {
        if (node.String(KeywordCatalog.Format.Name) is not { } format)
        {
            return;
        }

        w.Open($"if (!{SchemaCompiler.Rt}.CompiledSupport.IsFormat({text}, {Names.Literal(format)}))");
        w.Line($"errors.Add(new({location}, \"{KeywordCatalog.Format.Name}\", {SchemaCompiler.Msg}.Format({SchemaCompiler.Msg}.Show({text}), {Names.Literal(format)})));");
        w.Close();
        w.Line();
    }
}
