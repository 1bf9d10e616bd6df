using System.Text.Json;
using Vr.Standaarden.Validatie.Internal;

namespace Vr.Standaarden.Validatie.Rules;

/// <summary>
/// VR-TIJD-001: time stamps follow each other: melding ≤ aanname ≤ alarmering ≤ ter plaatse ≤ einde in <c>tijdstippen</c>,
/// gealarmeerd ≤ ter plaatse ≤ vrijgegeven for each unit, and begin ≤ einde in a <c>periode</c>.
/// </summary>
internal sealed class TimeOrder() : ObjectRule(new("VR-TIJD-001", Severity.Error,
    "Tijdstippen volgen elkaar op: melding ≤ aanname ≤ alarmering ≤ ter plaatse ≤ einde; gealarmeerd ≤ ter plaatse ≤ vrijgegeven; begin ≤ einde.",
    "Timestamps follow each other: report ≤ answer ≤ alerting ≤ on scene ≤ end; alerted ≤ on scene ≤ released; start ≤ end."))
{
    private static readonly string[] Incident = ["melding", "aanname", "alarmering", "terPlaatse", "einde"];
    private static readonly string[] Unit = ["gealarmeerd", "terPlaatse", "vrijgegeven"];
    private static readonly string[] Period = ["begin", "einde"];

    public override void Visit(RuleContext context, JsonElement node, LazyPointer pointer)
    {
        var order = pointer.Name == "tijdstippen" ? Incident
            : pointer.Name == "periode" ? Period
            : node.TryGetProperty("eenheidId", out _) ? Unit
            : null;
        if (order is not null)
        {
            Check(context, node, pointer, order);
        }
    }

    // The pointer is written out only for a finding.
    private void Check(RuleContext context, JsonElement node, LazyPointer pointer, string[] order)
    {
        (string Name, DateTimeOffset Time)? previous = null;
        foreach (var name in order)
        {
            if (RuleContext.Timestamp(node, name) is not { } time)
            {
                continue;
            }

            if (previous is { } p && time < p.Time)
            {
                context.Report(this, $"{pointer}/{name}",
                    $"{name} ({time:O}) is before {p.Name} ({p.Time:O}).",
                    $"{name} ({time:O}) ligt voor {p.Name} ({p.Time:O}).");
                return;
            }

            previous = (name, time);
        }
    }
}
