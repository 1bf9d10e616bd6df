using NATS.Client.Core;
using NATS.Client.JetStream;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport.Nats;
using Xunit.Abstractions;

namespace Vr.Standaarden.Transport.Tests.Nats;

public sealed class BrokerFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-fout-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public async Task The_broker_killed_with_SIGKILL_in_the_middle_of_10000_messages_and_restarted_loses_none_and_duplicates_none()
    {
        const int Count = 10_000;
        using var server = NatsServer.StartJetStream();
        await using var nats = new NatsConnection(new NatsOpts { Url = server.Url, MaxReconnectRetry = -1, ReconnectWaitMin = TimeSpan.FromMilliseconds(100), ReconnectWaitMax = TimeSpan.FromMilliseconds(500) });
        var js = new NatsJSContext(nats);
        await NatsStreams.EnsureNodeAsync(js, "VR15");

        using var outbox = new SqliteOutbox(Path.Combine(_folder, "uit.db"), new OutboxOptions { BatchSize = 200, RetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromSeconds(1) });
        await outbox.AddAsync(TestMessages.Incidents(Count));
        var sender = new CountingSender(new NatsMessageSender(js, new NatsSenderOptions { Node = "VR15" }));

        using var effects = new Effects(Path.Combine(_folder, "in.db"));
        var options = TestMessages.Unsigned(effects.Inbox);
        options.Validation = ValidationMode.Off;
        var receiver = new MessageReceiver(options).HandleOther((m, _) => Effects.Apply(m));
        long receiverDuplicates = 0;
        receiver.Completed += (_, o) =>
        {
            if (o.Status == ReceiveStatus.Duplicate)
            {
                Interlocked.Increment(ref receiverDuplicates);
            }
        };

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var delivering = outbox.DeliverAsync(sender, cts.Token);
        var receiving = receiver.RunAsync(new NatsMessageSource(js, new NatsSourceOptions { Node = "VR15", Consumer = "knooppunt", AckWait = TimeSpan.FromSeconds(5) }), cts.Token);

        while (outbox.Counts().Delivered < Count * 3 / 10 && !delivering.IsCompleted)
        {
            await Task.Delay(20, cts.Token);
        }

        var atKill = (Delivered: outbox.Counts().Delivered, Handled: effects.Count);
        server.Kill();
        await Task.Delay(TimeSpan.FromSeconds(2), cts.Token);
        server.Start();

        var counts = await delivering;
        await effects.WaitForAsync(Count, TimeSpan.FromSeconds(120));
        await Task.Delay(TimeSpan.FromSeconds(1));
        await cts.CancelAsync();
        await receiving;

        var stored = (await js.GetStreamAsync("VR15")).Info.State.Messages;
        var distinct = effects.Distinct;
        FaultReport.Write(output, "broker SIGKILL mid-run", Count, distinct, sender.Duplicates + Interlocked.Read(ref receiverDuplicates), Count - distinct,
            $"killed after {atKill.Delivered} acknowledged and {atKill.Handled} handled; {sender.Failed} publishes retried; stream holds {stored}");
        Assert.True(atKill.Delivered < Count, "The broker was killed before all messages were sent.");
        Assert.Equal(Count, counts.Delivered);
        Assert.Equal(0, counts.Pending);
        Assert.Equal(Count, stored);
        Assert.Equal(Count, distinct);
        Assert.Equal(Count, effects.Count);
    }

    [Fact]
    public async Task Every_message_delivered_twice_on_purpose_has_one_effect()
    {
        const int Count = 1_000;
        using var server = NatsServer.StartJetStream();
        await using var nats = new NatsConnection(new NatsOpts { Url = server.Url });
        var js = new NatsJSContext(nats);
        await NatsStreams.EnsureNodeAsync(js, "VR15");
        var messages = TestMessages.Incidents(Count);

        // Twice through the binding: the stream refuses the second copy on Nats-Msg-Id.
        var sender = new CountingSender(new NatsMessageSender(js, new NatsSenderOptions { Node = "VR15" }));
        await sender.SendAsync(messages);
        await sender.SendAsync(messages);

        // Twice more around it, without Nats-Msg-Id, as a system that publishes on its own would: the inbox refuses these.
        foreach (var message in messages.Concat(messages))
        {
            (await js.PublishAsync("vr.15.incident", message.Utf8.ToArray(), NatsRawSerializer<byte[]>.Default)).EnsureSuccess();
        }

        using var effects = new Effects(Path.Combine(_folder, "in.db"));
        var options = TestMessages.Unsigned(effects.Inbox);
        options.Validation = ValidationMode.Off;
        var receiver = new MessageReceiver(options).HandleOther((m, _) => Effects.Apply(m));
        long receiverDuplicates = 0, handled = 0;
        receiver.Completed += (_, o) =>
        {
            Interlocked.Increment(ref handled);
            if (o.Status == ReceiveStatus.Duplicate)
            {
                Interlocked.Increment(ref receiverDuplicates);
            }
        };
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var receiving = receiver.RunAsync(new NatsMessageSource(js, new NatsSourceOptions { Node = "VR15", Consumer = "knooppunt" }), cts.Token);
        while (Interlocked.Read(ref handled) < 3 * Count && !cts.IsCancellationRequested)
        {
            await Task.Delay(20);
        }

        await cts.CancelAsync();
        await receiving;
        var distinct = effects.Distinct;
        FaultReport.Write(output, "every message delivered twice", Count, distinct, sender.Duplicates + receiverDuplicates, Count - distinct,
            $"{sender.Duplicates} refused by the stream on Nats-Msg-Id, {receiverDuplicates} by the inbox");
        Assert.Equal(Count, sender.Duplicates);
        Assert.Equal(2 * Count, receiverDuplicates);
        Assert.Equal(Count, distinct);
        Assert.Equal(Count, effects.Count);
    }

    /// <summary>Counts what the binding reported, passing everything through.</summary>
    private sealed class CountingSender(IMessageSender inner) : IMessageSender
    {
        private long _duplicates;
        private long _failed;

        public long Duplicates => Interlocked.Read(ref _duplicates);

        public long Failed => Interlocked.Read(ref _failed);

        public async Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<TransportMessage> messages, CancellationToken cancellationToken = default)
        {
            var outcomes = await inner.SendAsync(messages, cancellationToken);
            Interlocked.Add(ref _duplicates, outcomes.Count(o => o.Status == DeliveryStatus.Duplicate));
            Interlocked.Add(ref _failed, outcomes.Count(o => o.Status == DeliveryStatus.Failed));
            return outcomes;
        }
    }
}
