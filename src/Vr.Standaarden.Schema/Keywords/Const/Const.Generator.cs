using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>const</c>: a string constant compared as text or as UTF-8 (no string is made for a
/// match), any other constant compared as JSON with the file's parsed copy of it. A code list of one value becomes a
/// type of its own elsewhere (<c>enum</c>'s part); this is the check.
/// </summary>
internal static class ConstCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.Const, Use.Compiled | Use.Streamed | Use.StringCheck | Use.TypedString | Use.TypedNumber),
    ];

    /// <summary>The keyword's name.</summary>
    public static string Name => KeywordCatalog.Const.Name;

    /// <summary>The statement that records a value other than the string <paramref name="constant"/> at <paramref name="location"/>.</summary>
    public static string Report(string location, string constant) =>
        $"errors.Add(new({location}, \"{Name}\", {SchemaCompiler.Msg}.Const({SchemaCompiler.Shown(constant)})));";

    /// <summary>Writes the check of a string <c>const</c> of <paramref name="node"/> on <paramref name="subject"/>.</summary>
    public static void Emit(CodeWriter w, JsonNode node, StringSubject subject, string location)
    {
        if (node[Name] is { Kind: JsonKind.String } constant)
        {
            w.Open($"if (!{subject.Is(constant.Text)})");
            w.Line(Report(location, constant.Text));
            w.Close();
            w.Line();
        }
    }

    /// <summary>Writes the check of a <c>const</c> other than a string on the element in <c>value</c>, compared as JSON.</summary>
    public static void EmitOnElement(CodeWriter w, JsonNode node, ICheckContext context)
    {
        if (node[Name] is { } constant && constant.Kind != JsonKind.String)
        {
            w.Open($"if (!{SchemaCompiler.Rt}.CompiledSupport.JsonEquals(value, {context.Constant(constant)}))");
            w.Line($"errors.Add(new(location, \"{Name}\", {SchemaCompiler.Msg}.Const({SchemaCompiler.Msg}.Show({context.Constant(constant)}))));");
            w.Close();
        }
    }

    /// <summary>A C# expression that is true when the element in <paramref name="member"/> equals <paramref name="constant"/>.</summary>
    public static string Condition(string member, JsonNode constant, ICheckContext context) =>
        constant.Kind == JsonKind.String
            ? $"({member}.ValueKind == {SchemaCompiler.Json}.JsonValueKind.String && {member}.ValueEquals({Names.Literal(constant.Text)}u8))"
            : $"{SchemaCompiler.Rt}.CompiledSupport.JsonEquals({member}, {context.Constant(constant)})";
}
