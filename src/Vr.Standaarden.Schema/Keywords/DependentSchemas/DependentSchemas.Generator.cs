using System.Linq;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>The C# generated code runs for <c>dependentSchemas</c>: where a member is present, the whole object checked against its subschema.</summary>
internal static class DependentSchemasCheck
{
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
