using System.Text.Json;
using Vr.Standaarden.Validatie.Internal;

namespace Vr.Standaarden.Validatie.Rules;

/// <summary>VR-GRIP-001: the current GRIP level is the level of the last declaration in the history.</summary>
internal sealed class GripLevelIsLastDeclared() : DomainRule(new("VR-GRIP-001", Severity.Error,
    "Het huidige GRIP-niveau is het niveau van de laatste afkondiging in de historie.", "The current GRIP level is the level of the last declaration in the history."))
{
    public override void Evaluate(RuleContext context)
    {
        if (Grip(context) is not { } grip || RuleContext.Text(grip, "niveau") is not { } level ||
            !grip.TryGetProperty("historie", out var history) || history.ValueKind != JsonValueKind.Array || history.GetArrayLength() == 0)
        {
            return;
        }

        var last = RuleContext.Text(history[history.GetArrayLength() - 1], "niveau");
        if (last is not null && last != level)
        {
            context.Report(this, "/data/grip/niveau",
                $"The current level is {level}, but the last declaration in the history is {last}.",
                $"Het huidige niveau is {level}, maar de laatste afkondiging in de historie is {last}.");
        }
    }

    internal static JsonElement? Grip(RuleContext context) =>
        context.Data.ValueKind == JsonValueKind.Object && context.Data.TryGetProperty("grip", out var grip) && grip.ValueKind == JsonValueKind.Object ? grip : null;
}

/// <summary>VR-GRIP-002: the GRIP history is in time order.</summary>
internal sealed class GripHistoryInOrder() : DomainRule(new("VR-GRIP-002", Severity.Error,
    "De GRIP-historie staat in volgorde van tijd.", "The GRIP history is in time order."))
{
    public override void Evaluate(RuleContext context)
    {
        if (GripLevelIsLastDeclared.Grip(context) is not { } grip || !grip.TryGetProperty("historie", out var history) || history.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        DateTimeOffset? previous = null;
        var i = 0;
        foreach (var entry in history.EnumerateArray())
        {
            if (RuleContext.Timestamp(entry, "tijdstip") is { } time)
            {
                if (time < previous)
                {
                    context.Report(this, $"/data/grip/historie/{i}/tijdstip",
                        $"Declaration {i} ({time:O}) is earlier than the one before it ({previous:O}).",
                        $"Afkondiging {i} ({time:O}) ligt voor de vorige ({previous:O}).");
                }

                previous = time;
            }

            i++;
        }
    }
}
