using System;
using System.Collections.Generic;
using System.Linq;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// What <c>anyOf</c> and <c>oneOf</c> generate alike: the branches that match counted into <c>matches</c> (a simple branch
/// as one expression, any other by running its validator on the caller's list and taking its violations back), or, in
/// a typed reader whose branches only require declared members, a condition per branch on the reader's flags.
/// </summary>
internal static class Branches
{
    /// <summary>Writes a block that counts the branches of <paramref name="keyword"/> that <c>value</c> matches, then <paramref name="verdict"/>.</summary>
    public static void EmitCount(CodeWriter w, JsonNode node, string keyword, ICheckContext context, Action<CodeWriter> verdict)
    {
        w.Open("");
        w.Line("var matches = 0;");
        foreach (var branchNode in node[keyword]!.Items.Where(SchemaCompiler.IsSchema))
        {
            if (context.Condition(branchNode) is { } simple)
            {
                w.Line($"if ({simple}) matches++;");
                continue;
            }

            // A branch is tried on the caller's list and its errors are taken back: no allocation per try.
            var branch = context.Validator(branchNode);
            w.Line($"var mark{branch} = errors.Count;");
            w.Line($"{branch}(value, location, errors);");
            w.Line($"if (errors.Count == mark{branch}) matches++;");
            w.Line($"errors.RemoveRange(mark{branch}, errors.Count - mark{branch});");
        }

        verdict(w);
        w.Close();
    }

    /// <summary>
    /// For branches that only require members a typed reader declares, one condition per branch on its flags
    /// (<paramref name="seen"/> gives a member's flag, <c>null</c> when it is not declared); otherwise <c>null</c>.
    /// </summary>
    public static List<string>? OnFlags(JsonNode node, string keyword, Func<string, string?> seen)
    {
        if (node[keyword] is not { Kind: JsonKind.Array } branches || branches.Items.Count == 0 ||
            !branches.Items.All(b => b.IsObject && b.Members.All(m => SchemaCompiler.Annotations.Contains(m.Key) || m.Key == RequiredCheck.Name) &&
                                     b[RequiredCheck.Name] is { } names && RequiredCheck.Compiles(names) && names.Items.All(n => seen(n.Text) is not null)))
        {
            return null;
        }

        return branches.Items.Select(b => "(" + string.Join(" && ", RequiredCheck.NamesIn(b).Select(n => seen(n)!).DefaultIfEmpty("true")) + ")").ToList();
    }
}
