using System.Text.Json;
using Vr.Standaarden.Validatie.Internal;

namespace Vr.Standaarden.Validatie.Rules;

/// <summary>VR-BER-001: an expiry time is not before the time of the message.</summary>
internal sealed class ExpiryAfterTime() : DomainRule(new("VR-BER-001", Severity.Error,
    "expirytime ligt niet voor time.", "expirytime is not before time."))
{
    public override void Evaluate(RuleContext context)
    {
        if (RuleContext.Timestamp(context.Message, "time") is { } time && RuleContext.Timestamp(context.Message, "expirytime") is { } expiry && expiry < time)
        {
            context.Report(this, "/expirytime",
                $"The message expires ({expiry:O}) before it was recorded ({time:O}).",
                $"Het bericht verloopt ({expiry:O}) voordat het is vastgelegd ({time:O}).");
        }
    }
}

/// <summary>VR-REF-001: the subject of the envelope is the data's own id or an identifier the data refers to.</summary>
internal sealed class SubjectResolves() : DomainRule(new("VR-REF-001", Severity.Error,
    "subject is de id van data of een identificatie waarnaar data verwijst.", "subject is the id of data or an identifier data refers to."))
{
    public override void Evaluate(RuleContext context)
    {
        // Only data of the standard's own types has known identifiers to resolve against.
        if (RuleContext.Text(context.Message, "subject") is not { } subject || context.Data.ValueKind != JsonValueKind.Object || context.Entity.Length == 0)
        {
            return;
        }

        if (RuleContext.Text(context.Data, "id") != subject && !context.Fields("verwijstNaar").Any(f => Names(f.Value, subject)))
        {
            context.Report(this, "/subject",
                $"The subject '{subject}' is neither the id of the data nor an identifier the data refers to.",
                $"Het onderwerp '{subject}' is niet de id van data en ook geen identificatie waarnaar data verwijst.");
        }
    }

    // Compared as UTF-8, without making a string of every identifier.
    private static bool Names(JsonElement value, string subject) => value.ValueKind switch
    {
        JsonValueKind.String => value.ValueEquals(subject),
        JsonValueKind.Array => value.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.ValueEquals(subject)),
        _ => false,
    };
}

/// <summary>VR-REF-002: a message is not its own cause.</summary>
internal sealed class CausationIsAnotherMessage() : DomainRule(new("VR-REF-002", Severity.Error,
    "causationid verwijst naar een ander bericht dan dit.", "causationid refers to another message than this one."))
{
    public override void Evaluate(RuleContext context)
    {
        if (RuleContext.Text(context.Message, "causationid") is { } cause && cause == RuleContext.Text(context.Message, "id"))
        {
            context.Report(this, "/causationid",
                $"The message names itself ('{cause}') as its cause.",
                $"Het bericht noemt zichzelf ('{cause}') als oorzaak.");
        }
    }
}
