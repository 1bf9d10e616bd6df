using System;
using System.Collections.Generic;
using System.Linq;
using Vr.Standaarden.Schema.Model;
using Use = Vr.Standaarden.Generator.Engine.KeywordSupport.Use;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The C# generated code runs for <c>dependentRequired</c>: for each member that is present, each member it needs. A
/// typed reader checks it on the flags it keeps of the declared members it has read; an element validator looks the
/// members up.
/// </summary>
internal static class DependentRequiredCheck
{
    /// <summary>What generated code does with the keyword (its row of <see cref="KeywordSupport"/>).</summary>
    public static (Keyword Keyword, Use Use)[] Support { get; } =
    [
        (KeywordCatalog.DependentRequired, Use.Compiled | Use.ObjectCheck),
    ];

    /// <summary>The keyword's name.</summary>
    public static string Name => KeywordCatalog.DependentRequired.Name;

    /// <summary>The statement that records <paramref name="needed"/> missing beside <paramref name="member"/> at <paramref name="location"/>.</summary>
    public static string Report(string location, string needed, string member) =>
        $"errors.Add(new({location}, \"{Name}\", {SchemaCompiler.Msg}.DependentRequired({Names.Literal(needed)}, {Names.Literal(member)})));";

    /// <summary>Writes the check of <paramref name="node"/>'s <c>dependentRequired</c> on the object in <c>value</c>.</summary>
    public static void EmitOnElement(CodeWriter w, JsonNode node)
    {
        if (node[Name] is not { IsObject: true } dependent)
        {
            return;
        }

        foreach (var pair in dependent.Members)
        {
            foreach (var needed in pair.Value.Items.Where(i => i.Kind == JsonKind.String))
            {
                w.Open($"if (value.TryGetProperty({Names.Literal(pair.Key)}u8, out _) && !value.TryGetProperty({Names.Literal(needed.Text)}u8, out _))");
                w.Line(Report("location", needed.Text, pair.Key));
                w.Close();
            }
        }
    }

    /// <summary>
    /// The statements that check <paramref name="node"/>'s <c>dependentRequired</c> on a typed reader's flags, where
    /// <paramref name="seen"/> gives the expression that is true when a declared member was read (<c>null</c> for a member
    /// that is not declared); <c>null</c> when a member it names is not declared, so the flags cannot tell.
    /// </summary>
    public static List<string>? OnFlags(JsonNode node, Func<string, string?> seen)
    {
        if (node[Name] is not { IsObject: true } dependent ||
            !dependent.Members.All(m => seen(m.Key) is not null && m.Value.Items.All(i => i.Kind == JsonKind.String && seen(i.Text) is not null)))
        {
            return null;
        }

        return dependent.Members
            .SelectMany(pair => pair.Value.Items.Select(needed => $"if ({seen(pair.Key)} && !{seen(needed.Text)}) {Report("location", needed.Text, pair.Key)}"))
            .ToList();
    }
}
