using System.Text.Json;
using Vr.Standaarden.Validatie.Internal;

namespace Vr.Standaarden.Validatie.Rules;

/// <summary>
/// A terugmelding names what it doubts: an object of a key register (<c>basisregistratie</c>, <c>objectId</c>,
/// <c>gegeven</c>) or a field of an exchanged message (<c>bericht</c>, <c>veld</c>, <c>bronhouder</c>, from 1.2). The
/// schema ties each group together; that one of them is there is this rule.
/// </summary>
internal sealed class TerugmeldingNamesWhatItDoubts() : DomainRule(new("VR-TERUG-001", Severity.Error,
    "Een terugmelding noemt wat zij betwijfelt: een object in een basisregistratie of een veld van een bericht.",
    "A terugmelding names what it doubts: an object in a key register or a field of a message."))
{
    public override void Evaluate(RuleContext context)
    {
        if (context.Entity != "terugmelding" || context.Data.ValueKind != JsonValueKind.Object ||
            context.Data.TryGetProperty("basisregistratie", out _) || context.Data.TryGetProperty("bericht", out _))
        {
            return;
        }

        context.Report(Info, RuleContext.DataPointer,
            "The terugmelding names neither a key-register object (basisregistratie, objectId, gegeven) nor a field of a message (bericht, veld, bronhouder): nobody can handle it.",
            "De terugmelding noemt geen object in een basisregistratie (basisregistratie, objectId, gegeven) en geen veld van een bericht (bericht, veld, bronhouder): niemand kan haar behandelen.");
    }
}
