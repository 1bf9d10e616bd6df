using System.Diagnostics;
using System.Globalization;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Knooppunt;

/// <summary>
/// The last steps of a node's ingest: after a <see cref="MessageReceiver"/> verified, validated and applied the sharing
/// policy, each accepted message is written to the <see cref="MessageLog"/> (the record, once per <c>source</c> +
/// <c>id</c>) and merged into the live <see cref="Situatiebeeld"/>. Opening replays the log, so a restart resumes
/// where the node stopped; a message the log already holds changes nothing, so a redelivery has one effect. Counted on
/// the meter <c>Vr.Standaarden.Knooppunt</c> (<c>vr.knooppunt.ingested</c>, tagged <c>vr.result</c> new or duplicate).
/// </summary>
public sealed class KnooppuntIngest : IDisposable
{
    /// <summary>The name of the meter.</summary>
    public const string MeterName = "Vr.Standaarden.Knooppunt";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ActivitySource Tracing = new(MeterName);
    private static readonly Counter<long> Ingested = Meter.CreateCounter<long>("vr.knooppunt.ingested", "{message}", "Messages taken into the record, by result.");
    private static readonly Counter<long> Quarantined = Meter.CreateCounter<long>("vr.knooppunt.quarantined", "{message}", "Recorded messages the picture could not merge, set aside when the record was read.");
    private readonly Lock _gate = new();
    private readonly SituatiebeeldOptions? _options;
    private readonly AsyncLocal<List<Pending>?> _batch = new();
    private readonly Lock _viewsGate = new();
    private readonly Dictionary<string, (long Version, RecipientView View)> _views = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>
    /// Opens the record in <paramref name="logPath"/> and rebuilds the picture from it. A recorded message that this code
    /// cannot merge (recorded by an older version, or edited by hand) never stops the node: it is skipped, put in
    /// <see cref="MessageLog.Quarantine"/> with the reason, and counted (<c>vr.knooppunt.quarantined</c>).
    /// </summary>
    public KnooppuntIngest(string logPath, SituatiebeeldOptions? options = null)
    {
        _options = options;
        Log = new MessageLog(logPath);
        Inbox = new RecordInbox(this);
        Situatiebeeld = new Situatiebeeld(options);
        Replay(Log, null, quarantine: true, Situatiebeeld.Commit);
    }

    /// <summary>The record.</summary>
    public MessageLog Log { get; }

    /// <summary>
    /// The record as a receiver's inbox (<see cref="ReceiverOptions.Inbox"/>): a message the record holds is a duplicate,
    /// and an accepted one is recorded and merged when the receiver commits, so acceptance and effect are one step.
    /// </summary>
    public IInbox Inbox { get; }

    /// <summary>
    /// Since when and why the record cannot be written (a full disk, a read-only file), while that lasts: the last
    /// attempt to record failed. <c>null</c> once a write succeeds.
    /// </summary>
    public WriteFailure? LastWriteFailure { get; private set; }

    /// <summary>The live picture. Read it under <see cref="Read{T}"/> while messages come in.</summary>
    public Situatiebeeld Situatiebeeld { get; }

    /// <summary>Raised after messages changed the picture (outside the lock; handlers must be quick and must not throw).</summary>
    public event EventHandler<SituatiebeeldChangedEventArgs>? Changed;

    /// <summary>Takes one accepted message; <c>false</c> when the record already held it.</summary>
    /// <exception cref="FormatException">The message cannot be merged into the picture (see <see cref="Situatiebeeld.Apply"/>); nothing is recorded.</exception>
    public bool Ingest(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return IngestMany([message])[0];
    }

    /// <summary>
    /// Takes accepted messages into the record in one transaction and then into the picture; per message <c>false</c>
    /// when the record already held it. Each message is read for the picture before anything is recorded, so the record
    /// never holds what the picture could not take. Traced as <c>knooppunt.opslaan</c> and <c>knooppunt.samenvoegen</c>.
    /// </summary>
    /// <exception cref="FormatException">A message lacks <c>source</c>, <c>id</c> or <c>time</c>, or cannot be merged into the picture; nothing is recorded.</exception>
    public IReadOnlyList<bool> IngestMany(IReadOnlyList<JsonObject> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return IngestMany([.. messages.Select(m => new Pending(m ?? throw new ArgumentException("A message is null.", nameof(messages)), null, Situatiebeeld.Read(m)))]);
    }

