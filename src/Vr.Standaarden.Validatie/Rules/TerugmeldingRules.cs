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

        context.Report(this, RuleContext.DataPointer,
            "The terugmelding names neither a key-register object (basisregistratie, objectId, gegeven) nor a field of a message (bericht, veld, bronhouder): nobody can handle it.",
            "De terugmelding noemt geen object in een basisregistratie (basisregistratie, objectId, gegeven) en geen veld van een bericht (bericht, veld, bronhouder): niemand kan haar behandelen.");
    }
}

/// <summary>
/// Content a learned model produced (<c>totstandkoming.soort</c> <c>ai</c>, from 1.2) names the model's version: without
/// it nobody can tell later which model said so, nor find its entry in the Algoritmeregister.
/// </summary>
internal sealed class AiNamesItsModelVersion() : ObjectRule(new("VR-AI-001", Severity.Warning,
    "Door AI voorspelde inhoud noemt de versie van het model.",
    "Content a learned model produced names the model's version."))
{
    public override void Visit(RuleContext context, JsonElement node, LazyPointer pointer)
    {
        if (!node.TryGetProperty("soort", out var kind) || kind.ValueKind != JsonValueKind.String || !kind.ValueEquals("ai") ||
            !pointer.ToString().Contains("otstandkoming", StringComparison.Ordinal))
        {
            return;
        }

        if (!node.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object || RuleContext.Text(model, "versie") is null)
        {
            context.Report(this, pointer,
                "This AI-produced content does not name the model's version (model.versie): it cannot be traced to the model that made it.",
                "Deze door AI voorspelde inhoud noemt de versie van het model niet (model.versie): zij is niet te herleiden tot het model dat haar maakte.");
        }
    }
}
