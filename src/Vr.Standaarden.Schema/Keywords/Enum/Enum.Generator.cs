using System.Collections.Generic;
using System.Linq;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>enum</c>: a list of strings (a code list) compared as text or as UTF-8, any other
/// list compared as JSON with the file's parsed copies. A code list declared as a type of its own becomes a C# enum with
/// a reader that checks it; that shape is the compiler's, the checks and their violations are here.
/// </summary>
internal static class EnumCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.Enum, Use.Compiled | Use.Streamed | Use.StringCheck | Use.TypedString),
    ];

    /// <summary>The keyword's name.</summary>
    public static string Name => KeywordCatalog.Enum.Name;

    /// <summary>Whether <paramref name="value"/> is a code list: a non-empty array of strings.</summary>
    public static bool IsCodeList(JsonNode value) => value.Kind == JsonKind.Array && value.Items.Count > 0 && value.Items.All(i => i.Kind == JsonKind.String);

    /// <summary>
    /// The statement that records a value outside the list at <paramref name="location"/>, reported under
    /// <paramref name="keyword"/>; <paramref name="shown"/> is an expression of the text the message shows.
    /// </summary>
    public static string Report(string location, string shown, string? keyword = null) =>
        $"errors.Add(new({location}, \"{keyword ?? Name}\", {SchemaCompiler.Msg}.Enum({shown})));";

    /// <summary>
    /// Writes the check of a string <c>enum</c> of <paramref name="node"/> on <paramref name="subject"/>; the subject is
    /// shown as text only in a violation's message.
    /// </summary>
    public static void Emit(CodeWriter w, JsonNode node, StringSubject subject, string location)
    {
        if (node[Name] is { Kind: JsonKind.Array } values && values.Items.All(v => v.Kind == JsonKind.String))
        {
            w.Open($"if ({string.Join(" && ", values.Items.Select(v => $"!{subject.Is(v.Text)}"))})");
            w.Line(Report(location, subject.Shown));
            w.Close();
            w.Line();
        }
    }

    /// <summary>Writes the check of an <c>enum</c> with values other than strings on the element in <c>value</c>, compared as JSON.</summary>
    public static void EmitOnElement(CodeWriter w, JsonNode node, ICheckContext context)
    {
        if (node[Name] is { } values && values.Items.Any(i => i.Kind != JsonKind.String))
        {
            var raw = string.Join(" && ", values.Items.Select(i => $"!{SchemaCompiler.Rt}.CompiledSupport.JsonEquals(value, {context.Constant(i)})"));
            w.Open($"if ({raw})");
            w.Line(Report("location", $"{SchemaCompiler.Msg}.Show(value)"));
            w.Close();
        }
    }

    /// <summary>A C# expression that is true when the element in <paramref name="member"/> is one of the strings of <paramref name="codes"/>.</summary>
    public static string Condition(string member, IEnumerable<JsonNode> codes) =>
        $"({member}.ValueKind == {SchemaCompiler.Json}.JsonValueKind.String && ({string.Join(" || ", codes.Select(i => $"{member}.ValueEquals({Names.Literal(i.Text)}u8)"))}))";
}