    internal IReadOnlyList<bool> IngestMany(List<Pending> messages)
    {
        IReadOnlyList<bool> added;
        var changed = new List<JsonObject>();
        lock (_gate)
        {
            using (var store = Tracing.StartActivity("knooppunt.opslaan"))
            {
                try
                {
                    added = Log.AddMany([.. messages.Select(m => m.Message)], [.. messages.Select(m => m.Text)]);
                }
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
                {
                    LastWriteFailure ??= new WriteFailure(DateTimeOffset.UtcNow, e.Message);
                    throw;
                }

                LastWriteFailure = null;
                store?.SetTag("vr.count", messages.Count);
            }

            using var merge = Tracing.StartActivity("knooppunt.samenvoegen");
            for (var i = 0; i < messages.Count; i++)
            {
                if (added[i])
                {
                    if (messages[i].Change is { } change)
                    {
                        Situatiebeeld.Commit(change);
                    }

                    changed.Add(messages[i].Message);
                }
            }

            merge?.SetTag("vr.count", changed.Count);
        }

        var fresh = changed.Count;
        if (fresh > 0)
        {
            Interlocked.Increment(ref _version);
        }

        Ingested.Add(fresh, new KeyValuePair<string, object?>("vr.result", "new"));
        Ingested.Add(messages.Count - fresh, new KeyValuePair<string, object?>("vr.result", "duplicate"));
        if (fresh > 0)
        {
            Changed?.Invoke(this, new SituatiebeeldChangedEventArgs([.. changed.Select(m => (Text(m, "type"), Text(m["data"] as JsonObject, "id")))]));
        }

        return added;
    }

    private static string Text(JsonObject? node, string name) => node?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    /// <summary>
    /// Hands the changes of the recorded messages up to <paramref name="until"/> (all when <c>null</c>) to
    /// <paramref name="apply"/> in the order of their time; a message that cannot be read or merged is skipped, and put
    /// in quarantine when <paramref name="quarantine"/>. The record is read a page at a time and each page's messages are
    /// read on every core while the page before is merged, so a record of millions of messages is neither held in memory
    /// nor read on one core.
    /// </summary>
    private static void Replay(MessageLog log, DateTimeOffset? until, bool quarantine, Action<PendingChange> apply)
    {
        // Three steps at once, a page apart: the record is read a page at a time, the page read before is parsed on every
        // core, and the page parsed before that is merged on this thread, in order. Reading a page from SQLite is about
        // as much work as merging it, so none of the three waits for another while there is a core to spare.
        using var stop = new CancellationTokenSource();
        var read = System.Threading.Channels.Channel.CreateBounded<List<(long Sequence, string Source, string Id, byte[] Utf8)>>(1);
        var parsed = System.Threading.Channels.Channel.CreateBounded<(List<(long Sequence, string Source, string Id, byte[] Utf8)> Page, PendingChange?[] Changes, string?[] Reasons)>(1);
        var reader = Task.Run(async () =>
        {
            try
            {
                foreach (var page in log.Pages(until, 4096))
                {
                    await read.Writer.WriteAsync(page, stop.Token).ConfigureAwait(false);
                }

                read.Writer.Complete();
            }
            catch (Exception e)
            {
                read.Writer.Complete(e);
            }
        });
        var parser = Task.Run(async () =>
        {
            try
            {
                await foreach (var page in read.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    var changes = new PendingChange?[page.Count];
                    var reasons = new string?[page.Count];
                    Parallel.For(0, page.Count, i => (changes[i], reasons[i]) = ReadRecorded(page[i].Utf8));
                    await parsed.Writer.WriteAsync((page, changes, reasons), stop.Token).ConfigureAwait(false);
                }

                parsed.Writer.Complete();
            }
            catch (Exception e)
            {
                parsed.Writer.Complete(e);
            }
        });

        try
        {
            while (parsed.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (parsed.Reader.TryRead(out var next))
                {
                    var (page, changes, reasons) = next;
                    for (var i = 0; i < page.Count; i++)
                    {
                        if (changes[i] is { } change)
                        {
                            apply(change);
                        }
                        else if (reasons[i] is { } reason && quarantine && log.SetAside(page[i].Sequence, page[i].Source, page[i].Id, reason))
                        {
                            Quarantined.Add(1);
                        }
                    }
                }
            }
        }
        finally
        {
            // When merging failed, the reader and the parser stop before the record is let go (they never fault: each
            // hands what went wrong on through its channel).
            stop.Cancel();
            Task.WaitAll(reader, parser);
        }
    }

