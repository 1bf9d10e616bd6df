using System.Collections.Generic;
using System.Linq;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>type</c>: a test of an element's <c>ValueKind</c> or of a reader's token
/// (<c>integer</c>: a number without a fraction), and the violation that names the allowed types. A value of another
/// type is checked no further.
/// </summary>
internal static class TypeCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.Type, Use.Compiled | Use.Streamed | KeywordSupport.Typed),
    ];

    private const string Json = SchemaCompiler.Json;

    /// <summary>The type names <paramref name="value"/> (a <c>type</c> keyword's value) allows.</summary>
    public static List<string> NamesIn(JsonNode value) => value.Kind == JsonKind.Array ? value.Items.Select(t => t.Text).ToList() : [value.Text];

    /// <summary>The test of <paramref name="type"/> on the element in <c>value</c>; <c>false</c> for a name that is no type.</summary>
    public static string ElementCondition(string type) => type switch
    {
        "string" => $"value.ValueKind == {Json}.JsonValueKind.String",
        "number" => $"value.ValueKind == {Json}.JsonValueKind.Number",
        "integer" => $"(value.ValueKind == {Json}.JsonValueKind.Number && global::System.Math.Floor(value.GetDouble()) == value.GetDouble())",
        "boolean" => $"value.ValueKind is {Json}.JsonValueKind.True or {Json}.JsonValueKind.False",
        "object" => $"value.ValueKind == {Json}.JsonValueKind.Object",
        "array" => $"value.ValueKind == {Json}.JsonValueKind.Array",
        "null" => $"value.ValueKind == {Json}.JsonValueKind.Null",
        _ => "false",
    };

    /// <summary>The test of <paramref name="type"/> on the token <paramref name="reader"/> is at (the reader is not moved).</summary>
    public static string TokenCondition(string type, string reader) => type switch
    {
        "string" => $"{reader}.TokenType == {Json}.JsonTokenType.String",
        "number" => $"{reader}.TokenType == {Json}.JsonTokenType.Number",
        "integer" => $"({reader}.TokenType == {Json}.JsonTokenType.Number && global::System.Math.Floor({reader}.GetDouble()) == {reader}.GetDouble())",
        "boolean" => $"{reader}.TokenType is {Json}.JsonTokenType.True or {Json}.JsonTokenType.False",
        "object" => $"{reader}.TokenType == {Json}.JsonTokenType.StartObject",
        "array" => $"{reader}.TokenType == {Json}.JsonTokenType.StartArray",
        "null" => $"{reader}.TokenType == {Json}.JsonTokenType.Null",
        _ => "false",
    };

    /// <summary>The violation's text for a value of none of <paramref name="types"/>.</summary>
    public static string Message(IEnumerable<string> types)
    {
        var list = types.ToList();
        return list.Count == 1
            ? $"{SchemaCompiler.Msg}.Type({Names.Literal(list[0])})"
            : $"{SchemaCompiler.Msg}.Type(new string[] {{ {string.Join(", ", list.Select(Names.Literal))} }})";
    }

    /// <summary>The statement that records a value of none of <paramref name="types"/> at <paramref name="location"/>.</summary>
    public static string Report(string location, IEnumerable<string> types) =>
        $"errors.Add(new({location}, \"{KeywordCatalog.Type.Name}\", {Message(types)}));";

    /// <summary>Writes the check of <paramref name="node"/>'s <c>type</c> on the element in <c>value</c>, returning when it fails.</summary>
    public static void EmitOnElement(CodeWriter w, JsonNode node)
    {
        var types = NamesIn(node[KeywordCatalog.Type.Name]!);
        w.Open($"if (!({string.Join(" || ", types.Select(ElementCondition))}))");
        w.Line(Report("location", types));
        w.Line("return;");
        w.Close();
        w.Line();
    }

    /// <summary>Writes the check of <paramref name="node"/>'s <c>type</c> on the token <c>reader</c> is at, skipping the value when it fails.</summary>
    public static void EmitOnToken(CodeWriter w, JsonNode node, string location)
    {
        var types = NamesIn(node[KeywordCatalog.Type.Name]!);
        w.Open($"if (!({string.Join(" || ", types.Select(type => TokenCondition(type, "reader")))}))");
        w.Line(Report(location, types));
        w.Line("reader.Skip();");
        w.Line("return;");
        w.Close();
        w.Line();
    }
}
