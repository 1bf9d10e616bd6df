using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Vr.Standaarden.Transport.Tests;

/// <summary>
/// Group commit: the receiver takes waiting messages through one commit of the inbox, handles them in the order they
/// arrived, and acknowledges none before the commit that holds it.
/// </summary>
public sealed class BatchTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-batch-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private Effects NewEffects() => new(Path.Combine(_folder, $"{Guid.NewGuid():N}.db"));

    /// <summary>A receiver whose handler writes the effect in the inbox entry and notes the message's id in <paramref name="handled"/>.</summary>
    private static MessageReceiver Recording(ReceiverOptions options, List<string> handled) =>
        new MessageReceiver(options).HandleOther(async (m, _) =>
        {
            await Effects.Apply(m);
            handled.Add(m.Raw.Id);
        });

    [Fact]
    public async Task A_sqlite_batch_keeps_committed_entries_undoes_disposed_ones_and_knows_its_own_duplicates()
    {
        var path = Path.Combine(_folder, "inbox.db");
        using (var effects = new Effects(path))
        {
            await using (var batch = await effects.Inbox.BeginBatchAsync())
            {
                var a = await batch.BeginAsync("s", "a");
                Assert.NotNull(a);
                Write(a, "a");
                await a.CommitAsync();
                await a.DisposeAsync();

                var b = await batch.BeginAsync("s", "b");
                Assert.NotNull(b);
                Write(b, "b");
                await b.DisposeAsync();

                Assert.Null(await batch.BeginAsync("s", "a"));
                var b2 = await batch.BeginAsync("s", "b");
                Assert.NotNull(b2);
                await b2.CommitAsync();

                // Nothing is visible outside before the batch commits.
                Assert.False(effects.Holds("s", "a"));
                await batch.CommitAsync();
            }

            Assert.True(effects.Holds("s", "a"));
            Assert.False(effects.Holds("s", "b"));
            Assert.True(await effects.Inbox.ContainsAsync("s", "b"));
            Assert.Equal(2, effects.Inbox.Count);

            // A batch disposed without a commit leaves nothing, and the inbox is free for the next caller.
            await using (var batch = await effects.Inbox.BeginBatchAsync())
            {
                var c = await batch.BeginAsync("s", "c");
                Write(c!, "c");
                await c!.CommitAsync();
            }

            Assert.False(await effects.Inbox.ContainsAsync("s", "c"));
            Assert.False(effects.Holds("s", "c"));
            await using var single = await effects.Inbox.BeginAsync("s", "c");
            Assert.NotNull(single);
        }

        static void Write(InboxEntry entry, string id)
        {
            var sqlite = (SqliteInboxEntry)entry;
            using var command = sqlite.Connection.CreateCommand();
            command.Transaction = sqlite.Transaction;
            command.CommandText = "INSERT INTO effecten (source, id) VALUES ('s', $i)";
            command.Parameters.AddWithValue("$i", id);
            command.ExecuteNonQuery();
        }
    }

    [Fact]
    public async Task Waiting_messages_commit_together_are_handled_in_the_order_they_arrived_and_acknowledged_only_once_durable()
    {
        using var effects = NewEffects();
        var options = TestMessages.Unsigned(effects.Inbox);
        options.MaxBatch = 64;
        var handled = new List<string>();
        var receiver = Recording(options, handled);
        var sources = new[] { "GMS", "LCMS", "P2000" }.Select(s => $"urn:nld:oin:{TestMessages.Sender}:systeem:{s}").ToArray();
        var messages = Enumerable.Range(0, 300).Select(i => TestMessages.Incident(i, sources[i % 3])).ToList();
        var broken = TestMessages.IncidentJson(900);
        broken["tlp"] = "TLP:PAARS";
        messages.Insert(100, TransportMessage.Parse(System.Text.Encoding.UTF8.GetBytes(broken.ToJsonString())));
        messages.Insert(200, messages[5]);
        var source = new WitnessSource(messages, effects);
        var commits = new List<int>();
        using var trace = new Activity("test").Start();
        using var listener = CommitListener(trace.TraceId, commits);

        await receiver.RunAsync(source);

        Assert.Equal(300, effects.Count);
        Assert.Equal(300, effects.Distinct);
        Assert.Equal(messages.Where((m, i) => i != 100 && i != 200).Select(m => m.Id), handled);
        Assert.Equal(301, source.Acknowledged.Count);
        Assert.Empty(source.AcknowledgedBeforeDurable);
        Assert.Equal(["bericht-000900"], source.Rejected);

        // Grouped: no commit holds more than the bound, and far fewer commits than messages.
        Assert.All(commits, c => Assert.InRange(c, 0, 64));
        Assert.Equal(300, commits.Sum());
        Assert.InRange(commits.Count, 5, 60);
    }

    [Fact]
    public async Task A_handler_that_fails_in_a_batch_undoes_only_its_own_message_which_comes_again()
    {
        using var effects = NewEffects();
        var options = TestMessages.Unsigned(effects.Inbox);
        options.RetryDelay = TimeSpan.Zero;
        var failed = 0;
        var receiver = new MessageReceiver(options).HandleOther(async (m, _) =>
        {
            await Effects.Apply(m);
            if (m.Raw.Id == "bericht-000037" && Interlocked.Increment(ref failed) == 1)
            {
                throw new IOException("the application's database is locked");
            }
        });
        var channel = new InProcessChannel();
        await channel.SendAsync(TestMessages.Incidents(100));
        var outcomes = new ConcurrentQueue<ReceiveOutcome>();
        receiver.Completed += (_, o) => outcomes.Enqueue(o);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = receiver.RunAsync(channel, cts.Token);
        while (outcomes.Count(o => o.Status == ReceiveStatus.Accepted) < 100 && !cts.IsCancellationRequested)
        {
            await Task.Delay(10);
        }

        await cts.CancelAsync();
        await run;
        Assert.Equal(100, effects.Count);
        Assert.Equal(100, effects.Distinct);
        var failure = Assert.Single(outcomes, o => o.Status == ReceiveStatus.Failed);
        Assert.Equal(("bericht-000037", TransportCodes.HandlerFailed), (failure.Id, failure.Problems[0].Code));
        Assert.Empty(channel.DeadLetters);
    }

    [Fact]
    public async Task When_a_batch_cannot_commit_none_of_it_is_acknowledged_and_all_of_it_is_handled_again_once()
    {
        using var effects = NewEffects();
        var inbox = new FailingCommits(effects.Inbox, failures: 1);
        var options = TestMessages.Unsigned(inbox);
        options.MaxBatch = 500;
        var receiver = new MessageReceiver(options).HandleOther((m, _) => Effects.Apply(m));
        var messages = TestMessages.Incidents(50);
        var source = new WitnessSource(messages, effects, redeliver: true);
        var outcomes = new List<ReceiveOutcome>();
        receiver.Completed += (_, o) => outcomes.Add(o);

        await receiver.RunAsync(source);

        Assert.True(inbox.Failed > 0);
        var failedIds = outcomes.Where(o => o.Status == ReceiveStatus.Failed).Select(o => o.Id).ToList();
        Assert.NotEmpty(failedIds);
        Assert.All(outcomes.Where(o => o.Status == ReceiveStatus.Failed), o => Assert.Equal(TransportCodes.Unavailable, o.Problems[0].Code));
        Assert.Equal(50, effects.Count);
        Assert.Equal(50, effects.Distinct);
        Assert.Equal(50, source.Acknowledged.Count);
        Assert.Empty(source.AcknowledgedBeforeDurable);
        Assert.Equal(failedIds.Order(), source.Retried.Order());
    }

    [Fact]
    public async Task A_batch_of_bytes_gets_one_outcome_per_message_in_order_and_one_commit()
    {
        using var effects = NewEffects();
        var options = TestMessages.Unsigned(effects.Inbox);
        options.Parallelism = 2;
        var handled = new List<string>();
        var receiver = Recording(options, handled);
        var messages = TestMessages.Incidents(120).Select(m => m.Utf8).ToList();
        var broken = TestMessages.IncidentJson(900);
        broken["tlp"] = "TLP:PAARS";
        messages.Insert(40, System.Text.Encoding.UTF8.GetBytes(broken.ToJsonString()));
        messages.Insert(80, messages[3]);
        messages.Insert(0, "{\"niet\": "u8.ToArray());
        var commits = new List<int>();
        using var trace = new Activity("test").Start();
        using var listener = CommitListener(trace.TraceId, commits);

        var outcomes = await receiver.ReceiveBatchAsync(messages);

        Assert.Equal(messages.Count, outcomes.Count);
        Assert.Equal(TransportCodes.NotAMessage, outcomes[0].Problems[0].Code);
        Assert.Equal((ReceiveStatus.Refused, "bericht-000900"), (outcomes[41].Status, outcomes[41].Id));
        Assert.Equal((ReceiveStatus.Duplicate, "bericht-000003"), (outcomes[81].Status, outcomes[81].Id));
        var accepted = outcomes.Where(o => o.Status == ReceiveStatus.Accepted).Select(o => o.Id!).ToList();
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"bericht-{i:D6}"), accepted);
        Assert.Equal(accepted, handled);
        Assert.Equal([120], commits);
        Assert.Equal(120, effects.Count);
        Assert.Equal(120, effects.Distinct);

        // Given again, the whole batch is known to the inbox: duplicates, and no effect twice.
        var again = await receiver.ReceiveBatchAsync(messages.Skip(1).Where((_, i) => i != 40).ToList());
        Assert.All(again, o => Assert.Equal(ReceiveStatus.Duplicate, o.Status));
        Assert.Equal(120, effects.Count);
        Assert.Empty(await receiver.ReceiveBatchAsync([]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Acknowledgements_wait_for_the_group_commit_and_only_for_it(bool groupCommit)
    {
        using var effects = NewEffects();
        var events = new ConcurrentQueue<string>();
        var options = TestMessages.Unsigned(groupCommit ? effects.Inbox : new WithoutGroupCommit(effects.Inbox));
        var receiver = new MessageReceiver(options).HandleOther(async (m, _) =>
        {
            await Effects.Apply(m);
            events.Enqueue("handled " + m.Raw.Id);
        });
        var source = new WitnessSource(TestMessages.Incidents(6), effects) { OnAcknowledged = id => events.Enqueue("acknowledged " + id) };

        await receiver.RunAsync(source);

        Assert.Empty(source.AcknowledgedBeforeDurable);
        var ids = Enumerable.Range(0, 6).Select(i => $"bericht-{i:D6}").ToList();
        var order = events.ToList();
        if (groupCommit)
        {
            // A batch's messages are all handled before the first of them is acknowledged: after the batch's commit.
            Assert.All(ids, id => Assert.True(order.IndexOf("handled " + id) < order.IndexOf("acknowledged " + id)));
            Assert.Equal(12, order.Count);
        }
        else
        {
            // Each entry is durable when handled: acknowledged before the next handler runs.
            Assert.Equal(ids.SelectMany(id => new[] { "handled " + id, "acknowledged " + id }), order);
        }
    }

    [Fact]
    public void A_batch_bound_or_parallelism_below_one_is_refused_when_the_receiver_is_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off, MaxBatch = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Deduplication = DeduplicationMode.Off, Parallelism = 0 }));
    }

    private static ActivityListener CommitListener(ActivityTraceId trace, List<int> commits)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == MessageReceiver.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.TraceId == trace && a.OperationName == "vr.transport.commit")
                {
                    lock (commits)
                    {
                        commits.Add((int)a.GetTagItem("vr.count")!);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>
    /// A binding that hands out its messages all at once and, at every acknowledgement, looks in the inbox's file from
    /// outside for the message's effect: an acknowledgement before the effect is durable is recorded as such. With
    /// <c>redeliver</c>, a retried message is delivered again; the source ends when every message is settled for good.
    /// </summary>
    private sealed class WitnessSource(IReadOnlyList<TransportMessage> messages, Effects effects, bool redeliver = false) : IMessageSource
    {
        private readonly System.Threading.Channels.Channel<IncomingMessage> _queue = System.Threading.Channels.Channel.CreateUnbounded<IncomingMessage>();
        private int _open;

        private Effects Effects => effects;

        private bool Redeliver => redeliver;

        public ConcurrentQueue<string> Acknowledged { get; } = new();

        public Action<string>? OnAcknowledged { get; init; }

        public ConcurrentQueue<string> AcknowledgedBeforeDurable { get; } = new();

        public ConcurrentQueue<string> Rejected { get; } = new();

        public ConcurrentQueue<string> Retried { get; } = new();

        public async IAsyncEnumerable<IncomingMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            _open = messages.Count;
            foreach (var message in messages)
            {
                _queue.Writer.TryWrite(new Witnessed(this, message, 1));
            }

            await foreach (var incoming in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                yield return incoming;
            }
        }

        private void Settled()
        {
            if (Interlocked.Decrement(ref _open) == 0)
            {
                _queue.Writer.TryComplete();
            }
        }

        private sealed class Witnessed(WitnessSource owner, TransportMessage message, int count) : IncomingMessage(message.Utf8, count)
        {
            public override ValueTask AcknowledgeAsync(CancellationToken cancellationToken = default)
            {
                owner.Acknowledged.Enqueue(message.Id);
                owner.OnAcknowledged?.Invoke(message.Id);
                if (!owner.Effects.Holds(message.Source, message.Id))
                {
                    owner.AcknowledgedBeforeDurable.Enqueue(message.Id);
                }

                owner.Settled();
                return ValueTask.CompletedTask;
            }

            public override ValueTask RetryAsync(TimeSpan delay, CancellationToken cancellationToken = default)
            {
                owner.Retried.Enqueue(message.Id);
                if (owner.Redeliver)
                {
                    owner._queue.Writer.TryWrite(new Witnessed(owner, message, DeliveryCount + 1));
                }
                else
                {
                    owner.Settled();
                }

                return ValueTask.CompletedTask;
            }

            public override ValueTask RejectAsync(ReceiveOutcome outcome, CancellationToken cancellationToken = default)
            {
                owner.Rejected.Enqueue(message.Id);
                owner.Settled();
                return ValueTask.CompletedTask;
            }
        }
    }

    /// <summary>An inbox that leaves batches to the interface's default: each entry commits by itself.</summary>
    private sealed class WithoutGroupCommit(SqliteInbox inner) : IInbox
    {
        public ValueTask<bool> ContainsAsync(string source, string id, CancellationToken cancellationToken = default) => inner.ContainsAsync(source, id, cancellationToken);

        public ValueTask<InboxEntry?> BeginAsync(string source, string id, CancellationToken cancellationToken = default) => inner.BeginAsync(source, id, cancellationToken);
    }

    /// <summary>An inbox whose first <c>failures</c> batches fail to commit, as a store does on a full disk.</summary>
    private sealed class FailingCommits(SqliteInbox inner, int failures) : IInbox
    {
        public int Failed { get; private set; }

        private int Failures => failures;

        public ValueTask<bool> ContainsAsync(string source, string id, CancellationToken cancellationToken = default) => inner.ContainsAsync(source, id, cancellationToken);

        public ValueTask<InboxEntry?> BeginAsync(string source, string id, CancellationToken cancellationToken = default) => inner.BeginAsync(source, id, cancellationToken);

        public async ValueTask<InboxBatch> BeginBatchAsync(CancellationToken cancellationToken = default) =>
            new Batch(this, await inner.BeginBatchAsync(cancellationToken));

        private sealed class Batch(FailingCommits owner, InboxBatch inner) : InboxBatch
        {
            public override ValueTask<InboxEntry?> BeginAsync(string source, string id, CancellationToken cancellationToken = default) => inner.BeginAsync(source, id, cancellationToken);

            public override ValueTask CommitAsync(CancellationToken cancellationToken = default)
            {
                if (owner.Failed < owner.Failures)
                {
                    owner.Failed++;
                    throw new IOException("database or disk is full");
                }

                return inner.CommitAsync(cancellationToken);
            }

            public override ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
