using System;
using System.Collections.Generic;
using System.Linq;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>The C# generated code runs for <c>minProperties</c> and <c>maxProperties</c>: an object's members counted and compared.</summary>
internal static class PropertyCountCheck
{
    /// <summary>What generated code does with the keywords (its rows of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.MinProperties, Use.Compiled | Use.ObjectCheck),
        (KeywordCatalog.MaxProperties, Use.Compiled | Use.ObjectCheck),
    ];

    private static readonly EmittedBound[] Checks =
    [
        new(KeywordCatalog.MinProperties, "<", "MinProperties"),
        new(KeywordCatalog.MaxProperties, ">", "MaxProperties"),
    ];

    /// <summary>Whether <paramref name="keyword"/> is one of the two.</summary>
    public static bool Handles(string keyword) => Checks.Any(c => c.Keyword.Name == keyword);

    /// <summary>Whether <paramref name="node"/> has either keyword among those <paramref name="included"/>.</summary>
    public static bool Any(JsonNode node, Func<string, bool> included) => Checks.Any(c => node[c.Keyword.Name] is not null && included(c.Keyword.Name));

    /// <summary>The check of <paramref name="keyword"/> on one line, for a typed reader's list of checks after the members; null when its value is no number.</summary>
    public static string? Line(JsonNode node, string keyword, string count, string location) =>
        Checks.FirstOrDefault(c => c.Keyword.Name == keyword) is { } check && check.Condition(node, count) is { } condition
            ? $"if ({condition}) {check.Report(node, location)}"
            : null;

    /// <summary>Writes the checks of the <paramref name="included"/> keywords of <paramref name="node"/> on the member count in <paramref name="count"/>.</summary>
    public static void Emit(CodeWriter w, JsonNode node, string count, string location, Func<string, bool> included)
    {
        foreach (var check in Checks.Where(c => included(c.Keyword.Name)))
        {
            check.Emit(w, node, count, location, spaced: false);
        }
    }
}
