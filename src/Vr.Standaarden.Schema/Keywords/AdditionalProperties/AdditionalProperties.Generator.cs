using System.Collections.Generic;
using System.Linq;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>additionalProperties</c>: each member that no declared property and no pattern of
/// <c>patternProperties</c> takes is refused (<c>false</c>) or checked against the subschema.
/// </summary>
internal static class AdditionalPropertiesCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.AdditionalProperties, Use.Compiled | Use.Streamed | Use.ObjectCheck | Use.TypedObject | Use.TypedMap),
    ];

    /// <summary>The keyword's name.</summary>
    public static string Name => KeywordCatalog.AdditionalProperties.Name;

    /// <summary>Whether <paramref name="value"/> asks something of the members (any value but <c>true</c>).</summary>
    public static bool Checks(JsonNode? value) => value is not null && value.Kind != JsonKind.True;

    /// <summary>
    /// Writes the check of the member in <c>member</c> against <paramref name="extra"/>, inside the loop over the members:
    /// <paramref name="declared"/> and <paramref name="patterns"/> are the members others take; <paramref name="at"/> is the
    /// member's location, made only when it is needed.
    /// </summary>
    public static void EmitOnMember(CodeWriter w, JsonNode extra, IEnumerable<string> declared, IEnumerable<string> patterns, string at, ICheckContext context)
    {
        var known = string.Join(" || ", declared.Select(p => $"member.NameEquals({Names.Literal(p)}u8)").Concat(patterns.Select(p => PatternPropertiesCheck.Matches(p, context))));
        w.Open(known.Length > 0 ? $"if (!({known}))" : "");
        w.Line(extra.Kind == JsonKind.False
            ? $"errors.Add(new({at}, \"{Name}\", {SchemaCompiler.Msg}.NotAllowed(member.Name)));"
            : $"{context.Validator(extra)}(member.Value, {at}, errors);");
        w.Close();
    }
}