    /// <summary>What a recorded text changes in the picture, or why it cannot be merged (both <c>null</c>: nothing to merge).</summary>
    private static (PendingChange? Change, string? Reason) ReadRecorded(byte[] bytes)
    {
        try
        {
            // A text recorded by an older version may hold what is refused today (a member name given twice).
            if (Schema.Input.JsonInput.CheckSyntax(bytes) is { } problem)
            {
                return (null, problem.Text.English);
            }

            return JsonNode.Parse(bytes) is JsonObject message ? (Situatiebeeld.Read(message), null) : (null, "The recorded text is not a JSON object.");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            return (null, e.Message);
        }
    }

    /// <summary>
    /// Receives a batch through <paramref name="receiver"/> (attached with <see cref="Attach"/>, with <see cref="Inbox"/>
    /// as its inbox or its de-duplication off: the record de-duplicates) and takes the accepted messages into the record in
    /// one transaction. An accepted message the record already held is reported as a duplicate.
    /// </summary>
    /// <exception cref="InvalidOperationException">The receiver keeps an inbox of its own, which would commit before the record.</exception>
    public async Task<IReadOnlyList<ReceiveOutcome>> ReceiveBatchAsync(MessageReceiver receiver, IReadOnlyList<ReadOnlyMemory<byte>> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(messages);
        var batch = new List<Pending>();
        ReceiveOutcome[] outcomes;
        _batch.Value = batch;
        try
        {
            // Checked on the receiver's cores, handled in the order given: the handler keeps each accepted message here.
            outcomes = [.. await receiver.ReceiveBatchAsync(messages, cancellationToken).ConfigureAwait(false)];
        }
        finally
        {
            _batch.Value = null;
        }

        // The kept messages are the accepted ones that reached this node's handler, in the same order.
        var index = new List<int>(batch.Count);
        for (var i = 0; i < outcomes.Length && index.Count < batch.Count; i++)
        {
            var kept = batch[index.Count].Message;
            if (outcomes[i].Status == ReceiveStatus.Accepted
                && string.Equals(outcomes[i].Source, (string?)kept["source"], StringComparison.Ordinal)
                && string.Equals(outcomes[i].Id, (string?)kept["id"], StringComparison.Ordinal))
            {
                index.Add(i);
            }
        }

        IReadOnlyList<bool> added;
        try
        {
            added = IngestMany(batch);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            // The batch is one transaction: none of it was recorded, so every message the receiver accepted failed.
            foreach (var i in index)
            {
                outcomes[i] = outcomes[i] with { Status = ReceiveStatus.Failed, Problems = [new ReceiveProblem(TransportCodes.Unavailable, "", $"The record could not be written: {e.Message}")] };
            }

            return outcomes;
        }

        for (var j = 0; j < added.Count; j++)
        {
            if (!added[j])
            {
                outcomes[index[j]] = outcomes[index[j]] with { Status = ReceiveStatus.Duplicate };
            }
        }

        return outcomes;
    }

