using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Sqlite;

namespace Vr.Standaarden.Knooppunt.Tests;

public sealed class IngestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-ingest-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task Messages_from_the_receiver_reach_the_record_and_the_picture_once_and_a_restart_resumes()
    {
        var services = new ServiceCollection().AddKnooppunt(Path.Combine(_folder, "data"), o => o.LocationToleranceMetres = 100).BuildServiceProvider();
        var ingest = services.GetRequiredService<KnooppuntIngest>();
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
        var channel = new InProcessChannel();
        var gms = TestIncidents.WithGrip("urn:nld:oin:00000004000000042000:systeem:GMS", 20, "GRIP1");
        await channel.SendAsync([gms, TestIncidents.WithGrip("urn:nld:oin:00000004000000043000:systeem:LCMS", 25, "GRIP2"), gms]);
        channel.Complete();
        await receiver.RunAsync(channel);

        Assert.Equal(2, ingest.Log.Count);
        var grip = ingest.Read(p => Assert.Single(p.Incident("INC-15-2026-0042")!.Contradictions));
        Assert.Equal("grip", grip.Field);
        Assert.Equal("GRIP1", (string?)ingest.At(new DateTimeOffset(2026, 11, 20, 21, 22, 0, TimeSpan.FromHours(1))).Incident("INC-15-2026-0042")!.Fields["grip"].Value);
        services.Dispose();

        using var restarted = new KnooppuntIngest(Path.Combine(_folder, "data", "berichten.db"));
        Assert.Equal("GRIP2", (string?)restarted.Situatiebeeld.Incident("INC-15-2026-0042")!.Fields["grip"].Value);
        Assert.Single(restarted.Situatiebeeld.Incident("INC-15-2026-0042")!.Contradictions);
        Assert.False(restarted.Ingest(JsonNode.Parse(gms.Utf8.Span)!.AsObject()));
    }

    [Fact]
    public async Task A_batch_is_recorded_in_one_transaction_traced_step_by_step_and_a_duplicate_in_it_has_no_effect()
    {
        // Only this test's activities: those of its own trace (other tests of the assembly run at the same time).
        using var trace = new System.Diagnostics.Activity("test").Start();
        var activities = new List<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name is KnooppuntIngest.MeterName or "Vr.Standaarden.Transport",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId != trace.TraceId)
                {
                    return;
                }

                lock (activities)
                {
                    activities.Add(activity);
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "batch.db"));
        var changes = new List<SituatiebeeldChangedEventArgs>();
        ingest.Changed += (_, e) => changes.Add(e);
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
        var gms = TestIncidents.WithGrip("urn:nld:oin:00000004000000042000:systeem:GMS", 20, "GRIP1");
        var lcms = TestIncidents.WithGrip("urn:nld:oin:00000004000000043000:systeem:LCMS", 25, "GRIP2");
        var outcomes = await ingest.ReceiveBatchAsync(receiver, [gms.Utf8, lcms.Utf8, gms.Utf8, "{}"u8.ToArray()]);

        Assert.Equal([ReceiveStatus.Accepted, ReceiveStatus.Accepted, ReceiveStatus.Duplicate, ReceiveStatus.Refused], outcomes.Select(o => o.Status));
        Assert.Equal(2, ingest.Log.Count);
        var change = Assert.Single(changes);
        Assert.Equal([(Situatiebeeld.IncidentType, "INC-15-2026-0042"), (Situatiebeeld.IncidentType, "INC-15-2026-0042")], change.Messages);
        lock (activities)
        {
            var store = Assert.Single(activities, a => a.OperationName == "knooppunt.opslaan");
            Assert.Equal(3, store.GetTagItem("vr.count"));
            Assert.Equal(2, Assert.Single(activities, a => a.OperationName == "knooppunt.samenvoegen").GetTagItem("vr.count"));
            Assert.True(activities.Count(a => a.Source.Name == "Vr.Standaarden.Transport") >= 4);
        }

        // A receiver with an inbox of its own would commit before the record does: refused for batches.
        using var inbox = new SqliteInbox(Path.Combine(_folder, "inbox.db"));
        var withInbox = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Inbox = inbox }));
        var failed = await ingest.ReceiveBatchAsync(withInbox, [TestIncidents.WithGrip("urn:nld:oin:00000004000000044000:systeem:X", 30, "GRIP1").Utf8]);
        Assert.NotEqual(ReceiveStatus.Accepted, Assert.Single(failed).Status);
        Assert.Equal(2, ingest.Log.Count);
    }

    [Fact]
    public async Task A_batch_checked_on_every_core_is_recorded_in_the_order_given()
    {
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "order.db"));
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off }));
        // Three sources interleaved, each with its own ids in its own order, some of them refused on the way.
        var sources = new[] { "urn:nld:oin:00000004000000042000:systeem:GMS", "urn:nld:oin:00000004000000043000:systeem:LCMS", "urn:nld:oin:00000004000000044000:systeem:X" };
        var messages = Enumerable.Range(0, 300).Select(i =>
        {
            var message = TestIncidents.Message(sources[i % 3], i, new DateTimeOffset(2026, 11, 20, 21, 0, 0, TimeSpan.FromHours(1)).AddSeconds(i));
            if (i % 50 == 49)
            {
                message["data"]!["grip"] = "GRIP9";
            }

            return (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(message.ToJsonString());
        }).ToList();

        var outcomes = await ingest.ReceiveBatchAsync(receiver, messages);

        Assert.Equal(6, outcomes.Count(o => o.Status == ReceiveStatus.Refused));
        var accepted = outcomes.Where(o => o.Status == ReceiveStatus.Accepted).Select(o => o.Id).ToList();
        Assert.Equal(294, accepted.Count);
        Assert.Equal(accepted, ingest.Log.After(0, 1000).Select(r => (string?)r.Message["id"]));
    }

    [Fact]
    public async Task A_receiver_with_the_record_as_inbox_records_waiting_messages_in_one_transaction_each_batch()
    {
        using var trace = new System.Diagnostics.Activity("test").Start();
        var stores = new List<int>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == KnooppuntIngest.MeterName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == trace.TraceId && activity.OperationName == "knooppunt.opslaan")
                {
                    lock (stores)
                    {
                        stores.Add((int)activity.GetTagItem("vr.count")!);
                    }
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var ingest = new KnooppuntIngest(Path.Combine(_folder, "grouped.db"));
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Inbox = ingest.Inbox, MaxBatch = 50 }));
        var sources = new[] { "urn:nld:oin:00000004000000042000:systeem:GMS", "urn:nld:oin:00000004000000043000:systeem:LCMS" };
        var messages = Enumerable.Range(0, 400).Select(i => TransportMessage.Parse(Encoding.UTF8.GetBytes(
            TestIncidents.Message(sources[i % 2], i, new DateTimeOffset(2026, 11, 20, 21, 0, 0, TimeSpan.FromHours(1)).AddSeconds(i)).ToJsonString()))).ToList();
        var channel = new InProcessChannel();
        // Each message twice: a redelivery in the same batch or a later one is a duplicate all the same.
        await channel.SendAsync([.. messages.SelectMany(m => new[] { m, m })]);
        channel.Complete();
        var outcomes = new List<ReceiveOutcome>();
        receiver.Completed += (_, o) => outcomes.Add(o);

        await receiver.RunAsync(channel);

        Assert.Equal(400, outcomes.Count(o => o.Status == ReceiveStatus.Accepted));
        Assert.Equal(400, outcomes.Count(o => o.Status == ReceiveStatus.Duplicate));
        Assert.Equal(messages.Select(m => m.Id), ingest.Log.After(0, 1000).Select(r => (string?)r.Message["id"]));
        Assert.Equal(400, stores.Sum());
        Assert.All(stores, count => Assert.InRange(count, 1, 50));
        Assert.InRange(stores.Count, 8, 200);
    }

    [Fact]
    public void The_record_is_read_back_a_page_at_a_time_in_the_order_of_time_and_a_restart_rebuilds_the_same_picture()
    {
        var path = Path.Combine(_folder, "pages.db");
        var start = new DateTimeOffset(2026, 11, 20, 21, 0, 0, TimeSpan.FromHours(1));
        using (var log = new MessageLog(path))
        {
            // Recorded out of time order, with runs of equal times that straddle the page boundaries below.
            var messages = Enumerable.Range(0, 2500).Select(i => TestIncidents.Message(
                $"urn:nld:oin:00000004000000042000:systeem:S{i % 7}", i, start.AddSeconds((2500 - i) / 9), data => data["id"] = $"INC-15-2026-{i % 40:D4}")).ToList();
            messages[1234]["subject"] = "Brand in café \u2615 \U0001F692";
            log.AddMany(messages);
            var paged = log.Pages(null, 100).SelectMany(p => p).Select(r => r.Sequence).ToList();
            Assert.Equal(log.Rows(null).Select(r => r.Text), log.Pages(null, 100).SelectMany(p => p).Select(r => Encoding.UTF8.GetString(r.Utf8)));
            Assert.Equal(log.Rows(null).Select(r => r.Sequence), paged);
            Assert.Equal(2500, paged.Distinct().Count());
            var until = start.AddSeconds(100);
            Assert.Equal(log.Rows(until).Select(r => r.Sequence), log.Pages(until, 64).SelectMany(p => p).Select(r => r.Sequence));
            Assert.Empty(log.Pages(start.AddDays(-1), 10));
        }

        using var first = new KnooppuntIngest(path);
        var picture = first.Read(p => p.IncidentIds.Select(id => (id, p.Incident(id)!.Fields["grip"].Value?.ToJsonString(), p.Incident(id)!.Contradictions.Count)).ToList());
        Assert.Equal(40, picture.Count);
        var moment = first.At(start.AddSeconds(100));
        first.Dispose();
        using var again = new KnooppuntIngest(path);
        Assert.Equal(picture, again.Read(p => p.IncidentIds.Select(id => (id, p.Incident(id)!.Fields["grip"].Value?.ToJsonString(), p.Incident(id)!.Contradictions.Count)).ToList()));
        Assert.Equal(moment.IncidentIds, again.At(start.AddSeconds(100)).IncidentIds);
    }
}
