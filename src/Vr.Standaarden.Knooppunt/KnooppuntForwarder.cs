using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Knooppunt;

/// <summary>How a <see cref="KnooppuntForwarder"/> passes a node's record on to the next node.</summary>
public sealed class ForwarderOptions
{
    /// <summary>The name under which the forwarder keeps its place in the record (one per next node).</summary>
    public required string Name { get; set; }

    /// <summary>The sharing policy that decides, per message, what the next node may receive.</summary>
    public required SharingPolicy Policy { get; set; }

    /// <summary>The next node's OIN in the policy's register.</summary>
    public required string Recipient { get; set; }

    /// <summary>
    /// The <c>source</c> of the <c>situatiebeeld</c> messages this node publishes about every incident it forwarded news
    /// of (such as <c>urn:nld:oin:…:systeem:knooppunt</c>); none are published when <c>null</c>.
    /// </summary>
    public string? ReportSource { get; set; }

    /// <summary>
    /// The organisations (OINs) reached through the next node, for messages addressed to one: a terugmelding
    /// (<see cref="TerugmeldingRoute.AddresseeOf"/>) goes there only when its addressee is one of them. <c>null</c> (the
    /// default) makes the next node the way to every addressee this node is not bronhouder for
    /// (<see cref="KnooppuntIngest.Bronhouders"/>), as a regional node's route to the national one is.
    /// </summary>
    public ISet<string>? Reaches { get; set; }

