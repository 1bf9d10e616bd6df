using System;
using System.Linq;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>The C# generated code runs for <c>oneOf</c>: the branches counted (<see cref="Branches"/>), any count but one is the violation.</summary>
internal static class OneOfCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.OneOf, Use.Compiled),
    ];

    /// <summary>The keyword's name.</summary>
    public static string Name => KeywordCatalog.OneOf.Name;

    /// <summary>The statement that records <paramref name="matches"/> (an expression) branches matched, not one, at <paramref name="location"/>.</summary>
    public static string Report(string location, string matches) =>
        $"errors.Add(new({location}, \"{Name}\", {matches} == 0 ? {SchemaCompiler.Msg}.OneOfNone() : {SchemaCompiler.Msg}.OneOfMany({matches})));";

    /// <summary>Writes the check of <paramref name="node"/>'s <c>oneOf</c> on the element in <c>value</c>.</summary>
    public static void EmitOnElement(CodeWriter w, JsonNode node, ICheckContext context) =>
        Branches.EmitCount(w, node, Name, context, verdict =>
        {
            verdict.Open("if (matches != 1)");
            verdict.Line(Report("location", "matches"));
            verdict.Close();
        });

    /// <summary>The statement that checks <paramref name="node"/>'s <c>oneOf</c> on a typed reader's flags; <c>null</c> when the flags cannot tell.</summary>
    public static string? OnFlags(JsonNode node, Func<string, string?> seen) =>
        Branches.OnFlags(node, Name, seen) is { } conditions
            ? $"if (({string.Join(" + ", conditions.Select(c => $"({c} ? 1 : 0)"))}) is var matched && matched != 1) {Report("location", "matched")}"
            : null;
}
