using System.Diagnostics;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>
/// Every decision about a message (sent, received, refused, minimised, expired, purged, archived) as an
/// <see cref="Activity"/> of the source <see cref="SourceName"/>, with the fields of Logius' "Logboek dataverwerkingen":
/// trace and span ids, name, status, start and end, and the attributes <c>dpl.core.processing_activity_id</c> (the
/// processing activity in the register of processing activities) plus the message's <c>vr.*</c> attributes. An
/// OpenTelemetry tracer that adds this source collects them; <see cref="AuditLog"/> writes them to a hash-chained file.
/// </summary>
public static class Accountability
{
    /// <summary>The name of the activity source.</summary>
    public const string SourceName = "Vr.Standaarden.Uitwisseling";

    /// <summary>The attribute of the processing activity (Logboek dataverwerkingen).</summary>
    public const string ProcessingActivityId = "dpl.core.processing_activity_id";

    internal static readonly ActivitySource Source = new(SourceName, typeof(Accountability).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// The URI of the processing activity recorded with each decision, in the organisation's register of processing
    /// activities (AVG art. 30). Set it once at start-up.
    /// </summary>
    public static Uri? ProcessingActivity { get; set; }

    /// <summary>
    /// Records a decision: <paramref name="name"/> is one of <c>vr.bericht.verzonden</c>, <c>vr.bericht.ontvangen</c>,
    /// <c>vr.bericht.geweigerd</c>, <c>vr.bericht.geminimaliseerd</c>, <c>vr.bericht.verlopen</c>,
    /// <c>vr.bericht.verwijderd</c>, <c>vr.bericht.gearchiveerd</c> (or another of the organisation's own).
    /// </summary>
    public static void Record(string name, bool ok, IEnumerable<KeyValuePair<string, object?>> attributes)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(attributes);
        using var activity = Source.StartActivity(name, ActivityKind.Internal);
        if (activity is null)
        {
            return;
        }

        if (ProcessingActivity is { } processing)
        {
            activity.SetTag(ProcessingActivityId, processing.ToString());
        }

        foreach (var (key, value) in attributes)
        {
            activity.SetTag(key, value);
        }

        activity.SetStatus(ok ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
    }
}
