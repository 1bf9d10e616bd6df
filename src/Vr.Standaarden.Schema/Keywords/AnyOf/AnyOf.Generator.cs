using System;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>The C# generated code runs for <c>anyOf</c>: the branches counted (<see cref="Branches"/>), none matching is the violation.</summary>
internal static class AnyOfCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.AnyOf, Use.Compiled),
    ];

    /// <summary>The keyword's name.</summary>
    public static string Name => KeywordCatalog.AnyOf.Name;

    /// <summary>The statement that records that no branch matched at <paramref name="location"/>.</summary>
    public static string Report(string location) => $"errors.Add(new({location}, \"{Name}\", {SchemaCompiler.Msg}.AnyOf()));";

    /// <summary>Writes the check of <paramref name="node"/>'s <c>anyOf</c> on the element in <c>value</c>.</summary>
    public static void EmitOnElement(CodeWriter w, JsonNode node, ICheckContext context) =>
        Branches.EmitCount(w, node, Name, context, verdict =>
        {
            verdict.Open("if (matches == 0)");
            verdict.Line(Report("location"));
            verdict.Close();
        });

    /// <summary>The statement that checks <paramref name="node"/>'s <c>anyOf</c> on a typed reader's flags; <c>null</c> when the flags cannot tell.</summary>
    public static string? OnFlags(JsonNode node, Func<string, string?> seen) =>
        Branches.OnFlags(node, Name, seen) is { } conditions ? $"if (!({string.Join(" || ", conditions)})) {Report("location")}" : null;
}
