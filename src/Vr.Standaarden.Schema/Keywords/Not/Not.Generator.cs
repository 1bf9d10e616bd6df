using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>The C# generated code runs for <c>not</c>: the subschema matched (<see cref="ICheckContext.Matched"/>), a match is the violation.</summary>
internal static class NotCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.Not, Use.Compiled),
    ];

    /// <summary>The keyword's name.</summary>
    public static string Name => KeywordCatalog.Not.Name;

    /// <summary>Writes the check of <paramref name="node"/>'s <c>not</c> on the element in <c>value</c>.</summary>
    public static void EmitOnElement(CodeWriter w, JsonNode node, ICheckContext context)
    {
        if (node[Name] is not { } schema || !SchemaCompiler.IsSchema(schema))
        {
            return;
        }

        w.Open("");
        context.Matched(w, schema);
        w.Open("if (matched)");
        w.Line($"errors.Add(new(location, \"{Name}\", {SchemaCompiler.Msg}.Not()));");
        w.Close();
        w.Close();
    }
}