    /// <summary>How many messages one pass reads from the record; 256 by default.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>How long <see cref="KnooppuntForwarder.RunAsync"/> waits after a failed delivery; 2 s by default.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>What one forwarding pass did.</summary>
/// <param name="Forwarded">Messages the next node accepted (or had already).</param>
/// <param name="Withheld">Messages the policy did not let go to the next node (TLP, doelbinding, rubricering, expired), and terugmeldingen addressed to someone the next node does not lead to.</param>
/// <param name="RefusedByRecipient">Messages the next node refused for good (its own policy, validation, …).</param>
/// <param name="Pending">Messages that could not be delivered now and stay for the next pass.</param>
public sealed record ForwardResult(int Forwarded, int Withheld, int RefusedByRecipient, int Pending);

/// <summary>
/// Passes a node's record on to the next node (regional → national): reads the record from where it stopped, decides per
/// message with the <see cref="SharingPolicy"/> whether the next node may have it (TLP, doelbinding, rubricering,
/// tijdbinding, minimisation: every hop decides again, the next node's receiver too), and sends what may go through an
/// <see cref="IMessageSender"/> (NATS JetStream or HTTP). Its place in the record advances only past messages that were
/// settled, so an outage or a restart delays forwarding and loses nothing; the next node de-duplicates on
/// <c>source</c> + <c>id</c>. With <see cref="ForwarderOptions.ReportSource"/> the node also publishes its own picture
/// of each incident as a <c>situatiebeeld</c>, shared no wider than the messages it was built from.
/// </summary>
public sealed class KnooppuntForwarder : IDisposable
{
    private static readonly ActivitySource Tracing = new(KnooppuntIngest.MeterName);
    private static readonly Meter Meter = new(KnooppuntIngest.MeterName + ".Forwarder");
    private static readonly Counter<long> Counted = Meter.CreateCounter<long>("vr.knooppunt.forwarded", "{message}", "Messages passed on to the next node, by result.");
    private readonly KnooppuntIngest _ingest;
    private readonly IMessageSender _sender;
    private readonly ForwarderOptions _options;
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>A forwarder of <paramref name="ingest"/>'s record through <paramref name="sender"/>.</summary>
    public KnooppuntForwarder(KnooppuntIngest ingest, IMessageSender sender, ForwarderOptions options)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Name);
        ArgumentException.ThrowIfNullOrEmpty(options.Recipient);
        _ingest = ingest;
        _sender = sender;
        _options = options;
        _ingest.Changed += OnChanged;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _ingest.Changed -= OnChanged;
        _wake.Dispose();
    }

    private void OnChanged(object? sender, SituatiebeeldChangedEventArgs e)
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Forwards until the record is done or a delivery fails; the totals of every batch.</summary>
    public async Task<ForwardResult> ForwardAsync(CancellationToken cancellationToken = default)
    {
        var total = new ForwardResult(0, 0, 0, 0);
        while (true)
        {
            var (result, more) = await PassAsync(cancellationToken).ConfigureAwait(false);
            total = new ForwardResult(total.Forwarded + result.Forwarded, total.Withheld + result.Withheld, total.RefusedByRecipient + result.RefusedByRecipient, result.Pending);
            if (!more || result.Pending > 0)
            {
                return total;
            }
        }
    }

    /// <summary>Forwards whenever the record grows, until <paramref name="cancellationToken"/> is cancelled (then it returns).</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = await ForwardAsync(cancellationToken).ConfigureAwait(false);
                if (result.Pending > 0)
                {
                    await Task.Delay(_options.RetryDelay, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await _wake.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task<(ForwardResult Result, bool More)> PassAsync(CancellationToken cancellationToken)
    {
        using var activity = Tracing.StartActivity("knooppunt.doorsturen");
        var position = _ingest.Log.Cursor(_options.Name);
        var rows = _ingest.Log.After(position, _options.BatchSize);
        if (rows.Count == 0)
        {
            return (new ForwardResult(0, 0, 0, 0), false);
        }

        var outgoing = new List<(long Sequence, TransportMessage Message)>();
        var withheld = 0;
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (sequence, message, text) in rows)
        {
            if (_options.ReportSource is { } own && (string?)message["source"] != own && IncidentOf(message) is { } incident)
            {
                touched.Add(incident);
            }

            if (TerugmeldingRoute.AddresseeOf(message) is { } addressee && !Routes(addressee))
            {
                // Addressed to someone the next node does not lead to.
                withheld++;
                continue;
            }

            var decision = _options.Policy.Decide(message, _options.Recipient);
            if (decision.Verdict == SharingVerdict.Refuse)
            {
                withheld++;
                continue;
            }

            // Delivered as recorded, so the source's signature still verifies at the next node; minimised, as the policy made it.
            var bytes = Encoding.UTF8.GetBytes(decision.Verdict == SharingVerdict.Deliver ? text : decision.Message!.ToJsonString());
            outgoing.Add((sequence, TransportMessage.Parse(bytes)));
        }

        var outcomes = outgoing.Count == 0 ? [] : await _sender.SendAsync([.. outgoing.Select(o => o.Message)], cancellationToken).ConfigureAwait(false);
        int forwarded = 0, refused = 0, pending = 0;
        var settledUpTo = rows[^1].Sequence;
        for (var i = 0; i < outgoing.Count; i++)
        {
            switch (outcomes[i].Status)
            {
                case DeliveryStatus.Accepted or DeliveryStatus.Duplicate:
                    forwarded++;
                    break;
                case DeliveryStatus.Refused:
                    refused++;
                    break;
                default:
                    pending = outgoing.Count - i;
                    settledUpTo = Math.Min(settledUpTo, outgoing[i].Sequence - 1);
                    break;
            }

            if (pending > 0)
            {
                break;
            }
        }

        if (pending > 0)
        {
            // Withheld messages before the first failure count as settled; the rest is read again next time.
            withheld = rows.Count(r => r.Sequence <= settledUpTo) - forwarded - refused;
        }

        _ingest.Log.SetCursor(_options.Name, settledUpTo);
        Count(forwarded, "forwarded");
        Count(withheld, "withheld");
        Count(refused, "refused");
        activity?.SetTag("vr.forwarded", forwarded);
        activity?.SetTag("vr.withheld", withheld);
        activity?.SetTag("vr.pending", pending);
        if (touched.Count > 0 && pending == 0)
        {
            PublishReports(touched);
        }

        return (new ForwardResult(forwarded, withheld, refused, pending), rows.Count == _options.BatchSize);
    }

    private bool Routes(string addressee) =>
        addressee == _options.Recipient || (_options.Reaches is { } reached ? reached.Contains(addressee) : !_ingest.Bronhouders.Contains(addressee));

    private void PublishReports(IEnumerable<string> incidents)
    {
        var reports = new List<JsonObject>();
        var now = DateTimeOffset.UtcNow;
        foreach (var id in incidents.Order(StringComparer.Ordinal))
        {
            if (_ingest.Read(p => p.Incident(id)) is { Doelbinding.Count: > 0 } state)
            {
                reports.Add(Report(state, _options.ReportSource!, now));
            }
        }

        if (reports.Count > 0)
        {
            _ingest.IngestMany(reports);
        }
    }

    /// <summary>The node's picture of one incident as a <c>situatiebeeld</c> message of the standard.</summary>
    internal static JsonObject Report(IncidentState state, string source, DateTimeOffset now)
    {
        string? Text(string field) => state.Fields.GetValueOrDefault(field)?.Value is JsonValue value ? value.ToString() : null;
        var version = state.Fields.Values.Select(v => v.Herkomst.MessageId).Distinct(StringComparer.Ordinal).Count();
        var latest = state.Fields.Values.Max(v => v.Herkomst.Time);
        var parts = new[] { Text("grip"), Text("classificatie"), Text("fase"), state.Fields.GetValueOrDefault("locatie")?.Value?["omschrijving"]?.ToString() }
            .Where(p => !string.IsNullOrEmpty(p)).ToList();
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{state.Sources.Count} bron(nen)"));
        if (state.Contradictions.Count > 0)
        {
            parts.Add("tegenstrijdig: " + string.Join(", ", state.Contradictions.Select(c => c.Field)));
        }

        var velden = new JsonObject();
        var herkomst = new JsonObject();
        foreach (var (name, value) in state.Fields)
        {
            velden[name] = value.Value;
            herkomst[name] = new JsonObject { ["bron"] = value.Herkomst.Source, ["bericht"] = value.Herkomst.MessageId, ["tijdstip"] = Timestamps.Text(value.Herkomst.Time) };
        }

        var data = new JsonObject
        {
            ["id"] = "SB-" + state.Id,
            ["incidentId"] = state.Id,
            ["versie"] = version,
            ["tijdstip"] = Timestamps.Text(latest),
            ["beeld"] = string.Join(" · ", parts),
            ["uitbreidingen"] = new JsonObject
            {
                [Situatiebeeld.ResolutionExtension] = new JsonObject
                {
                    ["velden"] = velden,
                    ["herkomst"] = herkomst,
                    ["bronnen"] = new JsonArray([.. state.Sources.Select(s => (JsonNode)JsonValue.Create(s))]),
                    ["tegenstrijdigheden"] = new JsonArray([.. state.Contradictions.Select(c => (JsonNode)JsonValue.Create(c.Field))]),
                },
            },
        };
        return new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = string.Create(CultureInfo.InvariantCulture, $"SB-{state.Id}-{version}-{latest.ToUnixTimeSeconds()}"),
            ["source"] = source,
            ["type"] = "nl.veiligheidsregio.situatiebeeld.v1",
            ["time"] = Timestamps.Text(latest > now ? latest : now),
            ["subject"] = state.Id,
            ["datacontenttype"] = "application/json",
            ["dataschema"] = $"https://vr-standaarden.github.io/spec/{Vr.Standaarden.Model.Messages.Release}/schemas/situatiebeeld.schema.json",
            ["tlp"] = state.Tlp,
            ["doelbinding"] = string.Join(' ', state.Doelbinding),
            ["bewaartermijn"] = "P30D",
            ["correlationid"] = state.Id,
            ["data"] = data,
        };
    }

    private static string? IncidentOf(JsonObject message) => (string?)message["type"] switch
    {
        Situatiebeeld.IncidentType => (string?)message["data"]?["id"],
        "nl.veiligheidsregio.melding.v1" or "nl.veiligheidsregio.besluit.v1" => (string?)message["data"]?["incidentId"],
        _ => null,
    };

    private static void Count(int n, string result)
    {
        if (n > 0)
        {
            Counted.Add(n, new KeyValuePair<string, object?>("vr.result", result));
        }
    }
}
