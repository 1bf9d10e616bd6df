using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>propertyNames</c>: each member's name checked with the string checks of the
/// subschema (reported under <c>propertyNames</c>); <c>false</c> allows no member at all.
/// </summary>
internal static class PropertyNamesCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.PropertyNames, Use.Compiled | Use.ObjectCheck | Use.TypedMap),
    ];

    /// <summary>The keyword's name.</summary>
    public static string Name => KeywordCatalog.PropertyNames.Name;

    /// <summary>The subschema <paramref name="node"/> checks names with, when it is an object.</summary>
    public static JsonNode? SchemaOf(JsonNode node) => node[Name] is { IsObject: true } names ? names : null;

    /// <summary>Writes, for <c>propertyNames: false</c>, a violation for every member of the object in <c>value</c>.</summary>
    public static void EmitNone(CodeWriter w, JsonNode node)
    {
        if (node[Name]?.Kind != JsonKind.False)
        {
            return;
        }

        w.Open("foreach (var member in value.EnumerateObject())");
        w.Line($"errors.Add(new({SchemaCompiler.Rt}.CompiledSupport.Location(location, member.Name), \"{Name}\", {SchemaCompiler.Msg}.PropertyName(member.Name)));");
        w.Close();
    }

    /// <summary>Writes the checks of <paramref name="names"/> on the name of the member in <c>member</c>, inside the loop over the members.</summary>
    public static void EmitOnMember(CodeWriter w, JsonNode names, string at, ICheckContext context)
    {
        w.Line("var key = member.Name;");
        context.StringChecks(w, names, "key", at, Name);
    }
}
