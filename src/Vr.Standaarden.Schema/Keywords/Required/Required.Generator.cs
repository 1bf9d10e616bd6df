using System.Collections.Generic;
using System.Linq;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// What generated code does with <c>required</c>: the names it reads from the schema, and the violation it records
/// for a missing member. Where the check sits (a typed reader's bit per member, a stream validator's scan, an element
/// validator's lookup) is the compiler's; what it says is here.
/// </summary>
internal static class RequiredCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.Required, Use.Compiled | Use.Streamed | Use.ObjectCheck | Use.TypedObject),
    ];

    /// <summary>The keyword's name.</summary>
    public static string Name => KeywordCatalog.Required.Name;

    /// <summary>Whether <paramref name="value"/> is a list generated code can check: an array of strings.</summary>
    public static bool Compiles(JsonNode value) => value.Kind == JsonKind.Array && value.Items.All(i => i.Kind == JsonKind.String);

    /// <summary>Whether <paramref name="node"/> has a <c>required</c> array.</summary>
    public static bool Has(JsonNode node) => node[Name] is { Kind: JsonKind.Array };

    /// <summary>The names <paramref name="node"/> requires, in the schema's order; none when it has no <c>required</c> array.</summary>
    public static List<string> NamesIn(JsonNode node) =>
        node[Name] is { Kind: JsonKind.Array } names ? names.Items.Where(i => i.Kind == JsonKind.String).Select(i => i.Text).ToList() : [];

    /// <summary>The statement that records <paramref name="name"/> as missing at <paramref name="location"/>.</summary>
    public static string Missing(string location, string name) =>
        $"errors.Add(new({location}, \"{Name}\", {SchemaCompiler.Msg}.Required({Engine.Names.Literal(name)})));";

    /// <summary>Writes, for each of <paramref name="names"/>, a check that the object in <paramref name="value"/> has it.</summary>
    public static void Emit(CodeWriter w, IEnumerable<string> names, string value, string location)
    {
        foreach (var name in names)
        {
            w.Open($"if (!{value}.TryGetProperty({Engine.Names.Literal(name)}u8, out _))");
            w.Line(Missing(location, name));
            w.Close();
        }
    }
}
