using System.Collections.Generic;
using System.Linq;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>if</c> with <c>then</c> and <c>else</c>: whether the element matches the condition
/// (<see cref="ICheckContext.Matched"/>), then the branch that applies. Conditionals inside an <c>allOf</c> that test the
/// same member share its lookup (<c>allOf</c>'s part).
/// </summary>
internal static class IfCheck
{
    /// <summary>What generated code does with the keywords (its rows of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.If, Use.Compiled | Use.Streamed),
        (KeywordCatalog.Then, Use.Compiled | Use.Streamed),
        (KeywordCatalog.Else, Use.Compiled | Use.Streamed),
    ];

    /// <summary>The keyword's name.</summary>
    public static string Name => KeywordCatalog.If.Name;

    /// <summary>Whether <paramref name="node"/> has a condition and a branch to apply: something to check.</summary>
    public static bool Applies(JsonNode node) =>
        node[Name] is { } condition && SchemaCompiler.IsSchema(condition) &&
        (node[KeywordCatalog.Then.Name] is { } then && SchemaCompiler.IsSchema(then) || node[KeywordCatalog.Else.Name] is { } otherwise && SchemaCompiler.IsSchema(otherwise));

    /// <summary>Whether <paramref name="node"/> is only an <c>if</c> with <c>then</c> and/or <c>else</c> (and annotations).</summary>
    public static bool IsPlain(JsonNode node) =>
        node.IsObject && node[Name] is { } condition && SchemaCompiler.IsSchema(condition) &&
        node.Members.All(m => SchemaCompiler.Annotations.Contains(m.Key) || m.Key == Name || m.Key == KeywordCatalog.Then.Name || m.Key == KeywordCatalog.Else.Name);

    /// <summary>The members a condition tests: its <c>properties</c> and its <c>required</c> names.</summary>
    public static IEnumerable<string> TestedMembers(JsonNode condition)
    {
        if (!condition.IsObject)
        {
            yield break;
        }

        if (condition[KeywordCatalog.Properties.Name] is { IsObject: true } properties)
        {
            foreach (var member in properties.Members)
            {
                yield return member.Key;
            }
        }

        foreach (var name in RequiredCheck.NamesIn(condition))
        {
            yield return name;
        }
    }

    /// <summary>
    /// Writes <paramref name="node"/>'s conditional as a block on the element in <c>value</c>; <paramref name="matched"/>
    /// declares <c>matched</c> when the caller has the condition already, otherwise the context writes it.
    /// </summary>
    public static void EmitOnElement(CodeWriter w, JsonNode node, ICheckContext context, string? matched = null)
    {
        w.Open("");
        if (matched is null)
        {
            context.Matched(w, node[Name]!);
        }
        else
        {
            w.Line(matched);
        }

        if (node[KeywordCatalog.Then.Name] is { } then && SchemaCompiler.IsSchema(then))
        {
            w.Open("if (matched)");
            w.Line($"{context.Validator(then)}(value, location, errors);");
            w.Close();
        }

        if (node[KeywordCatalog.Else.Name] is { } otherwise && SchemaCompiler.IsSchema(otherwise))
        {
            w.Open("if (!matched)");
            w.Line($"{context.Validator(otherwise)}(value, location, errors);");
            w.Close();
        }

        w.Close();
    }
}
