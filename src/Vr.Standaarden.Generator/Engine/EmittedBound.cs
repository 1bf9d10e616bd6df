using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// A limit check as generated code has it: <c>if (subject op limit) errors.Add(…)</c>, the limit written as the schema
/// writes it. <paramref name="ShowsValue"/>: the message shows the checked value as well as the limit (numbers).
/// </summary>
internal sealed record EmittedBound(Keyword Keyword, string Operator, string Message, bool ShowsValue = false)
{
    /// <summary>The condition under which <paramref name="subject"/> breaks the limit, or null when the schema has no number for it.</summary>
    public string? Condition(JsonNode node, string subject) =>
        node[Keyword.Name] is { Kind: JsonKind.Number } limit ? $"{subject} {Operator} {limit.Text}" : null;

    /// <summary>The statement that records the violation.</summary>
    public string Report(JsonNode node, string location, string? subject = null, string? reportAs = null)
    {
        var limit = node[Keyword.Name]!.Text;
        var arguments = ShowsValue
            ? $"{subject}.ToString(global::System.Globalization.CultureInfo.InvariantCulture), {Names.Literal(limit)}"
            : limit;
        return $"errors.Add(new({location}, \"{reportAs ?? Keyword.Name}\", {SchemaCompiler.Msg}.{Message}({arguments})));";
    }

    /// <summary>Writes the check as a block (followed by an empty line when <paramref name="spaced"/>), when the schema has the keyword.</summary>
    public void Emit(CodeWriter w, JsonNode node, string subject, string location, string? reportAs = null, bool spaced = true)
    {
        if (Condition(node, subject) is not { } condition)
        {
            return;
        }

        w.Open($"if ({condition})");
        w.Line(Report(node, location, subject, reportAs));
        w.Close();
        if (spaced)
        {
            w.Line();
        }
    }
}