    /// <summary>Reads the picture consistently while messages come in.</summary>
    public T Read<T>(Func<Situatiebeeld, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return read(Situatiebeeld);
        }
    }

    /// <summary>
    /// Reads the picture that <paramref name="caller"/> may see, now (<paramref name="moment"/> <c>null</c>) or as it
    /// was at a moment: built from the record's messages as <paramref name="policy"/> would deliver each to that
    /// recipient (minimised, or left out), so that nothing, counts included, shows what the recipient may not have. When
    /// what it reads holds personal data, the read is recorded in the processing log (<see cref="MessageLog.Processing"/>):
    /// who, for which organisation, which data (entity, id, JSON Pointers and kinds), which purpose, when, under which
    /// grant, and <paramref name="reading"/> (such as <c>GET /situatiebeeld</c>) and the <paramref name="person"/> who read
    /// (their <c>sub</c>) when a person did. With <paramref name="incident"/>, only
    /// that incident and what names it count as read. The view of now is kept per recipient until a message changes the
    /// picture.
    /// </summary>
    public T ReadAs<T>(Recipient caller, SharingPolicy policy, DateTimeOffset? moment, string reading, Func<Situatiebeeld, T> read, string? incident = null, string? person = null) =>
        ReadAs(caller, policy, moment, reading, read, incident, person, record: true);

    /// <summary>
    /// As the public <c>ReadAs</c>; with <paramref name="record"/> <c>false</c> for a read that shows no data (counts).
    /// <paramref name="organisation"/> is the afnemer's entry and <paramref name="narrow"/> what a person acting for it
    /// may have of an entry (<see cref="KnooppuntAccess.Narrow"/>): a grant widens the organisation, and the person never
    /// has more of it than their own claims allow.
    /// </summary>
    internal T ReadAs<T>(Recipient organisation, SharingPolicy policy, DateTimeOffset? moment, string reading, Func<Situatiebeeld, T> read, string? incident, string? person, bool record, Func<Recipient, Recipient>? narrow = null)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(read);
        narrow ??= r => r;
        var caller = narrow(organisation);
        T result;
        RecipientView view;
        var now = Clock.GetUtcNow();
        var grants = Log.Grants.Where(g => g.IsActive(now) && g.Afnemers.Contains(organisation.Oin, StringComparer.Ordinal)).ToList();
        if (moment is not null)
        {
            view = View(organisation, narrow, policy, moment, grants);
            result = read(view.Situatiebeeld);
        }
        else
        {
            lock (_viewsGate)
            {
                var version = Interlocked.Read(ref _version);
                var widest = narrow(grants.Aggregate(organisation, (r, g) => g.Widen(r)));
                var key = string.Join('|', caller.Oin, string.Join(' ', caller.Doelen), string.Join(' ', caller.Persoonsgegevens), caller.Rubricering,
                    string.Join(' ', grants.Select(g => g.Id)), string.Join(' ', widest.Doelen), string.Join(' ', widest.Persoonsgegevens));
                if (!_views.TryGetValue(key, out var known))
                {
                    _views[key] = known = (version, View(organisation, narrow, policy, null, grants));
                }
                else if (known.Version != version)
                {
                    // The messages recorded since are added to the view; only when a message in it has expired since
                    // (tijdbinding: the policy would no longer deliver it) is the view made again from the whole record.
                    var updated = known.View.NextExpiry is { } expiry && policy.Time.GetUtcNow() > expiry
                        ? View(organisation, narrow, policy, null, grants)
                        : Extend(known.View, organisation, narrow, policy, grants);
                    _views[key] = known = (version, updated);
                }

                view = known.View;
                result = read(view.Situatiebeeld);
            }
        }

        if (!record)
        {
            return result;
        }

        // One record per basis: what the register entitles the caller to, and what each grant opened.
        var shown = view.Shown.Where(p => incident is null || p.Id == incident || p.Incident == incident);
        foreach (var basis in shown.GroupBy(p => p.Grant).Where(g => g.Key is not null || g.Any(p => p.Pointers.Length > 0)))
        {
            var items = basis.Key is null ? [.. basis.Where(p => p.Pointers.Length > 0)] : basis.ToList();
            var purposes = items.SelectMany(p => p.Purposes).Intersect(basis.Key is null ? caller.Doelen : narrow(grants.First(g => g.Id == basis.Key).Widen(organisation)).Doelen, StringComparer.Ordinal)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            Log.AppendProcessing("vr.verwerking.inzage", now,
            [
                new("vr.afnemer", caller.Oin),
                new("vr.persoon", person),
                new("vr.organisatie", caller.OrganisationOin),
                new("vr.gegevens", string.Join("; ", items.Select(p => p.Pointers.Length == 0 ? $"{p.Entity} {p.Id}" : $"{p.Entity} {p.Id}: {string.Join(", ", p.Pointers)}"))),
                new("vr.doel", string.Join(' ', purposes)),
                new("vr.grondslag", basis.Key is null ? "afnemersregister" : "doorbraak"),
                new("vr.doorbraak", basis.Key),
                new("vr.verzoek", reading),
                new("vr.tijdstip", moment is { } m ? Timestamps.Text(m) : null),
            ]);
        }

        return result;
    }

    /// <summary>
    /// The time the node reads by: when a grant (<see cref="TemporaryGrant"/>) holds and when a read is logged.
    /// <see cref="TimeProvider.System"/> by default.
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// Records the chair's <paramref name="grant"/> (and its creation in the processing log); from <see cref="TemporaryGrant.Vanaf"/>
    /// the reads of its afnemers are decided with it (<see cref="ReadAs{T}(Recipient, SharingPolicy, DateTimeOffset?, string, Func{Situatiebeeld, T}, string?, string?)"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The grant holds longer than <see cref="TemporaryGrant.MaximumDuration"/>, or its id is in the record already.</exception>
    public void Grant(TemporaryGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Tot <= grant.Vanaf || grant.Tot - grant.Vanaf > TemporaryGrant.MaximumDuration)
        {
            throw new ArgumentException($"A grant holds for more than 0 and at most {TemporaryGrant.MaximumDuration.TotalHours:0} hours.", nameof(grant));
        }

        if (Log.Grants.Any(g => g.Id == grant.Id))
        {
            throw new ArgumentException($"A grant with id {grant.Id} is in the record already.", nameof(grant));
        }

        Log.AddGrant(grant);
    }

    /// <summary>
    /// The report of a grant: every read under it, as records of the processing log (<see cref="MessageLog.Processing"/>),
    /// oldest first; the first is its creation.
    /// </summary>
    public IReadOnlyList<string> GrantReport(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return [.. Log.Processing().Where(line => JsonNode.Parse(line)?["attributes"]?["vr.doorbraak"] is JsonValue v && v.TryGetValue<string>(out var named) && named == id)];
    }

    /// <summary>
    /// The OINs this node is bronhouder for: a terugmelding message (<see cref="TerugmeldingRoute"/>) that reaches the
    /// record <c>INGEDIEND</c> and addressed to one of them becomes a case in <see cref="Terugmeldingen"/>, as one posted
    /// to the bronhouder interface does. Empty by default.
    /// </summary>
    public ISet<string> Bronhouders { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The <c>source</c> under which this node answers terugmeldingen that came as messages (such as
    /// <c>urn:nld:oin:…:systeem:knooppunt</c>): each step of <see cref="HandleTerugmelding"/> then records a terugmelding
    /// message with the new status, addressed back to the melder, which forwarders carry there. No answers when <c>null</c>.
    /// </summary>
    public string? TerugmeldingSource { get; set; }

    /// <summary>The terugmeldingen this node received as bronhouder, oldest first.</summary>
    public IReadOnlyList<Terugmeldingsstand> Terugmeldingen
    {
        get
        {
            TakeInTerugmeldingen();
            return [.. Log.TerugmeldingIds().Select(id => Log.FindTerugmelding(id)).OfType<Terugmeldingsstand>()];
        }
    }

    /// <summary>The terugmelding with <paramref name="id"/>, or <c>null</c>.</summary>
    public Terugmeldingsstand? FindTerugmelding(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        TakeInTerugmeldingen();
        return Log.FindTerugmelding(id);
    }

    // Cases from the record: every terugmelding message addressed to a bronhouder of this node as submitted. Taken from the
    // picture when cases are read, so a node stopped between recording a message and opening its case loses neither.
    private void TakeInTerugmeldingen()
    {
        if (Bronhouders.Count == 0)
        {
            return;
        }

        List<JsonObject> reports;
        lock (_gate)
        {
            reports = [.. Situatiebeeld.Entities("terugmelding").Select(e => e.Data)
                .Where(d => d["bericht"] is JsonObject && Text(d, "status") == TerugmeldingRoute.Submitted && Bronhouders.Contains(Text(d, "bronhouder")))];
        }

        foreach (var report in reports)
        {
            Log.AddTerugmelding(Text(report, "id"), report, Clock.GetUtcNow());
        }
    }

    /// <summary>
    /// Takes in a terugmelding (an entity <c>terugmelding</c> of the standard, checked by the caller) as
    /// <see cref="Terugmeldingsstand.Ingediend"/>. Receiving the same id again changes nothing: <c>Added</c> is then <c>false</c>
    /// and the state is the one held.
    /// </summary>
    /// <exception cref="ArgumentException">The terugmelding has no string <c>id</c>.</exception>
    public (Terugmeldingsstand State, bool Added) ReceiveTerugmelding(JsonObject report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var id = report["id"] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : throw new ArgumentException("A terugmelding has an id.", nameof(report));
        var added = Log.AddTerugmelding(id, report, Clock.GetUtcNow());
        return (Log.FindTerugmelding(id)!, added);
    }

    /// <summary>
    /// Moves the handling of terugmelding <paramref name="id"/> on to <paramref name="status"/>
    /// (<see cref="Terugmeldingsstand.MayMove"/>); <see cref="Terugmeldingsstand.Gewijzigd"/> names the message that corrected the
    /// data in <paramref name="answer"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No terugmelding has <paramref name="id"/>.</exception>
    /// <exception cref="InvalidOperationException">The handling cannot go from where it is to <paramref name="status"/>, or GEWIJZIGD without <paramref name="answer"/>.</exception>
    public Terugmeldingsstand HandleTerugmelding(string id, string status, string? answer = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(status);
        var held = Log.FindTerugmelding(id) ?? throw new KeyNotFoundException($"No terugmelding '{id}'.");
        if (!Terugmeldingsstand.MayMove(held.Status, status))
        {
            throw new InvalidOperationException($"Terugmeldingsstand '{id}' is {held.Status}: it cannot become {status}.");
        }

        if (status == Terugmeldingsstand.Gewijzigd && string.IsNullOrEmpty(answer))
        {
            throw new InvalidOperationException("A terugmelding is GEWIJZIGD by a message: name its id (its causationid is the terugmelding).");
        }

        if (!Log.MoveTerugmelding(id, held.Status, status, answer, Clock.GetUtcNow()))
        {
            throw new InvalidOperationException($"Terugmeldingsstand '{id}' changed meanwhile; read it again.");
        }

        var moved = Log.FindTerugmelding(id)!;
        if (TerugmeldingSource is { } source && held.Inhoud["bericht"] is JsonObject)
        {
            Answer(moved, source);
        }

        return moved;
    }

    // The answer to a terugmelding that came as a message: the report with its new status, shared as the report was,
    // caused by the correcting message (GEWIJZIGD) or by the report, on its way back to the melder.
    private void Answer(Terugmeldingsstand state, string source)
    {
        var report = Read(p => p.Entities("terugmelding").FirstOrDefault(e => e.Id == state.Id));
        var original = report is null ? null : Log.Find(report.Herkomst.Source, report.Herkomst.MessageId);
        var data = state.Inhoud.DeepClone().AsObject();
        data["status"] = state.Status;
        var now = Clock.GetUtcNow();
        var answer = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = $"{state.Id}-{state.Status}",
            ["source"] = source,
            ["type"] = TerugmeldingRoute.Type,
            ["time"] = Timestamps.Text(now),
            ["datacontenttype"] = "application/json",
            ["dataschema"] = (string?)original?["dataschema"] ?? $"https://vr-standaarden.github.io/spec/{Vr.Standaarden.Model.Messages.Release}/schemas/terugmelding.schema.json",
            ["tlp"] = (string?)original?["tlp"] ?? "TLP:AMBER",
            ["doelbinding"] = (string?)original?["doelbinding"] ?? "incidentbestrijding",
            ["bewaartermijn"] = (string?)original?["bewaartermijn"] ?? "P30D",
        };
        if ((string?)original?["correlationid"] is { } correlation)
        {
            answer["correlationid"] = correlation;
        }

        answer["causationid"] = state.Antwoord ?? report?.Herkomst.MessageId ?? state.Id;
        answer["data"] = data;
        Ingest(answer);
    }

    /// <summary>
    /// Recorded messages (as their text) as <paramref name="organisation"/> may have them: each decided by the sharing
    /// policy (left out when refused, minimised where it says so), a read of personal data recorded in the processing log.
    /// </summary>
    internal IReadOnlyList<JsonObject> Disclose(IEnumerable<string> texts, Recipient organisation, SharingPolicy policy, Func<Recipient, Recipient> narrow, string reading, string? person)
    {
        var caller = narrow(organisation);
        var disclosed = new List<JsonObject>();
        var personal = new List<string>();
        foreach (var text in texts)
        {
            var decision = policy.Decide(System.Text.Encoding.UTF8.GetBytes(text), caller);
            if (decision.Verdict == SharingVerdict.Refuse || decision.Message is null)
            {
                continue;
            }

            disclosed.Add(decision.Message);
            var found = policy.PersonalDataIn(decision.Message);
            if (found.Count > 0)
            {
                personal.Add($"{decision.Message["type"]} {decision.Message["data"]?["id"]}: {string.Join(", ", found.Select(f => $"{f.Pointer} ({f.Kind})"))}");
            }
        }

        if (personal.Count > 0)
        {
            Log.AppendProcessing("vr.verwerking.inzage", Clock.GetUtcNow(),
            [
                new("vr.afnemer", caller.Oin),
                new("vr.persoon", person),
                new("vr.organisatie", caller.OrganisationOin),
                new("vr.gegevens", string.Join("; ", personal)),
                new("vr.doel", string.Join(' ', caller.Doelen)),
                new("vr.grondslag", "afnemersregister"),
                new("vr.verzoek", reading),
            ]);
        }

        return disclosed;
    }

    private RecipientView View(Recipient organisation, Func<Recipient, Recipient> narrow, SharingPolicy policy, DateTimeOffset? moment, List<TemporaryGrant> grants)
    {
        var view = new RecipientView(new Situatiebeeld(_options), []);
        foreach (var row in Log.Rows(moment))
        {
            Take(view, row.Sequence, row.Source, row.Text, organisation, narrow, policy, moment, grants);
        }

        return view;
    }

    // The messages recorded after those a view holds, taken into it as a new view would take them.
    private RecipientView Extend(RecipientView view, Recipient organisation, Func<Recipient, Recipient> narrow, SharingPolicy policy, List<TemporaryGrant> grants)
    {
        foreach (var row in Log.RowsAfter(view.LastSequence))
        {
            Take(view, row.Sequence, row.Source, row.Text, organisation, narrow, policy, null, grants);
        }

        return view;
    }

    private static void Take(RecipientView view, long sequence, string source, string text, Recipient organisation, Func<Recipient, Recipient> narrow, SharingPolicy policy, DateTimeOffset? moment, List<TemporaryGrant> grants)
    {
        view.LastSequence = Math.Max(view.LastSequence, sequence);
        var caller = narrow(organisation);
        try
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            var decision = policy.Decide(bytes, caller);
            string? grantId = null;
            if (grants.Count > 0
                && grants.FirstOrDefault(g => g.Covers(caller.Oin, MessageVerifier.OinOf(source), Situatiebeeld.EntityOf(JsonNode.Parse(bytes)?["type"]?.GetValue<string>() ?? ""))) is { } grant)
            {
                // Under the grant the caller has its purpose and kinds of personal data too; used only where that opens more.
                var widened = policy.Decide(bytes, narrow(grant.Widen(organisation)));
                if (widened.Verdict != SharingVerdict.Refuse && (decision.Verdict == SharingVerdict.Refuse || !JsonNode.DeepEquals(widened.Message, decision.Message)))
                {
                    (decision, grantId) = (widened, grant.Id);
                }
            }

            if (decision.Verdict != SharingVerdict.Refuse && Situatiebeeld.Read(decision.Message!) is { } change && (moment is null || change.Herkomst.Time <= moment))
            {
                view.Situatiebeeld.Commit(change);
                if ((string?)decision.Message!["expirytime"] is { } expiry && DateTimeOffset.TryParse(expiry, CultureInfo.InvariantCulture, DateTimeStyles.None, out var until)
                    && (view.NextExpiry is not { } next || until < next))
                {
                    view.NextExpiry = until;
                }

                var found = policy.PersonalDataIn(decision.Message!);
                if (found.Count > 0 || grantId is not null)
                {
                    var purposes = ((string?)decision.Message!["doelbinding"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    view.Shown.Add(new Shown(change.Entity, change.Id, change.Incident, [.. found.Select(f => $"{f.Pointer} ({f.Kind})")], purposes, grantId));
                }
            }
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            // In quarantine: not in anyone's picture.
        }
    }

    /// <summary>A recipient's picture, and what in it holds personal data or was opened by a grant.</summary>
    /// <remarks>
    /// It knows the newest row it took (<see cref="LastSequence"/>), so that it can take the rows recorded since, and the
    /// earliest <c>expirytime</c> of a message in it (<see cref="NextExpiry"/>), after which it must be made again.
    /// </remarks>
    private sealed record RecipientView(Situatiebeeld Situatiebeeld, List<Shown> Shown)
    {
        public long LastSequence { get; set; }

        public DateTimeOffset? NextExpiry { get; set; }
    }

    private sealed record Shown(string Entity, string Id, string? Incident, string[] Pointers, string[] Purposes, string? Grant);

    /// <summary>The picture as it was at <paramref name="moment"/>, rebuilt from the record (without what is in quarantine).</summary>
    public Situatiebeeld At(DateTimeOffset moment)
    {
        var picture = new Situatiebeeld(_options);
        Replay(Log, moment, quarantine: false, change =>
        {
            if (change.Herkomst.Time <= moment)
            {
                picture.Commit(change);
            }
        });

        return picture;
    }

    /// <summary>
    /// Makes <paramref name="receiver"/> hand every accepted message (any type) to the record: when the receiver's inbox is
    /// <see cref="Inbox"/>, as part of the receiver's commit (a redelivery is then reported as a duplicate); with
    /// de-duplication off, at once through <see cref="Ingest"/>.
    /// </summary>
    public MessageReceiver Attach(MessageReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return receiver.HandleOther((received, _) =>
        {
            // The receiver parsed the message once; the policy's reading of it (minimised where it said so) comes first.
            var message = received.Sharing?.Message ?? JsonObject.Create(received.Document)!;
            PendingChange? change;
            try
            {
                change = Situatiebeeld.Read(message);
            }
            catch (FormatException e)
            {
                throw new MessageRefusedException(new ReceiveProblem(KnooppuntCodes.CannotMerge, "", e.Message));
            }

            var pending = new Pending(message, System.Text.Encoding.UTF8.GetString(received.Raw.Utf8.Span), change);
            if (received.Inbox is RecordEntry entry && entry.Ingest == this)
            {
                // Recorded when the receiver commits; in a batch, with the batch.
                if (_batch.Value is { } batched)
                {
                    batched.Add(pending);
                }
                else
                {
                    entry.Pending = pending;
                }
            }
            else if (_batch.Value is { } batch)
            {
                if (received.Inbox is not null)
                {
                    throw new InvalidOperationException("A batch is taken into the record as a whole, so the receiver's own inbox would commit first: make it with DeduplicationMode.Off (the record de-duplicates).");
                }

                batch.Add(pending);
            }
            else
            {
                IngestMany([pending]);
            }

            return ValueTask.CompletedTask;
        });
    }

    /// <inheritdoc/>
    public void Dispose() => Log.Dispose();
}

/// <summary>The record of a <see cref="KnooppuntIngest"/> as a receiver's inbox.</summary>
internal sealed class RecordInbox(KnooppuntIngest ingest) : IInbox
{
    public ValueTask<bool> ContainsAsync(string source, string id, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ingest.Log.Contains(source, id));

    public ValueTask<InboxEntry?> BeginAsync(string source, string id, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<InboxEntry?>(ingest.Log.Contains(source, id) ? null : new RecordEntry(ingest, null));

    /// <summary>A batch recorded and merged in one transaction of the record when it commits.</summary>
    public ValueTask<InboxBatch> BeginBatchAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<InboxBatch>(new RecordBatch(ingest));
}

/// <summary>Accepted messages on their way into the record together: recorded and merged in one transaction on commit.</summary>
internal sealed class RecordBatch(KnooppuntIngest ingest) : InboxBatch
{
    private readonly List<Pending> _kept = [];
    private readonly HashSet<(string Source, string Id)> _keys = [];

    public override ValueTask<InboxEntry?> BeginAsync(string source, string id, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<InboxEntry?>(_keys.Contains((source, id)) || ingest.Log.Contains(source, id) ? null : new RecordEntry(ingest, this) { Key = (source, id) });

    public override ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_kept.Count > 0)
        {
            ingest.IngestMany(_kept);
            _kept.Clear();
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        _kept.Clear();
        return ValueTask.CompletedTask;
    }

    internal void Keep((string Source, string Id) key, Pending pending)
    {
        _keys.Add(key);
        _kept.Add(pending);
    }
}

/// <summary>An accepted message on its way into the record: recorded and merged on commit (in a batch, with the batch).</summary>
internal sealed class RecordEntry(KnooppuntIngest ingest, RecordBatch? batch) : InboxEntry
{
    public KnooppuntIngest Ingest => ingest;

    public Pending? Pending { get; set; }

    public (string Source, string Id) Key { get; init; }

    public override ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        if (Pending is { } pending)
        {
            if (batch is not null)
            {
                batch.Keep(Key, pending);
            }
            else
            {
                ingest.IngestMany([pending]);
            }
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A message on its way into the record: as read, as it arrived (when known), and what it changes in the picture.</summary>
internal sealed record Pending(JsonObject Message, string? Text, PendingChange? Change);

/// <summary>Why the record could not be written, and since when.</summary>
/// <param name="Since">The first failed write of this spell.</param>
/// <param name="Reason">The store's error, in English.</param>
public sealed record WriteFailure(DateTimeOffset Since, string Reason);

/// <summary>Codes of a node's own refusals.</summary>
public static class KnooppuntCodes
{
    /// <summary>
    /// A valid message the situation picture cannot merge (a member of a shape it cannot read); refused, and nothing
    /// is recorded.
    /// </summary>
    public const string CannotMerge = "VR-KNOOP-001";
}

/// <summary>Which messages changed the picture: their type and their data's id.</summary>
public sealed class SituatiebeeldChangedEventArgs : EventArgs
{
    internal SituatiebeeldChangedEventArgs(IReadOnlyList<(string Type, string Id)> messages) => Messages = messages;

    /// <summary>The type and data id of each message that changed the picture, in order.</summary>
    public IReadOnlyList<(string Type, string Id)> Messages { get; }
}

/// <summary>Registration of a node's building blocks in a service collection.</summary>
public static class KnooppuntServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="KnooppuntIngest"/> (singleton) whose record is <c>berichten.db</c> in
    /// <paramref name="dataFolder"/> (created when missing), with the picture's options set by <paramref name="configure"/>,
    /// and the antiforgery service the portal's forms use (cookie <c>knooppunt-antivervalsing</c>, header <c>X-Antivervalsing</c>).
    /// </summary>
    public static IServiceCollection AddKnooppunt(this IServiceCollection services, string dataFolder, Action<SituatiebeeldOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        var options = new SituatiebeeldOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        // The portal's forms carry a token of GET /sessie; another site's page cannot read it.
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "knooppunt-antivervalsing";
            antiforgery.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            antiforgery.HeaderName = "X-Antivervalsing";
        });
        services.AddSingleton(_ =>
        {
            Directory.CreateDirectory(dataFolder);
            return new KnooppuntIngest(Path.Combine(dataFolder, "berichten.db"), options);
        });
        return services;
    }
}
