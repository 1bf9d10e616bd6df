using System;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>multipleOf</c>: the engine's own division (<c>CompiledSupport.IsMultipleOf</c>) on
/// the element, with the divisor parsed once into a static field of the file.
/// </summary>
internal static class MultipleOfCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.MultipleOf, Use.Compiled),
    ];

    /// <summary>
    /// Writes the check of <paramref name="node"/>'s divisor on the element in <c>value</c>, when it is a number;
    /// <paramref name="constant"/> names the static field that holds a JSON value.
    /// </summary>
    public static void Emit(CodeWriter w, JsonNode node, Func<JsonNode, string> constant)
    {
        if (node[KeywordCatalog.MultipleOf.Name] is not { Kind: JsonKind.Number } divisor)
        {
            return;
        }

        w.Open($"if (!{SchemaCompiler.Rt}.CompiledSupport.IsMultipleOf(value, {constant(divisor)}))");
        w.Line($"errors.Add(new(location, \"{KeywordCatalog.MultipleOf.Name}\", {SchemaCompiler.Msg}.MultipleOf(value.GetRawText(), {Names.Literal(divisor.Text)})));");
        w.Close();
        w.Line();
    }
}
