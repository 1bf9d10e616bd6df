using System.Globalization;
using System.Text.Json;
using Vr.Standaarden.Begrippen;
using Vr.Standaarden.Validatie.Internal;

namespace Vr.Standaarden.Validatie.Rules;

/// <summary>The code-list values of a message: those the schemas point at a code list, plus tlp and rubricering of the envelope.</summary>
internal static class CodeValues
{
    /// <summary>The code values, found once per message and shared by the rules that look at them.</summary>
    public static IReadOnlyList<(Code Code, Codelijst List, LazyPointer Pointer)> Of(RuleContext context) =>
        context.Codes ??= [.. Find(context)];

    private static IEnumerable<(Code Code, Codelijst List, LazyPointer Pointer)> Find(RuleContext context)
    {
        var envelope = new[] { ("tlp", "tlp"), ("rubricering", "rubricering") }
            .Select(e => (Value: context.Message.TryGetProperty(e.Item1, out var v) ? v : default, Pointer: LazyPointer.Of("/" + e.Item1), Name: e.Item2));
        foreach (var (value, pointer, name) in envelope.Concat(context.Fields("codelijst")))
        {
            if (value.ValueKind == JsonValueKind.String && Codelijsten.TryGet(name, context.Release, out var list) && list!.Find(value.GetString()!) is { } code)
            {
                yield return (code, list, pointer);
            }
        }
    }
}

/// <summary>VR-CODE-001: every code is valid on the date of the message.</summary>
internal sealed class CodesValidOnDate() : DomainRule(new("VR-CODE-001", Severity.Error,
    "Elke code is geldig op de datum van het bericht.", "Every code is valid on the date of the message."))
{
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override void Evaluate(RuleContext context)
    {
        if (context.Date is not { } date)
        {
            return;
        }

        foreach (var (code, list, pointer) in CodeValues.Of(context))
        {
            if (!code.IsGeldigOp(date))
            {
                var from = code.GeldigVanaf is { } f ? Day(f) : null;
                var to = code.GeldigTot is { } t ? Day(t) : null;
                var (span, periode) = (from, to) switch
                {
                    (not null, not null) => ($"from {from} until {to}", $"vanaf {from} tot {to}"),
                    (not null, null) => ($"from {from}", $"vanaf {from}"),
                    _ => ($"until {to}", $"tot {to}"),
                };
                context.Report(this, pointer,
                    $"Code {code.Waarde} of {list.Naam} is valid {span}, not on {Day(date)}, the date of the message.",
                    $"Code {code.Waarde} van {list.Naam} is geldig {periode}, niet op {Day(date)}, de datum van het bericht.");
            }
        }
    }
}

/// <summary>VR-CODE-002: a deprecated code is used (it is only meant for historical messages).</summary>
internal sealed class DeprecatedCodes() : DomainRule(new("VR-CODE-002", Severity.Warning,
    "Er wordt een vervallen code gebruikt.", "A deprecated code is used."))
{
    public override void Evaluate(RuleContext context)
    {
        foreach (var (code, list, pointer) in CodeValues.Of(context).Where(c => c.Code.Vervallen))
        {
            context.Report(this, pointer,
                $"Code {code.Waarde} of {list.Naam} is deprecated and only meant for historical messages.",
                $"Code {code.Waarde} van {list.Naam} is vervallen en alleen bedoeld voor historische berichten.");
        }
    }
}

/// <summary>VR-CODE-003: a code from an unverified source is used.</summary>
internal sealed class UnverifiedCodes() : DomainRule(new("VR-CODE-003", Severity.Information,
    "Er wordt een code uit een niet-geverifieerde bron gebruikt.", "A code from an unverified source is used."))
{
    public override void Evaluate(RuleContext context)
    {
        if (!context.Options.ReportUnverifiedCodes)
        {
            return;
        }

        foreach (var (code, list, pointer) in CodeValues.Of(context).Where(c => !c.Code.Geverifieerd))
        {
            context.Report(this, pointer,
                $"Code {code.Waarde} of {list.Naam} comes from an unverified source: {code.Opmerking}",
                $"Code {code.Waarde} van {list.Naam} komt uit een niet-geverifieerde bron: {code.Opmerking}");
        }
    }
}

/// <summary>VR-CODE-004: every purpose in the envelope's doelbinding is a code of the doelbinding list.</summary>
internal sealed class PurposesKnown() : DomainRule(new("VR-CODE-004", Severity.Error,
    "Elk doel in doelbinding staat in de codelijst doelbinding.", "Every purpose in doelbinding is in the doelbinding code list."))
{
    public override void Evaluate(RuleContext context)
    {
        if (RuleContext.Text(context.Message, "doelbinding") is not { } purposes)
        {
            return;
        }

        var list = Codelijsten.Get("doelbinding", context.Release);
        foreach (var purpose in purposes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => list.Find(p) is null))
        {
            context.Report(this, "/doelbinding",
                $"'{purpose}' is not a purpose of the doelbinding code list; use {string.Join(", ", list.Codes.Select(c => c.Waarde))}.",
                $"'{purpose}' is geen doel uit de codelijst doelbinding; gebruik {string.Join(", ", list.Codes.Select(c => c.Waarde))}.");
        }
    }
}

/// <summary>VR-PRIO-001: each priority belongs to the discipline it is given for.</summary>
internal sealed class PriorityMatchesDiscipline() : DomainRule(new("VR-PRIO-001", Severity.Error,
    "Elke prioriteit hoort bij de discipline waarvoor zij is opgegeven.", "Each priority belongs to the discipline it is given for."))
{
    public override void Evaluate(RuleContext context)
    {
        if (context.Data.ValueKind != JsonValueKind.Object || !context.Data.TryGetProperty("prioriteiten", out var priorities) || priorities.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var list = Codelijsten.Get("prioriteit", context.Release);
        var i = 0;
        foreach (var entry in priorities.EnumerateArray())
        {
            if (RuleContext.Text(entry, "discipline") is { } discipline && RuleContext.Text(entry, "prioriteit") is { } value &&
                list.Find(value) is { } code && code.Kenmerken.TryGetValue("discipline", out var owner) && owner != discipline)
            {
                context.Report(this, $"/data/prioriteiten/{i}/prioriteit",
                    $"Priority {value} belongs to discipline {owner}, not to {discipline}.",
                    $"Prioriteit {value} hoort bij discipline {owner}, niet bij {discipline}.");
            }

            i++;
        }
    }
}
