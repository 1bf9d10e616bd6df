using System.Linq;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>The C# generated code runs for <c>dependentSchemas</c>: where a member is present, the whole object checked against its subschema.</summary>
internal static class DependentSchemasCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.DependentSchemas, Use.Compiled | Use.ObjectCheck),
    ];

    /// <summary>The keyword's name.</summary>
    public static string Name => KeywordCatalog.DependentSchemas.Name;

    /// <summary>Writes the check of <paramref name="node"/>'s <c>dependentSchemas</c> on the object in <c>value</c>.</summary>
    public static void EmitOnElement(CodeWriter w, JsonNode node, ICheckContext context)
    {
        if (node[Name] is not { IsObject: true } dependent)
        {
            return;
        }

        foreach (var pair in dependent.Members.Where(p => SchemaCompiler.IsSchema(p.Value)))
        {
            w.Open($"if (value.TryGetProperty({Names.Literal(pair.Key)}u8, out _))");
            w.Line($"{context.Validator(pair.Value)}(value, location, errors);");
            w.Close();
        }
    }
}
